// Package servertest is the portal's one HTTP test harness: a browser-like client (cookies
// kept, redirects not followed, so a test sees each Post/Redirect/Get step), forms as a
// browser posts them (url-encoded, or multipart with files), and responses whose HTML is
// checked by CSS selector rather than by searching the raw text: a message must be in the
// element that shows it (a field's error, the flash, a table cell), and an input's value is
// read as the browser reads it (entities decoded).
//
// It does not build the portal: each test package starts its server (it needs its own
// database, seed and configuration) and hands the URL to NewClient. So the tests inside
// package server can use it as well as those outside.
package servertest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// Client is one browser: its cookies, its base URL.
type Client struct {
	t    testing.TB
	Base string
	HTTP *http.Client
}

// NewClient is a browser with no cookies yet on base (the test server's URL).
func NewClient(t testing.TB, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, Base: base, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// SignIn posts the login form and fails the test unless the portal answers with its
// redirect (303).
func (c *Client) SignIn(username, password string) *Client {
	c.t.Helper()
	if res := c.Login(username, password); res.Status != http.StatusSeeOther {
		c.t.Fatalf("sign in %s: status %d", username, res.Status)
	}
	return c
}

// Login posts the login form and returns the answer, for tests of the sign-in itself.
func (c *Client) Login(username, password string) *Response {
	c.t.Helper()
	return c.Post("/login", url.Values{"username": {username}, "password": {password}})
}

// Do sends a request and reads the whole answer.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &Response{t: c.t, Status: res.StatusCode, Location: res.Header.Get("Location"), Header: res.Header,
		Body: string(b), Raw: b, Request: res.Request}
}

// Request sends method to path with the given body, content type and headers.
func (c *Client) Request(method, path string, body io.Reader, contentType string, header map[string]string) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.Do(req)
}

// Get fetches a page.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.Request(http.MethodGet, path, nil, "", nil)
}

// Follow fetches a page and follows its redirects, as a browser does when a link lands on
// another page; the answer's Request is the last one, so Request.URL says where it landed.
func (c *Client) Follow(path string) *Response {
	c.t.Helper()
	res := c.Get(path)
	for hops := 0; res.Location != "" && res.Status >= 300 && res.Status < 400; hops++ {
		if hops == 10 {
			c.t.Fatalf("GET %s: more than 10 redirects", path)
		}
		next, err := res.Request.URL.Parse(res.Location)
		if err != nil {
			c.t.Fatal(err)
		}
		res = c.Request(http.MethodGet, next.RequestURI(), nil, "", nil)
	}
	return res
}

// Post sends a form url-encoded, as a form without files is sent.
func (c *Client) Post(path string, form url.Values) *Response {
	c.t.Helper()
	return c.Request(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", nil)
}

// Send sends method to path with a url-encoded form (none when form is nil) and extra
// headers: a HEAD, a post from another origin or through a proxy.
func (c *Client) Send(method, path string, form url.Values, header map[string]string) *Response {
	c.t.Helper()
	if form == nil {
		return c.Request(method, path, nil, "", header)
	}
	return c.Request(method, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", header)
}

// File is a file chosen in a form's file field.
type File struct {
	Field, Name string
	Content     []byte
}

// PostMultipart sends a form as multipart/form-data, with any files.
func (c *Client) PostMultipart(path string, form url.Values, files ...File) *Response {
	c.t.Helper()
	body, ctype := Multipart(c.t, form, files...)
	return c.Request(http.MethodPost, path, body, ctype, nil)
}

// Multipart encodes a form and its files as a browser does; it returns the body and
// its content type.
func Multipart(t testing.TB, form url.Values, files ...File) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vals := range form {
		for _, s := range vals {
			if err := mw.WriteField(k, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f.Field, f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.Content); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// Cookie is the value of the browser's cookie name for the base URL ("" when none).
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.Base)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

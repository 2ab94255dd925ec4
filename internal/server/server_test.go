// TestMain for this package (internal and _test) is in main_test.go.
package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

var (
	seedOnce sync.Once
	seedErr  error
)

// newPortal serves the portal on the package database with the demo data.
func newPortal(t *testing.T, env map[string]string) (*httptest.Server, *postgres.Store) {
	t.Helper()
	ctx := context.Background()
	st := testdb.Store(t)
	seedOnce.Do(func() { _, seedErr = seed.Demo(ctx, st, testdb.Now()) })
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	// Tests share one database and one client address: per-address throttling is tested on its own.
	vars := map[string]string{"DATABASE_URL": testdb.URL(t), "LOGIN_MAX_FAILURES": "3", "LOGIN_MAX_FAILURES_PER_ADDR": "100000"}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	ts := httptest.NewServer(h)
	handlersMu.Lock()
	handlers[ts.URL] = h
	handlersMu.Unlock()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return ts, st
}

var (
	handlersMu sync.Mutex
	handlers   = map[string]http.Handler{}
)

// routerOf returns the router behind a test server, for walking its routes.
func routerOf(t *testing.T, ts *httptest.Server) http.Handler {
	t.Helper()
	handlersMu.Lock()
	defer handlersMu.Unlock()
	return handlers[ts.URL]
}

// client is the servertest browser (cookies kept, redirects not followed), with the
// (response, body) shape these tests were written in.
type client struct {
	*servertest.Client
	t *testing.T
}

func newClient(t *testing.T, ts *httptest.Server) *client {
	return &client{Client: servertest.NewClient(t, ts.URL), t: t}
}

func (c *client) do(method, path string, form url.Values, header map[string]string) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	ctype := ""
	if form != nil {
		body, ctype = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	}
	res := c.Request(method, path, body, ctype, header)
	return &http.Response{StatusCode: res.Status, Header: res.Header, Request: res.Request}, res.Body
}

func (c *client) get(path string) (*http.Response, string) {
	return c.do(http.MethodGet, path, nil, nil)
}

func (c *client) post(path string, form url.Values) (*http.Response, string) {
	return c.do(http.MethodPost, path, form, nil)
}

func (c *client) login(username, password string) *http.Response {
	c.t.Helper()
	resp, _ := c.post("/login", url.Values{"username": {username}, "password": {password}})
	return resp
}

func (c *client) sessionCookie() string { return c.Cookie("cchc_session") }

// dom reads a body for checks by CSS selector.
func dom(t *testing.T, body string) *servertest.Response { return servertest.Parse(t, body) }

// withToken makes a request carrying only the given session token.
func withToken(t *testing.T, ts *httptest.Server, token, path string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	req.AddCookie(&http.Cookie{Name: "cchc_session", Value: token})
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func wantStatus(t *testing.T, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want)
	}
}

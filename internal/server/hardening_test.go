package server_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestStaticHasNoDirectoryListing(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	for _, p := range []string{"/static/", "/static/css/", "/static/css", "/static/js/", "/static/css/../", "/fonts/", "/fonts"} {
		resp := c.Get(p)
		body := resp.Body
		listing := dom(t, body).Has("pre") // http.FileServer's listing
		if resp.Status != http.StatusNotFound || listing {
			t.Errorf("GET %s: %d, body lists files: %v", p, resp.Status, listing)
		}
	}
	resp := c.Get("/static/css/app.css")
	wantStatus(t, resp, http.StatusOK)
}

func TestHeadHealthAndReadyAnswerLikeGet(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	for _, p := range []string{"/healthz", "/readyz"} {
		resp := c.Send(http.MethodHead, p, nil, nil)
		if resp.Status != http.StatusOK {
			t.Errorf("HEAD %s = %d, want 200 like GET", p, resp.Status)
		}
	}
}

// slowPost sends the headers of a POST and a first slice of its body, then nothing more, and
// reports how long the server held the connection before answering or closing it.
func slowPost(t *testing.T, ts *httptest.Server, path, cookie, contentType string, wait time.Duration) (time.Duration, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: 100000\r\n", path, strings.TrimPrefix(ts.URL, "http://"), contentType)
	if cookie != "" {
		head += "Cookie: cchc_session=" + cookie + "\r\n"
	}
	start := time.Now()
	if _, err := conn.Write([]byte(head + "\r\nusername=a")); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(wait))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("POST %s: a stalled body was still held after %s", path, wait)
	}
	return time.Since(start), strings.TrimSpace(line)
}

func TestSlowBodyIsCutOffPerRoute(t *testing.T) {
	ts, _ := newPortal(t, map[string]string{"BODY_READ_TIMEOUT": "1s", "UPLOAD_READ_TIMEOUT": "4s"})
	// A form: cut after BODY_READ_TIMEOUT.
	held, status := slowPost(t, ts, "/login", "", "application/x-www-form-urlencoded", 6*time.Second)
	if held > 3500*time.Millisecond {
		t.Errorf("form body held %s, want about 1s", held)
	}
	if !strings.Contains(status, "408") {
		t.Errorf("form: %q, want 408", status)
	}
	// An upload route gets UPLOAD_READ_TIMEOUT instead.
	c := newClient(t, ts)
	c.Login("cchc", "demo")
	held, status = slowPost(t, ts, "/plans/import", c.Cookie("cchc_session"), "multipart/form-data; boundary=x", 10*time.Second)
	if held < 3*time.Second || held > 8*time.Second {
		t.Errorf("upload body held %s, want about 4s", held)
	}
	if !strings.Contains(status, "408") {
		t.Errorf("upload: %q, want 408", status)
	}
}

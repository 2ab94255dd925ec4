// TestMain for this package (internal and _test) is in main_test.go.
package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// newClient is a servertest browser (cookies kept, redirects not followed) on the portal.
func newClient(t *testing.T, ts *httptest.Server) *servertest.Client {
	return servertest.NewClient(t, ts.URL)
}

// dom reads a body for checks by CSS selector.
func dom(t *testing.T, body string) *servertest.Response { return servertest.Parse(t, body) }

// withToken makes a request carrying only the given session token.
func withToken(t *testing.T, ts *httptest.Server, token, path string) *servertest.Response {
	t.Helper()
	c := newClient(t, ts)
	u, _ := url.Parse(ts.URL)
	c.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "cchc_session", Value: token}})
	return c.Get(path)
}

func wantStatus(t *testing.T, res *servertest.Response, want int) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("%s %s: status %d, want %d", res.Request.Method, res.Request.URL.Path, res.Status, want)
	}
}

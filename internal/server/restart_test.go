package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/pgctl"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// privateCluster runs a PostgreSQL server of this test's own, so it can be restarted
// without disturbing other tests.
func privateCluster(t *testing.T) *pgctl.Cluster {
	t.Helper()
	root, err := os.MkdirTemp("", "cchc-pg-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(root, 0o755); err != nil { // the postgres user must reach the data dir
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	c, err := pgctl.New(filepath.Join(root, "data"), port)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Init(); err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(); _ = os.RemoveAll(root) })
	return c
}

// PostgreSQL restarted under a running portal: requests in flight fail cleanly (503, never
// 500), /readyz says so, and the portal recovers without a restart, sessions intact.
func TestDatabaseRestartIsSurvived(t *testing.T) {
	ctx := context.Background()
	pg := privateCluster(t)
	dbURL := pg.URL("postgres")
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if err := mg.Up(); err != nil {
		t.Fatal(err)
	}
	mg.Close()
	st, err := postgres.Open(ctx, dbURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	cfg, _ := config.Load(func(k string) string { return map[string]string{"DATABASE_URL": dbURL}[k] })
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	c := newClient(t, ts)
	c.Login("vanphong", "demo")

	var stop atomic.Bool
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				req, _ := http.NewRequest(http.MethodGet, ts.URL+"/reports", nil)
				for _, ck := range c.HTTP.Jar.Cookies(req.URL) {
					req.AddCookie(ck)
				}
				resp, err := http.DefaultTransport.RoundTrip(req)
				if err != nil {
					continue
				}
				resp.Body.Close()
				mu.Lock()
				statuses[resp.StatusCode]++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(200 * time.Millisecond)
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	resp := c.Get("/readyz")
	wantStatus(t, resp, http.StatusServiceUnavailable)
	resp = c.Get("/reports")
	body := resp.Body
	wantStatus(t, resp, http.StatusServiceUnavailable)
	if !dom(t, body).HasText("main .card p", "tạm thời không kết nối được cơ sở dữ liệu") {
		t.Errorf("outage page is not the Vietnamese explanation:\n%s", body)
	}
	if err := pg.Start(); err != nil {
		t.Fatal(err)
	}
	recovered := false
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if resp := c.Get("/readyz"); resp.Status == http.StatusOK {
			recovered = true
			break
		}
	}
	stop.Store(true)
	wg.Wait()
	if !recovered {
		t.Fatal("/readyz did not recover after the database came back")
	}
	resp = c.Get("/reports")
	wantStatus(t, resp, http.StatusOK) // same session: sessions live in PostgreSQL
	for status, n := range statuses {
		if status != http.StatusOK && status != http.StatusServiceUnavailable {
			t.Errorf("%d responses with status %d during the restart", n, status)
		}
	}
	if statuses[http.StatusServiceUnavailable] == 0 && statuses[http.StatusOK] == 0 {
		t.Error("no requests ran during the restart")
	}
	t.Logf("statuses during restart: %v", statuses)
}

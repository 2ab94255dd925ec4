package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestDrainRefusesNewLongWork: once the process is stopping, /readyz answers 503 and new
// downloads and exports are refused with 503, Retry-After and a Vietnamese message; pages
// are still served. (cmd/cchc TestSIGTERMLetsDownloadsFinishThenExitsZeroAfterGrace shows
// the work already running finishing.)
func TestDrainRefusesNewLongWork(t *testing.T) {
	cfg, err := config.Load(func(k string) string { return map[string]string{"DATABASE_URL": testdb.URL(t)}[k] })
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), cfg, testdb.Store(t), slog.New(slog.NewTextHandler(io.Discard, nil)), WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := s.Handler()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	if rec := get("/readyz"); rec.Code != http.StatusOK {
		t.Fatalf("readyz before draining: %d", rec.Code)
	}
	if rec := get("/exports/results.csv"); rec.Code == http.StatusServiceUnavailable {
		t.Fatal("export refused before draining")
	}
	s.Drain()
	if rec := get("/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz while draining: %d, want 503", rec.Code)
	}
	for _, p := range []string{"/exports/results.csv", "/exports/report.xlsx", "/exports/report.pdf", "/exports/print", "/evidence/1", "/plans/template.xlsx"} {
		rec := get(p)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !servertest.Parse(t, rec.Body.String()).HasText("main .card p", "khởi động lại") {
			t.Errorf("GET %s while draining: %d, Retry-After %q", p, rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	if rec := get("/login"); rec.Code != http.StatusOK {
		t.Errorf("login page while draining: %d, want 200", rec.Code)
	}
}

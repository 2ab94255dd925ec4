package server

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
)

// TestExportsBounded: with every export slot taken, a further export is answered at once
// with a Vietnamese page that retries by itself, pages other than exports are served as
// usual, and once a slot is free the same request downloads the file.
func TestExportsBounded(t *testing.T) {
	p := newPortal(t, func(c *config.Config) { c.ExportWorkers = 1 })
	director := p.login(t, "giamdoc")
	leave, ok := p.srv.exports.enter() // a long export holding the only slot
	if !ok {
		t.Fatal("no free export slot at start")
	}
	r := director.Get("/exports/report.xlsx")
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Refresh") == "" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("export with every slot taken: %d, Refresh %q, Retry-After %q", r.Status, r.Header.Get("Refresh"), r.Header.Get("Retry-After"))
	}
	if !strings.Contains(r.Body, "Hệ thống đang xuất 1 báo cáo") || !strings.Contains(r.Body, "Bạn không cần bấm lại") {
		t.Errorf("the busy page does not say why and what happens next:\n%s", r.Body)
	}
	if r := director.Get("/exports"); r.Status != http.StatusServiceUnavailable {
		t.Errorf("the export preview (a whole report built) ran beside a full gate: %d", r.Status)
	}
	for _, page := range []string{"/", "/dashboard", "/reports", "/plans"} {
		if r := director.Get(page); r.Status >= 500 {
			t.Errorf("%s while exports are busy: %d", page, r.Status)
		}
	}
	leave()
	r = director.Get("/exports/report.xlsx")
	if r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("export with a free slot: %d %q", r.Status, r.Header.Get("Content-Disposition"))
	}
	if p.srv.exports.refused.Load() != 2 {
		t.Errorf("refused %d exports, want 2", p.srv.exports.refused.Load())
	}
	// the handler gives its slot back as it returns, which may be just after the client has
	// read the whole file
	for i := 0; ; i++ {
		if leave, ok := p.srv.exports.enter(); ok {
			leave()
			break
		}
		if i == 1000 {
			t.Fatal("the export's slot was not given back")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestExportWorkersLeavePagesConnections: the configuration refuses more export slots than
// half the pool, so exports can never hold every connection pages need.
func TestExportWorkersLeavePagesConnections(t *testing.T) {
	for _, tc := range []struct {
		conns, workers string
		ok             bool
	}{{"16", "", true}, {"16", "8", true}, {"16", "9", false}, {"16", "0", false}, {"2", "", true}, {"1", "", true}} {
		_, err := config.Load(func(k string) string {
			return map[string]string{"DATABASE_URL": "postgres://x@127.0.0.1/x", "DB_MAX_CONNS": tc.conns, "EXPORT_WORKERS": tc.workers}[k]
		})
		if (err == nil) != tc.ok {
			t.Errorf("DB_MAX_CONNS=%s EXPORT_WORKERS=%q: err %v, want ok=%v", tc.conns, tc.workers, err, tc.ok)
		}
	}
}

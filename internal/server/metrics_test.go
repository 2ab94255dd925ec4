package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// scrape reads the metrics as Prometheus would, from the metrics handler (METRICS_ADDR).
func scrape(t *testing.T, p *portal) string {
	t.Helper()
	rec := httptest.NewRecorder()
	p.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics: %d", rec.Code)
	}
	return rec.Body.String()
}

// TestMetricsLabelRoutesByPattern: a request is counted under chi's route pattern, never its
// raw URL (ids in paths would make a series per record, and a scan of random URLs would
// grow memory without bound); saves, submits and exports are counted.
func TestMetricsLabelRoutesByPattern(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK {
		t.Fatalf("form: %d", r.Status)
	}
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "12,5"})); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	draft, _ := reportRow(t, u.ID, f.open.ID)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, draft.Version, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", r.Status, r.Body)
	}
	staff.Get("/no/such/page-48151623")
	director := p.login(t, "giamdoc")
	if r := director.Get("/exports/results.csv"); r.Status != http.StatusOK {
		t.Fatalf("export: %d", r.Status)
	}

	m := scrape(t, p)
	for _, want := range []string{
		`cchc_http_request_duration_seconds_count{method="GET",route="/reports/{unitID}/{periodID}",status="200"} 1`,
		`cchc_http_request_duration_seconds_count{method="POST",route="/reports/{unitID}/{periodID}",status="303"} 2`,
		`cchc_http_request_duration_seconds_count{method="POST",route="/login",status="303"} 2`,
		`cchc_http_request_duration_seconds_count{method="GET",route="/exports/results.csv",status="200"} 1`,
		`cchc_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1`,
		`cchc_reports_saved_total 1`,
		`cchc_reports_submitted_total 1`,
		`cchc_exports_total{format="csv"} 1`,
		`cchc_exports_running{format="csv"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// No label carries a record's id or the raw path.
	for _, raw := range []string{fmt.Sprint(u.ID), "48151623", "page-"} {
		if regexp.MustCompile(`route="[^"]*` + regexp.QuoteMeta(raw)).MatchString(m) {
			t.Errorf("a route label carries the raw URL part %q", raw)
		}
	}
}

// TestMetricsNotOnThePortal: the portal's own router (what nginx forwards) has no /metrics;
// only MetricsHandler, which cmd/cchc serves on METRICS_ADDR, does.
func TestMetricsNotOnThePortal(t *testing.T) {
	p := newPortal(t, nil)
	anon := servertest.NewClient(t, p.url)
	r := anon.Get("/metrics")
	if r.Status == http.StatusOK || strings.Contains(r.Body, "cchc_http_request_duration_seconds") {
		t.Fatalf("the portal answers /metrics: %d", r.Status)
	}
	director := p.login(t, "giamdoc")
	if r := director.Get("/metrics"); r.Status != http.StatusNotFound || strings.Contains(r.Body, "go_goroutines") {
		t.Fatalf("signed in, /metrics: %d, want 404 without metrics", r.Status)
	}
	if m := scrape(t, p); !strings.Contains(m, "cchc_http_request_duration_seconds") {
		t.Fatal("the metrics handler serves no request metrics")
	}
}

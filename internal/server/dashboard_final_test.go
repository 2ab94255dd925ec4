package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// TestFinalEvaluationPage: the final evaluation of 2320/KH-SNV (2021–2025) gives every
// target the verdict domain.FinalEvaluation gives on the raw approved results, with the
// same reason, and its path over the plan's five years.
func TestFinalEvaluationPage(t *testing.T) {
	p := startPortal(t)
	director := p.client("giamdoc")
	plan := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	page := director.Get("/dashboard/final?plan=" + itoa(plan))
	if page.Status != http.StatusOK {
		t.Fatalf("GET /dashboard/final = %d", page.Status)
	}
	got := statusesOnPage(page)
	hs := p.histories(plan, []string{"approved"})
	if len(got) != 14 || len(hs) != 14 {
		t.Fatalf("final evaluation shows %d targets (want 14): %v", len(got), got)
	}
	for code, h := range hs {
		f := domain.FinalEvaluation(h.c, h.sched, h.obs, 2021, 2025)
		if got[code] != string(f.Status) {
			t.Errorf("%s: page says %s, the rule on raw results says %s (%s)", code, got[code], f.Status, f.Reason.Text(i18n.VI))
		}
		if row := targetRow(page, code); !strings.Contains(row, f.Reason.Text(i18n.VI)) {
			t.Errorf("%s: the row lacks the reason %q: %s", code, f.Reason.Text(i18n.VI), row)
		}
	}
	if h1 := page.Text("h1"); h1 != "Đánh giá cuối kỳ — 2320/KH-SNV" {
		t.Errorf("final evaluation is headed %q", h1)
	}
	years := map[string]bool{}
	for _, step := range page.Texts("ol.final-path li") {
		year, _, _ := strings.Cut(step, ":")
		years[year] = true
	}
	if !years["2021"] || !years["2025"] {
		t.Errorf("the path does not run from 2021 to 2025: %v", years)
	}
	if years["2026"] {
		t.Error("the path runs past the plan's last year")
	}
	// the dashboard of the ended plan opens on it, or links to it
	dash := director.Follow("/dashboard?plan=" + itoa(plan))
	if dash.Request.URL.Path != "/dashboard/final" && !dash.Has(`p.dash-lead a[href^="/dashboard/final?"]`) {
		t.Error("the dashboard of an ended plan does not link to its final evaluation")
	}
}

package server_test

import (
	"html"
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
	code, body := p.get(director, "/dashboard/final?plan="+itoa(plan))
	if code != http.StatusOK {
		t.Fatalf("GET /dashboard/final = %d", code)
	}
	text := html.UnescapeString(body)
	got := statusesOnPage(body)
	hs := p.histories(plan, []string{"approved"})
	if len(got) != 14 || len(hs) != 14 {
		t.Fatalf("final evaluation shows %d targets (want 14): %v", len(got), got)
	}
	for code, h := range hs {
		f := domain.FinalEvaluation(h.c, h.sched, h.obs, 2021, 2025)
		if got[code] != string(f.Status) {
			t.Errorf("%s: page says %s, the rule on raw results says %s (%s)", code, got[code], f.Status, f.Reason.Text(i18n.VI))
		}
		if !strings.Contains(text, f.Reason.Text(i18n.VI)) {
			t.Errorf("%s: the page lacks the reason %q", code, f.Reason.Text(i18n.VI))
		}
	}
	for _, want := range []string{"Đánh giá cuối kỳ — 2320/KH-SNV", "2021: ", "2025: "} {
		if !strings.Contains(text, want) {
			t.Errorf("final evaluation lacks %q", want)
		}
	}
	if strings.Contains(text, "2026: ") {
		t.Error("the path runs past the plan's last year")
	}
	// the dashboard of the ended plan links to it
	_, dash := p.get(director, "/dashboard?plan="+itoa(plan))
	if !strings.Contains(dash, "/dashboard/final?") {
		t.Error("the dashboard of an ended plan does not link to its final evaluation")
	}
}

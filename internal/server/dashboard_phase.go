package server

import (
	"context"
	"net/http"
	"slices"

	"github.com/vn-cchc/cchc/internal/store"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// planPhase says on the dashboard whether its plan is in force or has ended and, for an
// ended plan shown on its last period, that the page is the plan's final evaluation.
func (s *Server) planPhase(ctx context.Context, st *dashState) (class, label, finalNote string) {
	pl := st.dc.Plan
	span := domain.PlanSpan{IssuedOn: pl.IssuedOn, StartYear: pl.StartYear, EndYear: pl.EndYear}
	phase := domain.PhaseOf(domain.PlanStatus(pl.Status), span, s.now())
	class = map[domain.PlanPhase]string{domain.PhaseDraft: "draft", domain.PhaseActive: "active", domain.PhaseEnded: "closed"}[phase]
	label = phase.Label(st.lang)
	if phase == domain.PhaseEnded && st.periodIdx == len(st.dc.Periods)-1 {
		finalNote = i18n.Tf(ctx, "dashboard.final_note", pl.StartYear, pl.EndYear, periodLabel(ctx, st.period))
	}
	return class, label, finalNote
}

// finalLanding is where a dashboard opened on an ended plan without a period of its own
// sends the user: the plan's final evaluation, which is what one looks at once a plan is
// over (the basis of its closing report). "" keeps the dashboard. A period of the plan
// chosen in the URL is always shown as asked.
func (s *Server) finalLanding(r *http.Request, st *dashState) string {
	pl := st.dc.Plan
	span := domain.PlanSpan{IssuedOn: pl.IssuedOn, StartYear: pl.StartYear, EndYear: pl.EndYear}
	if domain.PhaseOf(domain.PlanStatus(pl.Status), span, s.now()) != domain.PhaseEnded {
		return ""
	}
	if id, err := queryID(r, "period"); err == nil && id != 0 &&
		slices.ContainsFunc(st.dc.Periods, func(p store.Period) bool { return p.ID == id }) {
		return ""
	}
	return st.url("/dashboard/final", "period", "", "status", "")
}

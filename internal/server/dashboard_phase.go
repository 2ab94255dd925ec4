package server

import (
	"context"

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

package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// dashboardFinal is the final evaluation of a plan (đánh giá cuối kỳ), the basis of its
// closing report: each target's verdict at its deadline or at the plan's end
// (domain.FinalEvaluation over every period of the plan's years) with its verdict at the
// end of each year. Before the plan ends it is provisional, to the end of the last year
// with periods.
func (s *Server) dashboardFinal(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	planID, err := queryID(r, "plan")
	if err != nil {
		return err
	}
	scopeID, err := queryID(r, "scope")
	if err != nil {
		return err
	}
	st, err := s.dashboardState(r, planID, scopeID)
	if err != nil {
		return err
	}
	props := web.FinalPageProps{Meta: s.meta(r, i18n.T(ctx, "final.title"), "dashboard")}
	if st.noPlan {
		props.NoPlan = true
		s.render(w, r, http.StatusOK, web.FinalPage(props))
		return nil
	}
	plan := st.dc.Plan
	// every period up to the end of the plan's last year (or the last there is)
	st.periodIdx = -1
	for i, pr := range st.dc.Periods {
		if pr.Year <= plan.EndYear {
			st.periodIdx = i
		}
	}
	if st.periodIdx < 0 {
		props.NoPlan = true
		s.render(w, r, http.StatusOK, web.FinalPage(props))
		return nil
	}
	st.period = st.dc.Periods[st.periodIdx]
	endYear := plan.EndYear
	if last := st.dc.Periods[st.periodIdx].Year; last < endYear {
		endYear = last
		props.Provisional = i18n.Tf(ctx, "final.not_ended", endYear)
	} else if plan.Status == "active" && s.now().Year() <= plan.EndYear {
		props.Provisional = i18n.Tf(ctx, "final.not_ended", endYear)
	}
	d, err := s.reads(ctx).Dashboard(ctx, store.DashboardQuery{PlanID: plan.ID, ScopeID: st.dc.Scope.ID, PeriodID: st.period.ID,
		OnlyUnit: st.onlyUnit, ListLimit: 1, Nested: st.dc.Scope.Nested, Deadline: st.period.Deadline})
	if err != nil {
		return err
	}
	if err := s.loadFigures(ctx, st, st.dc.Scope.ID, st.onlyUnit != 0, d.Targets); err != nil {
		return err
	}
	byTarget := st.talliesByTarget(d.Points)
	props.Title = i18n.T(ctx, "final.title") + " — " + plan.Code
	props.Lead = i18n.Tf(ctx, "final.lead", plan.Code+" — "+plan.Title, plan.StartYear, plan.EndYear)
	props.PlanHref = fmt.Sprintf("/plans/%d", plan.ID)
	props.BackHref = st.url("/dashboard")
	props.BackLabel = i18n.Tf(ctx, "final.by_period", periodLabel(ctx, st.period))
	props.PhaseClass, props.PhaseLabel, _ = s.planPhase(ctx, st)
	if authz.Can(userFrom(ctx).principal(), authz.ExportReports, 0) {
		props.ExportHref = fmt.Sprintf("/exports?plan=%d&period=%s", plan.ID, exportFinal)
	}
	props.ScopeName, props.DataNote = st.dc.Scope.Name, st.dataNote(ctx)
	for y := plan.StartYear; y <= endYear; y++ {
		props.Years = append(props.Years, fmt.Sprint(y))
	}
	counts := map[domain.TargetStatus]int{}
	for _, t := range d.Targets {
		sr := st.series(t, byTarget[t.ID])
		f := domain.FinalEvaluation(sr.c, sr.sched, sr.obs, plan.StartYear, endYear)
		counts[f.Status]++
		row := web.FinalRow{Code: t.Code, Text: t.Text, Href: st.url(fmt.Sprintf("/dashboard/targets/%d", t.ID), "status", ""),
			Commitment: f.InForce.Text(st.lang), StatusClass: string(f.Status), StatusLabel: f.Status.Label(st.lang),
			Reason: f.Evaluation.Reason.Text(i18n.Parse(st.lang))}
		switch {
		case strings.Contains(row.Reason, fmt.Sprint(f.JudgedYear)):
			// the reason names its year already ("Đến hạn năm 2023 chỉ đạt 29%…"): said once
		case f.JudgedYear < endYear:
			row.JudgedAt = i18n.Tf(ctx, "final.deadline", f.JudgedYear)
		default:
			row.JudgedAt = i18n.Tf(ctx, "final.plan_end", f.JudgedYear)
		}
		if sr.c.EachYear || sr.c.DeadlineYear == 0 {
			row.Summary = f.PathSummary(st.lang)
		}
		for _, y := range f.Path {
			row.Path = append(row.Path, web.FinalStep{Year: fmt.Sprint(y.Year), Class: string(y.Status), Label: y.Status.Label(st.lang),
				Title: y.Evaluation.Reason.Text(i18n.Parse(st.lang))})
		}
		props.Rows = append(props.Rows, row)
	}
	for _, status := range domain.AllTargetStatuses() {
		if counts[status] > 0 {
			props.Counts = append(props.Counts, web.DashStatusCount{Class: string(status), Label: status.Label(st.lang), Count: counts[status]})
		}
	}
	props.Meta.Title = props.Title
	s.render(w, r, http.StatusOK, web.FinalPage(props))
	return nil
}

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

// dashboardUnit is a unit's drill-down: the targets and tasks assigned to it with its own
// figures, and its reports by period with their timeliness.
func (s *Server) dashboardUnit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, err := idParam(r, "unitID")
	if err != nil {
		return err
	}
	if err := authorize(ctx, authz.ViewUnitReports, unitID); err != nil {
		return err
	}
	planID, err := queryID(r, "plan")
	if err != nil {
		return err
	}
	backScope, err := queryID(r, "scope")
	if err != nil {
		return err
	}
	// the view's state with the unit as its scope: its path, the plan and the period
	st, err := s.dashboardState(r, planID, unitID)
	if err != nil {
		return err
	}
	if st.noPlan {
		return errNotFound
	}
	unit := st.dc.Scope
	back := st.url("/dashboard") // the unit's own subtree when it is a root
	if unit.ParentID != 0 {
		back = st.url("/dashboard", "scope", idStr(unit.ParentID))
	}
	if backScope != 0 {
		back = st.url("/dashboard", "scope", idStr(backScope))
	}
	if !st.all {
		back = st.url("/dashboard")
	}
	props := web.UnitPageProps{
		Meta:        s.meta(r, unit.Name, "dashboard"),
		BackHref:    back,
		Name:        unit.Name,
		Code:        unit.Code,
		Path:        st.path(ctx, "/dashboard"),
		PlanCode:    st.dc.Plan.Code,
		PeriodLabel: st.periodLabel(),
		DataNote:    st.dataNote(ctx),
	}
	if unit.HasChildren && st.all {
		props.SubtreeHref = st.url("/dashboard")
	}
	d, err := s.reads(ctx).UnitDetailFor(ctx, unit.ID, st.dc.Plan.ID, st.period.ID)
	if err != nil {
		return err
	}
	byTarget := st.talliesByTarget(d.Points)
	if err := s.loadFigures(ctx, st, unit.ID, true, d.Targets); err != nil {
		return err
	}
	year, slot := st.asOf()
	for _, t := range d.Targets {
		sr := st.series(t, byTarget[t.ID])
		ev := sr.eval(year, slot)
		value, when := st.latestText(ctx, sr)
		if when != "" {
			value += " (" + when + ")"
		}
		row := web.UnitTargetRow{Href: st.url(fmt.Sprintf("/dashboard/targets/%d", t.ID), "scope", idStr(unit.ID)),
			Code: t.Code, Text: t.Text, Commitment: ev.InForce.Text(st.lang), Value: value,
			StatusClass: string(ev.Status), StatusLabel: ev.Status.Label(st.lang), Reason: ev.Reason.Text(i18n.Parse(st.lang)), Spark: st.spark(ctx, t.Code, sr)}
		props.Targets = append(props.Targets, row)
	}
	counted := map[string]bool{}
	for _, s := range st.statuses() {
		counted[s] = true
	}
	progress := map[int64]store.UnitTaskResult{}
	for _, res := range d.Results {
		progress[res.TaskID] = res
	}
	for _, k := range d.Tasks {
		line := web.TaskLine{Code: k.Code, Text: k.Text, Deadline: k.DeadlineNote,
			StateClass: "no_data", StateLabel: i18n.T(ctx, "dashboard.task_no_data"), Role: i18n.T(ctx, "dashboard.role_coop")}
		if d.Lead[k.ID] {
			line.Role = i18n.T(ctx, "dashboard.role_lead")
		}
		if k.Deadline != nil {
			line.Deadline = domain.FormatDate(*k.Deadline)
		}
		if res, ok := progress[k.ID]; ok && res.Progress != "" {
			p := domain.TaskProgress(res.Progress)
			line.StateClass, line.StateLabel = res.Progress, p.Label(st.lang)
			if !counted[res.Status] {
				line.Detail = i18n.Tf(ctx, "dashboard.not_counted", strings.ToLower(domain.ReportStatus(res.Status).Label(st.lang)))
			}
		}
		props.Tasks = append(props.Tasks, line)
	}
	reports, err := s.reads(ctx).UnitReports(ctx, unit.ID, store.Page{Size: 200})
	if err != nil {
		return err
	}
	for _, rep := range reports {
		props.Reports = append(props.Reports, s.periodRow(ctx, rep, reportURL(unit.ID, rep.Period.ID)))
		switch domain.ReportTimeliness(rep.Period.Deadline, rep.SubmittedAt, s.now()) {
		case domain.OnTime:
			props.OnTime++
		case domain.Late:
			props.Late++
		case domain.Overdue:
			props.Missing++
		}
	}
	s.render(w, r, http.StatusOK, web.UnitPage(props))
	return nil
}

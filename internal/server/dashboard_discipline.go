package server

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// taskStates are the columns of the task counts, worst first like the target statuses.
var taskStates = []struct {
	state domain.TaskProgress
	class string
	key   string
}{
	{domain.ProgressOverdue, "overdue", "dashboard.task_overdue"},
	{domain.ProgressNotStarted, "not_started", "dashboard.task_not_started"},
	{"", "no_data", "dashboard.task_no_data"},
	{domain.ProgressInProgress, "in_progress", "dashboard.task_in_progress"},
	{domain.ProgressDone, "done", "dashboard.task_done"},
}

func taskStateIndex(p domain.TaskProgress) int {
	for i, ts := range taskStates {
		if ts.state == p {
			return i
		}
	}
	return 2
}

// taskSummary counts tasks by progress across the scope's units (domain.TaskState) and
// lists the overdue ones with their lead units.
func (s *Server) taskSummary(ctx context.Context, st *dashState, d store.DashboardData, areaOf map[int64]int, areaTasks [][]int) ([]int, []web.TaskLine) {
	tallies := map[int64]*domain.TaskTally{}
	for _, p := range d.TaskPoints {
		t := tallies[p.TaskID]
		if t == nil {
			t = &domain.TaskTally{}
			tallies[p.TaskID] = t
		}
		n := p.Approved
		if st.include {
			n += p.Pending
		}
		t.Add(domain.TaskProgress(p.Progress), n)
	}
	counts := make([]int, len(taskStates))
	var overdue []web.TaskLine
	for _, k := range d.Tasks {
		var tl domain.TaskTally
		if t := tallies[k.ID]; t != nil {
			tl = *t
		}
		state, _ := domain.TaskState(tl, k.Deadline, st.period.EndsOn)
		i := taskStateIndex(state)
		counts[i]++
		if ai, ok := areaOf[k.AreaID]; ok {
			areaTasks[ai][i]++
		}
		if state == domain.ProgressOverdue {
			overdue = append(overdue, s.taskLine(ctx, st, k, state, tl))
		}
	}
	return counts, overdue
}

func (s *Server) taskLine(ctx context.Context, st *dashState, k store.DashTask, state domain.TaskProgress, tl domain.TaskTally) web.TaskLine {
	line := web.TaskLine{Code: k.Code, Text: k.Text, Lead: k.LeadUnitName, Deadline: k.DeadlineNote,
		StateClass: string(state), StateLabel: state.Label(st.lang)}
	if k.LeadUnitID != 0 && (st.all || k.LeadUnitID == st.onlyUnit) {
		line.LeadHref = st.url(fmt.Sprintf("/dashboard/units/%d", k.LeadUnitID), "status", "")
	}
	if k.Deadline != nil {
		line.Deadline = domain.FormatDate(*k.Deadline)
	}
	if tl.Total() > 0 {
		line.Detail = i18n.Tf(ctx, "dashboard.task_detail", tl.Overdue, tl.Done, tl.Total())
	}
	return line
}

// discipline says who reported for the period: on time, late, not at all.
func (s *Server) discipline(ctx context.Context, st *dashState, d store.DashboardData) web.DisciplineView {
	v := web.DisciplineView{Deadline: domain.FormatDate(st.period.Deadline), Expected: d.Expected, Missing: d.MissingTotal,
		DeadlinePassed: domain.DaysUntil(st.period.Deadline, s.now()) < 0}
	for _, c := range d.Reports {
		switch c.Status {
		case "approved":
			v.Approved += c.N
		case "submitted":
			v.Pending += c.N
		case "returned":
			v.Returned += c.N
		default:
			continue // drafts were never sent
		}
		if c.Late {
			v.Late += c.N
		} else {
			v.OnTime += c.N
		}
	}
	if st.dc.Scope.Nested {
		v.Nested = true
		v.ByChild = s.byChild(st, d)
		v.Missing = 0
		for _, c := range v.ByChild {
			v.Missing += c.Missing
		}
	}
	// a unit that has not sent its report before the deadline is not behind yet
	v.MissingClass, v.MissingLabel = "behind", i18n.T(ctx, "dashboard.missing")
	if !v.DeadlinePassed {
		v.MissingClass, v.MissingLabel = "no_data", i18n.T(ctx, "dashboard.not_due")
	}
	counts := []web.DashStatusCount{
		{Class: "met", Label: i18n.T(ctx, "dashboard.on_time"), Count: v.OnTime},
		{Class: "at_risk", Label: i18n.T(ctx, "dashboard.late"), Count: v.Late},
		{Class: v.MissingClass, Label: v.MissingLabel, Count: v.Missing},
	}
	v.Segments, v.Label = stackOf(ctx, "dashboard.reports", counts)
	unitHref := func(id int64) string { return st.url(fmt.Sprintf("/dashboard/units/%d", id), "status", "") }
	for _, u := range d.Late {
		line := web.UnitLine{Name: u.Name, Href: unitHref(u.UnitID), StatusClass: u.Status,
			StatusLabel: domain.ReportStatus(u.Status).Label(st.lang)}
		if u.SubmittedAt != nil {
			line.When = i18n.Tf(ctx, "dashboard.sent_on", domain.FormatDate(*u.SubmittedAt))
			line.Note = i18n.Tf(ctx, "dashboard.days_late", -domain.DaysUntil(st.period.Deadline, *u.SubmittedAt))
		}
		v.LateUnits = append(v.LateUnits, line)
	}
	v.LateMore = d.LateTotal - len(d.Late)
	for _, u := range d.Missing {
		line := web.UnitLine{Name: u.Name, Href: unitHref(u.UnitID), StatusClass: u.Status,
			StatusLabel: domain.ReportStatus(u.Status).Label(st.lang)}
		if days := domain.DaysUntil(st.period.Deadline, s.now()); days < 0 {
			line.Note = i18n.Tf(ctx, "dashboard.days_overdue", -days)
		} else {
			line.When = i18n.Tf(ctx, "home.days_left", days)
		}
		v.MissingUnits = append(v.MissingUnits, line)
	}
	v.MissingMore = d.MissingTotal - len(d.Missing)
	domain.SortByVI(v.MissingUnits, func(u web.UnitLine) string { return u.Name })
	return v
}

// byChild is the reporting of each unit directly under a nested scope, worst first.
func (s *Server) byChild(st *dashState, d store.DashboardData) []web.ChildDiscipline {
	rows := map[int64]*web.ChildDiscipline{}
	var out []web.ChildDiscipline
	for _, c := range d.Children {
		rows[c.ID] = &web.ChildDiscipline{Name: c.Name, Href: st.url("/dashboard", "scope", idStr(c.ID), "status", ""), Expected: d.ChildExpected[c.ID]}
		if !c.HasChildren {
			rows[c.ID].Href = st.url(fmt.Sprintf("/dashboard/units/%d", c.ID), "status", "")
		}
	}
	for _, r := range d.ChildReports {
		c := rows[r.UnitID]
		if c == nil || r.Status == "draft" {
			continue
		}
		if r.Late {
			c.Late += r.N
		} else {
			c.OnTime += r.N
		}
	}
	for _, c := range d.Children {
		row := rows[c.ID]
		row.Missing = max(0, row.Expected-row.OnTime-row.Late)
		if row.Expected+row.OnTime+row.Late > 0 {
			out = append(out, *row)
		}
	}
	domain.SortByVI(out, func(c web.ChildDiscipline) string { return c.Name })
	slices.SortStableFunc(out, func(a, b web.ChildDiscipline) int { return cmp.Compare(b.Missing*1000+b.Late, a.Missing*1000+a.Late) })
	return out
}

package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// dashboard is the director's overview of a plan for a period and a scope: targets by
// status (the rule in domain.EvaluateTarget over figures combined by domain.Aggregate's
// rule), tasks by progress, who reported on time and which tasks are overdue.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	cache := s.dash.Load()
	var key string
	var version int64
	if cache != nil {
		var err error
		if version, err = s.reads(ctx).DashboardVersion(ctx, s.dashboardVersionScope(r)); err != nil {
			return err
		}
		key = s.dashboardKey(r)
		if e, ok := cache.get(key, version); ok {
			if e.location != "" {
				http.Redirect(w, r, e.location, http.StatusSeeOther)
				return nil
			}
			s.renderLarge(w, r, http.StatusOK, web.CachedPage(s.meta(r, e.title, "dashboard"), e.body), len(e.body)+16<<10)
			return nil
		}
	}
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
	props := web.DashboardProps{Meta: s.meta(r, i18n.T(ctx, "dashboard.title"), "dashboard")}
	if st.noPlan {
		props.NoPlan = true
		s.render(w, r, http.StatusOK, web.DashboardPage(props))
		return nil
	}
	if loc := s.finalLanding(r, st); loc != "" {
		if cache != nil {
			cache.put(dashEntry{key: key, version: version, location: loc})
		}
		http.Redirect(w, r, loc, http.StatusSeeOther)
		return nil
	}
	d, err := s.reads(ctx).Dashboard(ctx, store.DashboardQuery{PlanID: st.dc.Plan.ID, ScopeID: st.dc.Scope.ID,
		PeriodID: st.period.ID, OnlyUnit: st.onlyUnit, ListLimit: 30, Nested: st.dc.Scope.Nested, Deadline: st.period.Deadline})
	if err != nil {
		return err
	}
	if err := s.loadFigures(ctx, st, st.dc.Scope.ID, st.onlyUnit != 0, d.Targets); err != nil {
		return err
	}
	props.PlanCode, props.PlanTitle = st.dc.Plan.Code, st.dc.Plan.Title
	props.PlanHref = fmt.Sprintf("/plans/%d", st.dc.Plan.ID)
	props.PhaseClass, props.PhaseLabel, props.FinalNote = s.planPhase(ctx, st)
	if props.PhaseClass == "closed" {
		// an ended plan: its final evaluation, target by target over the years
		props.FinalHref = st.url("/dashboard/final", "period", "", "status", "")
	}
	props.PeriodLabel, props.ScopeName = st.periodLabel(), st.dc.Scope.Name
	props.DataNote, props.Restricted = st.dataNote(ctx), !st.all
	props.Path = st.path(ctx, "/dashboard")
	props.Filter = s.dashFilter(ctx, st, d.Children)
	props.Meta.Title = i18n.T(ctx, "dashboard.title") + " — " + props.PeriodLabel

	areaOf := map[int64]int{}
	for i, a := range st.dc.Areas {
		areaOf[a.ID] = i
	}
	areaTargets := make([][]int, len(st.dc.Areas))
	areaTasks := make([][]int, len(st.dc.Areas))
	for i := range st.dc.Areas {
		areaTargets[i] = make([]int, len(domain.AllTargetStatuses()))
		areaTasks[i] = make([]int, len(taskStates))
	}

	statusCount := make([]int, len(domain.AllTargetStatuses()))
	byTarget := st.talliesByTarget(d.Points)
	for _, t := range d.Targets {
		row, status := s.targetRow(ctx, st, t, byTarget[t.ID])
		si := statusIndex(status)
		statusCount[si]++
		if ai, ok := areaOf[t.AreaID]; ok {
			areaTargets[ai][si]++
		}
		if st.status == "" || st.status == string(status) {
			props.Targets = append(props.Targets, row)
		}
	}
	for i, status := range domain.AllTargetStatuses() {
		props.StatusCounts = append(props.StatusCounts, web.DashStatusCount{Class: string(status), Label: status.Label(st.lang),
			Count: statusCount[i], Href: st.url("/dashboard", "status", string(status)) + "#h-target-list", Active: st.status == string(status)})
	}
	props.StatusSegments, props.StatusLabel = stackOf(ctx, "dashboard.targets", props.StatusCounts)
	if st.status != "" {
		ts, _ := domain.ParseTargetStatus(st.status)
		props.FilterNote = i18n.Tf(ctx, "dashboard.filtered", ts.Label(st.lang), len(props.Targets))
		props.ClearHref = st.url("/dashboard", "status", "") + "#h-target-list"
	}

	taskCount, overdue := s.taskSummary(ctx, st, d, areaOf, areaTasks)
	for i, ts := range taskStates {
		props.TaskCounts = append(props.TaskCounts, web.DashStatusCount{Class: ts.class, Label: i18n.T(ctx, ts.key), Count: taskCount[i]})
	}
	props.TaskSegments, props.TaskLabel = stackOf(ctx, "dashboard.tasks", props.TaskCounts)
	props.Overdue = overdue
	for i, a := range st.dc.Areas {
		if sum(areaTargets[i])+sum(areaTasks[i]) == 0 {
			continue
		}
		name := a.Name
		if st.lang == "en" && a.NameEN != "" {
			name = a.NameEN
		}
		props.Areas = append(props.Areas, web.AreaSummary{Name: name, Targets: areaTargets[i], Tasks: areaTasks[i]})
	}
	props.Discipline = s.discipline(ctx, st, d)
	if cache == nil {
		s.render(w, r, http.StatusOK, web.DashboardPage(props))
		return nil
	}
	var buf strings.Builder
	if err := web.DashboardContent(props).Render(ctx, &buf); err != nil {
		return err
	}
	cache.put(dashEntry{key: key, version: version, title: props.Meta.Title, body: buf.String()})
	s.renderLarge(w, r, http.StatusOK, web.CachedPage(props.Meta, buf.String()), buf.Len()+16<<10)
	return nil
}

func (s *Server) dashFilter(ctx context.Context, st *dashState, children []store.Scope) web.DashFilter {
	f := web.DashFilter{Action: "/dashboard", IncludeSubmitted: st.include, Status: st.status}
	if st.include {
		f.ToggleHref = st.url("/dashboard", "include", "")
	} else {
		f.ToggleHref = st.url("/dashboard", "include", "submitted")
	}
	for _, p := range st.dc.Plans {
		f.Plans = append(f.Plans, web.Option{Value: idStr(p.ID), Label: p.Code + " — " + p.Title, Selected: p.ID == st.dc.Plan.ID})
	}
	if len(f.Plans) == 0 {
		f.Plans = []web.Option{{Value: idStr(st.dc.Plan.ID), Label: st.dc.Plan.Code, Selected: true}}
	}
	today := s.now()
	for i := len(st.dc.Periods) - 1; i >= 0; i-- {
		p := st.dc.Periods[i]
		if p.StartsOn.After(today) && i != st.periodIdx {
			continue
		}
		f.Periods = append(f.Periods, web.Option{Value: idStr(p.ID), Label: periodLabel(ctx, p), Selected: i == st.periodIdx})
	}
	if st.all {
		for i, sc := range st.dc.Path {
			f.Scopes = append(f.Scopes, web.Option{Value: idStr(sc.ID), Label: strings.Repeat("· ", i) + sc.Name})
		}
		depth := len(st.dc.Path)
		f.Scopes = append(f.Scopes, web.Option{Value: idStr(st.dc.Scope.ID), Label: strings.Repeat("· ", depth) + st.dc.Scope.Name, Selected: true})
		// a province's hundred communes are reached from its lists and tables, not the select
		var kids []store.Scope
		for _, sc := range children {
			if sc.HasChildren || len(children) <= 30 {
				kids = append(kids, sc)
			}
		}
		domain.SortByVI(kids, func(sc store.Scope) string { return sc.Name })
		for _, sc := range kids {
			f.Scopes = append(f.Scopes, web.Option{Value: idStr(sc.ID), Label: strings.Repeat("· ", depth+1) + sc.Name})
		}
	}
	return f
}

// targetRow evaluates one target at the view's period and lays out its row.
func (s *Server) targetRow(ctx context.Context, st *dashState, t store.DashTarget, byPeriod map[int64]domain.Tally) (web.DashTargetRow, domain.TargetStatus) {
	sr := st.series(t, byPeriod)
	year, slot := st.asOf()
	ev := sr.eval(year, slot)
	row := web.DashTargetRow{
		Href:        st.url(fmt.Sprintf("/dashboard/targets/%d", t.ID), "status", ""),
		Code:        t.Code,
		Text:        t.Text,
		Commitment:  ev.InForce.Text(st.lang),
		StatusClass: string(ev.Status),
		StatusLabel: ev.Status.Label(st.lang),
		Reason:      ev.Reason.Text(i18n.Parse(st.lang)),
	}
	// the latest figure: this period's, or the last one before it
	var meterValue *float64
	row.Latest, row.LatestWhen = st.latestText(ctx, sr)
	if i := sr.latest(); i >= 0 {
		tl := sr.tallies[i]
		// how the figure was formed and how many units it counts
		row.Units = tl.Basis(sr.c.Kind, sr.ratio, st.lang)
		meterValue = plotValue(sr.c, tl)
	}
	meterTarget, scale100 := ev.InForce.Value, rateLike(sr.c.Kind)
	switch sr.c.Kind {
	case domain.KindMilestone:
		full := 100.0
		meterTarget = &full
	case domain.KindGrowth:
		// a growth target is judged on this year's gain, so the bar shows the gain
		meterValue, scale100 = nil, false
		if g, ok := domain.YearGrowth(sr.c, sr.obs, year, slot); ok {
			meterValue = &g
			row.Latest += " (" + i18n.Tf(ctx, "dashboard.gain", sr.c.Format(g, st.lang)) + ")"
		}
	}
	row.Meter = web.NewMeter(meterValue, meterTarget, scale100, string(ev.Status))
	if ev.Projected != nil {
		row.Projection = sr.c.Format(*ev.Projected, st.lang)
	}
	row.Spark = st.spark(ctx, t.Code, sr)
	return row, ev.Status
}

// spark draws a series; its text alternative reads out the last periods' figures.
func (st *dashState) spark(ctx context.Context, code string, sr series) web.Spark {
	pts := make([]web.SparkPoint, len(sr.tallies))
	for i, tl := range sr.tallies {
		pts[i].Value = plotValue(sr.c, tl)
	}
	// the text alternative reads out the last four figures (newest last)
	var said []string
	for i := len(sr.tallies) - 1; i >= 0 && len(said) < 4; i-- {
		if tl := sr.tallies[i]; !tl.Empty() {
			said = append(said, periodLabel(ctx, st.dc.Periods[i])+": "+valueText(ctx, sr.c, tl))
		}
	}
	slices.Reverse(said)
	label := i18n.Tf(ctx, "dashboard.spark_label", code, strings.Join(said, "; "))
	hi := 0.0
	if rateLike(sr.c.Kind) {
		hi = 100
	}
	return web.NewSpark(pts, chartTarget(sr.in(st.period.Year)), 0, hi, 120, 30, label)
}

func statusIndex(s domain.TargetStatus) int {
	for i, k := range domain.AllTargetStatuses() {
		if k == s {
			return i
		}
	}
	return 0
}

func stackOf(ctx context.Context, key string, counts []web.DashStatusCount) ([]web.Segment, string) {
	n, classes, texts := make([]int, len(counts)), make([]string, len(counts)), make([]string, len(counts))
	var said []string
	for i, c := range counts {
		n[i], classes[i] = c.Count, c.Class
		texts[i] = fmt.Sprintf("%s: %d", c.Label, c.Count)
		if c.Count > 0 {
			said = append(said, texts[i])
		}
	}
	return web.Stack(n, classes, texts), i18n.T(ctx, key) + " — " + strings.Join(said, ", ")
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

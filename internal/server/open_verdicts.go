package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The verdicts the open data publishes (the API's /plans/{id}/verdicts and the public page)
// are the dashboard's: the same summaries, series and rules (dashState, series, eval), for
// a scope and the reports a reader may count, without a signed-in user. An ended plan read
// without a period gets its final evaluation (as /dashboard/final): each target's verdict at
// its deadline or the plan's end, not merely the newest period's.

// openVerdict is one target's verdict.
type openVerdict struct {
	Target     store.DashTarget
	Status     domain.TargetStatus
	Reason     string
	Commitment string
	Latest     string // the newest figure, formatted
	LatestWhen string // its period, when older than the one judged
	Spark      web.Spark
	Path       []web.FinalStep // the verdict at the end of each year (final evaluation)
}

// openPlanView is a plan's verdicts for a scope.
type openPlanView struct {
	st       *dashState
	final    bool // the final evaluation of an ended plan
	empty    bool // no period yet
	verdicts []openVerdict
	areas    []web.AreaSummary
	tasks    []int // tasks by taskStates
	data     store.DashboardData
}

// errPeriodNotInPlan is a period asked for that the plan does not have.
var errPeriodNotInPlan = errors.New("period not in plan")

// openReads is the store for open-data reads: the replica when one keeps up (an anonymous
// reader has no writes of its own to wait for), else the primary.
func (s *Server) openReads() store.Store {
	if s.readRouter != nil {
		return s.readRouter.For(0)
	}
	return s.store
}

// openVerdicts evaluates a plan for a scope (0: the root) at a period (0: the newest with
// data, or the final evaluation of an ended plan), counting submitted reports when include.
func (s *Server) openVerdicts(ctx context.Context, planID, scopeID, periodID int64, include bool) (*openPlanView, error) {
	rd := s.openReads()
	st := &dashState{all: true, lang: lang(ctx), include: include}
	dc, err := rd.DashboardContextFor(ctx, planID, scopeID)
	if err != nil {
		return nil, err
	}
	st.dc = dc
	v := &openPlanView{st: st}
	if len(dc.Periods) == 0 {
		v.empty = true
		return v, nil
	}
	if st.sched, err = rd.PlanSchedules(ctx, dc.Plan.ID); err != nil {
		return nil, err
	}
	pl := dc.Plan
	span := domain.PlanSpan{IssuedOn: pl.IssuedOn, StartYear: pl.StartYear, EndYear: pl.EndYear}
	ended := domain.PhaseOf(domain.PlanStatus(pl.Status), span, s.now()) == domain.PhaseEnded
	st.periodIdx = -1
	switch {
	case periodID != 0:
		for i, p := range dc.Periods {
			if p.ID == periodID {
				st.periodIdx = i
			}
		}
		if st.periodIdx < 0 {
			return nil, errPeriodNotInPlan
		}
	case ended:
		v.final = true
		for i, p := range dc.Periods {
			if p.Year <= pl.EndYear {
				st.periodIdx = i
			}
		}
	default:
		want := dc.LatestApproved
		if include {
			want = dc.LatestPending
		}
		today := s.now()
		for i, p := range dc.Periods {
			if p.ID == want || (want == 0 && !p.StartsOn.After(today)) {
				st.periodIdx = i
			}
		}
	}
	if st.periodIdx < 0 {
		st.periodIdx = 0
	}
	st.period = dc.Periods[st.periodIdx]
	d, err := rd.Dashboard(ctx, store.DashboardQuery{PlanID: pl.ID, ScopeID: dc.Scope.ID, PeriodID: st.period.ID,
		ListLimit: 1, Nested: dc.Scope.Nested, Deadline: st.period.Deadline})
	if err != nil {
		return nil, err
	}
	v.data = d
	if err := s.loadFiguresFrom(ctx, rd, st, dc.Scope.ID, false, d.Targets); err != nil {
		return nil, err
	}
	byTarget := st.talliesByTarget(d.Points)
	areaOf := map[int64]int{}
	areaTargets := make([][]int, len(dc.Areas))
	areaTasks := make([][]int, len(dc.Areas))
	for i, a := range dc.Areas {
		areaOf[a.ID] = i
		areaTargets[i] = make([]int, len(domain.AllTargetStatuses()))
		areaTasks[i] = make([]int, len(taskStates))
	}
	endYear := min(pl.EndYear, st.period.Year)
	for _, t := range d.Targets {
		sr := st.series(t, byTarget[t.ID])
		ov := openVerdict{Target: t}
		if v.final {
			f := domain.FinalEvaluation(sr.c, sr.sched, sr.obs, pl.StartYear, endYear)
			ov.Status, ov.Reason, ov.Commitment = f.Status, f.Evaluation.Reason.Text(i18n.Parse(st.lang)), f.InForce.Text(st.lang)
			for _, y := range f.Path {
				ov.Path = append(ov.Path, web.FinalStep{Year: fmt.Sprint(y.Year), Class: string(y.Status), Label: y.Status.Label(st.lang),
					Title: y.Evaluation.Reason.Text(i18n.Parse(st.lang))})
			}
		} else {
			year, slot := st.asOf()
			ev := sr.eval(year, slot)
			ov.Status, ov.Reason, ov.Commitment = ev.Status, ev.Reason.Text(i18n.Parse(st.lang)), ev.InForce.Text(st.lang)
		}
		ov.Latest, ov.LatestWhen = st.latestText(ctx, sr)
		ov.Spark = st.spark(ctx, t.Code, sr)
		if ai, ok := areaOf[t.AreaID]; ok {
			areaTargets[ai][statusIndex(ov.Status)]++
		}
		v.verdicts = append(v.verdicts, ov)
	}
	v.tasks, _ = s.taskSummary(ctx, st, d, areaOf, areaTasks)
	for i, a := range dc.Areas {
		if sum(areaTargets[i])+sum(areaTasks[i]) == 0 {
			continue
		}
		name := a.Name
		if st.lang == "en" && a.NameEN != "" {
			name = a.NameEN
		}
		v.areas = append(v.areas, web.AreaSummary{Name: name, Targets: areaTargets[i], Tasks: areaTasks[i]})
	}
	return v, nil
}

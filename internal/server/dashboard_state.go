package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// dashState is one dashboard view: plan, period, scope and which reports count, all taken
// from the URL (so any view can be bookmarked and shared) and checked against the user.
type dashState struct {
	dc        store.DashboardContext
	noPlan    bool
	period    store.Period
	periodIdx int  // index of period in dc.Periods
	include   bool // count reports submitted and awaiting review, not only approved ones
	status    string
	all       bool  // the user may see every unit
	onlyUnit  int64 // unit staff: their own unit's targets and tasks only
	lang      string
	// sched holds each target's yearly commitments: every result is judged by the
	// commitment in force for its year.
	sched map[int64][]domain.CommitmentChange
	// figures are the units' own values of growth targets by target and period (loadFigures)
	figures map[int64]map[int64][]domain.UnitFigure
	// under maps each unit of the figures to the unit directly under the scope that holds it
	under map[int64]int64
}

// queryID reads an optional positive id from the query string; a malformed one is a 404.
func queryID(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// dashboardState resolves a view. Directors, the reform office and admins may choose any
// scope; unit staff always get their own unit, and asking for another unit's is a 404.
func (s *Server) dashboardState(r *http.Request, planID, scopeID int64) (*dashState, error) {
	ctx := r.Context()
	p := userFrom(ctx).principal()
	q := r.URL.Query()
	st := &dashState{all: authz.Can(p, authz.ViewAllUnits, 0), lang: lang(ctx),
		include: q.Get("include") == "submitted" || q.Get("include") == "1"}
	if _, ok := domain.ParseTargetStatus(q.Get("status")); ok {
		st.status = q.Get("status")
	}
	if !st.all {
		if p.UnitID == 0 {
			return nil, errForbidden
		}
		if scopeID != 0 && scopeID != p.UnitID {
			// a wider scope than their own unit: hidden, as the unit pages below it are
			if err := authorize(r.Context(), authz.ViewUnitReports, scopeID); err != nil {
				return nil, err
			}
			return nil, errNotFound
		}
		if err := authorize(r.Context(), authz.ViewUnitReports, p.UnitID); err != nil {
			return nil, err
		}
		scopeID, st.onlyUnit = p.UnitID, p.UnitID
	}
	dc, err := s.reads(ctx).DashboardContextFor(ctx, planID, scopeID)
	if errors.Is(err, store.ErrNoPlan) {
		st.noPlan = true
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	st.dc = dc
	if st.sched, err = s.reads(ctx).PlanSchedules(ctx, dc.Plan.ID); err != nil {
		return nil, err
	}
	if len(dc.Periods) == 0 {
		st.noPlan = true
		return st, nil
	}
	periodID, err := queryID(r, "period")
	if err != nil {
		return nil, err
	}
	if periodID != 0 && !slices.ContainsFunc(dc.Periods, func(p store.Period) bool { return p.ID == periodID }) {
		// a period of another plan (the plan was just changed in the filters): this plan's own
		periodID = 0
	}
	if periodID == 0 {
		// the latest period with data (for an ended plan, its final evaluation); before any
		// report, the latest that has begun
		periodID = dc.LatestApproved
		if st.include {
			periodID = dc.LatestPending
		}
	}
	st.periodIdx = -1
	today := s.now()
	for i, pr := range dc.Periods {
		if pr.ID == periodID || (periodID == 0 && !pr.StartsOn.After(today)) {
			st.periodIdx = i
		}
	}
	if st.periodIdx < 0 {
		if periodID != 0 {
			return nil, errNotFound
		}
		st.periodIdx = 0
	}
	st.period = dc.Periods[st.periodIdx]
	return st, nil
}

// url links to a dashboard page with this view's state, changed by key/value pairs
// ("" removes a key).
func (st *dashState) url(path string, kv ...string) string {
	q := url.Values{}
	if !st.noPlan {
		q.Set("plan", strconv.FormatInt(st.dc.Plan.ID, 10))
		q.Set("period", strconv.FormatInt(st.period.ID, 10))
		if st.all {
			q.Set("scope", strconv.FormatInt(st.dc.Scope.ID, 10))
		}
	}
	if st.include {
		q.Set("include", "submitted")
	}
	if st.status != "" {
		q.Set("status", st.status)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	return path + "?" + q.Encode()
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

// tally is a period's figure under the view's choice of which reports count.
func (st *dashState) tally(p store.TargetPoint) domain.Tally {
	if st.include {
		return p.Approved.Add(p.Pending)
	}
	return p.Approved
}

// statuses are the report statuses that count in this view.
// talliesByTarget sums the points of each target by period, as every dashboard view and the
// public verdicts read them.
func (st *dashState) talliesByTarget(points []store.TargetPoint) map[int64]map[int64]domain.Tally {
	byTarget := map[int64]map[int64]domain.Tally{}
	for _, p := range points {
		m := byTarget[p.TargetID]
		if m == nil {
			m = map[int64]domain.Tally{}
			byTarget[p.TargetID] = m
		}
		m[p.PeriodID] = m[p.PeriodID].Add(st.tally(p))
	}
	return byTarget
}

func (st *dashState) statuses() []string {
	if st.include {
		return []string{"approved", "submitted"}
	}
	return []string{"approved"}
}

func (st *dashState) dataNote(ctx context.Context) string {
	if st.include {
		return i18n.T(ctx, "dashboard.data_with_submitted")
	}
	return i18n.T(ctx, "dashboard.data_approved")
}

// path is the scope's way down from the root, each step a link to its dashboard.
func (st *dashState) path(ctx context.Context, base string) []web.Crumb {
	if !st.all {
		return nil
	}
	var out []web.Crumb
	for _, sc := range append(append([]store.Scope{}, st.dc.Path...), st.dc.Scope) {
		out = append(out, web.Crumb{Label: sc.Name, Href: st.url(base, "scope", idStr(sc.ID))})
	}
	return out
}

func (st *dashState) periodLabel() string {
	return domain.PeriodLabel(st.period.Year, domain.PeriodKind(st.period.Kind), st.lang)
}

// asOf is the year and quarter slot the status rule judges at.
func (st *dashState) asOf() (int, int) {
	return st.period.Year, domain.PeriodKind(st.period.Kind).Slot()
}

func commitmentOf(t store.DashTarget) domain.Commitment {
	return domain.Commitment{Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
		DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline}
}

// series is one target's figures by period, up to and including the view's period.
type series struct {
	c       domain.Commitment // the plan's own commitment
	sched   []domain.CommitmentChange
	ratio   domain.Ratio   // the two counts of a ratio target
	tallies []domain.Tally // aligned with dc.Periods[:periodIdx+1]
	obs     []domain.Observation
}

func (st *dashState) series(t store.DashTarget, byPeriod map[int64]domain.Tally) series {
	sr := series{c: commitmentOf(t), sched: st.sched[t.ID], ratio: t.Ratio, tallies: make([]domain.Tally, st.periodIdx+1)}
	for i := 0; i <= st.periodIdx; i++ {
		pr := st.dc.Periods[i]
		tl := byPeriod[pr.ID]
		if t.Ratio.IsRatio() {
			tl = withRatio(tl, st.figures[t.ID][pr.ID])
		}
		sr.tallies[i] = tl
		if !tl.Empty() {
			o := tl.Observation(sr.c.Kind, pr.Year, domain.PeriodKind(pr.Kind))
			o.Units = st.figures[t.ID][pr.ID]
			sr.obs = append(sr.obs, o)
		}
	}
	return sr
}

// eval is the target's verdict as of a year and slot, each year's results held to the
// commitment in force for that year.
func (sr series) eval(year, slot int) domain.Evaluation {
	return domain.Evaluate(sr.c, sr.sched, sr.obs, year, slot)
}

// in is the commitment in force for a year's results.
func (sr series) in(year int) domain.Commitment {
	return domain.CommitmentInForce(sr.c, sr.sched, year)
}

// valueText writes a period's figure: a number with its unit, or done / not done.
func valueText(ctx context.Context, c domain.Commitment, tl domain.Tally) string {
	v, done := tl.Result(c.Kind)
	switch {
	case done != nil && *done:
		return i18n.T(ctx, "dashboard.done")
	case done != nil:
		return i18n.T(ctx, "dashboard.not_done")
	case v != nil && c.Kind == domain.KindGrowth:
		return domain.FormatPercent(*v) // the rate itself; the commitment is on its yearly gain
	case v != nil:
		return c.Format(*v, lang(ctx))
	}
	return "–"
}

// plotValue is the value a chart draws: milestones as 0 or 100.
func plotValue(c domain.Commitment, tl domain.Tally) *float64 {
	v, done := tl.Result(c.Kind)
	if done != nil {
		f := 0.0
		if *done {
			f = 100
		}
		return &f
	}
	return v
}

// rateLike kinds are drawn on a 0–100 scale.
func rateLike(k domain.TargetKind) bool {
	return k == domain.KindPercent || k == domain.KindGrowth || k == domain.KindMilestone
}

// chartTarget is the commitment line a chart draws, where a line means something.
func chartTarget(c domain.Commitment) *float64 {
	if c.Kind == domain.KindPercent || c.Kind == domain.KindCount {
		return c.Value
	}
	return nil
}

// shortKind names a period's kind in a few letters, for chart ticks and table heads.
func shortKind(pr store.Period, lang string) string {
	l := i18n.Parse(lang)
	switch domain.PeriodKind(pr.Kind) {
	case domain.PeriodQ1:
		return i18n.Translate(l, "dashboard.short.q1")
	case domain.PeriodQ2:
		return i18n.Translate(l, "dashboard.short.q2")
	case domain.PeriodQ3:
		return i18n.Translate(l, "dashboard.short.q3")
	case domain.PeriodQ4:
		return i18n.Translate(l, "dashboard.short.q4")
	case domain.PeriodH1:
		return i18n.Translate(l, "dashboard.short.h1")
	case domain.PeriodYear:
		return i18n.Translate(l, "dashboard.short.year")
	}
	return ""
}

// shortPeriod is shortKind with the year: QI/25.
func shortPeriod(pr store.Period, lang string) string {
	return shortKind(pr, lang) + "/" + fmt.Sprintf("%02d", pr.Year%100)
}

// latest is the index of the newest period with a figure, up to the view's; -1 for none.
func (sr series) latest() int {
	for i := len(sr.tallies) - 1; i >= 0; i-- {
		if !sr.tallies[i].Empty() {
			return i
		}
	}
	return -1
}

// latestText is the newest figure and, when it is older than the view's period, its period.
func (st *dashState) latestText(ctx context.Context, sr series) (value, when string) {
	i := sr.latest()
	if i < 0 {
		return "–", ""
	}
	if i != st.periodIdx {
		when = periodLabel(ctx, st.dc.Periods[i])
	}
	return valueText(ctx, sr.c, sr.tallies[i]), when
}

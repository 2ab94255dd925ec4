package domain

import "github.com/vn-cchc/cchc/internal/i18n"

// clamp keeps a straight-line projection within what the kind can reach: a rate cannot
// pass 100% nor a count fall below zero.
func (e evaluator) clamp(p float64) float64 {
	switch e.c.Kind {
	case KindPercent:
		return max(0, min(p, 100))
	case KindCount:
		return max(0, p)
	}
	return p
}

// trend judges a level not yet met before its deadline by projecting it to the end of
// toYear; it is shared by the each-year and by-deadline rules. The head says the latest
// figure as a report says it: "Quý III/2026 đạt 97,58%", not "Giá trị mới nhất 97,58%".
func (e evaluator) trend(last Observation, obs []Observation, toYear int, tooFew i18n.Msg) Evaluation {
	v := *last.Value
	head := i18n.M("verdict.trend.head", whenFirst(last), e.fig(v), condition(e.c))
	xs, ys := make([]float64, len(obs)), make([]float64, len(obs))
	for i, o := range obs {
		xs[i], ys[i] = o.x(), *o.Value
	}
	p, ok := LinearProjection(xs, ys, float64(toYear*4+4))
	if !ok {
		return verdict(StatusAtRisk, &last, i18n.M("verdict.trend.few", head, tooFew))
	}
	p = e.clamp(p)
	status, why := StatusAtRisk, i18n.M("verdict.trend.at_risk", head, e.fig(p), toYear)
	if e.c.op().Holds(p, *e.c.Value) {
		status, why = StatusOnTrack, i18n.M("verdict.trend.on_track", head, e.fig(p), toYear)
	}
	ev := verdict(status, &last, why)
	ev.Projected = &p
	return ev
}

// levelEachYear: a percent or count to reach or keep every year ("duy trì", "mỗi năm") is
// judged on the year's own reports. Before the year ends the latest figure or its trend
// says whether the year is on track; at its end the year is met or not, and not
// maintained when the year before had met its level.
func (e evaluator) levelEachYear() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	v := *last.Value
	want := condition(e.c)
	if !e.yearEnd() {
		if e.holds(last) {
			return verdict(StatusOnTrack, &last, i18n.M("verdict.each.on_track", whenFirst(last), e.fig(v), want, e.year))
		}
		return e.trend(last, this, e.year, i18n.M("verdict.trend.few_year"))
	}
	if e.holds(last) {
		return verdict(StatusMet, &last, i18n.M("verdict.each.met", e.year, e.fig(v), want))
	}
	// not maintained: last year met its level and this year fell below that same level
	// (a year that only misses a raised commitment is not met, not "not maintained")
	if prev := e.lastOfYear(e.year - 1); prev != nil && e.holds(*prev) && !holdsAgainst(e.in(e.year-1), last) {
		pc := e.in(e.year - 1)
		return verdict(StatusNotKept, &last,
			i18n.M("verdict.each.not_kept", e.year-1, figure{pc, *prev.Value}, e.year, e.fig(v), want))
	}
	return verdict(StatusMissed, &last, i18n.M("verdict.each.missed", e.year, e.fig(v), want))
}

func (e evaluator) lastOfYear(y int) *Observation {
	for i := len(e.obs) - 1; i >= 0; i-- {
		if e.obs[i].Year == y {
			o := e.obs[i]
			return &o
		}
	}
	return nil
}

// levelByDeadline: a percent or count to reach by a year. Before the end of that year the
// whole history's trend says whether the deadline is reachable. From then on the verdict
// at the deadline stands: met, met later, or not met — and a level met and later lost is
// said to be not maintained, never "not met".
func (e evaluator) levelByDeadline() Evaluation {
	d := e.c.DeadlineYear
	last := e.obs[len(e.obs)-1]
	v := *last.Value
	if !e.pastDeadline(d) {
		if e.c.op().Holds(v, *e.c.Value) {
			return verdict(StatusOnTrack, &last, i18n.M("verdict.deadline.on_track", whenFirst(last), e.fig(v), condition(e.c), d))
		}
		return e.trend(last, e.obs, d, i18n.M("verdict.trend.few_single"))
	}
	cd := e.in(d)
	atD := e.upTo(d)
	if atD != nil && holdsAgainst(cd, *atD) {
		head := i18n.M("verdict.deadline.met", condition(cd), d, when(*atD), figure{cd, *atD.Value})
		if last.Year > d && !holdsAgainst(cd, last) {
			return verdict(StatusNotKept, &last, i18n.M("verdict.deadline.lost", head, when(last), e.fig(v)))
		}
		return verdict(StatusMet, &last, sentence(head))
	}
	var miss i18n.Msg
	if atD == nil {
		miss = i18n.M("verdict.deadline.no_data", d)
	} else {
		miss = i18n.M("verdict.deadline.short", d, figure{cd, *atD.Value}, condition(cd))
	}
	if f := e.firstHoldingAfter(d); f != nil {
		late := i18n.M("verdict.deadline.late", miss, when(*f), figure{e.in(f.Year), *f.Value})
		if !e.holds(last) {
			return verdict(StatusNotKept, &last, i18n.M("verdict.deadline.late_lost", late, when(last), e.fig(v)))
		}
		return verdict(StatusMetLate, &last, sentence(late))
	}
	if atD == nil || last.Year > d {
		return verdict(StatusMissed, &last, i18n.M("verdict.deadline.still", miss, when(last), e.fig(v)))
	}
	return verdict(StatusMissed, &last, sentence(miss))
}

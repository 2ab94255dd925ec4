package domain

import "github.com/vn-cchc/cchc/internal/i18n"

// growth judges points gained in a year ("mỗi năm tăng ít nhất 20 điểm %"). The gain is
// measured from the end of last year (or the baseline in the first year) to the year's
// latest figure, over the same units in both: a unit with no figure in one of the two
// periods (its report not yet approved, say) is left out of both. The requirement is the
// commitment or, when less remains to 100%, what remains: nobody can gain 20 points from
// 96,7%. Mid-year the requirement is pro-rated by quarter, as digitisation and similar
// work accrues through the year rather than at its end.
func (e evaluator) growth() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	want, op := *e.c.Value, e.c.op()

	var before, after float64
	var since i18n.Msg
	var match any = "" // the units compared, when the figures name them
	if prev := e.lastOfYear(e.year - 1); prev != nil {
		since = i18n.M("verdict.growth.since_year", e.year-1)
		p := MatchUnits(*prev, last)
		if !p.OK {
			return verdict(StatusNoData, &last, i18n.M("verdict.growth.no_pair", e.year-1, e.year))
		}
		before, after = p.Before, p.After
		if p.Matched > 0 {
			match = i18n.M("verdict.growth.matched", p.Matched)
			if p.LeftOut > 0 {
				match = i18n.M("verdict.growth.matched_left_out", p.Matched, p.LeftOut)
			}
		}
	} else if e.c.Baseline != nil {
		before, after = *e.c.Baseline, *last.Value
		since = i18n.M("verdict.growth.since_baseline")
	} else {
		return verdict(StatusNoData, &last, i18n.M("verdict.growth.no_previous"))
	}

	req, capped := GrowthRequired(op, want, before)
	opReq := op
	if capped {
		opReq = OpGE
	}
	g := after - before
	gain := i18n.M("verdict.growth.gain", e.fig(g), since, FormatPercent(before), FormatPercent(after), match)
	required := i18n.M("verdict.growth.required", condition(e.c))
	if capped {
		required = i18n.M("verdict.growth.required_capped", e.fig(req), condition(e.c))
	}
	met := opReq.Holds(g, req)
	ev := func(s TargetStatus, why i18n.Msg) Evaluation {
		out := verdict(s, &last, why)
		out.Required, out.From, out.Gain, out.Capped = &req, &before, &g, capped
		return out
	}
	switch {
	case e.yearEnd() && met:
		return ev(StatusMet, i18n.M("verdict.growth.met", gain, required))
	case e.yearEnd() && before >= 100-1e-9 && after < before:
		return ev(StatusNotKept, i18n.M("verdict.growth.not_kept", e.year-1, FormatPercent(before), e.year, FormatPercent(after), match))
	case e.yearEnd():
		gainMid := i18n.M("verdict.growth.gain_lower", gain.Args...)
		return ev(StatusMissed, i18n.M("verdict.growth.missed", e.year, gainMid, required))
	case met:
		return ev(StatusOnTrack, i18n.M("verdict.growth.on_track", gain, required, e.year))
	}
	expected := req * float64(last.Slot) / 4
	q := romanQuarter[last.Slot]
	if opReq.Holds(g, expected) {
		return ev(StatusOnTrack, i18n.M("verdict.growth.keeps_up", gain, required, e.fig(expected), q, last.Slot))
	}
	return ev(StatusAtRisk, i18n.M("verdict.growth.behind", gain, required, e.fig(expected), q, last.Slot))
}

// GrowthRequired is what a rate must gain in a year from the level before: the committed
// gain, or for "at least" commitments whatever remains to 100% when that is less. capped
// is true when the remainder is what is asked.
func GrowthRequired(op Comparison, want, before float64) (req float64, capped bool) {
	if (op == "" || op == OpGE || op == OpGT) && before+want > 100 {
		return max(0, 100-before), true
	}
	return want, false
}

// UnitPair is a growth's two levels over the units present in both periods.
type UnitPair struct {
	Before, After float64
	Matched       int  // units in both periods; 0 when the observations carry no unit figures
	LeftOut       int  // units with a figure in one period only
	OK            bool // false when unit figures were given and no unit is in both
}

// MatchUnits compares two observations over the same units. When both carry unit figures,
// each level is recomputed over the units with a figure in both (a ratio as Σ numerators
// / Σ denominators, a plain percentage as the mean); otherwise the two totals are compared.
func MatchUnits(before, after Observation) UnitPair {
	if len(before.Units) == 0 || len(after.Units) == 0 {
		if before.Value == nil || after.Value == nil {
			return UnitPair{}
		}
		return UnitPair{Before: *before.Value, After: *after.Value, OK: true}
	}
	inBefore := map[int64]UnitFigure{}
	for _, u := range before.Units {
		if finite(u.Value) {
			inBefore[u.Unit] = u
		}
	}
	var b, a []UnitFigure
	inAfter := 0
	for _, u := range after.Units {
		if !finite(u.Value) {
			continue
		}
		inAfter++
		if p, ok := inBefore[u.Unit]; ok {
			b, a = append(b, p), append(a, u)
		}
	}
	out := UnitPair{Matched: len(a), LeftOut: len(inBefore) + inAfter - 2*len(a)}
	if len(a) == 0 {
		return out
	}
	out.Before, out.After, out.OK = LevelOf(b), LevelOf(a), true
	return out
}

// LevelOf is the figure of a set of units: Σ numerators / Σ denominators when every unit
// gave both (a ratio target), else the mean of their values.
func LevelOf(units []UnitFigure) float64 {
	var num, den, sum float64
	ratio := len(units) > 0
	for _, u := range units {
		if u.Num == nil || u.Den == nil {
			ratio = false
		} else {
			num += *u.Num
			den += *u.Den
		}
		if u.Value != nil {
			sum += *u.Value
		}
	}
	if ratio && den > 0 {
		return num / den * 100
	}
	if len(units) == 0 {
		return 0
	}
	return sum / float64(len(units))
}

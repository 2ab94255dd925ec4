package domain

import "fmt"

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
	var sinceVI, sinceEN, matchVI, matchEN string
	if prev := e.lastOfYear(e.year - 1); prev != nil {
		sinceVI = fmt.Sprintf("so với cuối năm %d", e.year-1)
		sinceEN = fmt.Sprintf("since the end of %d", e.year-1)
		p := MatchUnits(*prev, last)
		if !p.OK {
			return verdict(StatusNoData, &last,
				fmt.Sprintf("Không có đơn vị nào có số liệu ở cả năm %d và năm %d để tính mức tăng.", e.year-1, e.year),
				fmt.Sprintf("No unit has figures for both %d and %d to measure growth.", e.year-1, e.year))
		}
		before, after = p.Before, p.After
		if p.Matched > 0 {
			matchVI = fmt.Sprintf("; so sánh cùng %d đơn vị có số liệu ở cả hai kỳ", p.Matched)
			matchEN = fmt.Sprintf("; the same %d units with figures in both periods", p.Matched)
			if p.LeftOut > 0 {
				matchVI += fmt.Sprintf(", không tính %d đơn vị chỉ có số liệu ở một kỳ", p.LeftOut)
				matchEN += fmt.Sprintf(", leaving out %d with figures in one period only", p.LeftOut)
			}
		}
	} else if e.c.Baseline != nil {
		before, after = *e.c.Baseline, *last.Value
		sinceVI, sinceEN = "so với giá trị ban đầu", "over the baseline"
	} else {
		return verdict(StatusNoData, &last,
			"Chưa có số liệu năm trước để tính mức tăng.",
			"No data for the previous year to measure growth against.")
	}

	req, capped := GrowthRequired(op, want, before)
	opReq := op
	if capped {
		opReq = OpGE
	}
	g := after - before
	gainVI := fmt.Sprintf("Mức tăng %s %s (từ %s lên %s%s)", e.vi(g), sinceVI, FormatPercent(before), FormatPercent(after), matchVI)
	gainEN := fmt.Sprintf("Growth of %s %s (from %s to %s%s)", e.en(g), sinceEN, FormatPercent(before), FormatPercent(after), matchEN)
	reqVI, reqEN := "chỉ tiêu "+e.c.want(LangVI), e.c.want(LangEN)
	if capped {
		reqVI = fmt.Sprintf("mức cần tăng %s (chỉ tiêu %s, nhưng chỉ còn %s đến 100%%)", e.vi(req), e.c.want(LangVI), e.vi(req))
		reqEN = fmt.Sprintf("the %s required (%s, but only %s remained to 100%%)", e.en(req), e.c.want(LangEN), e.en(req))
	}
	met := opReq.Holds(g, req)
	ev := func(s TargetStatus, vi, en string) Evaluation {
		out := verdict(s, &last, vi, en)
		out.Required, out.From, out.Gain, out.Capped = &req, &before, &g, capped
		return out
	}
	switch {
	case e.yearEnd() && met:
		return ev(StatusMet, gainVI+" đạt "+reqVI+".", gainEN+" meets "+reqEN+".")
	case e.yearEnd() && before >= 100-1e-9 && after < before:
		return ev(StatusNotKept,
			fmt.Sprintf("Cuối năm %d đã đạt %s nhưng năm %d chỉ còn %s%s — không duy trì được.", e.year-1, FormatPercent(before), e.year, FormatPercent(after), matchVI),
			fmt.Sprintf("The end of %d reached %s but %d fell to %s%s — not maintained.", e.year-1, FormatPercent(before), e.year, FormatPercent(after), matchEN))
	case e.yearEnd():
		return ev(StatusMissed,
			fmt.Sprintf("Hết năm %d, %s chưa đạt %s.", e.year, lowerFirst(gainVI), reqVI),
			fmt.Sprintf("Year %d ended: %s, short of %s.", e.year, lowerFirst(gainEN), reqEN))
	case met:
		return ev(StatusOnTrack,
			fmt.Sprintf("%s đã đạt %s; kết quả năm %d được đánh giá khi hết năm — đúng tiến độ.", gainVI, reqVI, e.year),
			fmt.Sprintf("%s meets %s; the year %d is judged when it ends — on track.", gainEN, reqEN, e.year))
	}
	expected := req * float64(last.Slot) / 4
	q := romanQuarter[last.Slot]
	if opReq.Holds(g, expected) {
		return ev(StatusOnTrack,
			fmt.Sprintf("%s chưa đạt %s cả năm nhưng theo kịp mức %s cần có đến quý %s — đúng tiến độ.", gainVI, reqVI, e.vi(expected), q),
			fmt.Sprintf("%s is short of %s for the year but keeps up with the %s due by Q%d — on track.", gainEN, reqEN, e.en(expected), last.Slot))
	}
	return ev(StatusAtRisk,
		fmt.Sprintf("%s chưa đạt %s cả năm và thấp hơn mức %s cần có đến quý %s — có nguy cơ không đạt.", gainVI, reqVI, e.vi(expected), q),
		fmt.Sprintf("%s is short of %s for the year and below the %s due by Q%d — at risk.", gainEN, reqEN, e.en(expected), last.Slot))
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

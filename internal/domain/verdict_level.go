package domain

import (
	"fmt"
	"strings"
)

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

// reachedVI is the latest figure as a report says it: "Quý III/2026 đạt 97,58%", not
// "Giá trị mới nhất 97,58%".
func reachedVI(last Observation, value string) string {
	w, _ := when(last)
	return strings.ToUpper(w[:1]) + w[1:] + " đạt " + value
}

// trend judges a level not yet met before its deadline by projecting it to the end of
// toYear; it is shared by the each-year and by-deadline rules.
func (e evaluator) trend(last Observation, obs []Observation, toYear int, tooFewVI, tooFewEN string) Evaluation {
	v := *last.Value
	headVI := fmt.Sprintf("%s, chưa đạt %s", reachedVI(last, e.vi(v)), e.c.want(LangVI))
	headEN := fmt.Sprintf("Latest value %s is short of %s", e.en(v), e.c.want(LangEN))
	xs, ys := make([]float64, len(obs)), make([]float64, len(obs))
	for i, o := range obs {
		xs[i], ys[i] = o.x(), *o.Value
	}
	p, ok := LinearProjection(xs, ys, float64(toYear*4+4))
	if !ok {
		return verdict(StatusAtRisk, &last,
			headVI+"; "+tooFewVI+" — có nguy cơ không đạt.",
			headEN+"; "+tooFewEN+" — at risk.")
	}
	p = e.clamp(p)
	status, tailVI, tailEN := StatusAtRisk, "có nguy cơ không đạt", "at risk"
	if e.c.op().Holds(p, *e.c.Value) {
		status, tailVI, tailEN = StatusOnTrack, "đúng tiến độ", "on track"
	}
	ev := verdict(status, &last,
		fmt.Sprintf("%s; theo xu hướng dự kiến đạt %s vào cuối năm %d — %s.", headVI, e.vi(p), toYear, tailVI),
		fmt.Sprintf("%s; the trend projects %s by the end of %d — %s.", headEN, e.en(p), toYear, tailEN))
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
	wantVI, wantEN := e.c.want(LangVI), e.c.want(LangEN)
	if !e.yearEnd() {
		if e.holds(last) {
			return verdict(StatusOnTrack, &last,
				fmt.Sprintf("%s, đã đạt %s; kết quả năm %d được đánh giá khi hết năm — đúng tiến độ.", reachedVI(last, e.vi(v)), wantVI, e.year),
				fmt.Sprintf("Latest value %s meets %s; the year %d is judged when it ends — on track.", e.en(v), wantEN, e.year))
		}
		return e.trend(last, this, e.year,
			"chưa đủ số liệu trong năm để tính xu hướng",
			"too few reports this year to see a trend")
	}
	if e.holds(last) {
		return verdict(StatusMet, &last,
			fmt.Sprintf("Năm %d đạt %s, đạt chỉ tiêu %s.", e.year, e.vi(v), wantVI),
			fmt.Sprintf("%d reached %s, meeting %s.", e.year, e.en(v), wantEN))
	}
	// not maintained: last year met its level and this year fell below that same level
	// (a year that only misses a raised commitment is not met, not "not maintained")
	if prev := e.lastOfYear(e.year - 1); prev != nil && e.holds(*prev) && !holdsAgainst(e.in(e.year-1), last) {
		pc := e.in(e.year - 1)
		return verdict(StatusNotKept, &last,
			fmt.Sprintf("Năm %d đã đạt %s nhưng năm %d chỉ còn %s, không duy trì được chỉ tiêu %s.", e.year-1, pc.formatValue(*prev.Value), e.year, e.vi(v), wantVI),
			fmt.Sprintf("%d reached %s but %d fell to %s: %s was not maintained.", e.year-1, pc.formatValueEN(*prev.Value), e.year, e.en(v), wantEN))
	}
	return verdict(StatusMissed, &last,
		fmt.Sprintf("Hết năm %d, giá trị %s chưa đạt chỉ tiêu %s.", e.year, e.vi(v), wantVI),
		fmt.Sprintf("Year %d ended at %s, short of %s.", e.year, e.en(v), wantEN))
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
			return verdict(StatusOnTrack, &last,
				fmt.Sprintf("%s, đã đạt %s; cần giữ mức này đến hạn năm %d — đúng tiến độ.", reachedVI(last, e.vi(v)), e.c.want(LangVI), d),
				fmt.Sprintf("Latest value %s meets %s; it must hold until the %d deadline — on track.", e.en(v), e.c.want(LangEN), d))
		}
		return e.trend(last, e.obs, d,
			"mới có một kỳ số liệu, chưa tính được xu hướng",
			"a single report gives no trend")
	}
	cd := e.in(d)
	wantVI, wantEN := cd.want(LangVI), cd.want(LangEN)
	lastVI, lastEN := when(last)
	atD := e.upTo(d)
	if atD != nil && holdsAgainst(cd, *atD) {
		aVI, aEN := when(*atD)
		head := fmt.Sprintf("Đạt chỉ tiêu %s đúng hạn năm %d (%s: %s)", wantVI, d, aVI, cd.formatValue(*atD.Value))
		headEN := fmt.Sprintf("Met %s by the %d deadline (%s: %s)", wantEN, d, aEN, cd.formatValueEN(*atD.Value))
		if last.Year > d && !holdsAgainst(cd, last) {
			return verdict(StatusNotKept, &last,
				fmt.Sprintf("%s nhưng %s chỉ còn %s — không duy trì được.", head, lastVI, e.vi(v)),
				fmt.Sprintf("%s but %s fell to %s — not maintained.", headEN, lastEN, e.en(v)))
		}
		return verdict(StatusMet, &last, head+".", headEN+".")
	}
	var missVI, missEN string
	if atD == nil {
		missVI = fmt.Sprintf("Đến hạn năm %d chưa có số liệu báo cáo", d)
		missEN = fmt.Sprintf("No data had been reported by the %d deadline", d)
	} else {
		missVI = fmt.Sprintf("Đến hạn năm %d chỉ đạt %s, chưa đạt chỉ tiêu %s", d, cd.formatValue(*atD.Value), wantVI)
		missEN = fmt.Sprintf("By the %d deadline it reached only %s, short of %s", d, cd.formatValueEN(*atD.Value), wantEN)
	}
	if f := e.firstHoldingAfter(d); f != nil {
		fVI, fEN := when(*f)
		late := fmt.Sprintf("%s; %s đạt %s, trễ hạn", missVI, fVI, e.in(f.Year).formatValue(*f.Value))
		lateEN := fmt.Sprintf("%s; %s reached %s, late", missEN, fEN, e.in(f.Year).formatValueEN(*f.Value))
		if !e.holds(last) {
			return verdict(StatusNotKept, &last,
				fmt.Sprintf("%s, nhưng %s chỉ còn %s — không duy trì được.", late, lastVI, e.vi(v)),
				fmt.Sprintf("%s, but %s fell to %s — not maintained.", lateEN, lastEN, e.en(v)))
		}
		return verdict(StatusMetLate, &last, late+".", lateEN+".")
	}
	if atD == nil || last.Year > d {
		return verdict(StatusMissed, &last,
			fmt.Sprintf("%s; %s: %s, vẫn chưa đạt.", missVI, lastVI, e.vi(v)),
			fmt.Sprintf("%s; %s: %s, still short.", missEN, lastEN, e.en(v)))
	}
	return verdict(StatusMissed, &last, missVI+".", missEN+".")
}

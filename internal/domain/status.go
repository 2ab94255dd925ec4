package domain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// TargetStatus is the dashboard's verdict on one target.
type TargetStatus string

const (
	StatusMet     TargetStatus = "met"      // đạt
	StatusOnTrack TargetStatus = "on_track" // đúng tiến độ
	StatusAtRisk  TargetStatus = "at_risk"  // có nguy cơ
	StatusBehind  TargetStatus = "behind"   // chậm
	StatusNoData  TargetStatus = "no_data"  // chưa có số liệu
)

// AllTargetStatuses lists the statuses worst first, the order of a legend.
func AllTargetStatuses() []TargetStatus {
	return []TargetStatus{StatusBehind, StatusAtRisk, StatusNoData, StatusOnTrack, StatusMet}
}

func (s TargetStatus) Label(lang string) string {
	switch s {
	case StatusMet:
		return pick(lang, "Đạt", "Met")
	case StatusOnTrack:
		return pick(lang, "Đúng tiến độ", "On track")
	case StatusAtRisk:
		return pick(lang, "Có nguy cơ không đạt", "At risk")
	case StatusBehind:
		return pick(lang, "Chậm", "Behind")
	case StatusNoData:
		return pick(lang, "Chưa có số liệu", "No data")
	}
	return string(s)
}

// Observation is one period's value for a target, already aggregated across
// units by the caller. Slot is the quarter the period ends in (PeriodKind.Slot).
type Observation struct {
	Year  int
	Slot  int // 1..4
	Value *float64
	Done  *bool
}

func (o Observation) x() float64 { return float64(o.Year*4 + o.Slot) }

// Evaluation is a target's status with the rule that produced it in words,
// so the dashboard can say why and not only what.
type Evaluation struct {
	Status    TargetStatus
	Latest    *Observation
	Projected *float64 // projected value at the deadline (or year end), if computed
	Reason    string   // Vietnamese
	ReasonEN  string
}

// EvaluateTarget decides a target's status as of a year and slot from its
// history. Observations after the as-of point are ignored, so the dashboard
// can be replayed for any past period and give what it said then.
func EvaluateTarget(c Commitment, history []Observation, asOfYear, asOfSlot int) Evaluation {
	asOfSlot = max(1, min(asOfSlot, 4))
	ev := evaluator{c: c, year: asOfYear, slot: asOfSlot, obs: usable(c, history, asOfYear, asOfSlot)}
	if len(ev.obs) == 0 {
		return verdict(StatusNoData, nil, "Chưa có số liệu báo cáo.", "No reported data yet.")
	}
	switch c.Kind {
	case KindMilestone:
		if c.eachYear() {
			return ev.milestoneEachYear()
		}
		return ev.milestoneByDeadline()
	case KindPercent, KindCount, KindGrowth:
		if c.Value == nil {
			return verdict(StatusNoData, nil, "Chỉ tiêu chưa có giá trị cam kết.", "The target has no committed value.")
		}
	default:
		return verdict(StatusNoData, nil, "Loại chỉ tiêu không xác định.", "Unknown target kind.")
	}
	switch {
	case c.Kind == KindGrowth:
		return ev.growth()
	case c.eachYear():
		return ev.levelEachYear()
	}
	return ev.levelByDeadline()
}

// usable keeps the observations a rule may look at, oldest first.
func usable(c Commitment, history []Observation, year, slot int) []Observation {
	limit := float64(year*4 + slot)
	var out []Observation
	for _, o := range history {
		if o.Slot < 1 || o.Slot > 4 || o.x() > limit {
			continue
		}
		if c.Kind == KindMilestone {
			if o.Done == nil {
				continue
			}
		} else if o.Value == nil || math.IsNaN(*o.Value) || math.IsInf(*o.Value, 0) {
			continue
		}
		out = append(out, o)
	}
	slices.SortStableFunc(out, func(a, b Observation) int { return cmp.Compare(a.x(), b.x()) })
	return out
}

func verdict(s TargetStatus, latest *Observation, vi, en string) Evaluation {
	return Evaluation{Status: s, Latest: latest, Reason: vi, ReasonEN: en}
}

type evaluator struct {
	c          Commitment
	year, slot int
	obs        []Observation
}

func (e evaluator) yearEnd() bool { return e.slot >= 4 }

func (e evaluator) thisYear() []Observation {
	var out []Observation
	for _, o := range e.obs {
		if o.Year == e.year {
			out = append(out, o)
		}
	}
	return out
}

func (e evaluator) noDataThisYear() Evaluation {
	return verdict(StatusNoData, nil,
		fmt.Sprintf("Chưa có số liệu báo cáo năm %d.", e.year),
		fmt.Sprintf("No data reported for %d yet.", e.year))
}

func (e evaluator) vi(v float64) string { return e.c.formatValue(v) }
func (e evaluator) en(v float64) string { return e.c.formatValueEN(v) }

// clamp keeps a straight-line projection within what the kind can reach: a
// rate cannot pass 100% nor a count fall below zero.
func (e evaluator) clamp(p float64) float64 {
	switch e.c.Kind {
	case KindPercent:
		return max(0, min(p, 100))
	case KindCount:
		return max(0, p)
	}
	return p
}

// trend judges a level that is not yet met by projecting it to the end of
// toYear; it is shared by the each-year and by-deadline rules.
func (e evaluator) trend(last Observation, xs, ys []float64, toYear int, tooFewVI, tooFewEN string) Evaluation {
	v := *last.Value
	headVI := fmt.Sprintf("Giá trị mới nhất %s chưa đạt %s", e.vi(v), e.c.want(LangVI))
	headEN := fmt.Sprintf("Latest value %s is short of %s", e.en(v), e.c.want(LangEN))
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

func (e evaluator) met(last Observation) (Evaluation, bool) {
	v := *last.Value
	if !e.c.op().Holds(v, *e.c.Value) {
		return Evaluation{}, false
	}
	return verdict(StatusMet, &last,
		fmt.Sprintf("Giá trị mới nhất %s đạt %s.", e.vi(v), e.c.want(LangVI)),
		fmt.Sprintf("Latest value %s meets %s.", e.en(v), e.c.want(LangEN))), true
}

// levelEachYear: a percent or count kept every year is judged on this year's
// reports only; last year's success says nothing about this year.
func (e evaluator) levelEachYear() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	if ev, ok := e.met(last); ok {
		return ev
	}
	if e.yearEnd() {
		v := *last.Value
		return verdict(StatusBehind, &last,
			fmt.Sprintf("Hết năm %d, giá trị %s chưa đạt %s.", e.year, e.vi(v), e.c.want(LangVI)),
			fmt.Sprintf("Year %d ended at %s, short of %s.", e.year, e.en(v), e.c.want(LangEN)))
	}
	xs, ys := make([]float64, len(this)), make([]float64, len(this))
	for i, o := range this {
		xs[i], ys[i] = o.x(), *o.Value
	}
	return e.trend(last, xs, ys, e.year,
		"chưa đủ số liệu trong năm để tính xu hướng",
		"too few reports this year to see a trend")
}

// levelByDeadline: a percent or count to reach by a year is judged on the
// whole history, whose trend says whether the deadline is reachable.
func (e evaluator) levelByDeadline() Evaluation {
	last := e.obs[len(e.obs)-1]
	if ev, ok := e.met(last); ok {
		return ev
	}
	y := e.c.DeadlineYear
	if e.year > y || (e.year == y && e.yearEnd()) {
		v := *last.Value
		return verdict(StatusBehind, &last,
			fmt.Sprintf("Đã đến hạn năm %d nhưng giá trị mới nhất %s chưa đạt %s.", y, e.vi(v), e.c.want(LangVI)),
			fmt.Sprintf("The %d deadline has come and the latest value %s is short of %s.", y, e.en(v), e.c.want(LangEN)))
	}
	xs, ys := make([]float64, len(e.obs)), make([]float64, len(e.obs))
	for i, o := range e.obs {
		xs[i], ys[i] = o.x(), *o.Value
	}
	return e.trend(last, xs, ys, y,
		"mới có một kỳ số liệu, chưa tính được xu hướng",
		"a single report gives no trend")
}

// growth: points gained since the end of last year. Mid-year the yearly
// commitment is pro-rated by quarter, since digitisation and similar work
// accrues through the year rather than at its end.
func (e evaluator) growth() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	v, want, op := *last.Value, *e.c.Value, e.c.op()

	var prev float64
	var sinceVI, sinceEN string
	if p, ok := e.lastOfYear(e.year - 1); ok {
		prev = p
		sinceVI = fmt.Sprintf("so với cuối năm %d", e.year-1)
		sinceEN = fmt.Sprintf("since the end of %d", e.year-1)
	} else if e.c.Baseline != nil {
		prev = *e.c.Baseline
		sinceVI, sinceEN = "so với giá trị ban đầu", "over the baseline"
	} else {
		return verdict(StatusNoData, &last,
			"Chưa có số liệu năm trước để tính mức tăng.",
			"No data for the previous year to measure growth against.")
	}

	g := v - prev
	gainVI := fmt.Sprintf("Mức tăng %s %s (từ %s lên %s)", e.vi(g), sinceVI, FormatPercent(prev), FormatPercent(v))
	gainEN := fmt.Sprintf("Growth of %s %s (from %s to %s)", e.en(g), sinceEN, FormatPercent(prev), FormatPercent(v))
	wantVI, wantEN := e.c.want(LangVI), e.c.want(LangEN)
	switch {
	case op.Holds(g, want):
		return verdict(StatusMet, &last, gainVI+" đạt "+wantVI+".", gainEN+" meets "+wantEN+".")
	case v >= 100-1e-9 && (op == OpGE || op == OpGT):
		// A rate at 100% cannot grow: "grow 20 points a year, 100% by 2025"
		// is kept once 100% is reached.
		return verdict(StatusMet, &last,
			fmt.Sprintf("Đã đạt %s, không thể tăng thêm.", FormatPercent(v)),
			fmt.Sprintf("Already at %s; it cannot grow further.", FormatPercent(v)))
	case e.yearEnd():
		return verdict(StatusBehind, &last,
			fmt.Sprintf("Hết năm %d, %s chưa đạt %s.", e.year, lowerFirst(gainVI), wantVI),
			fmt.Sprintf("Year %d ended: %s, short of %s.", e.year, lowerFirst(gainEN), wantEN))
	}
	expected := want * float64(last.Slot) / 4
	q := romanQuarter[last.Slot]
	if op.Holds(g, expected) {
		return verdict(StatusOnTrack, &last,
			fmt.Sprintf("%s chưa đạt %s cả năm nhưng theo kịp mức %s cần có đến quý %s — đúng tiến độ.", gainVI, wantVI, e.vi(expected), q),
			fmt.Sprintf("%s is short of %s for the year but keeps up with the %s due by Q%d — on track.", gainEN, wantEN, e.en(expected), last.Slot))
	}
	return verdict(StatusAtRisk, &last,
		fmt.Sprintf("%s chưa đạt %s cả năm và thấp hơn mức %s cần có đến quý %s — có nguy cơ không đạt.", gainVI, wantVI, e.vi(expected), q),
		fmt.Sprintf("%s is short of %s for the year and below the %s due by Q%d — at risk.", gainEN, wantEN, e.en(expected), last.Slot))
}

func (e evaluator) lastOfYear(y int) (float64, bool) {
	for i := len(e.obs) - 1; i >= 0; i-- {
		if e.obs[i].Year == y {
			return *e.obs[i].Value, true
		}
	}
	return 0, false
}

func (e evaluator) milestoneByDeadline() Evaluation {
	last := e.obs[len(e.obs)-1]
	y := e.c.DeadlineYear
	switch {
	case *last.Done:
		return verdict(StatusMet, &last, "Đã hoàn thành.", "Completed.")
	case e.year > y || (e.year == y && e.yearEnd()):
		return verdict(StatusBehind, &last,
			fmt.Sprintf("Đã đến hạn năm %d nhưng chưa hoàn thành.", y),
			fmt.Sprintf("The %d deadline has come and it is not done.", y))
	case e.year < y:
		return verdict(StatusOnTrack, &last,
			fmt.Sprintf("Chưa hoàn thành, còn thời hạn đến năm %d.", y),
			fmt.Sprintf("Not done yet; due by %d.", y))
	}
	return verdict(StatusAtRisk, &last,
		fmt.Sprintf("Chưa hoàn thành dù năm %d là năm hạn chót — có nguy cơ không đạt.", y),
		fmt.Sprintf("Not done and %d is the deadline year — at risk.", y))
}

// milestoneEachYear: like levels kept each year, only this year's reports
// count, so a year with no report is no_data rather than a guess.
func (e evaluator) milestoneEachYear() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	switch {
	case *last.Done:
		return verdict(StatusMet, &last,
			fmt.Sprintf("Đã hoàn thành trong năm %d.", e.year),
			fmt.Sprintf("Completed in %d.", e.year))
	case e.yearEnd():
		return verdict(StatusBehind, &last,
			fmt.Sprintf("Hết năm %d nhưng chưa hoàn thành.", e.year),
			fmt.Sprintf("Year %d ended and it is not done.", e.year))
	}
	return verdict(StatusOnTrack, &last,
		fmt.Sprintf("Chưa hoàn thành, còn thời gian đến cuối năm %d.", e.year),
		fmt.Sprintf("Not done yet; there is time until the end of %d.", e.year))
}

// lowerFirst lets a sentence start be reused mid-sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

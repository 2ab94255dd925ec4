package domain

import (
	"cmp"
	"math"
	"slices"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// TargetStatus is the verdict on one target, in the words of a Vietnamese report.
//
// Before a target's deadline (for a target kept each year: before the year ends) it is
// on track, at risk of not being met (by the trend's projection) or without data. At and
// after the deadline it is met (by the deadline), met late, not met, or not maintained
// (met, then lost). A milestone done before its deadline is already met.
type TargetStatus string

const (
	StatusMet     TargetStatus = "met"      // Đạt
	StatusMetLate TargetStatus = "met_late" // Đạt, trễ hạn
	StatusNotKept TargetStatus = "not_kept" // Không duy trì được
	StatusMissed  TargetStatus = "missed"   // Không đạt
	StatusOnTrack TargetStatus = "on_track" // Đúng tiến độ
	StatusAtRisk  TargetStatus = "at_risk"  // Có nguy cơ không đạt
	StatusNoData  TargetStatus = "no_data"  // Chưa có số liệu
)

// AllTargetStatuses lists the statuses worst first, the order of a legend.
func AllTargetStatuses() []TargetStatus {
	return []TargetStatus{StatusMissed, StatusNotKept, StatusAtRisk, StatusNoData, StatusOnTrack, StatusMetLate, StatusMet}
}

func (s TargetStatus) Label(lang string) string {
	switch s {
	case StatusMet:
		return i18n.Translate(i18n.Parse(lang), "domain.status.met")
	case StatusMetLate:
		return i18n.Translate(i18n.Parse(lang), "domain.status.met_late")
	case StatusNotKept:
		return i18n.Translate(i18n.Parse(lang), "domain.status.not_maintained")
	case StatusMissed:
		return i18n.Translate(i18n.Parse(lang), "domain.status.not_met")
	case StatusOnTrack:
		return i18n.Translate(i18n.Parse(lang), "domain.status.on_track")
	case StatusAtRisk:
		return i18n.Translate(i18n.Parse(lang), "domain.status.at_risk")
	case StatusNoData:
		return i18n.Translate(i18n.Parse(lang), "domain.status.no_data")
	}
	return string(s)
}

// Final reports whether the status is a verdict reached at or after a deadline (or a
// year's end), rather than a forecast.
func (s TargetStatus) Final() bool {
	switch s {
	case StatusMet, StatusMetLate, StatusNotKept, StatusMissed:
		return true
	}
	return false
}

// Achieved reports whether the level was reached, on time or late, and still holds.
func (s TargetStatus) Achieved() bool { return s == StatusMet || s == StatusMetLate }

// Observation is one period's value for a target, already aggregated across units by the
// caller. Slot is the quarter the period ends in (PeriodKind.Slot).
type Observation struct {
	Year  int
	Slot  int // 1..4
	Value *float64
	Done  *bool
	// Units are the figures of the units behind Value, when the caller has them. A growth
	// target compares the same units in both years; without them it compares the totals.
	Units []UnitFigure
}

func (o Observation) x() float64 { return float64(o.Year*4 + o.Slot) }

// UnitFigure is one unit's figure in an observation: a value, or for a target measured
// as a ratio of two counts, its numerator and denominator (Value is then their ratio).
type UnitFigure struct {
	Unit     int64
	Value    *float64
	Num, Den *float64
}

// Evaluation is a target's status with the rule that produced it in words, so every page
// and export can say why and not only what. The reason is true of the data it was given.
type Evaluation struct {
	Status    TargetStatus
	Latest    *Observation
	Projected *float64 // projected value at the deadline (or year end), if computed
	Reason    i18n.Msg // one sentence, translated where it is shown
	// InForce is the commitment the verdict held the results to (the plan's, or the
	// yearly commitment in force for the year judged).
	InForce Commitment
	// Required is what a growth target had to gain in the year judged: its commitment,
	// or less where less remained to 100%.
	Required *float64
	// From and Gain are, for a growth target, the level the year's gain is measured from
	// and the gain itself, over the same units (so a report states the increase, not the
	// level reached); Capped says Required is what remained to 100%, less than committed.
	From, Gain *float64
	Capped     bool
}

// EvaluateTarget decides a target's status as of a year and slot from its history, with
// no yearly commitments (see Evaluate).
func EvaluateTarget(c Commitment, history []Observation, asOfYear, asOfSlot int) Evaluation {
	return Evaluate(c, nil, history, asOfYear, asOfSlot)
}

// Evaluate decides a target's status as of a year and slot from its history, each year's
// results held to the commitment in force for that year (CommitmentInForce of the base and
// its yearly changes). Observations after the as-of point are ignored, so any past period
// can be replayed and gives what it gave then: reaching a level after a deadline never
// erases having missed it at the deadline.
func Evaluate(base Commitment, changes []CommitmentChange, history []Observation, asOfYear, asOfSlot int) Evaluation {
	asOfSlot = max(1, min(asOfSlot, 4))
	e := evaluator{base: base, changes: changes, year: asOfYear, slot: asOfSlot}
	e.c = e.in(asOfYear)
	e.obs = usable(e.c, history, asOfYear, asOfSlot)
	ev := e.evaluate()
	ev.InForce = e.c
	return ev
}

func (e evaluator) evaluate() Evaluation {
	if len(e.obs) == 0 {
		if e.c.Kind.Valid() && !e.c.eachYear() && e.pastDeadline(e.c.DeadlineYear) {
			return verdict(StatusNoData, nil, i18n.M("verdict.no_data_due", e.c.DeadlineYear))
		}
		return verdict(StatusNoData, nil, i18n.M("verdict.no_data"))
	}
	switch e.c.Kind {
	case KindMilestone:
		if e.c.eachYear() {
			return e.milestoneEachYear()
		}
		return e.milestoneByDeadline()
	case KindPercent, KindCount, KindGrowth:
		if e.c.Value == nil {
			return verdict(StatusNoData, nil, i18n.M("verdict.no_value"))
		}
	default:
		return verdict(StatusNoData, nil, i18n.M("verdict.unknown_kind"))
	}
	switch {
	case e.c.Kind == KindGrowth:
		return e.growth()
	case e.c.eachYear():
		return e.levelEachYear()
	}
	return e.levelByDeadline()
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
		} else if !finite(o.Value) {
			continue
		}
		out = append(out, o)
	}
	slices.SortStableFunc(out, func(a, b Observation) int { return cmp.Compare(a.x(), b.x()) })
	return out
}

func finite(v *float64) bool { return v != nil && !math.IsNaN(*v) && !math.IsInf(*v, 0) }

func verdict(s TargetStatus, latest *Observation, reason i18n.Msg) Evaluation {
	return Evaluation{Status: s, Latest: latest, Reason: reason}
}

// sentence ends a clause that is a whole reason on its own.
func sentence(m i18n.Msg) i18n.Msg { return i18n.M("verdict.sentence", m) }

type evaluator struct {
	base       Commitment
	changes    []CommitmentChange
	c          Commitment // in force in the year judged
	year, slot int
	obs        []Observation
}

// in is the commitment in force for a year's results.
func (e evaluator) in(year int) Commitment { return CommitmentInForce(e.base, e.changes, year) }

// holds reports whether an observation meets the commitment in force in its own year.
func (e evaluator) holds(o Observation) bool { return holdsAgainst(e.in(o.Year), o) }

func holdsAgainst(c Commitment, o Observation) bool {
	if c.Kind == KindMilestone {
		return o.Done != nil && *o.Done
	}
	return c.Value != nil && o.Value != nil && c.op().Holds(*o.Value, *c.Value)
}

func (e evaluator) yearEnd() bool { return e.slot >= 4 }

// pastDeadline: the as-of point is at or after the end of the deadline year.
func (e evaluator) pastDeadline(y int) bool { return e.year > y || (e.year == y && e.yearEnd()) }

func (e evaluator) thisYear() []Observation {
	var out []Observation
	for _, o := range e.obs {
		if o.Year == e.year {
			out = append(out, o)
		}
	}
	return out
}

// upTo is the latest observation at or before the end of year y.
func (e evaluator) upTo(y int) *Observation {
	for i := len(e.obs) - 1; i >= 0; i-- {
		if e.obs[i].Year <= y {
			o := e.obs[i]
			return &o
		}
	}
	return nil
}

// firstHoldingAfter is the first observation after year y that meets its year's commitment.
func (e evaluator) firstHoldingAfter(y int) *Observation {
	for _, o := range e.obs {
		if o.Year > y && e.holds(o) {
			return &o
		}
	}
	return nil
}

func (e evaluator) noDataThisYear() Evaluation {
	return verdict(StatusNoData, nil, i18n.M("verdict.no_data_year", e.year))
}

// figure is a value with its commitment's unit, an argument of a reason: the number is
// written the Vietnamese way in both languages, the unit in the reader's ("điểm %", "pts").
type figure struct {
	c Commitment
	v float64
}

func (f figure) Text(l i18n.Lang) string {
	return f.c.formatValue(f.v, l)
}

// condition is a commitment written as a condition (≥ 80%), an argument of a reason.
type condition Commitment

func (c condition) Text(l i18n.Lang) string { return Commitment(c).want(string(l)) }

func (e evaluator) fig(v float64) figure { return figure{e.c, v} }

// when names the period an observation covers up to: năm 2024 for a year-end figure,
// quý II/2024 for one within the year (2024, Q2 2024 in English).
func when(o Observation) i18n.Msg {
	if o.Slot >= 4 {
		return i18n.M("verdict.when.year", o.Year)
	}
	return i18n.M("verdict.when.quarter", romanQuarter[o.Slot], o.Slot, o.Year)
}

// whenFirst is when at the start of a sentence: Quý III/2026 đạt 97,58%.
func whenFirst(o Observation) i18n.Msg {
	if o.Slot >= 4 {
		return i18n.M("verdict.when.year_cap", o.Year)
	}
	return i18n.M("verdict.when.quarter_cap", romanQuarter[o.Slot], o.Slot, o.Year)
}

package domain

import (
	"math"
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// TargetKind is how a target (chỉ tiêu) is measured.
type TargetKind string

const (
	KindPercent   TargetKind = "percent"
	KindCount     TargetKind = "count"
	KindGrowth    TargetKind = "ratio_growth" // percentage points gained per year
	KindMilestone TargetKind = "milestone"
)

// AllTargetKinds lists the kinds in the order a select box shows them.
func AllTargetKinds() []TargetKind {
	return []TargetKind{KindPercent, KindCount, KindGrowth, KindMilestone}
}

func (k TargetKind) Valid() bool {
	switch k {
	case KindPercent, KindCount, KindGrowth, KindMilestone:
		return true
	}
	return false
}

func (k TargetKind) Label(lang string) string {
	switch k {
	case KindPercent:
		return i18n.Translate(i18n.Parse(lang), "domain.targets.percentage")
	case KindCount:
		return i18n.Translate(i18n.Parse(lang), "domain.targets.count")
	case KindGrowth:
		return i18n.Translate(i18n.Parse(lang), "domain.targets.growth_points_a_year")
	case KindMilestone:
		return i18n.Translate(i18n.Parse(lang), "domain.targets.milestone")
	}
	return string(k)
}

// Comparison is how a reported value is held against the committed value.
type Comparison string

const (
	OpGE Comparison = ">="
	OpGT Comparison = ">"
	OpLE Comparison = "<="
	OpLT Comparison = "<"
	OpEQ Comparison = "="
)

// ParseComparison also takes the typographic symbols, which is how the plan
// text writes them.
func ParseComparison(s string) (Comparison, bool) {
	switch strings.TrimSpace(s) {
	case ">=", "≥":
		return OpGE, true
	case ">":
		return OpGT, true
	case "<=", "≤":
		return OpLE, true
	case "<":
		return OpLT, true
	case "=", "==":
		return OpEQ, true
	}
	return "", false
}

func (c Comparison) Valid() bool {
	switch c {
	case OpGE, OpGT, OpLE, OpLT, OpEQ:
		return true
	}
	return false
}

// Holds reports whether actual satisfies the comparison with want. Values are
// often averages over units, so a tolerance keeps 79.99999999 from failing
// ≥ 80 through floating-point noise alone. An unknown comparison never holds.
func (c Comparison) Holds(actual, want float64) bool {
	if math.IsNaN(actual) || math.IsNaN(want) {
		return false
	}
	eps := 1e-9 * max(1, math.Abs(want))
	switch c {
	case OpGE:
		return actual >= want-eps
	case OpGT:
		return actual > want+eps
	case OpLE:
		return actual <= want+eps
	case OpLT:
		return actual < want-eps
	case OpEQ:
		return math.Abs(actual-want) <= eps
	}
	return false
}

func (c Comparison) Symbol() string {
	switch c {
	case OpGE:
		return "≥"
	case OpLE:
		return "≤"
	}
	return string(c)
}

// Commitment is the measurable part of a target.
type Commitment struct {
	Kind         TargetKind
	Op           Comparison
	Value        *float64 // nil for milestones
	Unit         string   // unit of measure, e.g. "%" or "hồ sơ"
	DeadlineYear int      // 0 when each year
	EachYear     bool
	// Baseline is the value before the plan started; a growth target uses it
	// in the first year, when there is no previous year's report.
	Baseline *float64
}

// op defaults to ≥ because the plans phrase nearly every target as "at
// least" (tối thiểu, ít nhất) and an importer may leave the operator blank.
func (c Commitment) op() Comparison {
	if c.Op == "" {
		return OpGE
	}
	return c.Op
}

// eachYear is true also when no deadline is given: a target without a year is
// one to keep, and keeping it is checked every year.
func (c Commitment) eachYear() bool { return c.EachYear || c.DeadlineYear == 0 }

// formatValue writes a value with the commitment's unit: 80%, 12 văn bản, 20 điểm % (a
// growth's points are the one unit written in the reader's language: 20 pts). The number
// keeps the Vietnamese marks in both languages; the plan's own unit is the plan's word.
func (c Commitment) formatValue(v float64, l i18n.Lang) string {
	switch {
	case c.Kind == KindPercent && (c.Unit == "" || c.Unit == "%"):
		return FormatPercent(v)
	case c.Kind == KindGrowth:
		return i18n.M("domain.unit.points", FormatNumberShort(v)).Text(l)
	case c.Unit == "":
		return FormatNumberShort(v)
	}
	return FormatNumberShort(v) + " " + c.Unit
}

// want is the commitment written as a condition: ≥ 80%.
func (c Commitment) want(lang string) string {
	if c.Value == nil {
		return c.op().Symbol()
	}
	return c.op().Symbol() + " " + c.formatValue(*c.Value, i18n.Parse(lang))
}

// Text is the commitment as the target list shows it: "≥ 80% — mỗi năm",
// "> 30% — đến năm 2023", "tăng ≥ 20 điểm % mỗi năm", "Hoàn thành — đến năm 2025".
func (c Commitment) Text(lang string) string {
	var when string
	switch {
	case c.EachYear && c.Kind == KindMilestone:
		when = i18n.Translate(i18n.Parse(lang), "domain.targets.every_year")
	case c.EachYear:
		when = i18n.Translate(i18n.Parse(lang), "domain.targets.each_year")
	case c.DeadlineYear != 0:
		when = i18n.M("domain.targets.by_year", c.DeadlineYear).Text(i18n.Parse(lang))
	}

	var what string
	switch {
	case c.Kind == KindMilestone:
		what = i18n.Translate(i18n.Parse(lang), "domain.targets.done")
	case c.Value == nil:
		what = i18n.Translate(i18n.Parse(lang), "domain.targets.no_value_set")
	case c.Kind == KindGrowth:
		// the rate is per year by definition, so "each year" is part of it
		what = i18n.M("domain.targets.growth_each_year", c.want(lang)).Text(i18n.Parse(lang))
		if c.EachYear {
			when = ""
		}
	default:
		what = c.want(lang)
	}
	if when == "" {
		return what
	}
	return what + " — " + when
}

// ValueError is returned by ValidateValue. Error returns the Vietnamese
// message so that even a handler that only prints err shows users something
// they read.
type ValueError struct {
	Kind  TargetKind
	Value float64
}

func (e *ValueError) Error() string { return e.Message() }

// Message is the Vietnamese text for the form.
func (e *ValueError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key.
func (e *ValueError) Msg() i18n.Msg {
	switch e.Kind {
	case KindPercent:
		return i18n.M("domain.value.percent")
	case KindCount:
		return i18n.M("domain.value.count")
	case KindGrowth:
		return i18n.M("domain.value.growth")
	}
	return i18n.M("domain.value.kind")
}

// ValidateValue checks a reported or committed value against what its kind
// can mean. Milestones carry a done flag, not a number, so any value passes.
func ValidateValue(kind TargetKind, v float64) error {
	bad := math.IsNaN(v) || math.IsInf(v, 0)
	switch kind {
	case KindPercent:
		bad = bad || v < 0 || v > 100
	case KindCount:
		bad = bad || v < 0 || v != math.Trunc(v)
	case KindGrowth:
		bad = bad || v < -100 || v > 100
	case KindMilestone:
		return nil
	default:
		bad = true
	}
	if bad {
		return &ValueError{Kind: kind, Value: v}
	}
	return nil
}

package domain

import (
	"math"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Ratio names the two counts of a target measured as a ratio: "hồ sơ giải quyết đúng
// hạn" over "hồ sơ tiếp nhận", "TTHC cung cấp trực tuyến" over "tổng số TTHC". A unit
// reports both counts; the portal shows the percentage, and a department-wide figure is
// Σ numerators / Σ denominators, so a unit with 10 dossiers does not weigh as much as one
// with 1.000. A target with no labels is a plain percentage, whose department-wide figure
// is the mean of the units' percentages.
type Ratio struct {
	Numerator, Denominator string
}

// IsRatio reports whether the target is measured as a ratio of two counts.
func (r Ratio) IsRatio() bool { return r.Numerator != "" && r.Denominator != "" }

// Percent is numerator / denominator as a percentage.
func Percent(num, den float64) float64 { return num / den * 100 }

// RatioError says why a reported pair of counts cannot be taken.
type RatioError struct {
	Field  string // "num" or "den": the input to mark
	Reason string // "missing", "whole", "zero", "above"
	Ratio  Ratio
}

func (e *RatioError) Error() string { return e.Message() }

// Message is the Vietnamese text for the form.
func (e *RatioError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key and its arguments.
func (e *RatioError) Msg() i18n.Msg {
	switch e.Reason {
	case "missing":
		return i18n.M("domain.ratio.missing", e.Ratio.Numerator, e.Ratio.Denominator)
	case "whole":
		return i18n.M("domain.value.count")
	case "zero":
		return i18n.M("domain.ratio.zero", e.Ratio.Denominator)
	}
	return i18n.M("domain.ratio.above", e.Ratio.Numerator, e.Ratio.Denominator)
}

// ValidateRatio checks a unit's two counts: both given, whole numbers, a denominator
// above zero and a numerator no greater than it.
func ValidateRatio(r Ratio, num, den *float64) error {
	whole := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 && v == math.Trunc(v) }
	switch {
	case num == nil && den == nil:
		return nil
	case num == nil:
		return &RatioError{Field: "num", Reason: "missing", Ratio: r}
	case den == nil:
		return &RatioError{Field: "den", Reason: "missing", Ratio: r}
	case !whole(*num):
		return &RatioError{Field: "num", Reason: "whole", Ratio: r}
	case !whole(*den):
		return &RatioError{Field: "den", Reason: "whole", Ratio: r}
	case *den == 0:
		return &RatioError{Field: "den", Reason: "zero", Ratio: r}
	case *num > *den:
		return &RatioError{Field: "num", Reason: "above", Ratio: r}
	}
	return nil
}

// Basis says how a department-wide figure was formed and how many units it counts:
// "Tổng hồ sơ đúng hạn / tổng hồ sơ tiếp nhận của 5 đơn vị (1.234/1.500)", "Trung bình
// cộng tỷ lệ của 5 đơn vị", "Tổng của 5 đơn vị", "4/5 đơn vị đã hoàn thành".
func (t Tally) Basis(kind TargetKind, r Ratio, lang string) string {
	l := i18n.Parse(lang)
	switch {
	case kind == KindMilestone:
		return i18n.M("domain.basis.milestone", t.Done, t.Flags).Text(l)
	case t.Values == 0:
		return ""
	case kind == KindCount:
		return i18n.M("domain.basis.sum", t.Values).Text(l)
	case t.ratio() && r.IsRatio():
		return i18n.M("domain.basis.ratio_named", r.Numerator, r.Denominator, t.Values, FormatNumberShort(t.Num), FormatNumberShort(t.Den)).Text(l)
	case t.ratio():
		return i18n.M("domain.basis.ratio", t.Values).Text(l)
	}
	if t.Values == 1 { // a mean of one says nothing: it is that unit's own figure
		return i18n.M("domain.basis.one_unit").Text(l)
	}
	return i18n.M("domain.basis.mean", t.Values).Text(l)
}

// checkRatioLabels: both counts named or neither, of a percentage or a growth in points.
func checkRatioLabels(r Ratio, kind string) []Problem {
	var ps []Problem
	switch {
	case r.Numerator == "" && r.Denominator == "":
		return nil
	case r.Numerator == "":
		ps = append(ps, problem("numerator", i18n.M("domain.problem.numerator_empty")))
	case r.Denominator == "":
		ps = append(ps, problem("denominator", i18n.M("domain.problem.denominator_empty")))
	}
	if k, ok := ParseTargetKind(kind); ok && k != KindPercent && k != KindGrowth {
		ps = append(ps, problem("numerator", i18n.M("domain.problem.ratio_kind")))
	}
	for _, l := range []struct{ field, text string }{{"numerator", r.Numerator}, {"denominator", r.Denominator}} {
		if len([]rune(l.text)) > 200 {
			ps = append(ps, problem(l.field, i18n.M("domain.problem.ratio_label_long")))
		}
	}
	return ps
}

package domain

import (
	"github.com/vn-cchc/cchc/internal/i18n"
	"strconv"
	"time"
)

// PlanSpan is the stretch of time a plan governs: the years it names, and nothing before
// the day it was issued. A reporting period belongs to a plan when its year is one of the
// plan's years and its data window starts no earlier than the issue date: a plan issued on
// 14/12/2021 for 2021–2025 cannot be reported on for data gathered from 15/12/2020, so all
// of 2021's periods fall outside it and its first period is Quý I/2022 (from 15/12/2021).
type PlanSpan struct {
	IssuedOn           time.Time
	StartYear, EndYear int
}

// PeriodFit says why a period does or does not belong to a plan.
type PeriodFit int

const (
	PeriodInPlan          PeriodFit = iota
	PeriodOutsideYears              // the period's year is not one of the plan's
	PeriodBeforeIssueDate           // its data window starts before the plan was issued
)

// Fit places a period of a year and kind against the span.
func (s PlanSpan) Fit(year int, k PeriodKind) PeriodFit {
	if year < s.StartYear || year > s.EndYear {
		return PeriodOutsideYears
	}
	start, _ := DataWindow(year, k)
	if !s.IssuedOn.IsZero() && start.Before(StartOfDay(s.IssuedOn)) {
		return PeriodBeforeIssueDate
	}
	return PeriodInPlan
}

// Admits reports whether a period of that year and kind belongs to the plan.
func (s PlanSpan) Admits(year int, k PeriodKind) bool { return s.Fit(year, k) == PeriodInPlan }

// YearsWithoutPeriods are the plan's years in which none of the regime's periods belongs to
// it because they start before the issue date (2021 for a plan issued on 14/12/2021).
func (s PlanSpan) YearsWithoutPeriods() []int {
	var out []int
	for y := s.StartYear; y <= s.EndYear; y++ {
		any := false
		for _, k := range RegimePeriods() {
			any = any || s.Admits(y, k)
		}
		if !any {
			out = append(out, y)
		}
	}
	return out
}

// FirstPeriod is the first regime period that belongs to the plan; ok is false when none does.
func (s PlanSpan) FirstPeriod() (year int, k PeriodKind, ok bool) {
	for y := s.StartYear; y <= s.EndYear; y++ {
		for _, k := range RegimePeriods() {
			if s.Admits(y, k) {
				return y, k, true
			}
		}
	}
	return 0, "", false
}

// Ended reports whether the plan's time is over on the given day: its last year has passed.
func (s PlanSpan) Ended(today time.Time) bool {
	return today.In(Location).Year() > s.EndYear
}

// PlanPhase is how a plan is described to its readers: a draft, in force, or ended.
type PlanPhase string

const (
	PhaseDraft  PlanPhase = "draft"  // Dự thảo
	PhaseActive PlanPhase = "active" // Đang thực hiện
	PhaseEnded  PlanPhase = "ended"  // Đã kết thúc
)

// PhaseOf is a plan's phase on a day: a closed plan has ended; an active plan whose last
// year has passed has ended too, even before the reform office closes it.
func PhaseOf(status PlanStatus, span PlanSpan, today time.Time) PlanPhase {
	switch {
	case status == PlanDraft:
		return PhaseDraft
	case status == PlanClosed || span.Ended(today):
		return PhaseEnded
	}
	return PhaseActive
}

// Label is the phase in the words of Vietnamese plans.
func (p PlanPhase) Label(lang string) string {
	switch p {
	case PhaseDraft:
		return i18n.Translate(i18n.Parse(lang), "domain.plan_span.draft")
	case PhaseEnded:
		return i18n.Translate(i18n.Parse(lang), "domain.plan_span.ended")
	}
	return i18n.Translate(i18n.Parse(lang), "domain.plan_span.in_force")
}

// SpanNote explains, when the issue date leaves some of the plan's years without a period,
// which ones and where reporting begins; "" when every year has periods.
func (s PlanSpan) SpanNote(lang string) string {
	empty := s.YearsWithoutPeriods()
	y, k, ok := s.FirstPeriod()
	if len(empty) == 0 || !ok {
		return ""
	}
	years := ""
	for i, e := range empty {
		if i > 0 {
			years += ", "
		}
		years += strconv.Itoa(e)
	}
	start, _ := DataWindow(y, k)
	return i18n.M("domain.plan_span.note", FormatDate(s.IssuedOn), years, PeriodLabel(y, k, lang), FormatDate(start)).Text(i18n.Parse(lang))
}

// PeriodChoice is a period as the default-choosing rules see it.
type PeriodChoice struct {
	Year     int
	Kind     PeriodKind
	StartsOn time.Time
	Deadline time.Time
}

// DefaultReportPeriod is the period a reform officer most likely wants on a day, among a
// plan's periods: the latest whose internal deadline has passed (its reports are in and the
// province's report is being compiled), else the first that has begun; ok is false when
// none has begun. For an ended plan this is its last period, the final evaluation.
func DefaultReportPeriod(periods []PeriodChoice, today time.Time) (PeriodChoice, bool) {
	day := StartOfDay(today)
	var due, begun PeriodChoice
	var haveDue, haveBegun bool
	for _, p := range periods {
		if p.Deadline.Before(day) && (!haveDue || later(p, due)) {
			due, haveDue = p, true
		}
		if !p.StartsOn.After(day) && (!haveBegun || later(begun, p)) {
			begun, haveBegun = p, true
		}
	}
	if haveDue {
		return due, true
	}
	return begun, haveBegun
}

// later orders periods by when their reports are due, then by kind.
func later(a, b PeriodChoice) bool {
	if !a.Deadline.Equal(b.Deadline) {
		return a.Deadline.After(b.Deadline)
	}
	return PeriodKindOrder(a.Kind) > PeriodKindOrder(b.Kind)
}

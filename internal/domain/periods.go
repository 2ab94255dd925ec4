package domain

import (
	"github.com/vn-cchc/cchc/internal/i18n"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is a reporting period of Decree 09/2019/NĐ-CP.
type PeriodKind string

const (
	PeriodQ1   PeriodKind = "q1"
	PeriodQ2   PeriodKind = "q2"
	PeriodQ3   PeriodKind = "q3"
	PeriodQ4   PeriodKind = "q4"
	PeriodH1   PeriodKind = "h1" // 6 tháng đầu năm
	PeriodYear PeriodKind = "year"
)

// AllPeriodKinds lists every kind in display order (see PeriodKindOrder).
func AllPeriodKinds() []PeriodKind {
	return []PeriodKind{PeriodQ1, PeriodQ2, PeriodH1, PeriodQ3, PeriodQ4, PeriodYear}
}

// RegimePeriods are the four reports a year the regime requires of a
// province: Q1, 6 months, Q3 and the year. Q2 and Q4 are covered by the
// 6-month and annual reports.
func RegimePeriods() []PeriodKind {
	return []PeriodKind{PeriodQ1, PeriodH1, PeriodQ3, PeriodYear}
}

// ParsePeriodKind reads a kind from a form or URL; case and surrounding
// spaces are forgiven because these values are also typed in query strings.
func ParsePeriodKind(s string) (PeriodKind, bool) {
	k := PeriodKind(strings.ToLower(strings.TrimSpace(s)))
	return k, k.Valid()
}

func (k PeriodKind) Valid() bool { return k.Slot() != 0 }

// Slot is the quarter the period ends in, which is how results of different
// kinds line up on one time axis (a 6-month report is a Q2 data point).
// An unknown kind is 0.
func (k PeriodKind) Slot() int {
	switch k {
	case PeriodQ1:
		return 1
	case PeriodQ2, PeriodH1:
		return 2
	case PeriodQ3:
		return 3
	case PeriodQ4, PeriodYear:
		return 4
	}
	return 0
}

// lastMonth is the month the period's data window and deadlines end in.
func (k PeriodKind) lastMonth() time.Month { return time.Month(k.Slot() * 3) }

// DataWindow is the span of days a period's report covers: from the 15th of
// the month before the period to the 14th of its last month, so the province
// has a week to compile before the ministry's 20th. Both ends are midnight in
// Location; end is the last included day. An unknown kind gives zero times.
func DataWindow(year int, k PeriodKind) (start, end time.Time) {
	if !k.Valid() {
		return time.Time{}, time.Time{}
	}
	first := time.Month(k.Slot()*3 - 2) // first month of the ending quarter
	switch k {
	case PeriodH1, PeriodYear:
		first = time.January // multi-quarter reports start with the year
	}
	start = time.Date(year, first-1, 15, 0, 0, 0, 0, Location) // month 0 is December of year-1
	end = time.Date(year, k.lastMonth(), 14, 0, 0, 0, 0, Location)
	return start, end
}

// DefaultDeadline is the internal deadline the reform office sets for units:
// the given day of the period's last month. day is clamped to the month so a
// setting of 31 cannot push a June deadline into July.
func DefaultDeadline(year int, k PeriodKind, day int) time.Time {
	if !k.Valid() {
		return time.Time{}
	}
	m := k.lastMonth()
	day = max(1, min(day, daysIn(year, m)))
	return time.Date(year, m, day, 0, 0, 0, 0, Location)
}

// MinistryDeadline is when the province's report is due at the Ministry of
// Home Affairs: the 20th of the period's last month.
func MinistryDeadline(year int, k PeriodKind) time.Time {
	return DefaultDeadline(year, k, 20)
}

// PeriodKindOrder sorts kinds within a year by when they end, a 6-month
// report after Q2 and the year after Q4. Unknown kinds sort last.
func PeriodKindOrder(k PeriodKind) int {
	switch k {
	case PeriodQ1:
		return 1
	case PeriodQ2:
		return 2
	case PeriodH1:
		return 3
	case PeriodQ3:
		return 4
	case PeriodQ4:
		return 5
	case PeriodYear:
		return 6
	}
	return 7
}

var romanQuarter = [...]string{"", "I", "II", "III", "IV"}

// PeriodKindLabel names the kind without a year: Quý I, 6 tháng, Năm.
func PeriodKindLabel(k PeriodKind, lang string) string {
	switch k {
	case PeriodQ1, PeriodQ2, PeriodQ3, PeriodQ4:
		return i18n.M("domain.periods.quarter", romanQuarter[k.Slot()], k.Slot()).Text(i18n.Parse(lang))
	case PeriodH1:
		return i18n.Translate(i18n.Parse(lang), "domain.periods.h1")
	case PeriodYear:
		return i18n.Translate(i18n.Parse(lang), "domain.periods.year")
	}
	return string(k)
}

// PeriodLabel names a period as report titles do: Quý I/2024,
// 6 tháng đầu năm 2024, Năm 2024.
func PeriodLabel(year int, k PeriodKind, lang string) string {
	y := strconv.Itoa(year)
	switch k {
	case PeriodQ1, PeriodQ2, PeriodQ3, PeriodQ4:
		return i18n.M("domain.periods.quarter_of_year", PeriodKindLabel(k, lang), y).Text(i18n.Parse(lang))
	case PeriodH1:
		return i18n.M("domain.periods.h1_of_year", y).Text(i18n.Parse(lang))
	}
	return PeriodKindLabel(k, lang) + " " + y
}

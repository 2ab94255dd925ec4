package domain

import (
	"time"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Timeliness says whether a unit reported by its deadline.
type Timeliness string

const (
	OnTime       Timeliness = "on_time"
	Late         Timeliness = "late"
	NotSubmitted Timeliness = "not_submitted" // no deadline set, so neither pending nor overdue
	Overdue      Timeliness = "overdue"       // not submitted and the deadline has passed
	Pending      Timeliness = "pending"       // not submitted, deadline not yet passed
)

// ReportTimeliness compares calendar days in Location because a deadline is a
// date: a report sent at 23:59 on the deadline day is on time, whatever zone
// the server clock is in. A zero deadline means the reform office has not set
// one, so an unsent report is merely NotSubmitted and any sent one is on time.
func ReportTimeliness(deadline time.Time, submittedAt *time.Time, now time.Time) Timeliness {
	if submittedAt != nil {
		if deadline.IsZero() || dayNumber(*submittedAt) <= dayNumber(deadline) {
			return OnTime
		}
		return Late
	}
	switch {
	case deadline.IsZero():
		return NotSubmitted
	case dayNumber(now) > dayNumber(deadline):
		return Overdue
	}
	return Pending
}

// DaysUntil counts calendar days from now to deadline in Location: 0 on the
// deadline day, negative once it has passed (the number of days late).
func DaysUntil(deadline, now time.Time) int {
	return dayNumber(deadline) - dayNumber(now)
}

// Label is the status text for report lists.
func (t Timeliness) Label(lang string) string {
	switch t {
	case OnTime:
		return i18n.Translate(i18n.Parse(lang), "domain.timeliness.on_time")
	case Late:
		return i18n.Translate(i18n.Parse(lang), "domain.timeliness.late")
	case NotSubmitted:
		return i18n.Translate(i18n.Parse(lang), "domain.timeliness.not_submitted")
	case Overdue:
		return i18n.Translate(i18n.Parse(lang), "domain.timeliness.overdue")
	case Pending:
		return i18n.Translate(i18n.Parse(lang), "domain.timeliness.not_yet_due")
	}
	return string(t)
}

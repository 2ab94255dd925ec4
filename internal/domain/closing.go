package domain

import "time"

// ClosingEarly reports whether closing a period now would come before its units' deadline
// has passed: until the end of the deadline day a unit may still submit, so closing then
// takes that chance from every unit that has not, and the reform office must say it means it.
// A period without a deadline is never early.
func ClosingEarly(deadline, now time.Time) bool {
	return !deadline.IsZero() && DaysUntil(deadline, now) >= 0
}

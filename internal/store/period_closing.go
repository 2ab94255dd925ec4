package store

import "context"

// PeriodClosingQueries are the statements of period_closing.go.
type PeriodClosingQueries interface {
	// UnitsNotSubmitted lists, by unit code, the first limit units expected to report in a
	// period (they report on a plan in force that year) whose report is not with the reform
	// office: not begun, a draft, or returned to them. total counts them all.
	UnitsNotSubmitted(ctx context.Context, periodID int64, limit int) (units []UnitReportState, total int, err error)
}

package store

import (
	"context"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Period is a reporting period (kỳ báo cáo).
type Period struct {
	ID       int64
	Year     int
	Kind     domain.PeriodKind
	StartsOn time.Time
	EndsOn   time.Time
	Deadline time.Time
	ClosedAt *time.Time
}

// Closed reports whether the reform office has closed the period.
func (p Period) Closed() bool { return p.ClosedAt != nil }

// PeriodsQueries are the statements of periods.go.
type PeriodsQueries interface {
	// UpsertPeriod creates the period for (year, kind) or updates its window and deadline.
	UpsertPeriod(ctx context.Context, p Period) (int64, error)

	// ListPeriods returns the periods of the years [fromYear, toYear], oldest first.
	ListPeriods(ctx context.Context, fromYear, toYear int) ([]Period, error)

	// PeriodByID finds one period.
	PeriodByID(ctx context.Context, id int64) (Period, error)

	// OpenPeriods returns the periods that accept reports on the given day: started and not closed.
	OpenPeriods(ctx context.Context, today time.Time) ([]Period, error)

	// PeriodByYearKind finds the period of a year and kind.
	PeriodByYearKind(ctx context.Context, year int, kind string) (Period, error)

	// LockPeriod reads a period and holds it until the transaction ends.
	LockPeriod(ctx context.Context, id int64) (Period, error)

	// SetPeriodDeadline changes a period's internal deadline.
	SetPeriodDeadline(ctx context.Context, id int64, deadline time.Time) error

	// SetPeriodClosed closes a period at the given time (no more reports are entered) or reopens it (nil).
	SetPeriodClosed(ctx context.Context, id int64, at *time.Time) error

	// PeriodYears lists the years that have periods, newest first.
	PeriodYears(ctx context.Context) ([]int, error)

	// PeriodReportCounts counts the reports started in each period of a year, by period id.
	PeriodReportCounts(ctx context.Context, year int) (map[int64]int, error)
}

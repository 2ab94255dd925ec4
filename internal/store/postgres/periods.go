package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// UpsertPeriod creates the period for (year, kind) or updates its window and deadline.
func (q *Queries) UpsertPeriod(ctx context.Context, p store.Period) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO periods (year, kind, starts_on, ends_on, deadline, closed_at) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (year, kind) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on, deadline = excluded.deadline
		RETURNING id`, p.Year, p.Kind, p.StartsOn, p.EndsOn, p.Deadline, p.ClosedAt).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert period %d %s: %w", p.Year, p.Kind, err)
	}
	return id, nil
}

const periodColumns = `id, year, kind, starts_on, ends_on, deadline, closed_at`

func scanPeriod(r pgx.Row) (store.Period, error) {
	var p store.Period
	err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt)
	return p, err
}

// ListPeriods returns the periods of the years [fromYear, toYear], oldest first.
func (q *Queries) ListPeriods(ctx context.Context, fromYear, toYear int) ([]store.Period, error) {
	rows, err := q.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE year BETWEEN $1 AND $2 ORDER BY ends_on, starts_on DESC`, fromYear, toYear)
	if err != nil {
		return nil, fmt.Errorf("store: list periods: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Period, error) { return scanPeriod(r) })
}

// PeriodByID finds one period.
func (q *Queries) PeriodByID(ctx context.Context, id int64) (store.Period, error) {
	p, err := scanPeriod(q.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1`, id))
	if err != nil {
		return store.Period{}, fmt.Errorf("store: period %d: %w", id, notFound(err))
	}
	return p, nil
}

// OpenPeriods returns the periods that accept reports on the given day: started and not closed.
func (q *Queries) OpenPeriods(ctx context.Context, today time.Time) ([]store.Period, error) {
	rows, err := q.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE closed_at IS NULL AND starts_on <= $1
		ORDER BY deadline LIMIT 24`, today)
	if err != nil {
		return nil, fmt.Errorf("store: open periods: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Period, error) { return scanPeriod(r) })
}

// PeriodByYearKind finds the period of a year and kind.
func (q *Queries) PeriodByYearKind(ctx context.Context, year int, kind string) (store.Period, error) {
	p, err := scanPeriod(q.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE year = $1 AND kind = $2`, year, kind))
	if err != nil {
		return store.Period{}, fmt.Errorf("store: period %d %s: %w", year, kind, notFound(err))
	}
	return p, nil
}

// LockPeriod reads a period and holds it until the transaction ends.
func (q *Queries) LockPeriod(ctx context.Context, id int64) (store.Period, error) {
	p, err := scanPeriod(q.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1 FOR UPDATE`, id))
	if err != nil {
		return store.Period{}, fmt.Errorf("store: lock period %d: %w", id, notFound(err))
	}
	return p, nil
}

// SetPeriodDeadline changes a period's internal deadline.
func (q *Queries) SetPeriodDeadline(ctx context.Context, id int64, deadline time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE periods SET deadline = $2 WHERE id = $1`, id, deadline); err != nil {
		return fmt.Errorf("store: period %d deadline: %w", id, err)
	}
	return nil
}

// SetPeriodClosed closes a period at the given time (no more reports are entered) or reopens it (nil).
func (q *Queries) SetPeriodClosed(ctx context.Context, id int64, at *time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE periods SET closed_at = $2 WHERE id = $1`, id, at); err != nil {
		return fmt.Errorf("store: period %d close: %w", id, err)
	}
	return nil
}

// PeriodYears lists the years that have periods, newest first.
func (q *Queries) PeriodYears(ctx context.Context) ([]int, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT year FROM periods ORDER BY year DESC LIMIT 100`)
	if err != nil {
		return nil, fmt.Errorf("store: period years: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}

// PeriodReportCounts counts the reports started in each period of a year, by period id.
func (q *Queries) PeriodReportCounts(ctx context.Context, year int) (map[int64]int, error) {
	rows, err := q.Query(ctx, `SELECT p.id, count(r.id) FROM periods p LEFT JOIN reports r ON r.period_id = p.id
		WHERE p.year = $1 GROUP BY p.id`, year)
	if err != nil {
		return nil, fmt.Errorf("store: period report counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: period report counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

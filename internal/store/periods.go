package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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

// UpsertPeriod creates the period for (year, kind) or updates its window and deadline.
func UpsertPeriod(ctx context.Context, q DBTX, p Period) (int64, error) {
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

func scanPeriod(r pgx.Row) (Period, error) {
	var p Period
	err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt)
	return p, err
}

// ListPeriods returns the periods of the years [fromYear, toYear], oldest first.
func (s *Store) ListPeriods(ctx context.Context, fromYear, toYear int) ([]Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE year BETWEEN $1 AND $2 ORDER BY ends_on, starts_on DESC`, fromYear, toYear)
	if err != nil {
		return nil, fmt.Errorf("store: list periods: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Period, error) { return scanPeriod(r) })
}

// PeriodByID finds one period.
func (s *Store) PeriodByID(ctx context.Context, id int64) (Period, error) {
	p, err := scanPeriod(s.pool.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1`, id))
	if err != nil {
		return Period{}, fmt.Errorf("store: period %d: %w", id, notFound(err))
	}
	return p, nil
}

// OpenPeriods returns the periods that accept reports on the given day: started and not closed.
func (s *Store) OpenPeriods(ctx context.Context, today time.Time) ([]Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE closed_at IS NULL AND starts_on <= $1
		ORDER BY deadline LIMIT 24`, today)
	if err != nil {
		return nil, fmt.Errorf("store: open periods: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Period, error) { return scanPeriod(r) })
}

// PeriodByYearKind finds the period of a year and kind.
func PeriodByYearKind(ctx context.Context, q DBTX, year int, kind string) (Period, error) {
	p, err := scanPeriod(q.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE year = $1 AND kind = $2`, year, kind))
	if err != nil {
		return Period{}, fmt.Errorf("store: period %d %s: %w", year, kind, notFound(err))
	}
	return p, nil
}

// LockPeriod reads a period and holds it until the transaction ends.
func LockPeriod(ctx context.Context, tx pgx.Tx, id int64) (Period, error) {
	p, err := scanPeriod(tx.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1 FOR UPDATE`, id))
	if err != nil {
		return Period{}, fmt.Errorf("store: lock period %d: %w", id, notFound(err))
	}
	return p, nil
}

// SetPeriodDeadline changes a period's internal deadline.
func SetPeriodDeadline(ctx context.Context, q DBTX, id int64, deadline time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE periods SET deadline = $2 WHERE id = $1`, id, deadline); err != nil {
		return fmt.Errorf("store: period %d deadline: %w", id, err)
	}
	return nil
}

// SetPeriodClosed closes a period at the given time (no more reports are entered) or reopens it (nil).
func SetPeriodClosed(ctx context.Context, q DBTX, id int64, at *time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE periods SET closed_at = $2 WHERE id = $1`, id, at); err != nil {
		return fmt.Errorf("store: period %d close: %w", id, err)
	}
	return nil
}

// PeriodYears lists the years that have periods, newest first.
func (s *Store) PeriodYears(ctx context.Context) ([]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT year FROM periods ORDER BY year DESC LIMIT 100`)
	if err != nil {
		return nil, fmt.Errorf("store: period years: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}

// PeriodReportCounts counts the reports started in each period of a year, by period id.
func (s *Store) PeriodReportCounts(ctx context.Context, year int) (map[int64]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT p.id, count(r.id) FROM periods p LEFT JOIN reports r ON r.period_id = p.id
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

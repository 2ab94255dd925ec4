package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// HomePage reads a home page's data in one pipelined batch: the statements of
// CountAssignments, OpenPeriods, UnitReports and ListPlans, and the progress of every open
// period in one grouped statement (it was one PeriodProgressFor per period). The expected
// count is the units with an assignment, from plan_units (kept by triggers, migration
// 000003) instead of the union of every assignment row.
func (q *Queries) HomePage(ctx context.Context, hq store.HomeQuery) (store.HomePage, error) {
	var h store.HomePage
	b := &pgx.Batch{}
	if hq.UnitID != 0 {
		b.Queue(`SELECT
			(SELECT count(*) FROM target_assignments a JOIN targets t ON t.id = a.target_id WHERE a.unit_id = $1 AND t.retired_at IS NULL),
			(SELECT count(*) FROM task_assignments a JOIN tasks k ON k.id = a.task_id WHERE a.unit_id = $1 AND k.retired_at IS NULL)`,
			hq.UnitID).QueryRow(func(row pgx.Row) error { return row.Scan(&h.Targets, &h.Tasks) })
		b.Queue(`SELECT p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at,
				coalesce(r.id, 0), coalesce(r.status, 'not_started'), r.submitted_at, r.approved_at, coalesce(r.version, 0)
			FROM periods p LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = $1
			WHERE p.starts_on <= current_date
			ORDER BY p.ends_on DESC, p.starts_on LIMIT 8`, hq.UnitID).Query(func(rows pgx.Rows) error {
			var err error
			h.History, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.UnitPeriodReport, error) {
				var u store.UnitPeriodReport
				p := &u.Period
				err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
					&u.ReportID, &u.Status, &u.SubmittedAt, &u.ApprovedAt, &u.Version)
				return u, err
			})
			return err
		})
	}
	if hq.UnitID != 0 || hq.Progress {
		b.Queue(`SELECT `+periodColumns+` FROM periods WHERE closed_at IS NULL AND starts_on <= $1
			ORDER BY deadline LIMIT 24`, hq.Today).Query(func(rows pgx.Rows) error {
			var err error
			h.Open, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Period, error) { return scanPeriod(r) })
			return err
		})
	}
	if hq.Progress {
		b.Queue(`WITH open AS (SELECT `+periodColumns+` FROM periods WHERE closed_at IS NULL AND starts_on <= $1
				ORDER BY deadline LIMIT 24),
			expected AS (SELECT count(DISTINCT unit_id)::int AS n FROM plan_units)
			SELECT p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at, (SELECT n FROM expected),
				count(r.id) FILTER (WHERE r.status = 'draft'),
				count(r.id) FILTER (WHERE r.status = 'submitted'),
				count(r.id) FILTER (WHERE r.status = 'returned'),
				count(r.id) FILTER (WHERE r.status = 'approved'),
				count(r.id) FILTER (WHERE r.submitted_at::date > p.deadline)
			FROM open p LEFT JOIN reports r ON r.period_id = p.id
			GROUP BY p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at
			ORDER BY p.deadline`, hq.Today).Query(func(rows pgx.Rows) error {
			var err error
			h.Progress, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PeriodProgress, error) {
				var pp store.PeriodProgress
				p := &pp.Period
				err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
					&pp.Expected, &pp.Draft, &pp.Submitted, &pp.Returned, &pp.Approved, &pp.Late)
				return pp, err
			})
			return err
		})
	}
	if hq.Plans {
		b.Queue(`SELECT ` + planColumns + ` FROM plans p ORDER BY p.start_year DESC, p.code LIMIT 5`).Query(func(rows pgx.Rows) error {
			var err error
			h.Plans, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Plan, error) { return scanPlan(r) })
			return err
		})
	}
	if b.Len() == 0 {
		return h, nil
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return store.HomePage{}, fmt.Errorf("store: home page of unit %d: %w", hq.UnitID, err)
	}
	return h, nil
}

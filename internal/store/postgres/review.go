package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// ReviewInbox lists submitted reports, the longest-waiting first, one page at a time,
// with how many wait in all.
func (q *Queries) ReviewInbox(ctx context.Context, page store.Page) ([]store.InboxRow, int, error) {
	rows, err := q.Query(ctx, `SELECT r.id, r.unit_id, u.code, u.name, p.id, p.year, p.kind, p.starts_on, p.ends_on,
			p.deadline, p.closed_at, r.submitted_at, coalesce(us.full_name, ''), count(*) OVER ()
		FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
			LEFT JOIN users us ON us.id = r.submitted_by
		WHERE r.status = 'submitted'
		ORDER BY r.submitted_at, r.id LIMIT $1 OFFSET $2`, page.Limit(), page.Offset())
	if err != nil {
		return nil, 0, fmt.Errorf("store: review inbox: %w", err)
	}
	defer rows.Close()
	var out []store.InboxRow
	total := 0
	for rows.Next() {
		var ir store.InboxRow
		p := &ir.Period
		if err := rows.Scan(&ir.ReportID, &ir.UnitID, &ir.UnitCode, &ir.UnitName, &p.ID, &p.Year, &p.Kind, &p.StartsOn,
			&p.EndsOn, &p.Deadline, &p.ClosedAt, &ir.SubmittedAt, &ir.SubmittedByName, &total); err != nil {
			return nil, 0, fmt.Errorf("store: review inbox: %w", err)
		}
		out = append(out, ir)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: review inbox: %w", err)
	}
	return out, total, nil
}

// CompletenessFor builds the matrix of a year: units with an assignment (or a report that
// year) by name, one page of them, and their reports, in three queries whatever the size.
func (q *Queries) CompletenessFor(ctx context.Context, year int, page store.Page) (store.Completeness, error) {
	var c store.Completeness
	rows, err := q.Query(ctx, `SELECT u.id, u.code, u.name FROM units u
		WHERE EXISTS (SELECT 1 FROM target_assignments a WHERE a.unit_id = u.id)
			OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.unit_id = u.id)
			OR EXISTS (SELECT 1 FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.unit_id = u.id AND p.year = $1)
		ORDER BY u.name, u.id LIMIT $2 OFFSET $3`, year, page.Limit()+1, page.Offset())
	if err != nil {
		return c, fmt.Errorf("store: completeness units %d: %w", year, err)
	}
	c.Units, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Unit, error) {
		var u store.Unit
		err := r.Scan(&u.ID, &u.Code, &u.Name)
		return u, err
	})
	if err != nil {
		return c, fmt.Errorf("store: completeness units %d: %w", year, err)
	}
	if len(c.Units) > page.Limit() {
		c.Units, c.HasNext = c.Units[:page.Limit()], true
	}
	if c.Periods, err = q.ListPeriods(ctx, year, year); err != nil {
		return c, err
	}
	ids := make([]int64, len(c.Units))
	for i, u := range c.Units {
		ids[i] = u.ID
	}
	rows, err = q.Query(ctx, `SELECT r.id, r.unit_id, r.period_id, r.status, r.submitted_at
		FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year = $1 AND r.unit_id = ANY($2)`, year, ids)
	if err != nil {
		return c, fmt.Errorf("store: completeness reports %d: %w", year, err)
	}
	c.Cells, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.MatrixCell, error) {
		var m store.MatrixCell
		err := r.Scan(&m.ReportID, &m.UnitID, &m.PeriodID, &m.Status, &m.SubmittedAt)
		return m, err
	})
	if err != nil {
		return c, fmt.Errorf("store: completeness reports %d: %w", year, err)
	}
	return c, nil
}

package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// InboxRow is a submitted report waiting for the reform office.
type InboxRow struct {
	ReportID        int64
	UnitID          int64
	UnitCode        string
	UnitName        string
	Period          Period
	SubmittedAt     time.Time
	SubmittedByName string
}

// ReviewInbox lists submitted reports, the longest-waiting first, one page at a time,
// with how many wait in all.
func (s *Store) ReviewInbox(ctx context.Context, page Page) ([]InboxRow, int, error) {
	rows, err := s.pool.Query(ctx, `SELECT r.id, r.unit_id, u.code, u.name, p.id, p.year, p.kind, p.starts_on, p.ends_on,
			p.deadline, p.closed_at, r.submitted_at, coalesce(us.full_name, ''), count(*) OVER ()
		FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
			LEFT JOIN users us ON us.id = r.submitted_by
		WHERE r.status = 'submitted'
		ORDER BY r.submitted_at, r.id LIMIT $1 OFFSET $2`, page.Limit(), page.Offset())
	if err != nil {
		return nil, 0, fmt.Errorf("store: review inbox: %w", err)
	}
	defer rows.Close()
	var out []InboxRow
	total := 0
	for rows.Next() {
		var ir InboxRow
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

// MatrixCell is one unit's report for one period of the completeness matrix.
type MatrixCell struct {
	ReportID    int64
	UnitID      int64
	PeriodID    int64
	Status      string
	SubmittedAt *time.Time
}

// Completeness is the reform office's matrix for a year: the units expected to report
// (one page of them), the year's periods, and every report they have.
type Completeness struct {
	Units   []Unit
	Periods []Period
	Cells   []MatrixCell
	HasNext bool
}

// CompletenessFor builds the matrix of a year: units with an assignment (or a report that
// year) by name, one page of them, and their reports, in three queries whatever the size.
func (s *Store) CompletenessFor(ctx context.Context, year int, page Page) (Completeness, error) {
	var c Completeness
	rows, err := s.pool.Query(ctx, `SELECT u.id, u.code, u.name FROM units u
		WHERE EXISTS (SELECT 1 FROM target_assignments a WHERE a.unit_id = u.id)
			OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.unit_id = u.id)
			OR EXISTS (SELECT 1 FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.unit_id = u.id AND p.year = $1)
		ORDER BY u.name, u.id LIMIT $2 OFFSET $3`, year, page.Limit()+1, page.Offset())
	if err != nil {
		return c, fmt.Errorf("store: completeness units %d: %w", year, err)
	}
	c.Units, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Unit, error) {
		var u Unit
		err := r.Scan(&u.ID, &u.Code, &u.Name)
		return u, err
	})
	if err != nil {
		return c, fmt.Errorf("store: completeness units %d: %w", year, err)
	}
	if len(c.Units) > page.Limit() {
		c.Units, c.HasNext = c.Units[:page.Limit()], true
	}
	if c.Periods, err = s.ListPeriods(ctx, year, year); err != nil {
		return c, err
	}
	ids := make([]int64, len(c.Units))
	for i, u := range c.Units {
		ids[i] = u.ID
	}
	rows, err = s.pool.Query(ctx, `SELECT r.id, r.unit_id, r.period_id, r.status, r.submitted_at
		FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year = $1 AND r.unit_id = ANY($2)`, year, ids)
	if err != nil {
		return c, fmt.Errorf("store: completeness reports %d: %w", year, err)
	}
	c.Cells, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (MatrixCell, error) {
		var m MatrixCell
		err := r.Scan(&m.ReportID, &m.UnitID, &m.PeriodID, &m.Status, &m.SubmittedAt)
		return m, err
	})
	if err != nil {
		return c, fmt.Errorf("store: completeness reports %d: %w", year, err)
	}
	return c, nil
}

// HistoryEntry is one audit entry of a report, with the actor's full name.
type HistoryEntry struct {
	At        time.Time
	ActorName string
	Action    string
	Before    json.RawMessage
	After     json.RawMessage
}

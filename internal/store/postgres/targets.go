package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// TargetByID finds one target of a plan, retired or not; another plan's target is not found.
func (q *Queries) TargetByID(ctx context.Context, planID, id int64) (store.Target, error) {
	t, err := scanTarget(q.QueryRow(ctx, `SELECT `+targetColumns+` FROM targets t WHERE t.id = $1 AND t.plan_id = $2`, id, planID))
	if err != nil {
		return store.Target{}, fmt.Errorf("store: target %d: %w", id, notFound(err))
	}
	return t, nil
}

// UpdateTarget changes a target's definition; ErrConflict when its code is taken in the plan.
func (q *Queries) UpdateTarget(ctx context.Context, t store.Target) error {
	var deadline *int
	if t.DeadlineYear != 0 {
		deadline = &t.DeadlineYear
	}
	var op *string
	if t.Op != "" {
		v := string(t.Op)
		op = &v
	}
	tag, err := q.Exec(ctx, `UPDATE targets SET area_id = $3, code = $4, text = $5, kind = $6, op = $7, value = $8, measure_unit = $9,
			baseline = $10, deadline_year = $11, each_year = $12, numerator_label = $13, denominator_label = $14
		WHERE id = $1 AND plan_id = $2`,
		t.ID, t.PlanID, t.AreaID, t.Code, t.Text, t.Kind, op, t.Value, t.MeasureUnit, t.Baseline, deadline, t.EachYear,
		t.NumeratorLabel, t.DenominatorLabel)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update target %d: %w", t.ID, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update target %d: %w", t.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update target %d: %w", t.ID, store.ErrNotFound)
	}
	return nil
}

// CreateTargetChecked inserts a target, reporting a taken code as ErrConflict.
func (q *Queries) CreateTargetChecked(ctx context.Context, t store.Target) (int64, error) {
	id, err := q.CreateTarget(ctx, t)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create target %q: %w", t.Code, store.ErrConflict)
	}
	return id, err
}

// NextTargetPosition is the position after a plan's last target.
func (q *Queries) NextTargetPosition(ctx context.Context, planID int64) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT coalesce(max(position), 0) + 1 FROM targets WHERE plan_id = $1`, planID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: next target position: %w", err)
	}
	return n, nil
}

// TargetSchedule returns a target's yearly commitments, oldest first.
func (q *Queries) TargetSchedule(ctx context.Context, targetID int64) ([]domain.CommitmentChange, error) {
	rows, err := q.Query(ctx, `SELECT from_year, op, value::float8 FROM target_commitments WHERE target_id = $1 ORDER BY from_year`, targetID)
	if err != nil {
		return nil, fmt.Errorf("store: target %d schedule: %w", targetID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.CommitmentChange, error) {
		var c domain.CommitmentChange
		err := r.Scan(&c.FromYear, &c.Op, &c.Value)
		return c, err
	})
}

// SetTargetSchedule replaces a target's yearly commitments.
func (q *Queries) SetTargetSchedule(ctx context.Context, targetID int64, changes []domain.CommitmentChange) error {
	if _, err := q.Exec(ctx, `DELETE FROM target_commitments WHERE target_id = $1`, targetID); err != nil {
		return fmt.Errorf("store: target %d schedule: %w", targetID, err)
	}
	if len(changes) == 0 {
		return nil
	}
	years, ops, values := make([]int, len(changes)), make([]string, len(changes)), make([]float64, len(changes))
	for i, c := range changes {
		years[i], ops[i], values[i] = c.FromYear, string(c.Op), c.Value
	}
	_, err := q.Exec(ctx, `INSERT INTO target_commitments (target_id, from_year, op, value)
		SELECT $1, y, o, v FROM unnest($2::int[], $3::text[], $4::float8[]) AS c(y, o, v)`, targetID, years, ops, values)
	if err != nil {
		return fmt.Errorf("store: target %d schedule: %w", targetID, err)
	}
	return nil
}

// PlanSchedules returns the yearly commitments of every target of a plan, by target id.
func (q *Queries) PlanSchedules(ctx context.Context, planID int64) (map[int64][]domain.CommitmentChange, error) {
	rows, err := q.Query(ctx, `SELECT c.target_id, c.from_year, c.op, c.value::float8
		FROM target_commitments c JOIN targets t ON t.id = c.target_id WHERE t.plan_id = $1 ORDER BY c.target_id, c.from_year`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d schedules: %w", planID, err)
	}
	defer rows.Close()
	out := map[int64][]domain.CommitmentChange{}
	for rows.Next() {
		var id int64
		var c domain.CommitmentChange
		if err := rows.Scan(&id, &c.FromYear, &c.Op, &c.Value); err != nil {
			return nil, fmt.Errorf("store: plan %d schedules: %w", planID, err)
		}
		out[id] = append(out[id], c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: plan %d schedules: %w", planID, err)
	}
	return out, nil
}

// TargetSchedules is PlanSchedules on the store's pool: each target's yearly commitments.
func (q *Queries) TargetSchedules(ctx context.Context, planID int64) (map[int64][]domain.CommitmentChange, error) {
	return q.PlanSchedules(ctx, planID)
}

// TargetResultYears lists the years in which any unit reported a value for the target:
// the years whose commitment may no longer be rewritten.
func (q *Queries) TargetResultYears(ctx context.Context, targetID int64) ([]int, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT p.year FROM target_results r
			JOIN reports rp ON rp.id = r.report_id JOIN periods p ON p.id = rp.period_id
		WHERE r.target_id = $1 AND (r.value IS NOT NULL OR r.done IS NOT NULL) ORDER BY p.year`, targetID)
	if err != nil {
		return nil, fmt.Errorf("store: target %d result years: %w", targetID, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}

// SetTargetUnits replaces the units that report on a target.
func (q *Queries) SetTargetUnits(ctx context.Context, targetID int64, unitIDs []int64) error {
	if _, err := q.Exec(ctx, `DELETE FROM target_assignments WHERE target_id = $1 AND unit_id <> ALL($2::bigint[])`, targetID, unitIDs); err != nil {
		return fmt.Errorf("store: target %d units: %w", targetID, err)
	}
	return q.AssignTarget(ctx, targetID, unitIDs)
}

// SetTargetRetired retires a target (it leaves the report forms; its results stay) or brings it back.
func (q *Queries) SetTargetRetired(ctx context.Context, planID, id int64, retired bool) error {
	tag, err := q.Exec(ctx, `UPDATE targets SET retired_at = CASE WHEN $3 THEN coalesce(retired_at, now()) END
		WHERE id = $1 AND plan_id = $2`, id, planID, retired)
	if err != nil {
		return fmt.Errorf("store: retire target %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: retire target %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// MoveTarget swaps a target with its neighbour of the same reform area (dir -1 up,
// +1 down) and renumbers the plan's targets 1..n. At either end it does nothing.
func (q *Queries) MoveTarget(ctx context.Context, planID, id int64, dir int) error {
	return q.move(ctx, "targets", planID, id, dir)
}

// move reorders a plan's targets or tasks; table is one of two constants, never input.
func (q *Queries) move(ctx context.Context, table string, planID, id int64, dir int) error {
	rows, err := q.Query(ctx, `SELECT id, area_id, retired_at IS NOT NULL FROM `+table+` WHERE plan_id = $1 ORDER BY position, code, id FOR UPDATE`, planID)
	if err != nil {
		return fmt.Errorf("store: move %s %d: %w", table, id, err)
	}
	type item struct {
		id, area int64
		retired  bool
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (item, error) {
		var it item
		err := r.Scan(&it.id, &it.area, &it.retired)
		return it, err
	})
	if err != nil {
		return fmt.Errorf("store: move %s %d: %w", table, id, err)
	}
	at := -1
	for i, it := range items {
		if it.id == id {
			at = i
		}
	}
	if at < 0 {
		return fmt.Errorf("store: move %s %d: %w", table, id, store.ErrNotFound)
	}
	for j := at + dir; j >= 0 && j < len(items); j += dir {
		if items[j].area == items[at].area && !items[j].retired {
			items[at], items[j] = items[j], items[at]
			break
		}
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.id
	}
	if _, err := q.Exec(ctx, `UPDATE `+table+` t SET position = o.n FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, n) WHERE t.id = o.id`, ids); err != nil {
		return fmt.Errorf("store: move %s %d: %w", table, id, err)
	}
	return nil
}

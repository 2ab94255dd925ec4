package postgres

import (
	"context"
	"fmt"

	"github.com/vn-cchc/cchc/internal/store"
)

// TaskByID finds one task of a plan, retired or not; another plan's task is not found.
func (q *Queries) TaskByID(ctx context.Context, planID, id int64) (store.Task, error) {
	t, err := scanTask(q.QueryRow(ctx, `SELECT `+taskColumns+` FROM tasks k WHERE k.id = $1 AND k.plan_id = $2`, id, planID))
	if err != nil {
		return store.Task{}, fmt.Errorf("store: task %d: %w", id, notFound(err))
	}
	return t, nil
}

// CreateTaskChecked inserts a task, reporting a taken code as ErrConflict.
func (q *Queries) CreateTaskChecked(ctx context.Context, t store.Task, cooperating []int64) (int64, error) {
	id, err := q.CreateTask(ctx, t, cooperating)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create task %q: %w", t.Code, store.ErrConflict)
	}
	return id, err
}

// UpdateTask changes a task and its cooperating units; ErrConflict when its code is taken.
func (q *Queries) UpdateTask(ctx context.Context, t store.Task, cooperating []int64) error {
	tag, err := q.Exec(ctx, `UPDATE tasks SET area_id = $3, code = $4, text = $5, lead_unit_id = $6, deadline = $7, deadline_note = $8,
			expected_output = $9
		WHERE id = $1 AND plan_id = $2`,
		t.ID, t.PlanID, t.AreaID, t.Code, t.Text, nullUnit(t.LeadUnitID), t.Deadline, t.DeadlineNote, t.ExpectedOutput)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update task %d: %w", t.ID, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update task %d: %w", t.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update task %d: %w", t.ID, store.ErrNotFound)
	}
	if _, err := q.Exec(ctx, `DELETE FROM task_cooperating_units WHERE task_id = $1`, t.ID); err != nil {
		return fmt.Errorf("store: task %d cooperating units: %w", t.ID, err)
	}
	if _, err := q.Exec(ctx, `INSERT INTO task_cooperating_units (task_id, unit_id) SELECT $1, unnest($2::bigint[])`, t.ID, cooperating); err != nil {
		return fmt.Errorf("store: task %d cooperating units: %w", t.ID, err)
	}
	return nil
}

// NextTaskPosition is the position after a plan's last task.
func (q *Queries) NextTaskPosition(ctx context.Context, planID int64) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT coalesce(max(position), 0) + 1 FROM tasks WHERE plan_id = $1`, planID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: next task position: %w", err)
	}
	return n, nil
}

// SetTaskUnits replaces the units that report on a task.
func (q *Queries) SetTaskUnits(ctx context.Context, taskID int64, unitIDs []int64) error {
	if _, err := q.Exec(ctx, `DELETE FROM task_assignments WHERE task_id = $1 AND unit_id <> ALL($2::bigint[])`, taskID, unitIDs); err != nil {
		return fmt.Errorf("store: task %d units: %w", taskID, err)
	}
	return q.AssignTask(ctx, taskID, unitIDs)
}

// SetTaskRetired retires a task (it leaves the report forms; its results stay) or brings it back.
func (q *Queries) SetTaskRetired(ctx context.Context, planID, id int64, retired bool) error {
	tag, err := q.Exec(ctx, `UPDATE tasks SET retired_at = CASE WHEN $3 THEN coalesce(retired_at, now()) END
		WHERE id = $1 AND plan_id = $2`, id, planID, retired)
	if err != nil {
		return fmt.Errorf("store: retire task %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: retire task %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// MoveTask swaps a task with its neighbour of the same reform area (dir -1 up, +1 down).
func (q *Queries) MoveTask(ctx context.Context, planID, id int64, dir int) error {
	return q.move(ctx, "tasks", planID, id, dir)
}

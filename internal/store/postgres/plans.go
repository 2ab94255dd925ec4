package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

const planColumns = `p.id, p.code, p.title, p.issued_on, p.issued_by, p.start_year, p.end_year, p.legal_basis, p.goal, p.status, p.published,
	(SELECT count(*) FROM targets t WHERE t.plan_id = p.id AND t.retired_at IS NULL),
	(SELECT count(*) FROM tasks k WHERE k.plan_id = p.id AND k.retired_at IS NULL)`

func scanPlan(row pgx.Row) (store.Plan, error) {
	var p store.Plan
	err := row.Scan(&p.ID, &p.Code, &p.Title, &p.IssuedOn, &p.IssuedBy, &p.StartYear, &p.EndYear, &p.LegalBasis, &p.Goal, &p.Status, &p.Published, &p.Targets, &p.Tasks)
	return p, err
}

// ListPlans returns plans, newest first. Plans are few (one per five years per province).
func (q *Queries) ListPlans(ctx context.Context, page store.Page) ([]store.Plan, error) {
	rows, err := q.Query(ctx, `SELECT `+planColumns+` FROM plans p ORDER BY p.start_year DESC, p.code LIMIT $1 OFFSET $2`,
		page.Limit(), page.Offset())
	if err != nil {
		return nil, fmt.Errorf("store: list plans: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Plan, error) { return scanPlan(r) })
}

// PlanByID finds one plan.
func (q *Queries) PlanByID(ctx context.Context, id int64) (store.Plan, error) {
	p, err := scanPlan(q.QueryRow(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = $1`, id))
	if err != nil {
		return store.Plan{}, fmt.Errorf("store: plan %d: %w", id, notFound(err))
	}
	return p, nil
}

// PlanIDByCode finds a plan by its document code.
func (q *Queries) PlanIDByCode(ctx context.Context, code string) (int64, error) {
	var id int64
	if err := q.QueryRow(ctx, `SELECT id FROM plans WHERE code = $1`, code).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: plan %q: %w", code, notFound(err))
	}
	return id, nil
}

// CreatePlan inserts a plan.
func (q *Queries) CreatePlan(ctx context.Context, in store.PlanInput) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO plans (code, title, issued_on, issued_by, start_year, end_year, legal_basis, goal, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		in.Code, in.Title, in.IssuedOn, in.IssuedBy, in.StartYear, in.EndYear, in.LegalBasis, in.Goal, in.Status).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create plan %q: %w", in.Code, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create plan %q: %w", in.Code, err)
	}
	return id, nil
}

// UpsertArea creates or renames a reform area by key.
func (q *Queries) UpsertArea(ctx context.Context, a store.ReformArea) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO reform_areas (key, name, name_en, position) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, position = excluded.position
		RETURNING id`, a.Key, a.Name, a.NameEN, a.Position).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert area %q: %w", a.Key, err)
	}
	return id, nil
}

// ListAreas returns every reform area in plan order.
func (q *Queries) ListAreas(ctx context.Context) ([]store.ReformArea, error) {
	rows, err := q.Query(ctx, `SELECT id, key, name, name_en, position FROM reform_areas ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("store: list areas: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ReformArea, error) {
		var a store.ReformArea
		err := r.Scan(&a.ID, &a.Key, &a.Name, &a.NameEN, &a.Position)
		return a, err
	})
}

// CreateTarget inserts a target.
func (q *Queries) CreateTarget(ctx context.Context, t store.Target) (int64, error) {
	var deadline *int
	if t.DeadlineYear != 0 {
		deadline = &t.DeadlineYear
	}
	var op *string
	if t.Op != "" {
		v := string(t.Op)
		op = &v
	}
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO targets (plan_id, area_id, code, position, text, kind, op, value, measure_unit, baseline, deadline_year, each_year,
			numerator_label, denominator_label)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		t.PlanID, t.AreaID, t.Code, t.Position, t.Text, t.Kind, op, t.Value, t.MeasureUnit, t.Baseline, deadline, t.EachYear,
		t.NumeratorLabel, t.DenominatorLabel).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create target %q: %w", t.Code, err)
	}
	return id, nil
}

// CreateTask inserts a task with its cooperating units.
func (q *Queries) CreateTask(ctx context.Context, t store.Task, cooperating []int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO tasks (plan_id, area_id, code, position, text, lead_unit_id, deadline, deadline_note, expected_output)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		t.PlanID, t.AreaID, t.Code, t.Position, t.Text, nullUnit(t.LeadUnitID), t.Deadline, t.DeadlineNote, t.ExpectedOutput).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create task %q: %w", t.Code, err)
	}
	if len(cooperating) > 0 {
		if _, err := q.Exec(ctx, `INSERT INTO task_cooperating_units (task_id, unit_id) SELECT $1, unnest($2::bigint[])`, id, cooperating); err != nil {
			return 0, fmt.Errorf("store: task %q cooperating units: %w", t.Code, err)
		}
	}
	return id, nil
}

// AssignTarget makes the units report on the target.
func (q *Queries) AssignTarget(ctx context.Context, targetID int64, unitIDs []int64) error {
	_, err := q.Exec(ctx, `INSERT INTO target_assignments (target_id, unit_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, targetID, unitIDs)
	if err != nil {
		return fmt.Errorf("store: assign target %d: %w", targetID, err)
	}
	return nil
}

// AssignTask makes the units report on the task.
func (q *Queries) AssignTask(ctx context.Context, taskID int64, unitIDs []int64) error {
	_, err := q.Exec(ctx, `INSERT INTO task_assignments (task_id, unit_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, taskID, unitIDs)
	if err != nil {
		return fmt.Errorf("store: assign task %d: %w", taskID, err)
	}
	return nil
}

// PlanTargets returns a plan's current targets with the codes of their units.
func (q *Queries) PlanTargets(ctx context.Context, planID int64) ([]store.Target, error) {
	return q.planTargets(ctx, planID, false)
}

// PlanTargetsAll returns a plan's targets including retired ones, for the reform office.
func (q *Queries) PlanTargetsAll(ctx context.Context, planID int64) ([]store.Target, error) {
	return q.planTargets(ctx, planID, true)
}

const targetColumns = `t.id, t.plan_id, t.area_id, t.code, t.position, t.text, t.kind, coalesce(t.op, ''),
	t.value::float8, t.measure_unit, t.baseline::float8, coalesce(t.deadline_year, 0), t.each_year,
	t.numerator_label, t.denominator_label,
	coalesce((SELECT array_agg(u.code ORDER BY u.code) FROM target_assignments a JOIN units u ON u.id = a.unit_id WHERE a.target_id = t.id), '{}'),
	(SELECT key FROM reform_areas ra WHERE ra.id = t.area_id), t.retired_at IS NOT NULL`

func scanTarget(r pgx.Row) (store.Target, error) {
	var t store.Target
	err := r.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.Kind, &t.Op, &t.Value, &t.MeasureUnit,
		&t.Baseline, &t.DeadlineYear, &t.EachYear, &t.NumeratorLabel, &t.DenominatorLabel, &t.Units, &t.AreaKey, &t.Retired)
	return t, err
}

func (q *Queries) planTargets(ctx context.Context, planID int64, withRetired bool) ([]store.Target, error) {
	rows, err := q.Query(ctx, `SELECT `+targetColumns+`
		FROM targets t WHERE t.plan_id = $1 AND ($2 OR t.retired_at IS NULL) ORDER BY t.position, t.code`, planID, withRetired)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d targets: %w", planID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Target, error) { return scanTarget(r) })
}

// PlanTasks returns a plan's current tasks with their lead, cooperating and reporting units.
func (q *Queries) PlanTasks(ctx context.Context, planID int64) ([]store.Task, error) {
	return q.planTasks(ctx, planID, false)
}

// PlanTasksAll returns a plan's tasks including retired ones, for the reform office.
func (q *Queries) PlanTasksAll(ctx context.Context, planID int64) ([]store.Task, error) {
	return q.planTasks(ctx, planID, true)
}

const taskColumns = `k.id, k.plan_id, k.area_id, k.code, k.position, k.text, coalesce(k.lead_unit_id, 0),
	coalesce((SELECT code FROM units l WHERE l.id = k.lead_unit_id), ''), k.deadline, k.deadline_note, k.expected_output,
	coalesce((SELECT array_agg(u.code ORDER BY u.code) FROM task_cooperating_units c JOIN units u ON u.id = c.unit_id WHERE c.task_id = k.id), '{}'),
	coalesce((SELECT array_agg(u.code ORDER BY u.code) FROM task_assignments a JOIN units u ON u.id = a.unit_id WHERE a.task_id = k.id), '{}'),
	(SELECT key FROM reform_areas ra WHERE ra.id = k.area_id), k.retired_at IS NOT NULL`

func scanTask(r pgx.Row) (store.Task, error) {
	var t store.Task
	err := r.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.LeadUnitID, &t.LeadUnitCode,
		&t.Deadline, &t.DeadlineNote, &t.ExpectedOutput, &t.Cooperating, &t.Units, &t.AreaKey, &t.Retired)
	return t, err
}

func (q *Queries) planTasks(ctx context.Context, planID int64, withRetired bool) ([]store.Task, error) {
	rows, err := q.Query(ctx, `SELECT `+taskColumns+`
		FROM tasks k WHERE k.plan_id = $1 AND ($2 OR k.retired_at IS NULL) ORDER BY k.position, k.code`, planID, withRetired)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d tasks: %w", planID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Task, error) { return scanTask(r) })
}

// UpdatePlan changes a plan's facts (not its status); ErrConflict when the code is taken.
func (q *Queries) UpdatePlan(ctx context.Context, id int64, in store.PlanInput) error {
	tag, err := q.Exec(ctx, `UPDATE plans SET code = $2, title = $3, issued_on = $4, issued_by = $5, start_year = $6, end_year = $7,
		legal_basis = $8, goal = $9, updated_at = now() WHERE id = $1`,
		id, in.Code, in.Title, in.IssuedOn, in.IssuedBy, in.StartYear, in.EndYear, in.LegalBasis, in.Goal)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update plan %d: %w", id, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update plan %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update plan %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// SetPlanStatus moves a plan to draft, active or closed.
func (q *Queries) SetPlanStatus(ctx context.Context, id int64, status string) error {
	tag, err := q.Exec(ctx, `UPDATE plans SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	if err != nil {
		return fmt.Errorf("store: plan %d status: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: plan %d status: %w", id, store.ErrNotFound)
	}
	return nil
}

// LockPlan reads a plan and holds it until the transaction ends, so a change to its
// targets cannot race with the plan being closed.
func (q *Queries) LockPlan(ctx context.Context, id int64) (store.Plan, error) {
	p, err := scanPlan(q.QueryRow(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = $1 FOR UPDATE`, id))
	if err != nil {
		return store.Plan{}, fmt.Errorf("store: lock plan %d: %w", id, notFound(err))
	}
	return p, nil
}

// CurrentTargets returns a plan's current targets on the caller's transaction.
func (q *Queries) CurrentTargets(ctx context.Context, planID int64) ([]store.Target, error) {
	return q.planTargets(ctx, planID, false)
}

// CurrentTasks returns a plan's current tasks on the caller's transaction.
func (q *Queries) CurrentTasks(ctx context.Context, planID int64) ([]store.Task, error) {
	return q.planTasks(ctx, planID, false)
}

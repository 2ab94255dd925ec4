package planning

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// TargetAudit is a target as the audit log keeps it.
func TargetAudit(spec domain.TargetSpec) map[string]any {
	m := map[string]any{"code": spec.Code, "area": spec.Area, "text": spec.Text, "kind": spec.Kind, "op": spec.Op,
		"measure_unit": spec.MeasureUnit, "deadline_year": spec.DeadlineYear, "each_year": spec.EachYear,
		"schedule": domain.ScheduleText(spec.Schedule), "units": spec.Units}
	if spec.Ratio.IsRatio() {
		m["numerator"], m["denominator"] = spec.Ratio.Numerator, spec.Ratio.Denominator
	}
	if spec.Value != nil {
		m["value"] = *spec.Value
	}
	if spec.Baseline != nil {
		m["baseline"] = *spec.Baseline
	}
	return m
}

// SpecOfTarget is a stored target as the domain rules see it.
func SpecOfTarget(t store.Target, sched []domain.CommitmentChange) domain.TargetSpec {
	return domain.TargetSpec{Code: t.Code, Area: t.AreaKey, Text: t.Text, Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op),
		Value: t.Value, MeasureUnit: t.MeasureUnit, Baseline: t.Baseline, DeadlineYear: t.DeadlineYear, EachYear: t.EachYear,
		Schedule: sched, Units: UpperAll(t.Units), Ratio: t.Ratio()}
}

// UpperAll writes unit codes the way they are compared.
func UpperAll(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = domain.UnitCode(c)
	}
	return out
}

// Target is a checked target and the ids its codes refer to.
type Target struct {
	Spec   domain.TargetSpec
	AreaID int64
	Units  []int64 // the units that report on it
}

func (t Target) row(planID int64) store.Target {
	s := t.Spec
	return store.Target{PlanID: planID, AreaID: t.AreaID, Code: s.Code, Text: s.Text, Kind: s.Kind, Op: s.Op,
		Value: s.Value, MeasureUnit: s.MeasureUnit, Baseline: s.Baseline, DeadlineYear: s.DeadlineYear, EachYear: s.EachYear,
		NumeratorLabel: s.Ratio.Numerator, DenominatorLabel: s.Ratio.Denominator}
}

func targetCodeTaken(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return field("code", "plan.v.target_code_taken")
	}
	return err
}

// CreateTarget adds a target to an editable plan, last in its area.
func (s *Service) CreateTarget(ctx context.Context, a usecase.Actor, planID int64, in Target) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		t := in.row(planID)
		var err error
		if t.Position, err = tx.NextTargetPosition(ctx, planID); err != nil {
			return err
		}
		if id, err = tx.CreateTargetChecked(ctx, t); err != nil {
			return err
		}
		if err := tx.SetTargetSchedule(ctx, id, in.Spec.Schedule); err != nil {
			return err
		}
		if err := tx.SetTargetUnits(ctx, id, in.Units); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "target.create", "target", id), nil, TargetAudit(in.Spec))
	})
	return id, targetCodeTaken(err)
}

// UpdateTarget changes a target of an editable plan. Past periods stay judged against the
// commitment in force then: an edit that would change the commitment of a year with
// results is refused (on the kind, or on the schedule with the years named).
func (s *Service) UpdateTarget(ctx context.Context, a usecase.Actor, planID, id int64, in Target) error {
	err := s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		before, err := tx.TargetByID(ctx, planID, id)
		if err != nil {
			return err
		}
		beforeSched, err := tx.TargetSchedule(ctx, id)
		if err != nil {
			return err
		}
		years, err := tx.TargetResultYears(ctx, id)
		if err != nil {
			return err
		}
		spec := in.Spec
		if rw := domain.RewrittenYears(before.Commitment(), beforeSched, spec.Commitment(), spec.Schedule, years); len(rw) > 0 {
			if spec.Kind != before.Kind {
				return field("kind", "plan.v.kind_locked")
			}
			next := rw[len(rw)-1] + 1
			return field("schedule", "plan.v.rewrites", YearList(rw), next, next)
		}
		t := in.row(planID)
		t.ID = id
		if err := tx.UpdateTarget(ctx, t); err != nil {
			return err
		}
		if err := tx.SetTargetSchedule(ctx, id, spec.Schedule); err != nil {
			return err
		}
		if err := tx.SetTargetUnits(ctx, id, in.Units); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "target.update", "target", id),
			TargetAudit(SpecOfTarget(before, beforeSched)), TargetAudit(spec))
	})
	return targetCodeTaken(err)
}

// YearList writes years as "2024, 2025".
func YearList(years []int) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}

// TaskAudit is a task as the audit log keeps it.
func TaskAudit(spec domain.TaskSpec) map[string]any {
	m := map[string]any{"code": spec.Code, "area": spec.Area, "text": spec.Text, "lead": spec.Lead, "cooperating": spec.Cooperating,
		"deadline_note": spec.DeadlineNote, "output": spec.Output, "units": spec.Units}
	if spec.Deadline != nil {
		m["deadline"] = domain.FormatDate(*spec.Deadline)
	}
	return m
}

// SpecOfTask is a stored task as the domain rules see it.
func SpecOfTask(t store.Task) domain.TaskSpec {
	return domain.TaskSpec{Code: t.Code, Area: t.AreaKey, Text: t.Text, Lead: domain.UnitCode(t.LeadUnitCode), Cooperating: UpperAll(t.Cooperating),
		Deadline: t.Deadline, DeadlineNote: t.DeadlineNote, Output: t.ExpectedOutput, Units: UpperAll(t.Units)}
}

// Task is a checked task, its row and the ids its codes refer to.
type Task struct {
	Spec        domain.TaskSpec
	Row         store.Task // the spec with the area and lead unit resolved
	Cooperating []int64
	Units       []int64 // the units that report on it
}

func taskCodeTaken(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return field("code", "plan.v.task_code_taken")
	}
	return err
}

// CreateTask adds a task to an editable plan, last in its area.
func (s *Service) CreateTask(ctx context.Context, a usecase.Actor, planID int64, in Task) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		t := in.Row
		t.PlanID = planID
		var err error
		if t.Position, err = tx.NextTaskPosition(ctx, planID); err != nil {
			return err
		}
		if id, err = tx.CreateTaskChecked(ctx, t, in.Cooperating); err != nil {
			return err
		}
		if err := tx.SetTaskUnits(ctx, id, in.Units); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "task.create", "task", id), nil, TaskAudit(in.Spec))
	})
	return id, taskCodeTaken(err)
}

// UpdateTask changes a task of an editable plan.
func (s *Service) UpdateTask(ctx context.Context, a usecase.Actor, planID, id int64, in Task) error {
	err := s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		before, err := tx.TaskByID(ctx, planID, id)
		if err != nil {
			return err
		}
		t := in.Row
		t.PlanID, t.ID = planID, id
		if err := tx.UpdateTask(ctx, t, in.Cooperating); err != nil {
			return err
		}
		if err := tx.SetTaskUnits(ctx, id, in.Units); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "task.update", "task", id), TaskAudit(SpecOfTask(before)), TaskAudit(in.Spec))
	})
	return taskCodeTaken(err)
}

// Item is a target or a task, for moving and retiring.
type Item string

const (
	ItemTarget Item = "target"
	ItemTask   Item = "task"
)

// itemState is what moving and retiring change about a target or task, for the audit log.
type itemState struct {
	Code     string `json:"code"`
	Position int    `json:"position"`
	Retired  bool   `json:"retired"`
}

func (it Item) state(ctx context.Context, q store.Queries, planID, id int64) (itemState, error) {
	if it == ItemTask {
		t, err := q.TaskByID(ctx, planID, id)
		return itemState{Code: t.Code, Position: t.Position, Retired: t.Retired}, err
	}
	t, err := q.TargetByID(ctx, planID, id)
	return itemState{Code: t.Code, Position: t.Position, Retired: t.Retired}, err
}

// MoveItem moves a target or task up (dir -1) or down (+1) among its area's items.
func (s *Service) MoveItem(ctx context.Context, a usecase.Actor, it Item, planID, id int64, dir int) error {
	move := store.Queries.MoveTarget
	if it == ItemTask {
		move = store.Queries.MoveTask
	}
	return s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		before, err := it.state(ctx, tx, planID, id)
		if err != nil {
			return err
		}
		if err := move(tx, ctx, planID, id, dir); err != nil {
			return err
		}
		after, err := it.state(ctx, tx, planID, id)
		if err != nil || after.Position == before.Position {
			return err
		}
		return tx.Audit(ctx, entry(a, string(it)+".move", string(it), id), before, after)
	})
}

// RetireItem retires a target or task (it leaves the report forms, its results stay) or
// brings it back; it returns the audit action (e.g. "target.retire").
func (s *Service) RetireItem(ctx context.Context, a usecase.Actor, it Item, planID, id int64, retired bool) (string, error) {
	retire := store.Queries.SetTargetRetired
	if it == ItemTask {
		retire = store.Queries.SetTaskRetired
	}
	action := string(it) + ".retire"
	if !retired {
		action = string(it) + ".restore"
	}
	return action, s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		before, err := it.state(ctx, tx, planID, id)
		if err != nil || before.Retired == retired {
			return err // already so: nothing changes, nothing to log
		}
		if err := retire(tx, ctx, planID, id, retired); err != nil {
			return err
		}
		after := before
		after.Retired = retired
		return tx.Audit(ctx, entry(a, action, string(it), id), before, after)
	})
}

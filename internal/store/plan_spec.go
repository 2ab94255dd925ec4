package store

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Assignment is one unit reporting on one target or task.
type Assignment struct {
	ItemID int64
	UnitID int64
}

// PlanSpecQueries are the statements of plan_spec.go.
type PlanSpecQueries interface {
	// UnitIDsByCode maps every unit's code (upper case, as domain.UnitCode writes it) to its id.
	UnitIDsByCode(ctx context.Context) (map[string]int64, error)

	// AreaIDsByKey maps every reform area's key to its id.
	AreaIDsByKey(ctx context.Context) (map[string]int64, error)

	// PlanSpec reads a plan's facts and its current targets and tasks, in order, with who
	// reports on each: what the spreadsheet export writes.
	PlanSpec(ctx context.Context, planID int64) (domain.PlanSpec, error)

	// InsertPlanSpec writes a whole plan — facts, targets with their yearly commitments,
	// tasks, assignments — on the caller's transaction. Codes must already be checked
	// (domain.ParseTarget / ParseTask with Refs): an unknown one is an error here.
	InsertPlanSpec(ctx context.Context, spec domain.PlanSpec, status string) (int64, error)

	// SetPlanAssignments replaces who reports on the plan's current targets and tasks with
	// the given pairs; pairs naming another plan's items are ignored.
	SetPlanAssignments(ctx context.Context, planID int64, targets, tasks []Assignment) error
}

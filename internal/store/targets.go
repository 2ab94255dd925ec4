package store

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Ratio names the target's two counts when it is measured as a ratio.
func (t Target) Ratio() domain.Ratio {
	return domain.Ratio{Numerator: t.NumeratorLabel, Denominator: t.DenominatorLabel}
}

// Commitment is the target's own (base) commitment, before yearly changes.
func (t Target) Commitment() domain.Commitment {
	return domain.Commitment{Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
		DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline}
}

// TargetsQueries are the statements of targets.go.
type TargetsQueries interface {
	// TargetByID finds one target of a plan, retired or not; another plan's target is not found.
	TargetByID(ctx context.Context, planID, id int64) (Target, error)

	// UpdateTarget changes a target's definition; ErrConflict when its code is taken in the plan.
	UpdateTarget(ctx context.Context, t Target) error

	// CreateTargetChecked inserts a target, reporting a taken code as ErrConflict.
	CreateTargetChecked(ctx context.Context, t Target) (int64, error)

	// NextTargetPosition is the position after a plan's last target.
	NextTargetPosition(ctx context.Context, planID int64) (int, error)

	// TargetSchedule returns a target's yearly commitments, oldest first.
	TargetSchedule(ctx context.Context, targetID int64) ([]domain.CommitmentChange, error)

	// SetTargetSchedule replaces a target's yearly commitments.
	SetTargetSchedule(ctx context.Context, targetID int64, changes []domain.CommitmentChange) error

	// PlanSchedules returns the yearly commitments of every target of a plan, by target id.
	PlanSchedules(ctx context.Context, planID int64) (map[int64][]domain.CommitmentChange, error)

	// TargetSchedules is PlanSchedules on the store's pool: each target's yearly commitments.
	TargetSchedules(ctx context.Context, planID int64) (map[int64][]domain.CommitmentChange, error)

	// TargetResultYears lists the years in which any unit reported a value for the target:
	// the years whose commitment may no longer be rewritten.
	TargetResultYears(ctx context.Context, targetID int64) ([]int, error)

	// SetTargetUnits replaces the units that report on a target.
	SetTargetUnits(ctx context.Context, targetID int64, unitIDs []int64) error

	// SetTargetRetired retires a target (it leaves the report forms; its results stay) or brings it back.
	SetTargetRetired(ctx context.Context, planID, id int64, retired bool) error

	// MoveTarget swaps a target with its neighbour of the same reform area (dir -1 up,
	// +1 down) and renumbers the plan's targets 1..n. At either end it does nothing.
	MoveTarget(ctx context.Context, planID, id int64, dir int) error
}

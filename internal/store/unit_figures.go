package store

import (
	"context"
)

// UnitFigure is one unit's own value for a target in a period.
type UnitFigure struct {
	TargetID int64
	PeriodID int64
	UnitID   int64
	Value    *float64
	Num, Den *float64 // a ratio target's two counts
	// Under is the unit directly under the scope whose subtree holds this unit (the unit
	// itself when it is directly under it; 0 for the scope's own unit): a drill-down's row
	// for a unit with units under it sums their counts.
	Under int64
}

// UnitFiguresQueries are the statements of unit_figures.go.
type UnitFiguresQueries interface {
	// UnitFigures reads, for the given targets, each unit's own value in every period from
	// reports in the given statuses, for the units of a scope's subtree (ownOnly: the scope
	// unit alone). Growth targets are judged over the same units in both years, and a ratio
	// target's figure is its units' sums, which needs the units' figures and not only the
	// scope's totals.
	UnitFigures(ctx context.Context, targetIDs []int64, scopeID int64, statuses []string, ownOnly bool) ([]UnitFigure, error)
}

package store

import (
	"context"
)

// DashboardDisciplineQueries are the statements of dashboard_discipline.go.
type DashboardDisciplineQueries interface {
	// TargetAssignedTo reports whether a unit reports on a target.
	TargetAssignedTo(ctx context.Context, targetID, unitID int64) (bool, error)

	// DashboardVersion is the data version of a dashboard of one scope (a unit's id, or 0 for
	// a view that has not chosen one): it grows with every committed change to what such a
	// view shows (migration 000014) and with nothing else, so a dashboard rendered at this
	// version is current and a save in another unit's subtree leaves it so.
	DashboardVersion(ctx context.Context, scopeID int64) (int64, error)
}

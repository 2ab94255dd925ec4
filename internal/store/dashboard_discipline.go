package store

import (
	"context"
)

// DashboardDisciplineQueries are the statements of dashboard_discipline.go.
type DashboardDisciplineQueries interface {
	// TargetAssignedTo reports whether a unit reports on a target.
	TargetAssignedTo(ctx context.Context, targetID, unitID int64) (bool, error)

	// DashboardVersion is the number every committed change to dashboard data raises (migration
	// 000003's dashboard_version); a dashboard rendered at this version is current.
	DashboardVersion(ctx context.Context) (int64, error)
}

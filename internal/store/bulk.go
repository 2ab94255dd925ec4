package store

import (
	"context"
)

// BulkQueries are the statements of bulk.go.
type BulkQueries interface {
	// NextIDs takes n values from a table's id sequence, so bulk rows can carry their ids and
	// reference each other without reading them back.
	NextIDs(ctx context.Context, table string, n int) ([]int64, error)

	// RebuildDashboard recomputes every dashboard summary from the data (migration 000003's
	// dashboard_rebuild) and refreshes the planner's statistics of the bulk-loaded tables.
	RebuildDashboard(ctx context.Context) error
}

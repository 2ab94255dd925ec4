package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Bulk loading, for the national-scale generator (cchc seed scale). Rows go in with COPY;
// a load with triggers off is followed by RebuildDashboard, which recomputes the summaries
// set-based, so generated data ends up in the same summaries as data saved through the app.

// NextIDs takes n values from a table's id sequence, so bulk rows can carry their ids and
// reference each other without reading them back.
func (q *Queries) NextIDs(ctx context.Context, table string, n int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`, table, n)
	if err != nil {
		return nil, fmt.Errorf("store: ids for %s: %w", table, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: ids for %s: %w", table, err)
	}
	return ids, nil
}

// CopyRows COPYs rows into a table. With triggersOff the session runs as a replica
// (session_replication_role, superuser only): neither the summary triggers nor the foreign
// key checks run, so the caller must load consistent rows and call RebuildDashboard after.
func (s *Store) CopyRows(ctx context.Context, table string, columns []string, src pgx.CopyFromSource, triggersOff bool) (int64, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: copy into %s: %w", table, err)
	}
	defer conn.Release()
	if triggersOff {
		if _, err := conn.Exec(ctx, `SET session_replication_role = replica`); err != nil {
			return 0, fmt.Errorf("store: copy into %s without triggers (needs a superuser): %w", table, err)
		}
		// never hand a replica-mode connection back to the pool
		defer func() {
			if _, err := conn.Exec(context.Background(), `RESET session_replication_role`); err != nil {
				_ = conn.Conn().Close(context.Background())
			}
		}()
	}
	n, err := conn.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, src)
	if err != nil {
		return n, fmt.Errorf("store: copy into %s: %w", table, err)
	}
	return n, nil
}

// RebuildDashboard recomputes every dashboard summary from the data (migration 000003's
// dashboard_rebuild) and refreshes the planner's statistics of the bulk-loaded tables.
func (q *Queries) RebuildDashboard(ctx context.Context) error {
	if _, err := q.Exec(ctx, `SELECT dashboard_rebuild()`); err != nil {
		return fmt.Errorf("store: rebuild dashboard summaries: %w", err)
	}
	// VACUUM sets the visibility map, so the dashboard's index-only scans stay index-only
	if _, err := q.Exec(ctx, `VACUUM ANALYZE units, unit_closure, reports, target_results, task_results, target_assignments,
		task_assignments, target_rollup, task_rollup, report_rollup, plan_units, plan_unit_rollup`); err != nil {
		return fmt.Errorf("store: vacuum analyze: %w", err)
	}
	return nil
}

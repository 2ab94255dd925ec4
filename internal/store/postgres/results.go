package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// A report's scope: the targets and tasks assigned to the unit, not retired, of plans that
// run in the period's year (an active plan is reported on until the reform office closes
// it). A result already in the report stays in its scope even if its target was retired or
// reassigned since, so an old report reads as it was sent.

// ReportResults reads a report's results; inside a save's transaction, after LockReport,
// they are what the save compares against and records as "before".
func (q *Queries) ReportResults(ctx context.Context, reportID int64) (store.StoredResults, error) {
	out := store.StoredResults{Targets: map[int64]store.StoredTarget{}, Tasks: map[int64]store.StoredTask{}}
	batch := &pgx.Batch{}
	batch.Queue(`SELECT r.target_id, r.value::float8, r.numerator::float8, r.denominator::float8, r.done, r.done_on, r.narrative, r.updated_at, coalesce(u.full_name, '')
		FROM target_results r LEFT JOIN users u ON u.id = r.updated_by WHERE r.report_id = $1`, reportID).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var t store.StoredTarget
				if err := rows.Scan(&id, &t.Value, &t.Num, &t.Den, &t.Done, &t.DoneOn, &t.Narrative, &t.UpdatedAt, &t.UpdatedByName); err != nil {
					return err
				}
				out.Targets[id] = t
			}
			return rows.Err()
		})
	batch.Queue(`SELECT r.task_id, coalesce(r.progress, ''), r.narrative, r.updated_at, coalesce(u.full_name, '')
		FROM task_results r LEFT JOIN users u ON u.id = r.updated_by WHERE r.report_id = $1`, reportID).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var t store.StoredTask
				if err := rows.Scan(&id, &t.Progress, &t.Narrative, &t.UpdatedAt, &t.UpdatedByName); err != nil {
					return err
				}
				out.Tasks[id] = t
			}
			return rows.Err()
		})
	if err := q.SendBatch(ctx, batch).Close(); err != nil {
		return store.StoredResults{}, fmt.Errorf("store: results of report %d: %w", reportID, err)
	}
	return out, nil
}

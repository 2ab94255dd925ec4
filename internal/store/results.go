package store

import (
	"context"
	"fmt"
	"github.com/vn-cchc/cchc/internal/domain"
	"time"

	"github.com/jackc/pgx/v5"
)

// A report's scope: the targets and tasks assigned to the unit, not retired, of plans that
// run in the period's year (an active plan is reported on until the reform office closes
// it). A result already in the report stays in its scope even if its target was retired or
// reassigned since, so an old report reads as it was sent.

// StoredTarget is a target's value in a report as stored, with who changed it last.
type StoredTarget struct {
	Value         *float64
	Num, Den      *float64 // the two counts of a ratio target (Value is their percentage)
	Done          *bool
	DoneOn        *time.Time
	Narrative     string
	UpdatedAt     time.Time
	UpdatedByName string
}

// StoredTask is a task's progress in a report as stored, with who changed it last.
type StoredTask struct {
	Progress      string
	Narrative     string
	UpdatedAt     time.Time
	UpdatedByName string
}

// ReportTarget is one target of a report's scope with its stored result, if any.
type ReportTarget struct {
	Target
	PlanCode string
	Result   *StoredTarget
}

// ReportTask is one task of a report's scope with its stored result, if any.
type ReportTask struct {
	Task
	PlanCode string
	Result   *StoredTask
}

// StoredResults are a report's results keyed by target and task id.
type StoredResults struct {
	Targets map[int64]StoredTarget
	Tasks   map[int64]StoredTask
}

// ReportResults reads a report's results; inside a save's transaction, after LockReport,
// they are what the save compares against and records as "before".
func ReportResults(ctx context.Context, q DBTX, reportID int64) (StoredResults, error) {
	out := StoredResults{Targets: map[int64]StoredTarget{}, Tasks: map[int64]StoredTask{}}
	batch := &pgx.Batch{}
	batch.Queue(`SELECT r.target_id, r.value::float8, r.numerator::float8, r.denominator::float8, r.done, r.done_on, r.narrative, r.updated_at, coalesce(u.full_name, '')
		FROM target_results r LEFT JOIN users u ON u.id = r.updated_by WHERE r.report_id = $1`, reportID).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var t StoredTarget
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
				var t StoredTask
				if err := rows.Scan(&id, &t.Progress, &t.Narrative, &t.UpdatedAt, &t.UpdatedByName); err != nil {
					return err
				}
				out.Tasks[id] = t
			}
			return rows.Err()
		})
	if err := q.SendBatch(ctx, batch).Close(); err != nil {
		return StoredResults{}, fmt.Errorf("store: results of report %d: %w", reportID, err)
	}
	return out, nil
}

// PastTarget is a unit's value for a target in an earlier period.
type PastTarget struct {
	Period Period
	Value  *float64
	Done   *bool
	DoneOn *time.Time
}

// PastTask is a unit's progress on a task in an earlier period.
type PastTask struct {
	Period   Period
	Progress string
}

// PastResults are the unit's results of the n periods before a period, per target and
// task, oldest first.
type PastResults struct {
	Targets map[int64][]PastTarget
	Tasks   map[int64][]PastTask
	// Schedules are the yearly commitments of the page's targets, by target: a result is
	// judged by the commitment in force for its year.
	Schedules map[int64][]domain.CommitmentChange
}

package store

import (
	"context"
	"fmt"
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

// ReportTargets lists the targets of a unit's report for a period of year, in reform
// area order, with the report's results (reportID 0: not started).
func (s *Store) ReportTargets(ctx context.Context, unitID int64, year int, reportID int64) ([]ReportTarget, error) {
	rows, err := s.pool.Query(ctx, `WITH ids AS (
			SELECT target_id FROM target_assignments WHERE unit_id = $1
			UNION SELECT target_id FROM target_results WHERE report_id = $3)
		SELECT t.id, t.plan_id, t.area_id, t.code, t.position, t.text, t.kind, coalesce(t.op, ''), t.value::float8,
			t.measure_unit, t.baseline::float8, coalesce(t.deadline_year, 0), t.each_year, pl.code,
			r.report_id IS NOT NULL, r.value::float8, r.done, r.done_on, coalesce(r.narrative, ''),
			coalesce(r.updated_at, now()), coalesce(u.full_name, '')
		FROM ids JOIN targets t ON t.id = ids.target_id JOIN plans pl ON pl.id = t.plan_id
			JOIN reform_areas ra ON ra.id = t.area_id
			LEFT JOIN target_results r ON r.report_id = $3 AND r.target_id = t.id
			LEFT JOIN users u ON u.id = r.updated_by
		WHERE r.report_id IS NOT NULL
			OR (t.retired_at IS NULL AND pl.start_year <= $2 AND (pl.end_year >= $2 OR pl.status = 'active'))
		ORDER BY ra.position, ra.id, pl.start_year, pl.code, t.position, t.code`, unitID, year, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: report targets unit %d year %d: %w", unitID, year, err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (ReportTarget, error) {
		var rt ReportTarget
		var has bool
		var res StoredTarget
		t := &rt.Target
		err := row.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.Kind, &t.Op, &t.Value,
			&t.MeasureUnit, &t.Baseline, &t.DeadlineYear, &t.EachYear, &rt.PlanCode,
			&has, &res.Value, &res.Done, &res.DoneOn, &res.Narrative, &res.UpdatedAt, &res.UpdatedByName)
		if has {
			rt.Result = &res
		}
		return rt, err
	})
}

// ReportTasks lists the tasks of a unit's report for a period of year, like ReportTargets.
func (s *Store) ReportTasks(ctx context.Context, unitID int64, year int, reportID int64) ([]ReportTask, error) {
	rows, err := s.pool.Query(ctx, `WITH ids AS (
			SELECT task_id FROM task_assignments WHERE unit_id = $1
			UNION SELECT task_id FROM task_results WHERE report_id = $3)
		SELECT k.id, k.plan_id, k.area_id, k.code, k.position, k.text, coalesce(k.lead_unit_id, 0), coalesce(l.code, ''),
			k.deadline, k.deadline_note, k.expected_output, pl.code,
			r.report_id IS NOT NULL, coalesce(r.progress, ''), coalesce(r.narrative, ''),
			coalesce(r.updated_at, now()), coalesce(u.full_name, '')
		FROM ids JOIN tasks k ON k.id = ids.task_id JOIN plans pl ON pl.id = k.plan_id
			JOIN reform_areas ra ON ra.id = k.area_id
			LEFT JOIN units l ON l.id = k.lead_unit_id
			LEFT JOIN task_results r ON r.report_id = $3 AND r.task_id = k.id
			LEFT JOIN users u ON u.id = r.updated_by
		WHERE r.report_id IS NOT NULL
			OR (k.retired_at IS NULL AND pl.start_year <= $2 AND (pl.end_year >= $2 OR pl.status = 'active'))
		ORDER BY ra.position, ra.id, pl.start_year, pl.code, k.position, k.code`, unitID, year, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: report tasks unit %d year %d: %w", unitID, year, err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (ReportTask, error) {
		var rt ReportTask
		var has bool
		var res StoredTask
		t := &rt.Task
		err := row.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.LeadUnitID, &t.LeadUnitCode,
			&t.Deadline, &t.DeadlineNote, &t.ExpectedOutput, &rt.PlanCode,
			&has, &res.Progress, &res.Narrative, &res.UpdatedAt, &res.UpdatedByName)
		if has {
			rt.Result = &res
		}
		return rt, err
	})
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
	batch.Queue(`SELECT r.target_id, r.value::float8, r.done, r.done_on, r.narrative, r.updated_at, coalesce(u.full_name, '')
		FROM target_results r LEFT JOIN users u ON u.id = r.updated_by WHERE r.report_id = $1`, reportID).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var t StoredTarget
				if err := rows.Scan(&id, &t.Value, &t.Done, &t.DoneOn, &t.Narrative, &t.UpdatedAt, &t.UpdatedByName); err != nil {
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
}

// PreviousResults reads a unit's results for the given targets and tasks in the n latest
// periods that ended before endsOn, in one round trip.
func (s *Store) PreviousResults(ctx context.Context, unitID int64, endsOn time.Time, targetIDs, taskIDs []int64, n int) (PastResults, error) {
	out := PastResults{Targets: map[int64][]PastTarget{}, Tasks: map[int64][]PastTask{}}
	batch := &pgx.Batch{}
	batch.Queue(`SELECT x.target_id, `+periodColumns+`, x.value, x.done, x.done_on FROM (
			SELECT tr.target_id, tr.value::float8 AS value, tr.done, tr.done_on, p.*,
				row_number() OVER (PARTITION BY tr.target_id ORDER BY p.ends_on DESC, p.starts_on) AS n
			FROM reports rep JOIN periods p ON p.id = rep.period_id JOIN target_results tr ON tr.report_id = rep.id
			WHERE rep.unit_id = $1 AND p.ends_on < $2 AND tr.target_id = ANY($3)) x
		WHERE x.n <= $4 ORDER BY x.target_id, x.n DESC`, unitID, endsOn, targetIDs, n).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var pt PastTarget
				p := &pt.Period
				if err := rows.Scan(&id, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
					&pt.Value, &pt.Done, &pt.DoneOn); err != nil {
					return err
				}
				out.Targets[id] = append(out.Targets[id], pt)
			}
			return rows.Err()
		})
	batch.Queue(`SELECT x.task_id, `+periodColumns+`, x.progress FROM (
			SELECT kr.task_id, coalesce(kr.progress, '') AS progress, p.*,
				row_number() OVER (PARTITION BY kr.task_id ORDER BY p.ends_on DESC, p.starts_on) AS n
			FROM reports rep JOIN periods p ON p.id = rep.period_id JOIN task_results kr ON kr.report_id = rep.id
			WHERE rep.unit_id = $1 AND p.ends_on < $2 AND kr.task_id = ANY($3)) x
		WHERE x.n <= $4 ORDER BY x.task_id, x.n DESC`, unitID, endsOn, taskIDs, n).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var pt PastTask
				p := &pt.Period
				if err := rows.Scan(&id, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt, &pt.Progress); err != nil {
					return err
				}
				out.Tasks[id] = append(out.Tasks[id], pt)
			}
			return rows.Err()
		})
	if err := s.pool.SendBatch(ctx, batch).Close(); err != nil {
		return PastResults{}, fmt.Errorf("store: previous results of unit %d: %w", unitID, err)
	}
	return out, nil
}

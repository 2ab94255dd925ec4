package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// DashTargetByID finds one target with its plan.
func (q *Queries) DashTargetByID(ctx context.Context, id int64) (store.DashTarget, store.DashPlan, error) {
	var p store.DashPlan
	row := q.QueryRow(ctx, `SELECT `+dashTargetColumns+`, p.id, p.code, p.title, p.start_year, p.end_year, p.status
		FROM targets t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1`, id)
	var t store.DashTarget
	err := row.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Text, &t.Kind, &t.Op, &t.Value, &t.MeasureUnit, &t.Baseline, &t.DeadlineYear, &t.EachYear,
		&t.Ratio.Numerator, &t.Ratio.Denominator, &p.ID, &p.Code, &p.Title, &p.StartYear, &p.EndYear, &p.Status)
	if err != nil {
		return t, p, fmt.Errorf("store: target %d: %w", id, notFound(err))
	}
	return t, p, nil
}

// TargetDetailFor reads a target's figures in a scope (and by unit directly under it) and,
// withNotes, the chosen period's narratives and evidence from reports in the given statuses
// (the first `limit` units of the subtree that have any: a country's thousands are read per
// province instead).
//
// ownOnly limits everything to the scope unit's own reports, leaving out the units below
// it: unit staff see their own unit, not its sub-units (authz hides those).
func (q *Queries) TargetDetailFor(ctx context.Context, targetID, scopeID, periodID int64, statuses []string, limit int, withNotes, ownOnly bool) (store.TargetDetail, error) {
	d := store.TargetDetail{Assigned: map[int64]bool{}}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	b := &pgx.Batch{}
	b.Queue(`SELECT r.target_id, r.period_id, `+tallyColumns+` FROM target_rollup r WHERE r.scope_id = $1 AND r.target_id = $2 AND NOT $3
		UNION ALL
		SELECT x.target_id, x.period_id, `+tallyColumns+` FROM target_contrib x WHERE x.unit_id = $1 AND x.target_id = $2`,
		scopeID, targetID, ownOnly).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var p store.TargetPoint
			if err := scanPoint(rows, &p, &p.TargetID, &p.PeriodID); err != nil {
				return err
			}
			d.Points = append(d.Points, p)
		}
		return rows.Err()
	})
	b.Queue(`SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id),
			EXISTS (SELECT 1 FROM target_assignments a WHERE a.target_id = $2 AND a.unit_id = u.id)
		FROM units u WHERE u.parent_id = $1 AND NOT $3 ORDER BY u.code LIMIT 500`, scopeID, targetID, ownOnly).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sc store.Scope
			var assigned bool
			if err := rows.Scan(&sc.ID, &sc.Code, &sc.Name, &sc.ParentID, &sc.HasChildren, &assigned); err != nil {
				return err
			}
			d.Children = append(d.Children, sc)
			d.Assigned[sc.ID] = assigned
		}
		return rows.Err()
	})
	b.Queue(`SELECT r.scope_id, r.period_id, `+tallyColumns+`
		FROM units u JOIN target_rollup r ON r.scope_id = u.id AND r.target_id = $2 WHERE u.parent_id = $1
		UNION ALL
		SELECT x.unit_id, x.period_id, `+tallyColumns+`
		FROM units u JOIN target_contrib x ON x.unit_id = u.id AND x.target_id = $2 WHERE u.parent_id = $1 AND NOT $3`,
		scopeID, targetID, ownOnly).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			p := store.TargetPoint{TargetID: targetID}
			if err := scanPoint(rows, &p, &p.UnitID, &p.PeriodID); err != nil {
				return err
			}
			d.ChildPoints = append(d.ChildPoints, p)
		}
		return rows.Err()
	})
	if withNotes {
		// walk the subtree in index order and stop at `limit` units with something to show
		b.Queue(`SELECT u.id, u.name, r.status, tr.value::float8, tr.done, tr.narrative, tr.updated_at
			FROM unit_closure c JOIN reports r ON r.unit_id = c.unit_id AND r.period_id = $3
				JOIN target_results tr ON tr.report_id = r.id AND tr.target_id = $2
				JOIN units u ON u.id = c.unit_id
			WHERE c.ancestor_id = $1 AND r.status = ANY($4) AND tr.narrative <> '' AND (NOT $6 OR c.unit_id = $1)
			ORDER BY c.unit_id LIMIT $5`, scopeID, targetID, periodID, statuses, limit, ownOnly).Query(func(rows pgx.Rows) error {
			var err error
			d.Notes, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ResultNote, error) {
				var n store.ResultNote
				return n, r.Scan(&n.UnitID, &n.UnitName, &n.Status, &n.Value, &n.Done, &n.Narrative, &n.UpdatedAt)
			})
			return err
		})
		b.Queue(`SELECT e.id, u.id, u.name, f.file_name, f.size_bytes, d.doc_number, d.doc_date, d.doc_issuer, e.attached_at
			FROM unit_closure c JOIN reports r ON r.unit_id = c.unit_id AND r.period_id = $3
				JOIN evidence e ON e.report_id = r.id AND e.target_id = $2
				JOIN evidence_documents d ON d.id = e.document_id
				JOIN evidence_files f ON f.document_id = e.document_id AND f.current
				JOIN units u ON u.id = c.unit_id
			WHERE c.ancestor_id = $1 AND r.status = ANY($4) AND (NOT $6 OR c.unit_id = $1)
			ORDER BY c.unit_id, e.attached_at LIMIT $5`, scopeID, targetID, periodID, statuses, limit, ownOnly).Query(func(rows pgx.Rows) error {
			var err error
			d.Evidence, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DrillEvidence, error) {
				var e store.DrillEvidence
				return e, r.Scan(&e.ID, &e.UnitID, &e.UnitName, &e.FileName, &e.SizeBytes, &e.DocNumber, &e.DocDate, &e.DocIssuer, &e.UploadedAt)
			})
			return err
		})
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return d, fmt.Errorf("store: target %d detail scope %d: %w", targetID, scopeID, err)
	}
	return d, nil
}

// UnitDetailFor reads a unit's assigned targets and tasks in a plan and its own results
// (every report status; the caller picks which count).
func (q *Queries) UnitDetailFor(ctx context.Context, unitID, planID, periodID int64) (store.UnitDetail, error) {
	d := store.UnitDetail{Lead: map[int64]bool{}}
	b := &pgx.Batch{}
	b.Queue(`SELECT `+dashTargetColumns+` FROM targets t JOIN target_assignments a ON a.target_id = t.id AND a.unit_id = $1
		WHERE t.plan_id = $2 AND t.retired_at IS NULL ORDER BY t.position, t.code`, unitID, planID).Query(func(rows pgx.Rows) error {
		var err error
		d.Targets, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DashTarget, error) { return scanDashTarget(r) })
		return err
	})
	b.Queue(`SELECT x.target_id, x.period_id, `+tallyColumns+` FROM target_contrib x JOIN targets t ON t.id = x.target_id
		WHERE x.unit_id = $1 AND t.plan_id = $2`, unitID, planID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			p := store.TargetPoint{UnitID: unitID}
			if err := scanPoint(rows, &p, &p.TargetID, &p.PeriodID); err != nil {
				return err
			}
			d.Points = append(d.Points, p)
		}
		return rows.Err()
	})
	b.Queue(`SELECT k.id, k.area_id, k.code, k.text, coalesce(k.lead_unit_id, 0), coalesce(u.name, ''), k.deadline, k.deadline_note
		FROM tasks k LEFT JOIN units u ON u.id = k.lead_unit_id
		WHERE k.plan_id = $2 AND k.retired_at IS NULL
			AND (k.lead_unit_id = $1 OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = k.id AND a.unit_id = $1))
		ORDER BY k.position, k.code`, unitID, planID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var t store.DashTask
			if err := rows.Scan(&t.ID, &t.AreaID, &t.Code, &t.Text, &t.LeadUnitID, &t.LeadUnitName, &t.Deadline, &t.DeadlineNote); err != nil {
				return err
			}
			d.Tasks = append(d.Tasks, t)
			d.Lead[t.ID] = t.LeadUnitID == unitID
		}
		return rows.Err()
	})
	b.Queue(`SELECT k.task_id, r.period_id, coalesce(k.progress, ''), r.status
		FROM reports r JOIN task_results k ON k.report_id = r.id JOIN tasks t ON t.id = k.task_id
		WHERE r.unit_id = $1 AND t.plan_id = $2 AND r.period_id = $3`, unitID, planID, periodID).Query(func(rows pgx.Rows) error {
		var err error
		d.Results, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.UnitTaskResult, error) {
			var u store.UnitTaskResult
			return u, r.Scan(&u.TaskID, &u.PeriodID, &u.Progress, &u.Status)
		})
		return err
	})
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return d, fmt.Errorf("store: unit %d detail plan %d: %w", unitID, planID, err)
	}
	return d, nil
}

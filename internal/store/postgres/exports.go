package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// The reads behind the reform office's exports (internal/export). A province's annual
// export touches tens of thousands of results, so the big reads stream rows to a callback
// instead of building slices, and none of them loads evidence content.

// EachExportTargetValue streams the counted target results of the plan's current targets.
// Narratives are sent only for narrativePeriod: the report quotes only the period it covers.
func (q *Queries) EachExportTargetValue(ctx context.Context, f store.ExportFilter, narrativePeriod int64, fn func(store.ExportTargetValue) error) error {
	rows, err := q.Query(ctx, `SELECT r.unit_id, r.period_id, tr.target_id, tr.value::float8, tr.numerator::float8, tr.denominator::float8, tr.done,
			CASE WHEN r.period_id = $5 THEN tr.narrative ELSE '' END
		FROM target_results tr
		JOIN reports r ON r.id = tr.report_id
		JOIN targets t ON t.id = tr.target_id
		WHERE t.plan_id = $1 AND t.retired_at IS NULL
			AND r.unit_id = ANY($2) AND r.period_id = ANY($3) AND r.status = ANY($4)`,
		f.PlanID, f.UnitIDs, f.PeriodIDs, f.Statuses, narrativePeriod)
	if err != nil {
		return fmt.Errorf("store: export target values: %w", err)
	}
	defer rows.Close()
	var v store.ExportTargetValue
	for rows.Next() {
		v = store.ExportTargetValue{}
		if err := rows.Scan(&v.UnitID, &v.PeriodID, &v.TargetID, &v.Value, &v.Num, &v.Den, &v.Done, &v.Narrative); err != nil {
			return fmt.Errorf("store: export target values: %w", err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export target values: %w", err)
	}
	return nil
}

// ExportTaskResults returns the counted task results of the plan's current tasks.
func (q *Queries) ExportTaskResults(ctx context.Context, f store.ExportFilter) ([]store.ExportTaskResult, error) {
	rows, err := q.Query(ctx, `SELECT r.unit_id, r.period_id, k.task_id, coalesce(k.progress, ''), k.narrative
		FROM task_results k
		JOIN reports r ON r.id = k.report_id
		JOIN tasks t ON t.id = k.task_id
		WHERE t.plan_id = $1 AND t.retired_at IS NULL
			AND r.unit_id = ANY($2) AND r.period_id = ANY($3) AND r.status = ANY($4)`,
		f.PlanID, f.UnitIDs, f.PeriodIDs, f.Statuses)
	if err != nil {
		return nil, fmt.Errorf("store: export task results: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ExportTaskResult, error) {
		var t store.ExportTaskResult
		err := r.Scan(&t.UnitID, &t.PeriodID, &t.TaskID, &t.Progress, &t.Narrative)
		return t, err
	})
}

// ExportReportStates returns every report of the units in the periods (one per unit and period).
func (q *Queries) ExportReportStates(ctx context.Context, unitIDs, periodIDs []int64) ([]store.ExportReportState, error) {
	rows, err := q.Query(ctx, `SELECT unit_id, period_id, status, submitted_at, approved_at
		FROM reports WHERE unit_id = ANY($1) AND period_id = ANY($2)`, unitIDs, periodIDs)
	if err != nil {
		return nil, fmt.Errorf("store: export report states: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ExportReportState, error) {
		var e store.ExportReportState
		err := r.Scan(&e.UnitID, &e.PeriodID, &e.Status, &e.SubmittedAt, &e.ApprovedAt)
		return e, err
	})
}

// PlanAssignments lists who reports on the plan's current targets and tasks.
func (q *Queries) PlanAssignments(ctx context.Context, planID int64) ([]store.PlanAssignment, error) {
	rows, err := q.Query(ctx, `SELECT a.unit_id, a.target_id, 0::bigint FROM target_assignments a
			JOIN targets t ON t.id = a.target_id WHERE t.plan_id = $1 AND t.retired_at IS NULL
		UNION ALL
		SELECT a.unit_id, 0::bigint, a.task_id FROM task_assignments a
			JOIN tasks k ON k.id = a.task_id WHERE k.plan_id = $1 AND k.retired_at IS NULL`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d assignments: %w", planID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PlanAssignment, error) {
		var a store.PlanAssignment
		err := r.Scan(&a.UnitID, &a.TargetID, &a.TaskID)
		return a, err
	})
}

// ExportEvidenceList lists the evidence of the counted reports, by period, unit and document date.
// limit bounds it: a province's year has a few thousand documents.
func (q *Queries) ExportEvidenceList(ctx context.Context, f store.ExportFilter, limit int) ([]store.ExportEvidence, error) {
	rows, err := q.Query(ctx, `SELECT r.unit_id, r.period_id, coalesce(t.code, ''), coalesce(k.code, ''),
			d.doc_number, d.doc_date, d.doc_issuer, f.file_name
		FROM evidence e
		JOIN evidence_documents d ON d.id = e.document_id
		JOIN evidence_files f ON f.document_id = e.document_id AND f.current
		JOIN reports r ON r.id = e.report_id
		LEFT JOIN targets t ON t.id = e.target_id
		LEFT JOIN tasks k ON k.id = e.task_id
		WHERE r.unit_id = ANY($2) AND r.period_id = ANY($3) AND r.status = ANY($4)
			AND (t.plan_id = $1 OR k.plan_id = $1 OR (e.target_id IS NULL AND e.task_id IS NULL))
		ORDER BY r.period_id, r.unit_id, d.doc_date NULLS LAST, e.id
		LIMIT $5`, f.PlanID, f.UnitIDs, f.PeriodIDs, f.Statuses, limit)
	if err != nil {
		return nil, fmt.Errorf("store: export evidence: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ExportEvidence, error) {
		var e store.ExportEvidence
		err := r.Scan(&e.UnitID, &e.PeriodID, &e.TargetCode, &e.TaskCode, &e.DocNumber, &e.DocDate, &e.DocIssuer, &e.FileName)
		return e, err
	})
}

// EachExportResult streams the counted target results with their report's state, by unit,
// period and target.
func (q *Queries) EachExportResult(ctx context.Context, f store.ExportFilter, fn func(store.ExportResultRow) error) error {
	rows, err := q.Query(ctx, `SELECT r.unit_id, r.period_id, tr.target_id, tr.value::float8, tr.done, tr.done_on,
			tr.narrative, r.status, r.submitted_at, r.approved_at
		FROM target_results tr
		JOIN reports r ON r.id = tr.report_id
		JOIN targets t ON t.id = tr.target_id
		JOIN periods p ON p.id = r.period_id
		WHERE t.plan_id = $1 AND t.retired_at IS NULL
			AND r.unit_id = ANY($2) AND r.period_id = ANY($3) AND r.status = ANY($4)
		ORDER BY r.unit_id, p.ends_on, t.position, t.code`,
		f.PlanID, f.UnitIDs, f.PeriodIDs, f.Statuses)
	if err != nil {
		return fmt.Errorf("store: export results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v store.ExportResultRow
		if err := rows.Scan(&v.UnitID, &v.PeriodID, &v.TargetID, &v.Value, &v.Done, &v.DoneOn, &v.Narrative,
			&v.ReportStatus, &v.SubmittedAt, &v.ApprovedAt); err != nil {
			return fmt.Errorf("store: export results: %w", err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export results: %w", err)
	}
	return nil
}

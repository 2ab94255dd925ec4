package postgres

import (
	"context"
	"fmt"

	"github.com/vn-cchc/cchc/internal/store"
)

// A successor plan (2026–2030 after 2021–2025) is drafted from its predecessor: areas are
// national, so what is copied is the plan's targets, tasks and their units. Each copied
// target keeps a link to the target it continues; a target the predecessor left unmet is
// marked carried over (chuyển tiếp).

// lastYearLevel is a predecessor target's department-wide level in the annual report of
// its plan's last year (approved reports; Σ numerators / Σ denominators for a ratio, else
// the mean): a growth target continued by a successor is measured from it in the first
// year, where the successor has no year before of its own. The office may change it.
const lastYearLevel = `SELECT CASE WHEN count(tr.denominator) = count(*) AND sum(tr.denominator) > 0
		THEN sum(tr.numerator) * 100 / sum(tr.denominator) ELSE avg(tr.value) END
	FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods pr ON pr.id = r.period_id
	WHERE tr.target_id = o.id AND r.status = 'approved' AND tr.value IS NOT NULL AND pr.kind = 'year'
		AND pr.year = (SELECT end_year FROM plans WHERE id = $2)`

// CreateSuccessor drafts a successor of plan predID on the caller's transaction and
// returns its id. ErrConflict when the code is taken or the predecessor already has a
// successor. A target with a deadline year takes the successor's end year; each-year
// targets stay so; a growth target's baseline is its level at the predecessor's end
// (lastYearLevel); task dates are cleared (their notes stay) for the office to set.
func (q *Queries) CreateSuccessor(ctx context.Context, predID int64, in store.SuccessorInput) (int64, error) {
	p := in.Plan
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO plans (code, title, issued_on, issued_by, start_year, end_year, legal_basis, goal, status, predecessor_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9) RETURNING id`,
		p.Code, p.Title, p.IssuedOn, p.IssuedBy, p.StartYear, p.EndYear, p.LegalBasis, p.Goal, predID).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create successor of plan %d: %w", predID, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create successor of plan %d: %w", predID, err)
	}
	carried := make([]int64, 0, len(in.Carried))
	for tid, c := range in.Carried {
		if c {
			carried = append(carried, tid)
		}
	}
	steps := []struct {
		what, sql string
		args      []any
	}{
		{"targets", `INSERT INTO targets (plan_id, area_id, code, position, text, kind, op, value, measure_unit, baseline,
				deadline_year, each_year, numerator_label, denominator_label, continues_target_id, carried_over)
			SELECT $1, area_id, code, position, text, kind, op, value, measure_unit,
				CASE WHEN kind = 'ratio_growth' THEN coalesce((` + lastYearLevel + `), baseline) ELSE baseline END,
				CASE WHEN deadline_year IS NULL THEN NULL ELSE $3::int END, each_year, numerator_label, denominator_label, id, id = ANY($4::bigint[])
			FROM targets o WHERE plan_id = $2 AND retired_at IS NULL`, []any{id, predID, p.EndYear, carried}},
		{"target units", `INSERT INTO target_assignments (target_id, unit_id)
			SELECT n.id, a.unit_id FROM targets n JOIN target_assignments a ON a.target_id = n.continues_target_id
			WHERE n.plan_id = $1`, []any{id}},
		{"tasks", `INSERT INTO tasks (plan_id, area_id, code, position, text, lead_unit_id, deadline, deadline_note, expected_output)
			SELECT $1, area_id, code, position, text, lead_unit_id, NULL, deadline_note, expected_output
			FROM tasks WHERE plan_id = $2 AND retired_at IS NULL`, []any{id, predID}},
		{"task cooperating units", `INSERT INTO task_cooperating_units (task_id, unit_id)
			SELECT n.id, c.unit_id FROM tasks n JOIN tasks o ON o.plan_id = $2 AND o.code = n.code AND o.retired_at IS NULL
			JOIN task_cooperating_units c ON c.task_id = o.id WHERE n.plan_id = $1`, []any{id, predID}},
		{"task units", `INSERT INTO task_assignments (task_id, unit_id)
			SELECT n.id, a.unit_id FROM tasks n JOIN tasks o ON o.plan_id = $2 AND o.code = n.code AND o.retired_at IS NULL
			JOIN task_assignments a ON a.task_id = o.id WHERE n.plan_id = $1`, []any{id, predID}},
	}
	for _, s := range steps {
		if _, err := q.Exec(ctx, s.sql, s.args...); err != nil {
			return 0, fmt.Errorf("store: successor of plan %d: copy %s: %w", predID, s.what, err)
		}
	}
	return id, nil
}

// PlanLinksOf reads a plan's predecessor and successor.
func (q *Queries) PlanLinksOf(ctx context.Context, planID int64) (store.PlanLinks, error) {
	var out store.PlanLinks
	rows, err := q.Query(ctx, `SELECT 'pred', o.id, o.code, o.title, o.start_year, o.end_year, o.status
			FROM plans p JOIN plans o ON o.id = p.predecessor_id WHERE p.id = $1
		UNION ALL SELECT 'succ', o.id, o.code, o.title, o.start_year, o.end_year, o.status
			FROM plans o WHERE o.predecessor_id = $1`, planID)
	if err != nil {
		return out, fmt.Errorf("store: plan %d links: %w", planID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var which string
		var r store.PlanRef
		if err := rows.Scan(&which, &r.ID, &r.Code, &r.Title, &r.StartYear, &r.EndYear, &r.Status); err != nil {
			return out, fmt.Errorf("store: plan %d links: %w", planID, err)
		}
		if which == "pred" {
			out.Predecessor = &r
		} else {
			out.Successor = &r
		}
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("store: plan %d links: %w", planID, err)
	}
	return out, nil
}

// TargetLinks returns the links of a plan's targets that continue earlier ones, by target id.
func (q *Queries) TargetLinks(ctx context.Context, planID int64) (map[int64]store.TargetLink, error) {
	rows, err := q.Query(ctx, `SELECT t.id, o.id, o.code, p.code, t.carried_over
		FROM targets t JOIN targets o ON o.id = t.continues_target_id JOIN plans p ON p.id = o.plan_id
		WHERE t.plan_id = $1`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d target links: %w", planID, err)
	}
	out := map[int64]store.TargetLink{}
	for rows.Next() {
		var id int64
		var l store.TargetLink
		if err := rows.Scan(&id, &l.ContinuesID, &l.ContinuesCode, &l.ContinuesPlan, &l.CarriedOver); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: plan %d target links: %w", planID, err)
		}
		out[id] = l
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: plan %d target links: %w", planID, err)
	}
	return out, nil
}

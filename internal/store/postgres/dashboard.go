package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// The dashboard reads the summaries of migration 000003 (target_rollup, task_rollup,
// report_rollup, plan_units), which hold a scope's figures for every unit strictly below it,
// and adds the scope unit's own results read directly. See docs/PERFORMANCE.md.

// The dashboard's plan: the one asked for, else the plan in force (else the newest).
const dashPlanWhere = `id = $1 OR ($1 = 0 AND status <> 'draft')
		ORDER BY (status = 'active') DESC, start_year DESC, id DESC LIMIT 1`

// dashPlanSpan and inDashPlan keep a dashboard to its plan's periods: those of its years
// that start no earlier than its issue date (domain.PlanSpan). $plan is the plan's id or 0.
const (
	dashPlanSpan = `span AS (SELECT issued_on, start_year, end_year FROM plans WHERE id = $plan::bigint OR ($plan::bigint = 0 AND status <> 'draft')
		ORDER BY (status = 'active') DESC, start_year DESC, id DESC LIMIT 1)`
	inDashPlan = `year BETWEEN (SELECT start_year FROM span) AND (SELECT end_year FROM span) AND starts_on >= (SELECT issued_on FROM span)`
)

// DashboardContextFor resolves the plan (planID, or the active plan when 0) and the scope
// (scopeID, or the root of the units tree when 0) in one round trip.
func (q *Queries) DashboardContextFor(ctx context.Context, planID, scopeID int64) (store.DashboardContext, error) {
	var dc store.DashboardContext
	b := &pgx.Batch{}
	b.Queue(`SELECT id, code, title, start_year, end_year, status, issued_on FROM plans
		WHERE `+dashPlanWhere, planID).QueryRow(func(r pgx.Row) error {
		err := r.Scan(&dc.Plan.ID, &dc.Plan.Code, &dc.Plan.Title, &dc.Plan.StartYear, &dc.Plan.EndYear, &dc.Plan.Status, &dc.Plan.IssuedOn)
		if errors.Is(err, pgx.ErrNoRows) && planID == 0 {
			return store.ErrNoPlan
		}
		return notFound(err)
	})
	b.Queue(`WITH s AS (SELECT coalesce(nullif($1::bigint, 0), (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1)) AS id)
		SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id),
			c.depth = 0 AND EXISTS (SELECT 1 FROM unit_closure g WHERE g.ancestor_id = u.id AND g.depth = 2), c.depth
		FROM s JOIN unit_closure c ON c.unit_id = s.id JOIN units u ON u.id = c.ancestor_id
		ORDER BY c.depth DESC`, scopeID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sc store.Scope
			var depth int
			if err := rows.Scan(&sc.ID, &sc.Code, &sc.Name, &sc.ParentID, &sc.HasChildren, &sc.Nested, &depth); err != nil {
				return err
			}
			if depth == 0 {
				dc.Scope = sc
			} else {
				dc.Path = append(dc.Path, sc)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if dc.Scope.ID == 0 {
			return store.ErrNotFound
		}
		return nil
	})
	b.Queue(strings.ReplaceAll(`WITH `+dashPlanSpan+` SELECT `+periodColumns+` FROM periods WHERE `+inDashPlan+`
		ORDER BY ends_on, starts_on DESC`, "$plan", "$1"), planID).Query(func(rows pgx.Rows) error {
		var err error
		dc.Periods, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Period, error) { return scanPeriod(r) })
		return err
	})
	b.Queue(`SELECT id, code, title, start_year, end_year, status FROM plans WHERE status <> 'draft'
		ORDER BY start_year DESC, code LIMIT 50`).Query(func(rows pgx.Rows) error {
		var err error
		dc.Plans, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DashPlan, error) {
			var p store.DashPlan
			return p, r.Scan(&p.ID, &p.Code, &p.Title, &p.StartYear, &p.EndYear, &p.Status)
		})
		return err
	})
	b.Queue(`SELECT id, key, name, name_en, position FROM reform_areas ORDER BY position, id`).Query(func(rows pgx.Rows) error {
		var err error
		dc.Areas, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ReformArea, error) {
			var a store.ReformArea
			return a, r.Scan(&a.ID, &a.Key, &a.Name, &a.NameEN, &a.Position)
		})
		return err
	})
	latest := `WITH s AS (SELECT coalesce(nullif($1::bigint, 0), (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1)) AS id),
		` + dashPlanSpan + `
		SELECT coalesce((SELECT p.id FROM periods p, s WHERE p.id IN (SELECT id FROM periods WHERE ` + inDashPlan + `) AND (
			EXISTS (SELECT 1 FROM report_rollup rr WHERE rr.scope_id = s.id AND rr.period_id = p.id AND rr.status = ANY($2) AND rr.n > 0)
			OR EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = s.id AND r.period_id = p.id AND r.status = ANY($2)))
			ORDER BY p.ends_on DESC, p.starts_on LIMIT 1), 0)`
	latest = strings.ReplaceAll(latest, "$plan", "$3")
	b.Queue(latest, scopeID, []string{"approved"}, planID).QueryRow(func(r pgx.Row) error { return r.Scan(&dc.LatestApproved) })
	b.Queue(latest, scopeID, []string{"approved", "submitted"}, planID).QueryRow(func(r pgx.Row) error { return r.Scan(&dc.LatestPending) })
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, store.ErrNoPlan) {
			return dc, store.ErrNoPlan
		}
		return dc, fmt.Errorf("store: dashboard context plan %d scope %d: %w", planID, scopeID, err)
	}
	return dc, nil
}

const dashTargetColumns = `t.id, t.plan_id, t.area_id, t.code, t.text, t.kind, coalesce(t.op, ''), t.value::float8, t.measure_unit,
	t.baseline::float8, coalesce(t.deadline_year, 0), t.each_year, t.numerator_label, t.denominator_label`

func scanDashTarget(r pgx.Row) (store.DashTarget, error) {
	var t store.DashTarget
	err := r.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Text, &t.Kind, &t.Op, &t.Value, &t.MeasureUnit, &t.Baseline, &t.DeadlineYear, &t.EachYear,
		&t.Ratio.Numerator, &t.Ratio.Denominator)
	return t, err
}

const tallyColumns = `approved_n, approved_sum::float8, approved_done_n, approved_done_yes, pending_n, pending_sum::float8, pending_done_n, pending_done_yes`

func scanPoint(rows pgx.Rows, p *store.TargetPoint, lead ...any) error {
	a, q := &p.Approved, &p.Pending
	return rows.Scan(append(lead, &a.Values, &a.Sum, &a.Flags, &a.Done, &q.Values, &q.Sum, &q.Flags, &q.Done)...)
}

// Dashboard reads a plan's figures for a scope and period.
func (s *Queries) Dashboard(ctx context.Context, q store.DashboardQuery) (store.DashboardData, error) {
	var d store.DashboardData
	limit := q.ListLimit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	b := &pgx.Batch{}
	b.Queue(`SELECT `+dashTargetColumns+` FROM targets t
		WHERE t.plan_id = $1 AND t.retired_at IS NULL
			AND ($2 = 0 OR EXISTS (SELECT 1 FROM target_assignments a WHERE a.target_id = t.id AND a.unit_id = $2))
		ORDER BY t.position, t.code`, q.PlanID, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		var err error
		d.Targets, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DashTarget, error) { return scanDashTarget(r) })
		return err
	})
	b.Queue(`SELECT k.id, k.area_id, k.code, k.text, coalesce(k.lead_unit_id, 0), coalesce(u.name, ''), k.deadline, k.deadline_note
		FROM tasks k LEFT JOIN units u ON u.id = k.lead_unit_id
		WHERE k.plan_id = $1 AND k.retired_at IS NULL
			AND ($2 = 0 OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = k.id AND a.unit_id = $2))
		ORDER BY k.position, k.code`, q.PlanID, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		var err error
		d.Tasks, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DashTask, error) {
			var t store.DashTask
			return t, r.Scan(&t.ID, &t.AreaID, &t.Code, &t.Text, &t.LeadUnitID, &t.LeadUnitName, &t.Deadline, &t.DeadlineNote)
		})
		return err
	})
	// the subtree below the scope from the summary, plus the scope unit's own reports
	b.Queue(`SELECT r.target_id, r.period_id, `+tallyColumns+`
		FROM target_rollup r JOIN targets t ON t.id = r.target_id
		WHERE r.scope_id = $1 AND t.plan_id = $2 AND $3 = 0
		UNION ALL
		SELECT x.target_id, x.period_id, `+tallyColumns+`
		FROM target_contrib x JOIN targets t ON t.id = x.target_id
		WHERE x.unit_id = $1 AND t.plan_id = $2`, q.ScopeID, q.PlanID, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var p store.TargetPoint
			if err := scanPoint(rows, &p, &p.TargetID, &p.PeriodID); err != nil {
				return err
			}
			d.Points = append(d.Points, p)
		}
		return rows.Err()
	})
	b.Queue(`SELECT r.task_id, r.progress, r.approved_n, r.pending_n
		FROM task_rollup r JOIN tasks k ON k.id = r.task_id
		WHERE r.scope_id = $1 AND r.period_id = $2 AND k.plan_id = $3 AND $4 = 0
		UNION ALL
		SELECT k.task_id, k.progress, (r.status = 'approved')::int, (r.status = 'submitted')::int
		FROM reports r JOIN task_results k ON k.report_id = r.id JOIN tasks t ON t.id = k.task_id
		WHERE r.unit_id = $1 AND r.period_id = $2 AND t.plan_id = $3 AND r.status IN ('approved', 'submitted') AND k.progress IS NOT NULL`,
		q.ScopeID, q.PeriodID, q.PlanID, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		var err error
		d.TaskPoints, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.TaskPoint, error) {
			var p store.TaskPoint
			return p, r.Scan(&p.TaskID, &p.Progress, &p.Approved, &p.Pending)
		})
		return err
	})
	b.Queue(`SELECT status, late, n FROM report_rollup WHERE scope_id = $1 AND period_id = $2 AND n <> 0 AND $3 = 0
		UNION ALL
		SELECT r.status, dashboard_late(r.submitted_at, p.deadline), 1 FROM reports r JOIN periods p ON p.id = r.period_id
		WHERE r.unit_id = $1 AND r.period_id = $2`, q.ScopeID, q.PeriodID, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		var err error
		d.Reports, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ReportCount, error) {
			var c store.ReportCount
			return c, r.Scan(&c.Status, &c.Late, &c.N)
		})
		return err
	})
	b.Queue(`SELECT coalesce((SELECT n FROM plan_unit_rollup WHERE scope_id = $1 AND plan_id = $2 AND $3 = 0), 0)
		+ (SELECT count(*) FROM plan_units WHERE plan_id = $2 AND unit_id = $1)`, q.ScopeID, q.PlanID, q.OnlyUnit).QueryRow(func(r pgx.Row) error { return r.Scan(&d.Expected) })
	if q.Nested {
		s.queueChildDiscipline(b, q, &d)
	} else {
		s.queueUnitLists(b, q, limit, &d)
	}
	b.Queue(childrenQuery, q.ScopeID).Query(func(rows pgx.Rows) error {
		var err error
		d.Children, err = pgx.CollectRows(rows, scanScope)
		return err
	})
	if err := s.SendBatch(ctx, b).Close(); err != nil {
		return d, fmt.Errorf("store: dashboard plan %d scope %d period %d: %w", q.PlanID, q.ScopeID, q.PeriodID, err)
	}
	return d, nil
}

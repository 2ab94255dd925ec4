package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// Reporting discipline on the dashboard, and the small lookups around it.

// queueUnitLists lists the scope's late and missing units, walking the scope's subtree
// (a department's or a province's hundred-odd units) rather than the period's reports.
func (s *Queries) queueUnitLists(b *pgx.Batch, q store.DashboardQuery, limit int, d *store.DashboardData) {
	b.Queue(`SELECT u.id, u.code, u.name, r.status, r.submitted_at, count(*) OVER ()
		FROM unit_closure c JOIN reports r ON r.unit_id = c.unit_id AND r.period_id = $2 JOIN units u ON u.id = c.unit_id
		WHERE c.ancestor_id = $1 AND dashboard_late(r.submitted_at, $3::date) AND ($5 = 0 OR c.unit_id = $5)
		ORDER BY r.submitted_at DESC, u.code LIMIT $4`, q.ScopeID, q.PeriodID, q.Deadline, limit, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var u store.UnitReportState
			if err := rows.Scan(&u.UnitID, &u.Code, &u.Name, &u.Status, &u.SubmittedAt, &d.LateTotal); err != nil {
				return err
			}
			d.Late = append(d.Late, u)
		}
		return rows.Err()
	})
	b.Queue(`SELECT u.id, u.code, u.name, coalesce(r.status, 'not_started'), count(*) OVER ()
		FROM unit_closure c JOIN plan_units pu ON pu.unit_id = c.unit_id AND pu.plan_id = $3
			JOIN units u ON u.id = c.unit_id
			LEFT JOIN reports r ON r.unit_id = c.unit_id AND r.period_id = $2
		WHERE c.ancestor_id = $1 AND r.submitted_at IS NULL AND ($5 = 0 OR c.unit_id = $5)
		ORDER BY u.code LIMIT $4`, q.ScopeID, q.PeriodID, q.PlanID, limit, q.OnlyUnit).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var u store.UnitReportState
			if err := rows.Scan(&u.UnitID, &u.Code, &u.Name, &u.Status, &d.MissingTotal); err != nil {
				return err
			}
			d.Missing = append(d.Missing, u)
		}
		return rows.Err()
	})
}

// queueChildDiscipline counts reports and expected units for each unit directly under a
// nested scope, from the summaries of those units (and the raw report of a leaf among them).
func (s *Queries) queueChildDiscipline(b *pgx.Batch, q store.DashboardQuery, d *store.DashboardData) {
	d.ChildExpected = map[int64]int{}
	b.Queue(`SELECT r.scope_id, r.status, r.late, r.n FROM units u JOIN report_rollup r ON r.scope_id = u.id AND r.period_id = $2
		WHERE u.parent_id = $1 AND r.n <> 0
		UNION ALL
		SELECT r.unit_id, r.status, dashboard_late(r.submitted_at, $3::date), 1 FROM units u JOIN reports r ON r.unit_id = u.id AND r.period_id = $2
		WHERE u.parent_id = $1`, q.ScopeID, q.PeriodID, q.Deadline).Query(func(rows pgx.Rows) error {
		var err error
		d.ChildReports, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ChildReportCount, error) {
			var c store.ChildReportCount
			return c, r.Scan(&c.UnitID, &c.Status, &c.Late, &c.N)
		})
		return err
	})
	b.Queue(`SELECT r.scope_id, r.n FROM units u JOIN plan_unit_rollup r ON r.scope_id = u.id AND r.plan_id = $2 WHERE u.parent_id = $1
		UNION ALL
		SELECT pu.unit_id, 1 FROM units u JOIN plan_units pu ON pu.unit_id = u.id AND pu.plan_id = $2 WHERE u.parent_id = $1`,
		q.ScopeID, q.PlanID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			d.ChildExpected[id] += n
		}
		return rows.Err()
	})
}

const childrenQuery = `SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id)
	FROM units u WHERE u.parent_id = $1 AND u.active ORDER BY u.code LIMIT 500`

func scanScope(r pgx.CollectableRow) (store.Scope, error) {
	var sc store.Scope
	return sc, r.Scan(&sc.ID, &sc.Code, &sc.Name, &sc.ParentID, &sc.HasChildren)
}

// TargetAssignedTo reports whether a unit reports on a target.
func (q *Queries) TargetAssignedTo(ctx context.Context, targetID, unitID int64) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM target_assignments WHERE target_id = $1 AND unit_id = $2)`, targetID, unitID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: target %d assigned to %d: %w", targetID, unitID, err)
	}
	return ok, nil
}

// DashboardVersion is the global version (raised by changes every view shows) plus the
// scope's own (raised by changes in its subtree; migration 000014). Both only grow, so the
// sum grows whenever either does. A scope never touched has no row: 0.
func (q *Queries) DashboardVersion(ctx context.Context, scopeID int64) (int64, error) {
	var v int64
	if err := q.QueryRow(ctx, `SELECT d.version + coalesce((SELECT s.version FROM dashboard_scope_version s WHERE s.scope_id = $1), 0)
		FROM dashboard_version d WHERE d.id = 1`, scopeID).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: dashboard version of scope %d: %w", scopeID, err)
	}
	return v, nil
}

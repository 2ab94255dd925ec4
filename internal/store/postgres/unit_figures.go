package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// UnitFigures reads, for the given targets, each unit's own value in every period from
// reports in the given statuses, for the units of a scope's subtree (ownOnly: the scope
// unit alone). Growth targets are judged over the same units in both years, and a ratio
// target's figure is its units' sums, which needs the units' figures and not only the
// scope's totals. Each figure carries the unit directly under the scope that holds it: the
// unit's ancestor one step nearer than the scope (a join on unit_closure's (unit_id, depth);
// a lookup per row took 85% of the query, docs/PERFORMANCE.md).
func (q *Queries) UnitFigures(ctx context.Context, targetIDs []int64, scopeID int64, statuses []string, ownOnly bool) ([]store.UnitFigure, error) {
	if len(targetIDs) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, `SELECT tr.target_id, r.period_id, r.unit_id, tr.value::float8, tr.numerator::float8, tr.denominator::float8,
			coalesce(a.ancestor_id, 0)
		FROM unit_closure c JOIN reports r ON r.unit_id = c.unit_id
			JOIN target_results tr ON tr.report_id = r.id
			LEFT JOIN unit_closure a ON a.unit_id = c.unit_id AND a.depth = c.depth - 1
		WHERE c.ancestor_id = $1 AND (NOT $4 OR c.unit_id = $1) AND r.status = ANY($3)
			AND tr.target_id = ANY($2) AND tr.value IS NOT NULL
		ORDER BY tr.target_id, r.period_id, r.unit_id`, scopeID, targetIDs, statuses, ownOnly)
	if err != nil {
		return nil, fmt.Errorf("store: unit figures scope %d: %w", scopeID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.UnitFigure, error) {
		var f store.UnitFigure
		return f, r.Scan(&f.TargetID, &f.PeriodID, &f.UnitID, &f.Value, &f.Num, &f.Den, &f.Under)
	})
	if err != nil {
		return nil, fmt.Errorf("store: unit figures scope %d: %w", scopeID, err)
	}
	return out, nil
}

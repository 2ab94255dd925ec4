package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// UnitsNotSubmitted lists, by unit code, the first limit units expected to report in a
// period (they report on a plan in force that year) whose report is not with the reform
// office: not begun, a draft, or returned to them. total counts them all.
func (q *Queries) UnitsNotSubmitted(ctx context.Context, periodID int64, limit int) (units []store.UnitReportState, total int, err error) {
	rows, err := q.Query(ctx, `WITH per AS (SELECT year FROM periods WHERE id = $1),
		expected AS (SELECT DISTINCT pu.unit_id FROM plan_units pu JOIN plans pl ON pl.id = pu.plan_id
			WHERE pu.n > 0 AND pl.status <> 'draft' AND pl.start_year <= (SELECT year FROM per)
				AND (pl.end_year >= (SELECT year FROM per) OR pl.status = 'active'))
		SELECT u.id, u.code, u.name, coalesce(r.status, 'not_started'), r.submitted_at, count(*) OVER ()
		FROM expected e JOIN units u ON u.id = e.unit_id
			LEFT JOIN reports r ON r.unit_id = e.unit_id AND r.period_id = $1
		WHERE u.active AND (r.id IS NULL OR r.status IN ('draft', 'returned'))
		ORDER BY u.code LIMIT $2`, periodID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: units not submitted in period %d: %w", periodID, err)
	}
	units, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.UnitReportState, error) {
		var u store.UnitReportState
		return u, r.Scan(&u.UnitID, &u.Code, &u.Name, &u.Status, &u.SubmittedAt, &total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: units not submitted in period %d: %w", periodID, err)
	}
	return units, total, nil
}

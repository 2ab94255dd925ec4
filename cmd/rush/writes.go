package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// verified is what the database holds of the writes after the rush.
type verified struct {
	submitted int      // reports submitted
	writes    int      // committed writes: every save and submit raises the version by one from 1
	short     int      // units holding fewer writes than the portal acknowledged
	wrong     []string // one line per unit short of its acknowledged writes
}

// checkWrites holds every unit to the writes the portal acknowledged (answered with its
// redirect): a report's version counts the writes stored, which may be more (a write whose
// answer was lost with a killed instance) but never fewer.
func checkWrites(ctx context.Context, pool *pgxpool.Pool, units []rushUnit, periodID int64, acked map[int64]int) (verified, error) {
	var v verified
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	rows, err := pool.Query(ctx, `SELECT unit_id, version - 1 FROM reports WHERE period_id = $1 AND unit_id = ANY($2)`, periodID, ids)
	if err != nil {
		return v, fmt.Errorf("check writes: %w", err)
	}
	defer rows.Close()
	stored := map[int64]int{}
	for rows.Next() {
		var unit int64
		var n int
		if err := rows.Scan(&unit, &n); err != nil {
			return v, fmt.Errorf("check writes: %w", err)
		}
		stored[unit] = n
		v.writes += n
	}
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("check writes: %w", err)
	}
	for _, u := range units {
		if stored[u.ID] < acked[u.ID] {
			v.short++
			if len(v.wrong) < 20 {
				v.wrong = append(v.wrong, fmt.Sprintf("unit %d: %d writes stored, %d acknowledged", u.ID, stored[u.ID], acked[u.ID]))
			}
		}
	}
	return v, nil
}

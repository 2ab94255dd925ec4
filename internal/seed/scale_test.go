package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestScale generates a small national data set and checks that the bulk-loaded rows went
// through the same summaries the triggers keep.
func TestScale(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	info, err := seed.Scale(ctx, st, seed.ScaleOptions{Units: 60, Targets: 12, Periods: 6, Tasks: 3, Provinces: 4}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if info.Units != 60 || len(info.ProvinceIDs) != 4 || len(info.PeriodIDs) != 6 || len(info.TargetIDs) != 12 {
		t.Errorf("info = %+v", info)
	}
	if info.Reports < 60*6*9/10 || info.TargetResults != info.Reports*12 || info.TaskResults != info.Reports*3 {
		t.Errorf("rows: %d reports, %d target results, %d task results", info.Reports, info.TargetResults, info.TaskResults)
	}
	var drift, units, provinces int
	err = st.Pool().QueryRow(ctx, `SELECT
		(SELECT count(*) FROM ((SELECT * FROM target_rollup EXCEPT SELECT * FROM target_rollup_fresh)
			UNION ALL (SELECT * FROM target_rollup_fresh EXCEPT SELECT * FROM target_rollup)) x),
		(SELECT count(*) FROM unit_closure WHERE ancestor_id = $1 AND depth = 2),
		(SELECT count(*) FROM target_rollup WHERE scope_id = $1)`, info.RootID).Scan(&drift, &units, &provinces)
	if err != nil {
		t.Fatal(err)
	}
	if drift != 0 || units != 60 || provinces != 12*6 {
		t.Errorf("drift %d, units under the root %d, national summary rows %d", drift, units, provinces)
	}
	got, ok, err := seed.ExistingScale(ctx, st)
	if err != nil || !ok || got.PlanID != info.PlanID {
		t.Errorf("ExistingScale = %+v, %v, %v", got, ok, err)
	}
	if _, err := seed.Scale(ctx, st, seed.ScaleOptions{Units: 60, Targets: 12, Periods: 6}, time.Now()); err == nil {
		t.Error("a second generation into the same database should be refused")
	}
}

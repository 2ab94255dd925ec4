package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// TestDashboardCachePerScope: a save in a unit of province A rebuilds A's cached dashboard
// (and the country's), and leaves province B's served from the cache, where one global
// version emptied every cached dashboard on each save.
func TestDashboardCachePerScope(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	ctx := context.Background()
	a, b := newUnit(t, allTargets, nil), newUnit(t, allTargets, nil)
	// two provinces, each with the unit under it
	var provA, provB int64
	err := f.st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		var err error
		if provA, err = tx.CreateUnit(ctx, store.UnitInput{Code: "PA" + a.Code, Name: "Tỉnh A " + a.Code, Active: true}); err != nil {
			return err
		}
		if provB, err = tx.CreateUnit(ctx, store.UnitInput{Code: "PB" + b.Code, Name: "Tỉnh B " + b.Code, Active: true}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for unit, parent := range map[int64]int64{a.ID: provA, b.ID: provB} {
		if _, err := f.pool.Exec(ctx, `UPDATE units SET parent_id = $2 WHERE id = $1`, unit, parent); err != nil {
			t.Fatal(err)
		}
	}
	report, err := f.st.InsertReport(ctx, store.ReportRecord{UnitID: a.ID, PeriodID: f.open.ID, Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}

	director := p.login(t, "giamdoc")
	dash := func(scope int64) string { return fmt.Sprintf("/dashboard?scope=%d", scope) }
	cache := p.srv.dash.Load()
	view := func(scope int64) bool { // whether the view was served from the cache
		t.Helper()
		before := cache.hits.Load()
		if r := director.Get(dash(scope)); r.Status != http.StatusOK {
			t.Fatalf("dashboard of scope %d: %d", scope, r.Status)
		}
		return cache.hits.Load() > before
	}
	for _, scope := range []int64{provA, provB} {
		view(scope)
		if !view(scope) {
			t.Fatalf("the dashboard of scope %d was not cached", scope)
		}
	}

	v := 42.5
	save := []store.TargetResult{{ReportID: report, TargetID: f.targets["CT01"], Value: &v, Narrative: "Số liệu mới"}}
	if err := f.st.InPgxTx(ctx, func(tx *postgres.Queries) error { return tx.UpsertResults(ctx, save, nil) }); err != nil {
		t.Fatal(err)
	}
	if !view(provB) {
		t.Error("a save in province A emptied province B's cached dashboard")
	}
	if view(provA) {
		t.Error("province A's dashboard was served from the cache after a save in a unit under it")
	}
	if !view(provA) {
		t.Error("province A's rebuilt dashboard was not cached again")
	}
	// a change every view shows (a period's deadline) rebuilds both
	if _, err := f.pool.Exec(ctx, `UPDATE periods SET deadline = deadline + 1 WHERE id = $1`, f.late.ID); err != nil {
		t.Fatal(err)
	}
	if view(provA) || view(provB) {
		t.Error("a period's change left a cached dashboard in place")
	}
	if _, err := f.pool.Exec(ctx, `UPDATE periods SET deadline = deadline - 1 WHERE id = $1`, f.late.ID); err != nil {
		t.Fatal(err)
	}
}

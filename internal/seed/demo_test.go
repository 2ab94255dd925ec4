package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestDemoLoadsOnceWithThePlan(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, domain.Location)
	loaded, err := seed.Demo(ctx, st, now)
	if err != nil || !loaded {
		t.Fatalf("first load: %v, %v", loaded, err)
	}
	loaded, err = seed.Demo(ctx, st, now)
	if err != nil || loaded {
		t.Fatalf("second load must change nothing: %v, %v", loaded, err)
	}
	plans, err := st.ListPlans(ctx, store.Page{})
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans = %v, %v", plans, err)
	}
	p := plans[0]
	if p.Code != "2320/KH-SNV" || p.Title != "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2021-2025" || p.Targets != 14 || p.Tasks != 7 {
		t.Fatalf("plan = %+v", p)
	}
	targets, _ := st.PlanTargets(ctx, p.ID)
	for _, tg := range targets {
		if len(tg.Units) == 0 {
			t.Errorf("target %s is assigned to no unit", tg.Code)
		}
	}
	periods, _ := st.ListPeriods(ctx, 2021, 2026)
	if len(periods) != 24 {
		t.Fatalf("periods = %d, want 24 (four a year, 2021–2026)", len(periods))
	}
	q1 := periods[0]
	if q1.Kind != "q1" || domain.FormatDate(q1.StartsOn) != "15/12/2020" || domain.FormatDate(q1.EndsOn) != "14/03/2021" {
		t.Errorf("Q1/2021 window = %s – %s", domain.FormatDate(q1.StartsOn), domain.FormatDate(q1.EndsOn))
	}
	for _, u := range seed.DemoUsers {
		if _, err := st.UserByUsername(ctx, u.Username); err != nil {
			t.Errorf("demo user %s: %v", u.Username, err)
		}
	}
	var late, missing, open int
	for _, pr := range periods {
		pp, err := st.PeriodProgressFor(ctx, pr.ID)
		if err != nil {
			t.Fatal(err)
		}
		late += pp.Late
		missing += pp.Expected - (pp.Draft + pp.Submitted + pp.Returned + pp.Approved)
		if !pr.Closed() {
			open++
		}
	}
	if late == 0 || missing == 0 || open == 0 {
		t.Errorf("demo story needs late (%d), missing (%d) reports and open periods (%d)", late, missing, open)
	}
	if v, _ := st.Setting(ctx, "demo_data"); v != "true" {
		t.Error("demo data not marked as such")
	}
}

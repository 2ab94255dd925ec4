package postgres_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

var (
	fixtureOnce sync.Once
	fixturePlan int64
	fixtureErr  error
)

// fixture writes, once per package run, a plan of its own with codes no other test uses:
// units P6A–P6C, area p6-area, plan P6/KH with targets T1 (≥ 90% each year, reported in
// 2091), T2, T3 and task K1; periods of 2091.
func fixture(t *testing.T) (*postgres.Store, int64) {
	t.Helper()
	ctx := context.Background()
	s := testdb.Store(t)
	fixtureOnce.Do(func() {
		fixtureErr = s.InPgxTx(ctx, func(tx *postgres.Queries) error {
			for _, c := range []string{"P6A", "P6B", "P6C"} {
				if _, err := tx.CreateUnit(ctx, store.UnitInput{Code: c, Name: "Đơn vị " + c, Active: true}); err != nil {
					return err
				}
			}
			if _, err := tx.UpsertArea(ctx, store.ReformArea{Key: "p6-area", Name: "Lĩnh vực thử", Position: 99}); err != nil {
				return err
			}
			ninety := 90.0
			spec := domain.PlanSpec{
				Header: domain.PlanHeader{Code: "P6/KH", Title: "Kế hoạch thử", IssuedOn: time.Date(2090, 12, 1, 0, 0, 0, 0, domain.Location),
					IssuedBy: "Giám đốc Sở", StartYear: 2091, EndYear: 2095, Basis: []string{"Quyết định 1", "Nghị quyết 2"}, Goal: "Mục tiêu"},
				Targets: []domain.TargetSpec{
					{Code: "T1", Area: "p6-area", Text: "Hài lòng", Kind: domain.KindPercent, Op: domain.OpGE, Value: &ninety, MeasureUnit: "%", EachYear: true, Units: []string{"P6A", "P6B"}},
					{Code: "T2", Area: "p6-area", Text: "Số hóa", Kind: domain.KindPercent, Op: domain.OpGE, Value: &ninety, MeasureUnit: "%", DeadlineYear: 2095,
						Schedule: []domain.CommitmentChange{{FromYear: 2092, Op: domain.OpGE, Value: 50}}, Units: []string{"P6A"}},
					{Code: "T3", Area: "p6-area", Text: "Đề án", Kind: domain.KindMilestone, DeadlineYear: 2093, Units: []string{"P6C"}},
				},
				Tasks: []domain.TaskSpec{{Code: "K1", Area: "p6-area", Text: "Rà soát", Lead: "P6A", Cooperating: []string{"P6B"}, DeadlineNote: "Hằng năm",
					Output: "Báo cáo", Units: []string{"P6A", "P6B"}}},
			}
			var err error
			if fixturePlan, err = tx.InsertPlanSpec(ctx, spec, "active"); err != nil {
				return err
			}
			var periodID int64
			for _, k := range []domain.PeriodKind{domain.PeriodQ1, domain.PeriodYear} {
				start, end := domain.DataWindow(2091, k)
				id, err := tx.UpsertPeriod(ctx, store.Period{Year: 2091, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(2091, k, 10)})
				if err != nil {
					return err
				}
				periodID = id
			}
			units, err := tx.UnitIDsByCode(ctx)
			if err != nil {
				return err
			}
			report, err := tx.InsertReport(ctx, store.ReportRecord{UnitID: units["P6A"], PeriodID: periodID, Status: "draft"})
			if err != nil {
				return err
			}
			var ts int64
			if err := tx.QueryRow(ctx, `SELECT id FROM targets WHERE plan_id = $1 AND code = 'T1'`, fixturePlan).Scan(&ts); err != nil {
				return err
			}
			v := 91.5
			return tx.UpsertResults(ctx, []store.TargetResult{{ReportID: report, TargetID: ts, Value: &v}}, nil)
		})
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return s, fixturePlan
}

func targetID(t *testing.T, s *postgres.Store, planID int64, code string) int64 {
	t.Helper()
	ts, err := s.PlanTargetsAll(context.Background(), planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if x.Code == code {
			return x.ID
		}
	}
	t.Fatalf("no target %s", code)
	return 0
}

func TestPlanSpecCopiesIntoANewPlan(t *testing.T) {
	ctx := context.Background()
	s, planID := fixture(t)
	spec, err := s.PlanSpec(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	if len(spec.Targets) != 3 || len(spec.Tasks) != 1 || !reflect.DeepEqual(spec.Targets[0].Units, []string{"P6A", "P6B"}) ||
		len(spec.Targets[1].Schedule) != 1 || !reflect.DeepEqual(spec.Tasks[0].Cooperating, []string{"P6B"}) {
		t.Fatalf("spec of P6/KH: %+v", spec)
	}
	spec.Header.Code = "P6/KH-copy"
	spec.Targets[0].Schedule = []domain.CommitmentChange{{FromYear: 2093, Op: domain.OpGE, Value: 99.5}}
	var copyID int64
	err = s.InTx(ctx, func(tx store.Queries) error {
		copyID, err = tx.InsertPlanSpec(ctx, spec, "draft")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.PlanSpec(ctx, copyID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, spec) {
		t.Errorf("copy differs:\n got %+v\nwant %+v", got, spec)
	}
	// The same code again is a conflict and writes nothing.
	err = s.InTx(ctx, func(tx store.Queries) error { _, err := tx.InsertPlanSpec(ctx, spec, "draft"); return err })
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("second insert: err = %v, want ErrConflict", err)
	}
}

func TestCommitmentsInForceKeepHistory(t *testing.T) {
	ctx := context.Background()
	s, planID := fixture(t)
	t1, t2 := targetID(t, s, planID, "T1"), targetID(t, s, planID, "T2")
	years, err := s.TargetResultYears(ctx, t1)
	if err != nil || !reflect.DeepEqual(years, []int{2091}) {
		t.Fatalf("result years of T1 = %v, %v", years, err)
	}
	if years, _ := s.TargetResultYears(ctx, t2); len(years) != 0 {
		t.Errorf("result years of T2 = %v", years)
	}
	err = s.InTx(ctx, func(tx store.Queries) error {
		return tx.SetTargetSchedule(ctx, t1, []domain.CommitmentChange{{FromYear: 2093, Op: domain.OpGE, Value: 95}})
	})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		value    float64
		deadline int
	}
	cases := map[int]map[int64]want{
		2091: {t1: {90, 0}, t2: {90, 2095}},
		2092: {t1: {90, 0}, t2: {50, 2092}},
		2093: {t1: {95, 0}, t2: {50, 2093}},
		2095: {t1: {95, 0}, t2: {90, 2095}},
	}
	// what every page and export does: the plan's targets and their stored schedules
	ts, err := s.PlanTargets(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	schedules, err := s.PlanSchedules(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	for year, targets := range cases {
		in := map[int64]domain.Commitment{}
		for _, x := range ts {
			in[x.ID] = domain.CommitmentInForce(x.Commitment(), schedules[x.ID], year)
		}
		for id, w := range targets {
			if c := in[id]; c.Value == nil || *c.Value != w.value || c.DeadlineYear != w.deadline {
				t.Errorf("%d, target %d: %v by %d; want %v by %d", year, id, c.Value, c.DeadlineYear, w.value, w.deadline)
			}
		}
	}
}

func TestMoveAndRetireTargets(t *testing.T) {
	ctx := context.Background()
	s, planID := fixture(t)
	codes := func() []string {
		ts, err := s.PlanTargetsAll(ctx, planID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range ts {
			out = append(out, x.Code)
		}
		return out
	}
	move := func(code string, dir int) {
		t.Helper()
		if err := s.InTx(ctx, func(tx store.Queries) error { return tx.MoveTarget(ctx, planID, targetID(t, s, planID, code), dir) }); err != nil {
			t.Fatal(err)
		}
	}
	move("T2", -1)
	if got := codes(); !reflect.DeepEqual(got, []string{"T2", "T1", "T3"}) {
		t.Errorf("after moving T2 up: %v", got)
	}
	move("T2", -1) // already first: nothing changes
	if got := codes(); !reflect.DeepEqual(got, []string{"T2", "T1", "T3"}) {
		t.Errorf("after moving the first up: %v", got)
	}
	retire := func(code string, retired bool) error {
		return s.InTx(ctx, func(tx store.Queries) error {
			return tx.SetTargetRetired(ctx, planID, targetID(t, s, planID, code), retired)
		})
	}
	if err := retire("T1", true); err != nil {
		t.Fatal(err)
	}
	move("T3", -1) // skips the retired T1
	if got := codes(); !reflect.DeepEqual(got, []string{"T3", "T1", "T2"}) {
		t.Errorf("after moving T3 up past retired T1: %v", got)
	}
	current, _ := s.PlanTargets(ctx, planID)
	if len(current) != 2 {
		t.Errorf("current targets with T1 retired: %d", len(current))
	}
	move("T3", 1)
	move("T2", -1)
	if err := retire("T1", false); err != nil {
		t.Fatal(err)
	}
	// Another plan's target is not found.
	err := s.InTx(ctx, func(tx store.Queries) error {
		return tx.SetTargetRetired(ctx, planID+1000, targetID(t, s, planID, "T1"), true)
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("other plan: err = %v", err)
	}
}

func TestSetPlanAssignments(t *testing.T) {
	ctx := context.Background()
	s, fixtureID := fixture(t)
	spec := domain.PlanSpec{Header: domain.PlanHeader{Code: "P6/KH-assign", Title: "Thử phân công", IssuedOn: time.Date(2090, 1, 5, 0, 0, 0, 0, domain.Location),
		StartYear: 2091, EndYear: 2095},
		Targets: []domain.TargetSpec{{Code: "A", Area: "p6-area", Text: "a", Kind: domain.KindMilestone, EachYear: true, Units: []string{"P6A"}}},
		Tasks:   []domain.TaskSpec{{Code: "B", Area: "p6-area", Text: "b", Lead: "P6C", Units: []string{"P6C", "P6B"}}}}
	var planID int64
	err := s.InTx(ctx, func(tx store.Queries) (err error) { planID, err = tx.InsertPlanSpec(ctx, spec, "draft"); return err })
	if err != nil {
		t.Fatal(err)
	}
	units, _ := s.UnitIDsByCode(ctx)
	ts, _ := s.PlanTargets(ctx, planID)
	ks, _ := s.PlanTasks(ctx, planID)
	foreign := targetID(t, s, fixtureID, "T3")
	err = s.InTx(ctx, func(tx store.Queries) error {
		return tx.SetPlanAssignments(ctx, planID,
			[]store.Assignment{{ItemID: ts[0].ID, UnitID: units["P6B"]}, {ItemID: ts[0].ID, UnitID: units["P6C"]}, {ItemID: foreign, UnitID: units["P6A"]}},
			[]store.Assignment{{ItemID: ks[0].ID, UnitID: units["P6A"]}})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.PlanSpec(ctx, planID)
	if !reflect.DeepEqual(got.Targets[0].Units, []string{"P6B", "P6C"}) || !reflect.DeepEqual(got.Tasks[0].Units, []string{"P6A"}) {
		t.Errorf("assignments: targets %v tasks %v", got.Targets[0].Units, got.Tasks[0].Units)
	}
	other, _ := s.PlanSpec(ctx, fixtureID)
	for _, x := range other.Targets {
		if x.Code == "T3" && !reflect.DeepEqual(x.Units, []string{"P6C"}) {
			t.Errorf("another plan's assignment changed: %v", x.Units)
		}
	}
}

func TestPeriodCloseAndDeadline(t *testing.T) {
	ctx := context.Background()
	s, _ := fixture(t)
	p, err := s.PeriodByYearKind(ctx, 2091, "year")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	deadline := time.Date(2091, 12, 12, 0, 0, 0, 0, domain.Location)
	err = s.InTx(ctx, func(tx store.Queries) error {
		if _, err := tx.LockPeriod(ctx, p.ID); err != nil {
			return err
		}
		if err := tx.SetPeriodDeadline(ctx, p.ID, deadline); err != nil {
			return err
		}
		return tx.SetPeriodClosed(ctx, p.ID, &now)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.PeriodByID(ctx, p.ID)
	if !got.Closed() || domain.FormatDate(got.Deadline) != "12/12/2091" {
		t.Errorf("after close: %+v", got)
	}
	_ = s.InTx(ctx, func(tx store.Queries) error { return tx.SetPeriodClosed(ctx, p.ID, nil) })
	if got, _ := s.PeriodByID(ctx, p.ID); got.Closed() {
		t.Error("still closed after reopening")
	}
}

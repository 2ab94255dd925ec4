package postgres_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// rollupDrift counts rows where a trigger-kept summary differs from a fresh set-based
// recomputation (all-zero rows left behind by subtractions count as absent).
const rollupDrift = `SELECT
	(SELECT count(*) FROM ((SELECT * FROM target_rollup
		WHERE (approved_n, approved_done_n, approved_done_yes, pending_n, pending_done_n, pending_done_yes, approved_sum, pending_sum) <> (0, 0, 0, 0, 0, 0, 0, 0)
		EXCEPT SELECT * FROM target_rollup_fresh) UNION ALL (SELECT * FROM target_rollup_fresh EXCEPT SELECT * FROM target_rollup)) x),
	(SELECT count(*) FROM ((SELECT * FROM task_rollup WHERE (approved_n, pending_n) <> (0, 0) EXCEPT SELECT * FROM task_rollup_fresh)
		UNION ALL (SELECT * FROM task_rollup_fresh EXCEPT SELECT * FROM task_rollup)) x),
	(SELECT count(*) FROM ((SELECT * FROM report_rollup WHERE n <> 0 EXCEPT SELECT * FROM report_rollup_fresh)
		UNION ALL (SELECT * FROM report_rollup_fresh EXCEPT SELECT * FROM report_rollup)) x),
	(SELECT count(*) FROM ((SELECT * FROM plan_units EXCEPT SELECT * FROM plan_units_fresh)
		UNION ALL (SELECT * FROM plan_units_fresh EXCEPT SELECT * FROM plan_units)) x),
	(SELECT count(*) FROM ((SELECT * FROM plan_unit_rollup WHERE n <> 0 EXCEPT SELECT * FROM plan_unit_rollup_fresh)
		UNION ALL (SELECT * FROM plan_unit_rollup_fresh EXCEPT SELECT * FROM plan_unit_rollup)) x) +
	(SELECT count(*) FROM ((SELECT ancestor_id, unit_id, depth FROM unit_closure) EXCEPT (
		WITH RECURSIVE up AS (
			SELECT id AS unit_id, id AS ancestor_id, 0 AS depth, parent_id FROM units
			UNION ALL SELECT up.unit_id, u.id, up.depth + 1, u.parent_id FROM up JOIN units u ON u.id = up.parent_id)
		SELECT ancestor_id, unit_id, depth FROM up)) x)`

func checkRollups(t *testing.T, ctx context.Context, q postgres.DBTX, when string) {
	t.Helper()
	var a, b, c, d, e int
	if err := q.QueryRow(ctx, rollupDrift).Scan(&a, &b, &c, &d, &e); err != nil {
		t.Fatal(err)
	}
	if a+b+c+d+e != 0 {
		t.Fatalf("%s: summaries drifted: target %d, task %d, report %d, plan_units %d, plan_unit_rollup+closure %d rows", when, a, b, c, d, e)
	}
}

type dashFixture struct {
	root, provA, provB int64
	leaves             []int64
	plan               int64
	targets            []int64 // percent, count, milestone
	tasks              []int64
	periods            []int64
}

func buildFixture(t *testing.T, ctx context.Context, s *postgres.Store, prefix string) dashFixture {
	var f dashFixture
	err := s.InTx(ctx, func(tx store.Queries) error {
		unit := func(code string, parent int64) int64 {
			id, err := tx.CreateUnit(ctx, store.UnitInput{Code: prefix + code, Name: "Đơn vị " + code, ParentID: parent, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		f.root = unit("VN", 0)
		f.provA, f.provB = unit("PA", f.root), unit("PB", f.root)
		for i, p := range []int64{f.provA, f.provA, f.provA, f.provB, f.provB, f.root} {
			f.leaves = append(f.leaves, unit(fmt.Sprintf("L%d", i), p))
		}
		var err error
		f.plan, err = tx.CreatePlan(ctx, store.PlanInput{Code: prefix + "/KH-TEST", Title: "Kế hoạch thử", IssuedOn: time.Date(2024, 12, 1, 0, 0, 0, 0, domain.Location), StartYear: 2025, EndYear: 2026, Status: "active", LegalBasis: []string{}})
		if err != nil {
			return err
		}
		area, err := tx.UpsertArea(ctx, store.ReformArea{Key: "tthc-" + strings.ToLower(prefix), Name: "Thủ tục hành chính"})
		if err != nil {
			return err
		}
		v := 80.0
		for i, kind := range []string{"percent", "count", "milestone"} {
			tg := store.Target{PlanID: f.plan, AreaID: area, Code: fmt.Sprintf("CT%d", i), Text: "Chỉ tiêu " + kind, Kind: domain.TargetKind(kind), EachYear: true}
			if kind != "milestone" {
				tg.Op, tg.Value = ">=", &v
			}
			id, err := tx.CreateTarget(ctx, tg)
			if err != nil {
				return err
			}
			f.targets = append(f.targets, id)
			if err := tx.AssignTarget(ctx, id, f.leaves); err != nil {
				return err
			}
		}
		for i := 0; i < 2; i++ {
			id, err := tx.CreateTask(ctx, store.Task{PlanID: f.plan, AreaID: area, Code: fmt.Sprintf("NV%d", i), Text: "Nhiệm vụ", LeadUnitID: f.leaves[0]}, nil)
			if err != nil {
				return err
			}
			f.tasks = append(f.tasks, id)
			if err := tx.AssignTask(ctx, id, f.leaves[:4]); err != nil {
				return err
			}
		}
		for _, k := range []domain.PeriodKind{domain.PeriodQ1, domain.PeriodH1} {
			start, end := domain.DataWindow(2025, k)
			id, err := tx.UpsertPeriod(ctx, store.Period{Year: 2025, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(2025, k, 10)})
			if err != nil {
				return err
			}
			f.periods = append(f.periods, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestRollupTriggersStayExact applies a random mix of everything that writes results,
// reports, assignments, deadlines and the units tree, and after each step compares the
// trigger-kept summaries with a set-based recomputation.
func TestRollupTriggersStayExact(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	f := buildFixture(t, ctx, s, "R")
	checkRollups(t, ctx, s.Pool(), "after setup")
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(ids []int64) int64 { return ids[rng.IntN(len(ids))] }
	statuses := []string{"draft", "submitted", "returned", "approved"}
	progress := []string{"", "not_started", "in_progress", "done", "overdue"}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := s.Pool().Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	for step := 0; step < 400; step++ {
		unit, period := pick(f.leaves), pick(f.periods)
		op := rng.IntN(10)
		switch op {
		case 0, 1, 2: // a unit saves its report (creating it if needed), in a transaction as the form does
			err := s.InPgxTx(ctx, func(tx *postgres.Queries) error {
				var id int64
				err := tx.QueryRow(ctx, `INSERT INTO reports (unit_id, period_id) VALUES ($1, $2)
					ON CONFLICT (unit_id, period_id) DO UPDATE SET updated_at = now() RETURNING id`, unit, period).Scan(&id)
				if err != nil {
					return err
				}
				var targets []store.TargetResult
				for _, tg := range f.targets {
					r := store.TargetResult{ReportID: id, TargetID: tg, Narrative: fmt.Sprint("ghi chú ", step)}
					if rng.IntN(4) > 0 {
						v := math.Round(rng.Float64()*1000) / 10
						r.Value = &v
					}
					if rng.IntN(3) == 0 {
						d := rng.IntN(2) == 0
						r.Done = &d
					}
					targets = append(targets, r)
				}
				var tasks []store.TaskResult
				for _, k := range f.tasks {
					tasks = append(tasks, store.TaskResult{ReportID: id, TaskID: k, Progress: progress[rng.IntN(len(progress))]})
				}
				return tx.UpsertResults(ctx, targets[:1+rng.IntN(len(targets))], tasks)
			})
			if err != nil {
				t.Fatal(err)
			}
		case 3, 4: // the workflow moves a report
			st := statuses[rng.IntN(len(statuses))]
			exec(`UPDATE reports SET status = $3, submitted_at = CASE WHEN $3 IN ('submitted', 'approved', 'returned') THEN now() - make_interval(days => $4) END,
				approved_at = CASE WHEN $3 = 'approved' THEN now() END WHERE unit_id = $1 AND period_id = $2`, unit, period, st, rng.IntN(200))
		case 5: // a narrative-only edit
			exec(`UPDATE target_results SET narrative = 'sửa' WHERE report_id IN (SELECT id FROM reports WHERE unit_id = $1)`, unit)
		case 6: // a result or a whole report removed
			if rng.IntN(2) == 0 {
				exec(`DELETE FROM target_results WHERE report_id IN (SELECT id FROM reports WHERE unit_id = $1 AND period_id = $2) AND target_id = $3`, unit, period, pick(f.targets))
			} else {
				exec(`DELETE FROM reports WHERE unit_id = $1 AND period_id = $2`, unit, period)
			}
		case 7: // the reform office moves a deadline
			exec(`UPDATE periods SET deadline = deadline + $2::int WHERE id = $1`, period, rng.IntN(40)-20)
		case 8: // a unit moves to another parent (never under itself)
			exec(`UPDATE units SET parent_id = $2 WHERE id = $1`, unit, pick([]int64{f.root, f.provA, f.provB}))
		case 9: // assignments change
			if rng.IntN(2) == 0 {
				exec(`DELETE FROM target_assignments WHERE target_id = $1 AND unit_id = $2`, pick(f.targets), unit)
			} else {
				exec(`INSERT INTO task_assignments (task_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, pick(f.tasks), unit)
			}
		}
		if step%20 == 19 {
			checkRollups(t, ctx, s.Pool(), fmt.Sprintf("step %d (op %d)", step, op))
		}
	}
	checkRollups(t, ctx, s.Pool(), "at the end")
	// a province moved under the other keeps every figure exact
	exec(`UPDATE units SET parent_id = $2 WHERE id = $1`, f.provB, f.provA)
	checkRollups(t, ctx, s.Pool(), "after moving a province")
	if _, err := s.Pool().Exec(ctx, `SELECT dashboard_rebuild()`); err != nil {
		t.Fatal(err)
	}
	checkRollups(t, ctx, s.Pool(), "after rebuild")
}

// TestDashboardFiguresMatchAggregate: the dashboard's figures for a scope, read from the
// summaries, are domain.Aggregate over the raw results of the units in the subtree.
func TestDashboardFiguresMatchAggregate(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	f := buildFixture(t, ctx, s, "D")
	vals := []float64{70, 90, 85, 60, 100, 40}
	status := []string{"approved", "approved", "submitted", "approved", "draft", "approved"}
	err := s.InPgxTx(ctx, func(tx *postgres.Queries) error {
		for i, unit := range f.leaves {
			id, err := tx.InsertReport(ctx, store.ReportRecord{UnitID: unit, PeriodID: f.periods[0], Status: "draft"})
			if err != nil {
				return err
			}
			v, done := vals[i], i%2 == 0
			if err := tx.UpsertResults(ctx, []store.TargetResult{
				{ReportID: id, TargetID: f.targets[0], Value: &v},
				{ReportID: id, TargetID: f.targets[1], Value: &v},
				{ReportID: id, TargetID: f.targets[2], Done: &done},
			}, []store.TaskResult{{ReportID: id, TaskID: f.tasks[0], Progress: "done"}}); err != nil {
				return err
			}
			// submitted late for L1, on time for the rest
			late := 0
			if i == 1 {
				late = 5
			}
			if _, err := tx.Exec(ctx, `UPDATE reports SET status = $2, submitted_at = CASE WHEN $2 <> 'draft' THEN (SELECT deadline FROM periods WHERE id = period_id) + make_interval(days => $3) + interval '9 hours' END,
				approved_at = CASE WHEN $2 = 'approved' THEN now() END WHERE id = $1`, id, status[i], late); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkRollups(t, ctx, s.Pool(), "after reports")
	period, err := s.PeriodByID(ctx, f.periods[0])
	if err != nil {
		t.Fatal(err)
	}

	for _, sc := range []struct {
		name  string
		scope int64
		units []int // indexes into leaves in the subtree
	}{
		{"country", f.root, []int{0, 1, 2, 3, 4, 5}},
		{"province A", f.provA, []int{0, 1, 2}},
		{"a leaf unit", f.leaves[3], []int{3}},
	} {
		d, err := s.Dashboard(ctx, store.DashboardQuery{PlanID: f.plan, ScopeID: sc.scope, PeriodID: f.periods[0], Deadline: period.Deadline})
		if err != nil {
			t.Fatal(err)
		}
		for ti, kind := range []domain.TargetKind{domain.KindPercent, domain.KindCount, domain.KindMilestone} {
			var approved, both []domain.UnitValue
			for _, i := range sc.units {
				uv := domain.UnitValue{}
				if kind == domain.KindMilestone {
					d := i%2 == 0
					uv.Done = &d
				} else {
					uv.Value = &vals[i]
				}
				switch status[i] {
				case "approved":
					approved = append(approved, uv)
					both = append(both, uv)
				case "submitted":
					both = append(both, uv)
				}
			}
			var gotA, gotB domain.Tally
			for _, p := range d.Points {
				if p.TargetID == f.targets[ti] && p.PeriodID == f.periods[0] {
					gotA = gotA.Add(p.Approved)
					gotB = gotB.Add(p.Approved).Add(p.Pending)
				}
			}
			for _, c := range []struct {
				label string
				got   domain.Tally
				want  []domain.UnitValue
			}{{"approved", gotA, approved}, {"approved+submitted", gotB, both}} {
				wv, wd := domain.Aggregate(kind, c.want)
				gv, gd := c.got.Result(kind)
				if fmt.Sprint(deref(wv), derefB(wd)) != fmt.Sprint(deref(gv), derefB(gd)) {
					t.Errorf("%s %s %s: dashboard %v/%v, Aggregate %v/%v", sc.name, kind, c.label, deref(gv), derefB(gd), deref(wv), derefB(wd))
				}
			}
		}
		if len(d.Targets) != 3 || len(d.Tasks) != 2 {
			t.Errorf("%s: %d targets, %d tasks", sc.name, len(d.Targets), len(d.Tasks))
		}
	}

	d, err := s.Dashboard(ctx, store.DashboardQuery{PlanID: f.plan, ScopeID: f.root, PeriodID: f.periods[0], Deadline: period.Deadline})
	if err != nil {
		t.Fatal(err)
	}
	// the country as a nested scope: counts by province (and the leaf directly under it)
	nested, err := s.Dashboard(ctx, store.DashboardQuery{PlanID: f.plan, ScopeID: f.root, PeriodID: f.periods[0], Deadline: period.Deadline, Nested: true})
	if err != nil {
		t.Fatal(err)
	}
	byChild := map[int64]string{}
	for _, c := range nested.ChildReports {
		byChild[c.UnitID] += fmt.Sprintf("%s/%v×%d ", c.Status, c.Late, c.N)
	}
	if nested.ChildExpected[f.provA] != 3 || nested.ChildExpected[f.provB] != 2 || nested.ChildExpected[f.leaves[5]] != 1 || nested.Late != nil ||
		byChild[f.provA] == "" || byChild[f.leaves[5]] != "approved/false×1 " || nested.Expected != 6 {
		t.Errorf("nested: expected %v, reports %v, total %d", nested.ChildExpected, byChild, nested.Expected)
	}
	if d.Expected != 6 || d.LateTotal != 1 || len(d.Late) != 1 || d.Late[0].UnitID != f.leaves[1] {
		t.Errorf("country: expected %d, late %d %+v", d.Expected, d.LateTotal, d.Late)
	}
	if d.MissingTotal != 1 || d.Missing[0].UnitID != f.leaves[4] || d.Missing[0].Status != "draft" {
		t.Errorf("country: missing %d %+v", d.MissingTotal, d.Missing)
	}
	counts := map[string]int{}
	for _, r := range d.Reports {
		counts[fmt.Sprint(r.Status, r.Late)] += r.N
	}
	if counts["approvedfalse"] != 3 || counts["approvedtrue"] != 1 || counts["submittedfalse"] != 1 || counts["draftfalse"] != 1 {
		t.Errorf("country report counts = %v", counts)
	}
	done := 0
	for _, p := range d.TaskPoints {
		if p.TaskID == f.tasks[0] && p.Progress == "done" {
			done += p.Approved
		}
	}
	if done != 4 { // L0, L1, L3, L5 approved
		t.Errorf("task done approved = %d; want 4", done)
	}

	// unit staff of L3 see only their unit's targets
	if _, err := s.Pool().Exec(ctx, `DELETE FROM target_assignments WHERE target_id = $1 AND unit_id = $2`, f.targets[1], f.leaves[3]); err != nil {
		t.Fatal(err)
	}
	own, err := s.Dashboard(ctx, store.DashboardQuery{PlanID: f.plan, ScopeID: f.leaves[3], PeriodID: f.periods[0], OnlyUnit: f.leaves[3]})
	if err != nil {
		t.Fatal(err)
	}
	if len(own.Targets) != 2 || own.Expected != 1 {
		t.Errorf("own unit: %d targets, expected %d", len(own.Targets), own.Expected)
	}

	dc, err := s.DashboardContextFor(ctx, 0, f.root) // the default plan: the newest active one
	if err != nil {
		t.Fatal(err)
	}
	if dc.Plan.ID != f.plan || dc.Scope.ID != f.root || !dc.Scope.HasChildren || dc.LatestApproved != f.periods[0] || len(dc.Periods) != 2 {
		t.Errorf("context = %+v", dc)
	}
	dc, err = s.DashboardContextFor(ctx, f.plan, f.leaves[1])
	if err != nil || len(dc.Path) != 2 || dc.Path[0].ID != f.root || dc.Path[1].ID != f.provA || dc.Scope.HasChildren {
		t.Errorf("leaf context = %+v, %v", dc, err)
	}
	if _, err := s.DashboardContextFor(ctx, 999999, 0); err == nil {
		t.Error("unknown plan: no error")
	}
}

func deref(f *float64) string {
	if f == nil {
		return "nil"
	}
	return fmt.Sprintf("%.6f", *f)
}

func derefB(b *bool) string {
	if b == nil {
		return "nil"
	}
	return fmt.Sprint(*b)
}

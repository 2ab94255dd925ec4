package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// reportWorld is a unit, a period of 2027 and three plans: one running 2026–2030, one
// active plan that ended in 2025 (still reported), one closed in 2025 (not reported).
type reportWorld struct {
	unit, period                  int64
	current, activeOld, closedOld int64 // target ids, one per plan
	draftNew                      int64 // a target of a draft plan covering the period: not reported yet
	retired                       int64 // a retired target of the current plan
	task                          int64
}

func newReportWorld(t *testing.T, s *postgres.Store) reportWorld {
	ctx := context.Background()
	var w reportWorld
	err := s.InTx(ctx, func(tx store.Queries) error {
		var err error
		if w.unit, err = tx.CreateUnit(ctx, store.UnitInput{Code: "BCTEST", Name: "Văn phòng Sở (thử)", Active: true}); err != nil {
			return err
		}
		area, err := tx.UpsertArea(ctx, store.ReformArea{Key: "tthc", Name: "Cải cách thủ tục hành chính", Position: 1})
		if err != nil {
			return err
		}
		plan := func(code string, from, to int, status string) (int64, error) {
			return tx.CreatePlan(ctx, store.PlanInput{Code: code, Title: "Kế hoạch " + code, IssuedOn: time.Date(from, 1, 5, 0, 0, 0, 0, time.UTC),
				StartYear: from, EndYear: to, Status: status, LegalBasis: []string{}})
		}
		target := func(planID int64, code string) (int64, error) {
			v := 80.0
			id, err := tx.CreateTarget(ctx, store.Target{PlanID: planID, AreaID: area, Code: code, Text: "Chỉ tiêu " + code,
				Kind: "percent", Op: ">=", Value: &v, EachYear: true})
			if err != nil {
				return 0, err
			}
			return id, tx.AssignTarget(ctx, id, []int64{w.unit})
		}
		p1, err := plan("100/KH-SNV", 2026, 2030, "active")
		if err != nil {
			return err
		}
		p2, err := plan("2320/KH-SNV", 2021, 2025, "active")
		if err != nil {
			return err
		}
		p3, err := plan("50/KH-SNV", 2021, 2025, "closed")
		if err != nil {
			return err
		}
		if w.current, err = target(p1, "CT01"); err != nil {
			return err
		}
		if w.retired, err = target(p1, "CT02"); err != nil {
			return err
		}
		if w.activeOld, err = target(p2, "CT01"); err != nil {
			return err
		}
		if w.closedOld, err = target(p3, "CT01"); err != nil {
			return err
		}
		p4, err := plan("200/KH-SNV", 2027, 2030, "draft")
		if err != nil {
			return err
		}
		if w.draftNew, err = target(p4, "CT01"); err != nil {
			return err
		}
		if w.task, err = tx.CreateTask(ctx, store.Task{PlanID: p1, AreaID: area, Code: "NV1", Text: "Nhiệm vụ 1", LeadUnitID: w.unit}, nil); err != nil {
			return err
		}
		if err := tx.AssignTask(ctx, w.task, []int64{w.unit}); err != nil {
			return err
		}
		w.period, err = tx.UpsertPeriod(ctx, store.Period{Year: 2027, Kind: "q1", StartsOn: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC),
			EndsOn: time.Date(2027, 3, 14, 0, 0, 0, 0, time.UTC), Deadline: time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func targetIDs(pg store.ReportPage) map[int64]bool {
	out := map[int64]bool{}
	for _, t := range pg.Targets {
		out[t.ID] = true
	}
	return out
}

func TestReportScopeAndLifecycle(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	w := newReportWorld(t, s)

	// A value for the soon-retired target, stored in the unit's report.
	var reportID int64
	err := s.InTx(ctx, func(tx store.Queries) error {
		rep, created, err := tx.EnsureReport(ctx, w.unit, w.period)
		if err != nil || !created {
			t.Fatalf("EnsureReport = %v, created %v", err, created)
		}
		reportID = rep.ID
		v := 55.0
		return tx.UpsertResults(ctx, []store.TargetResult{{ReportID: rep.ID, TargetID: w.retired, Value: &v}}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE targets SET retired_at = now() WHERE id = $1`, w.retired); err != nil {
		t.Fatal(err)
	}
	pg, err := s.LoadReportPage(ctx, w.unit, w.period, &store.PageExtras{PastPeriods: 4, HistoryLimit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := targetIDs(pg)
	want := map[int64]bool{w.current: true, w.activeOld: true, w.retired: true}
	if len(got) != len(want) || !got[w.current] || !got[w.activeOld] || !got[w.retired] || got[w.closedOld] || got[w.draftNew] {
		t.Errorf("scope %v, want the current plan's, the active old plan's and the retired one with a value, not the closed or the draft plan's", got)
	}
	hasArea := false
	for _, a := range pg.Areas {
		hasArea = hasArea || a.Key == "tthc"
	}
	// Other tests of the package add areas of their own: only this one's must be there.
	if len(pg.Tasks) != 1 || pg.Report == nil || pg.Report.ID != reportID || !hasArea {
		t.Errorf("page: %d tasks, report %+v, %d areas", len(pg.Tasks), pg.Report, len(pg.Areas))
	}

	// A second EnsureReport finds the same row.
	err = s.InTx(ctx, func(tx store.Queries) error {
		rep, created, err := tx.EnsureReport(ctx, w.unit, w.period)
		if err != nil || created || rep.ID != reportID {
			t.Errorf("second EnsureReport = %+v, created %v, %v", rep, created, err)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Versions guard every change; approval stamps go when a report is reopened.
	now := time.Now()
	v, err := s.UpdateReport(ctx, reportID, 1, store.ReportChange{Status: "submitted", Stamp: "submitted", At: now})
	if err != nil || v != 2 {
		t.Fatalf("submit: v%d, %v", v, err)
	}
	if _, err := s.UpdateReport(ctx, reportID, 1, store.ReportChange{Status: "approved", Stamp: "approved", At: now}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale update: %v, want ErrConflict", err)
	}
	if v, err = s.UpdateReport(ctx, reportID, 2, store.ReportChange{Status: "approved", Stamp: "approved", At: now}); err != nil {
		t.Fatal(err)
	}
	reason := "Mở lại để bổ sung"
	if _, err = s.UpdateReport(ctx, reportID, v, store.ReportChange{Status: "returned", Stamp: "returned", At: now, ReturnComment: &reason}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.ReportByID(ctx, reportID)
	if err != nil || rep.Status != "returned" || rep.ApprovedAt != nil || rep.SubmittedAt == nil || rep.ReturnComment != reason || rep.Version != 4 {
		t.Errorf("after reopen: %+v, %v", rep, err)
	}

	if _, err := s.LoadReportPage(ctx, w.unit, 999999, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown period: %v, want ErrNotFound", err)
	}
	if _, err := s.LoadReportPage(ctx, 999999, w.period, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown unit: %v, want ErrNotFound", err)
	}
}

package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// TestForgedFieldsInASaveChangeNothing: fields the form does not have — a status, another
// unit, another period, a report id, a result of a target the unit does not report on —
// posted anyway change nothing they name. The unit and period come from the URL (and are
// authorized), the status only moves by the action, results only for the unit's targets.
func TestForgedFieldsInASaveChangeNothing(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	other := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	forge := func(action string, version int) int {
		vals := reportForm(t, u, version, action, complete())
		for k, v := range map[string]string{
			"status": "approved", "report_status": "approved", "unit_id": fmt.Sprint(other.ID), "unit": other.Code,
			"period_id": fmt.Sprint(f.late.ID), "report_id": "1", "approved_by": "1",
			targetKey(f.targets["CT05"]) + "_value": "77", // CT05 is not among the unit's targets
		} {
			vals.Set(k, v)
		}
		return staff.PostMultipart(formURL(u, f.open), vals).Status
	}
	if code := forge("save", 0); code != http.StatusSeeOther {
		t.Fatalf("save with forged fields: %d", code)
	}
	rep, ok := reportRow(t, u.ID, f.open.ID)
	if !ok || rep.Status != "draft" {
		t.Fatalf("after a save posting status=approved the report is %+v (found %v), want a draft", rep, ok)
	}
	if code := forge("submit", rep.Version); code != http.StatusSeeOther {
		t.Fatalf("submit with forged fields: %d", code)
	}
	if rep, _ = reportRow(t, u.ID, f.open.ID); rep.Status != "submitted" {
		t.Errorf("after a submit posting status=approved the report is %q, want submitted", rep.Status)
	}
	if _, ok := reportRow(t, other.ID, f.open.ID); ok {
		t.Error("a report was written for the unit named in the forged unit_id")
	}
	if _, ok := reportRow(t, u.ID, f.late.ID); ok {
		t.Error("a report was written for the period named in the forged period_id")
	}
	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM target_results WHERE target_id = $1 AND report_id = $2`,
		f.targets["CT05"], rep.ID).Scan(&n); err != nil || n != 0 {
		t.Errorf("a result for a target outside the unit's was stored (%d, %v)", n, err)
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v == nil || *v != 98.5 {
		t.Errorf("the unit's own value CT01 = %v, want 98,5", v)
	}
}

// TestAuditFailureUndoesTheChange: a change and its audit entry are one transaction — when
// the audit entry cannot be written, the save is refused and nothing of it is stored.
func TestAuditFailureUndoesTheChange(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	ctx := context.Background()
	// Refuse the report entries of this unit's staff only, so that other tests are not disturbed.
	fn := "refuse_audit_" + u.Staff
	if _, err := f.pool.Exec(ctx, fmt.Sprintf(`CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.actor_name = '%s' AND NEW.action LIKE 'report.%%' THEN RAISE EXCEPTION 'audit refused for the test'; END IF; RETURN NEW; END $$;
		CREATE TRIGGER %s BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION %s();`, fn, u.Staff, fn, fn)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = f.pool.Exec(context.Background(), fmt.Sprintf(`DROP TRIGGER %s ON audit_log; DROP FUNCTION %s()`, fn, fn))
	})
	staff := p.login(t, u.Staff)
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "64"}))
	if res.Status < 500 {
		t.Errorf("save whose audit entry fails: %d, want a server error", res.Status)
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Error("the report was stored although its audit entry was not")
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v != nil {
		t.Errorf("CT01 = %v stored without its audit entry", *v)
	}
}

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// newPeriod makes an open period of the given year and kind, its deadline days from today.
func newPeriod(t *testing.T, year int, kind domain.PeriodKind, days int) store.Period {
	t.Helper()
	f := getFixture(t)
	today := domain.StartOfDay(testdb.Now())
	p := store.Period{Year: year, Kind: kind, StartsOn: today.AddDate(0, -3, 0), EndsOn: today.AddDate(0, 1, 0), Deadline: today.AddDate(0, 0, days)}
	var err error
	if p.ID, err = postgres.On(f.pool).UpsertPeriod(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func periodClosed(t *testing.T, id int64) bool {
	t.Helper()
	var closed bool
	if err := getFixture(t).pool.QueryRow(context.Background(), `SELECT closed_at IS NOT NULL FROM periods WHERE id = $1`, id).Scan(&closed); err != nil {
		t.Fatal(err)
	}
	return closed
}

// Closing a period before its deadline: the page lists who has not submitted, a bare post
// only shows that page, a confirmation without the early one is refused with the reason,
// and only both close it; the audit entry names the units left out.
func TestClosingBeforeTheDeadlineAsksTwice(t *testing.T) {
	p := newPortal(t, nil)
	per := newPeriod(t, 2032, domain.PeriodQ1, 10)
	sent, idle := newUnit(t, threeTargets, nil), newUnit(t, threeTargets, nil)
	if r := p.login(t, sent.Staff).PostMultipart(formURL(sent, per), reportForm(t, sent, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.Status)
	}
	cchc := p.login(t, "cchc")
	closeURL := fmt.Sprintf("/periods/%d/close", per.ID)

	confirm := cchc.Get(closeURL)
	if confirm.Status != http.StatusOK || !confirm.HasText("ul.not-submitted li a", "Đơn vị thử nghiệm "+idle.Code) || confirm.Mentions("Đơn vị thử nghiệm "+sent.Code) {
		t.Fatalf("the confirmation must list the unit that has not submitted, not the one that has (%d)", confirm.Status)
	}
	if !confirm.HasText("#close-early p", "Chưa đến hạn nộp") || !confirm.Has(`#close-early input[type="checkbox"][name="early"]`) {
		t.Error("closing before the deadline must warn and ask for a second confirmation")
	}

	if r := cchc.Post(closeURL, url.Values{"closed": {"1"}}); r.Status != http.StatusOK || periodClosed(t, per.ID) {
		t.Fatalf("a post without confirmation must show the confirmation and close nothing (%d)", r.Status)
	}
	r := cchc.Post(closeURL, url.Values{"closed": {"1"}, "confirm": {"1"}})
	if r.Status != http.StatusUnprocessableEntity || periodClosed(t, per.ID) || !r.HasText("#close-early p.field-error#e-early", "đánh dấu ô xác nhận") {
		t.Fatalf("closing early without the second confirmation must be refused with the reason (%d)", r.Status)
	}
	if r := cchc.Post(closeURL, url.Values{"closed": {"1"}, "confirm": {"1"}, "early": {"1"}}); r.Status != http.StatusSeeOther || !periodClosed(t, per.ID) {
		t.Fatalf("closing with both confirmations: %d", r.Status)
	}
	var after []byte
	if err := getFixture(t).pool.QueryRow(context.Background(), `SELECT after FROM audit_log WHERE action = 'period.close' AND entity_id = $1`,
		fmt.Sprint(per.ID)).Scan(&after); err != nil {
		t.Fatal(err)
	}
	var audited struct {
		NotSubmitted []string `json:"not_submitted"`
		Early        bool     `json:"early"`
	}
	if err := json.Unmarshal(after, &audited); err != nil {
		t.Fatal(err)
	}
	if !hasCode(audited.NotSubmitted, idle.Code) || hasCode(audited.NotSubmitted, sent.Code) || !audited.Early {
		t.Errorf("the audit entry must name who had not submitted and that it closed early: %s", after)
	}
	// reopening needs no confirmation
	if r := cchc.Post(closeURL, url.Values{"closed": {"0"}}); r.Status != http.StatusSeeOther || periodClosed(t, per.ID) {
		t.Fatalf("reopen: %d", r.Status)
	}
}

// After the deadline one confirmation closes the period, and no second one is asked.
func TestClosingAfterTheDeadlineAsksOnce(t *testing.T) {
	p := newPortal(t, nil)
	per := newPeriod(t, 2032, domain.PeriodH1, -3) // the demo's units have not reported in it
	cchc := p.login(t, "cchc")
	closeURL := fmt.Sprintf("/periods/%d/close", per.ID)
	if r := cchc.Get(closeURL); r.Has(`[name="early"]`) || !r.HasText("h2#h-not-submitted", "Đơn vị chưa nộp báo cáo") {
		t.Error("after the deadline: the list of units, and no second confirmation")
	}
	if r := cchc.Post(closeURL, url.Values{"closed": {"1"}, "confirm": {"1"}}); r.Status != http.StatusSeeOther || !periodClosed(t, per.ID) {
		t.Fatalf("close: %d", r.Status)
	}
}

// A unit typing its report while the period is closed is told exactly that: the period is
// closed (when, by whom to ask), not that someone else changed the report; what it typed
// is shown back.
func TestUnitFindsItsPeriodClosedWhileTyping(t *testing.T) {
	p := newPortal(t, nil)
	per := newPeriod(t, 2032, domain.PeriodQ3, -1)
	u := newUnit(t, threeTargets, nil)
	staff := p.login(t, u.Staff)
	if r := staff.PostMultipart(formURL(u, per), reportForm(t, u, 0, "save", map[string]string{"CT01": "70"})); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	rep, _ := reportRow(t, u.ID, per.ID)
	cchc := p.login(t, "cchc")
	if r := cchc.Post(fmt.Sprintf("/periods/%d/close", per.ID), url.Values{"closed": {"1"}, "confirm": {"1"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("close: %d", r.Status)
	}
	for _, action := range []string{"save", "submit"} {
		r := staff.PostMultipart(formURL(u, per), reportForm(t, u, rep.Version, action, map[string]string{"CT01": "87,5"}))
		if r.Status != http.StatusConflict || !r.HasText("#conflict h2", "Kỳ báo cáo Quý III/2032 đã khóa") ||
			!r.HasText("#conflict p", "Phòng Cải cách hành chính đã khóa kỳ báo cáo Quý III/2032 lúc") {
			t.Errorf("%s into a closed period: %d; the page must say the period is closed (%v)", action, r.Status, r.Where("đã khóa"))
		}
		if r.Mentions("thay đổi trong lúc bạn nhập") {
			t.Errorf("%s into a closed period is not a conflict with another save", action)
		}
		if !r.HasText("#conflict td.mine", "87,5") { // the closed period's form is read-only: what was typed is in the table
			t.Errorf("%s into a closed period: the typed value must be shown back (%v)", action, r.Where("87,5"))
		}
	}
	if v := storedValue(t, u.ID, per.ID, "CT01"); v == nil || *v != 70 {
		t.Errorf("nothing may be saved into a closed period: %v", v)
	}
	if r := staff.Get(formURL(u, per)); !r.HasText("main p.notice", "đã khóa kỳ báo cáo Quý III/2032") || r.Has(`[name="version"]`) {
		t.Errorf("the closed period's report is read-only and says why (%v)", r.Where("đã khóa kỳ báo cáo Quý III/2032"))
	}
}

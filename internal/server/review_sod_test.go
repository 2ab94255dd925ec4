package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"

	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// reformOfficer adds a reform-office user to the test unit u: the reform office is itself a
// unit that reports, and these are the reports separation of duties is about.
func reformOfficer(t *testing.T, u testUnit) string {
	t.Helper()
	f := getFixture(t)
	name := "cchc_" + strings.ToLower(u.Code)
	if _, err := postgres.On(f.pool).CreateUser(context.Background(), store.UserInput{Username: name, FullName: "Chuyên viên CCHC " + u.Code,
		Role: "reform_office", UnitID: u.ID, Active: true}, f.hash); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestSeparationOfDuties: with SEPARATION_OF_DUTIES on (the default) a reform-office user
// is not offered the approve button on a report of their own unit, is refused (403, with
// the reason in Vietnamese) when they post it anyway, and the director approves it; the
// reform office of another unit is offered the button. With the setting off, the own
// unit's reform office approves.
func TestSeparationOfDuties(t *testing.T) {
	f := getFixture(t)
	submitted := func(p *portal, u testUnit) store.Report {
		t.Helper()
		if r := p.login(t, u.Staff).PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
			t.Fatalf("submit: %d", r.Status)
		}
		rep, _ := reportRow(t, u.ID, f.open.ID)
		return rep
	}
	approve := func(who *servertest.Client, rep store.Report) *servertest.Response {
		return who.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}})
	}
	offersApprove := func(who *servertest.Client, rep store.Report) bool {
		t.Helper()
		r := who.Get(fmt.Sprintf("/review/%d", rep.ID))
		if r.Status != http.StatusOK {
			t.Fatalf("review page: %d", r.Status)
		}
		return r.Has(fmt.Sprintf(`form[action="/review/%d/approve"]`, rep.ID))
	}

	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	own := p.login(t, reformOfficer(t, u))
	rep := submitted(p, u)
	if offersApprove(own, rep) {
		t.Error("the reform office is offered to approve its own unit's report")
	}
	if r := own.Get(fmt.Sprintf("/review/%d", rep.ID)); !r.HasText("main p.notice", "do Lãnh đạo Sở phê duyệt") {
		t.Errorf("the review page does not say who approves the reform office's own report (%v)", r.Where("do Lãnh đạo Sở phê duyệt"))
	}
	r := approve(own, rep)
	if r.Status != http.StatusForbidden || !r.HasText("main .card p", "phân tách nhiệm vụ") {
		t.Fatalf("own unit's approval posted anyway: %d, want 403 explaining separation of duties (%v)", r.Status, r.Where("phân tách nhiệm vụ"))
	}
	if after, _ := reportRow(t, u.ID, f.open.ID); after.Status != "submitted" {
		t.Fatalf("after a refused approval the report is %s", after.Status)
	}
	if !offersApprove(p.login(t, "cchc"), rep) {
		t.Error("the reform office of another unit is not offered the approve button")
	}
	director := p.login(t, "giamdoc")
	if !offersApprove(director, rep) {
		t.Error("the director is not offered the approve button")
	}
	if r := approve(director, rep); r.Status != http.StatusSeeOther {
		t.Fatalf("director's approval: %d", r.Status)
	}
	if after, _ := reportRow(t, u.ID, f.open.ID); after.Status != "approved" {
		t.Fatalf("after the director's approval the report is %s", after.Status)
	}

	off := newPortal(t, func(c *config.Config) { c.SeparationOfDuties = false })
	u2 := newUnit(t, threeTargets, twoTasks)
	own2 := off.login(t, reformOfficer(t, u2))
	rep2 := submitted(off, u2)
	if !offersApprove(own2, rep2) {
		t.Error("with separation off, the reform office is not offered its own unit's report")
	}
	if r := approve(own2, rep2); r.Status != http.StatusSeeOther {
		t.Fatalf("with separation off, own unit's approval: %d", r.Status)
	}
}

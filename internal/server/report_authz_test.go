package server

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// TestReportAuthorization runs every role against every reporting action on unit A's
// report. Another unit's staff get 404 for A's records (ids cannot be probed); roles that
// may never do something get 403; a refused write changes nothing.
func TestReportAuthorization(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	other := newUnit(t, threeTargets, twoTasks)
	sessions := map[string]*servertest.Client{}
	as := func(name string) *servertest.Client {
		if sessions[name] == nil {
			sessions[name] = p.login(t, name)
		}
		return sessions[name]
	}

	type state int
	const (
		none state = iota
		submitted
		approved
	)
	actions := []struct {
		name  string
		needs state
		do    func(u *servertest.Client, a testUnit, reportID int64, version int, evidenceID int64) *servertest.Response
	}{
		{"list own reports", none, func(u *servertest.Client, a testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.Get("/reports")
		}},
		{"open form", none, func(u *servertest.Client, a testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.Get(formURL(a, f.open))
		}},
		{"save", none, func(u *servertest.Client, a testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.PostMultipart(formURL(a, f.open), reportForm(t, a, 0, "save", map[string]string{"CT01": "50"}))
		}},
		{"submit", none, func(u *servertest.Client, a testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.PostMultipart(formURL(a, f.open), reportForm(t, a, 0, "submit", complete()))
		}},
		{"download evidence", submitted, func(u *servertest.Client, _ testUnit, _ int64, _ int, ev int64) *servertest.Response {
			return u.Get(fmt.Sprintf("/evidence/%d", ev))
		}},
		{"review inbox", none, func(u *servertest.Client, _ testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.Get("/review")
		}},
		{"completeness matrix", none, func(u *servertest.Client, _ testUnit, _ int64, _ int, _ int64) *servertest.Response {
			return u.Get("/review/matrix")
		}},
		{"review page", submitted, func(u *servertest.Client, _ testUnit, id int64, _ int, _ int64) *servertest.Response {
			return u.Get(fmt.Sprintf("/review/%d", id))
		}},
		{"approve", submitted, func(u *servertest.Client, _ testUnit, id int64, v int, _ int64) *servertest.Response {
			return u.Post(fmt.Sprintf("/review/%d/approve", id), url.Values{"version": {fmt.Sprint(v)}})
		}},
		{"return", submitted, func(u *servertest.Client, _ testUnit, id int64, v int, _ int64) *servertest.Response {
			return u.Post(fmt.Sprintf("/review/%d/return", id), url.Values{"version": {fmt.Sprint(v)}, "comment": {"Bổ sung."}})
		}},
		{"reopen", approved, func(u *servertest.Client, _ testUnit, id int64, v int, _ int64) *servertest.Response {
			return u.Post(fmt.Sprintf("/review/%d/reopen", id), url.Values{"version": {fmt.Sprint(v)}, "comment": {"Mở lại."}})
		}},
	}
	const ok, moved, hidden, denied = http.StatusOK, http.StatusSeeOther, http.StatusNotFound, http.StatusForbidden
	// roles: staff of A, head of A, staff of another unit, reform office, director, admin
	roles := []string{"staff A", "head A", "staff B", "reform office", "director", "admin"}
	want := map[string][6]int{
		"list own reports":    {ok, ok, ok, ok, denied, denied},
		"open form":           {ok, ok, hidden, ok, ok, ok},
		"save":                {moved, moved, hidden, denied, denied, denied},
		"submit":              {moved, moved, hidden, denied, denied, denied},
		"download evidence":   {ok, ok, hidden, ok, ok, ok},
		"review inbox":        {denied, denied, denied, ok, ok, ok},
		"completeness matrix": {denied, denied, denied, ok, ok, ok},
		"review page":         {denied, denied, denied, ok, ok, ok},
		"approve":             {denied, denied, denied, moved, moved, denied}, // the director approves too (separation of duties)
		"return":              {denied, denied, denied, moved, denied, denied},
		"reopen":              {denied, denied, denied, moved, denied, denied},
	}
	for _, act := range actions {
		for i, role := range roles {
			t.Run(act.name+"/"+role, func(t *testing.T) {
				a := newUnit(t, threeTargets, twoTasks)
				var reportID, evidenceID int64
				if act.needs >= submitted {
					staff := as(a.Staff)
					key := targetKey(f.targets["CT01"])
					if r := staff.PostMultipart(formURL(a, f.open), reportForm(t, a, 0, "submit", complete()),
						servertest.File{Field: key + "_file", Name: "minh chứng.pdf", Content: minimalPDF}); r.Status != moved {
						t.Fatalf("setup submit: %d", r.Status)
					}
					rep, _ := reportRow(t, a.ID, f.open.ID)
					reportID, evidenceID = rep.ID, evidenceIDs(t, a.ID, f.open.ID)[0]
					if act.needs == approved {
						if r := as("cchc").Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}}); r.Status != moved {
							t.Fatalf("setup approve: %d", r.Status)
						}
					}
				}
				before, _ := reportRow(t, a.ID, f.open.ID)
				who := map[string]string{"staff A": a.Staff, "head A": a.Head, "staff B": other.Staff,
					"reform office": "cchc", "director": "giamdoc", "admin": "admin"}[role]
				res := act.do(as(who), a, reportID, before.Version, evidenceID)
				if w := want[act.name][i]; res.Status != w {
					t.Fatalf("%s as %s: %d, want %d", act.name, role, res.Status, w)
				}
				after, _ := reportRow(t, a.ID, f.open.ID)
				if res.Status != moved && (after.Version != before.Version || after.Status != before.Status) {
					t.Errorf("a refused %s changed the report: %+v → %+v", act.name, before, after)
				}
			})
		}
	}
	// Ids that do not exist answer like ids of other units.
	for _, path := range []string{"/evidence/999999999", "/review/999999999", fmt.Sprintf("/reports/999999/%d", f.open.ID), fmt.Sprintf("/reports/%d/999999", other.ID)} {
		if r := as("giamdoc").Get(path); r.Status != hidden {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}
}

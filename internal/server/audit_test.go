package server_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
)

// TestSignInsSignOutsAndPasswordChangesAreAudited: a failed sign-in, a sign-in, a password
// change and a sign-out each leave an entry naming the user and the client address.
func TestSignInsSignOutsAndPasswordChangesAreAudited(t *testing.T) {
	ts, st := newPortal(t, nil)
	u := newUser(t, st, "kiemtoan", "Mật khẩu kiểm toán 2026")
	c := newClient(t, ts)
	resp := c.Post("/login", url.Values{"username": {"kiemtoan"}, "password": {"sai mật khẩu"}})
	wantStatus(t, resp, http.StatusUnauthorized)
	resp = c.Login("kiemtoan", "Mật khẩu kiểm toán 2026")
	wantStatus(t, resp, http.StatusSeeOther)
	resp = c.Post("/account/password", url.Values{"current": {"Mật khẩu kiểm toán 2026"}, "new": {"Mật khẩu mới kiểm toán 2027"}, "confirm": {"Mật khẩu mới kiểm toán 2027"}})
	wantStatus(t, resp, http.StatusSeeOther)
	resp = c.Post("/logout", url.Values{})
	wantStatus(t, resp, http.StatusSeeOther)

	entries, _, err := st.ListAudit(context.Background(), store.AuditFilter{Actor: "kiemtoan"}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action)
		if e.ClientAddr != "127.0.0.1" || e.ActorID != u.ID {
			t.Errorf("%s: client address %q, actor id %d; want 127.0.0.1 and %d", e.Action, e.ClientAddr, e.ActorID, u.ID)
		}
	}
	slices.Reverse(got) // ListAudit is newest first
	if want := []string{"login.failed", "login.success", "user.password_changed", "logout"}; !slices.Equal(got, want) {
		t.Errorf("audit of kiemtoan = %v, want %v", got, want)
	}
}

// TestAdminAuditFilters: the audit page filters by actor (exact), action (prefix), entity
// and dates (inclusive, in the province's time zone), alone and together.
func TestAdminAuditFilters(t *testing.T) {
	ts, st := newPortal(t, nil)
	for _, e := range []struct{ at, actor, action, entity string }{
		{"2020-03-10 23:30+07", "loc_an", "loc.create", "loc_plan"},
		{"2020-03-20 09:00+07", "loc_binh", "loc.update", "loc_plan"},
		{"2020-04-05 00:10+07", "loc_an", "loc.delete", "loc_unit"},
	} {
		if _, err := st.Pool().Exec(context.Background(), `INSERT INTO audit_log (at, actor_name, action, entity) VALUES ($1, $2, $3, $4)`,
			e.at, e.actor, e.action, e.entity); err != nil {
			t.Fatal(err)
		}
	}
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	for _, tc := range []struct {
		query  string
		rows   int
		actors []string
	}{
		{"action=loc.", 3, []string{"loc_an", "loc_binh"}},
		{"actor=loc_an", 2, []string{"loc_an"}},
		{"actor=loc_a", 0, nil}, // exact, not a prefix
		{"action=loc.up", 1, []string{"loc_binh"}},
		{"entity=loc_unit", 1, []string{"loc_an"}},
		{"actor=loc_an&entity=loc_plan", 1, []string{"loc_an"}},
		{"action=loc.&from=15/03/2020&to=31/03/2020", 1, []string{"loc_binh"}},
		{"action=loc.&to=10/03/2020", 1, []string{"loc_an"}},   // 23:30 on the 10th is still the 10th
		{"action=loc.&from=05/04/2020", 1, []string{"loc_an"}}, // 00:10 on the 5th is already the 5th
	} {
		resp := admin.Get("/admin/audit?" + tc.query)
		body := resp.Body
		wantStatus(t, resp, http.StatusOK)
		rows := tableRows(t, body)
		if len(tc.actors) == 0 {
			rows = slices.DeleteFunc(rows, func(r []string) bool { return !strings.Contains(strings.Join(r, " "), "loc_") })
		}
		if len(rows) != tc.rows {
			t.Errorf("%s: %d rows, want %d:\n%v", tc.query, len(rows), tc.rows, rows)
			continue
		}
		for _, r := range rows {
			if !slices.ContainsFunc(tc.actors, func(a string) bool { return slices.Contains(r, a) }) {
				t.Errorf("%s: row of another actor:\n%v", tc.query, r)
			}
		}
		for _, a := range tc.actors {
			if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Contains(r, a) }) {
				t.Errorf("%s: no row of %s", tc.query, a)
			}
		}
	}
	resp := admin.Get("/admin/audit?action=loc.&from=31/02/2020")
	body := resp.Body
	wantStatus(t, resp, http.StatusOK)
	if page := dom(t, body); page.Value("from") != "31/02/2020" || !page.Has(".error-summary") {
		t.Error("an impossible date is neither kept in its field nor explained")
	}
}

// tableRows returns the rows of the page's table body, as HTML.
// tableRows is the text of each cell of each row of the page's table body (the whole text
// of an element: an actor's cell is the actor's username alone).
func tableRows(t *testing.T, body string) [][]string {
	var rows [][]string
	dom(t, body).Find("main table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td, td *").Each(func(_ int, c *goquery.Selection) { cells = append(cells, servertest.Squash(c.Text())) })
		rows = append(rows, cells)
	})
	return rows
}

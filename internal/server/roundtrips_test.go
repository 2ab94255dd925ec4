package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestRoundTripsPerPage counts every round trip to PostgreSQL (a query, or a pipelined
// batch) of the pages users open most, the session's included, and bounds each: an N+1, a
// lookup per row or one more query before every page shows here first. `go test -v -run
// TestRoundTripsPerPage ./internal/server/` prints the statements (docs/PERFORMANCE.md,
// "Where the time goes").
func TestRoundTripsPerPage(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, allTargets, allTasks)
	staff := p.login(t, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", fullValues(1))); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	director := p.login(t, "giamdoc")
	pages := []struct {
		name  string
		who   string
		path  string
		bound int64
	}{
		{"signed-in baseline (/account/password)", "staff", "/account/password", 1},
		{"home, unit staff", "staff", "/", 2},
		{"report form, 14 targets and 7 tasks", "staff", formURL(u, f.open), 2},
		{"report list", "staff", "/reports", 2},
		{"home, director", "director", "/", 2},
		{"dashboard, director (cached)", "director", "/dashboard", 2},
	}
	for _, pg := range pages {
		c := staff
		if pg.who == "director" {
			c = director
		}
		c.Get(pg.path) // warm: caches, and a session write that is not the page's
		f.sql.take()
		if r := c.Get(pg.path); r.Status != http.StatusOK {
			t.Fatalf("%s: %d", pg.name, r.Status)
		}
		stmts := f.sql.take()
		var n int64
		for _, q := range stmts {
			// a batch's statements share its round trip; the idle timeout's occasional
			// session write (session_store.go), which may land after the response, is not
			// the page's
			if !strings.HasPrefix(q, "· ") && !strings.HasPrefix(q, "INSERT INTO sessions") {
				n++
			}
		}
		t.Logf("%s: %d round trips\n    %s", pg.name, n, strings.Join(stmts, "\n    "))
		if n > pg.bound {
			t.Errorf("%s: %d round trips, bound %d", pg.name, n, pg.bound)
		}
	}
}

// TestSessionUserIsCurrent: the user read with the session is read at each request, so a
// role changed, an account deactivated or sessions revoked take effect on the next one.
func TestSessionUserIsCurrent(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	staff := p.login(t, u.Staff)
	if r := staff.Get("/reports"); r.Status != http.StatusOK {
		t.Fatalf("reports as staff: %d", r.Status)
	}
	ctx := t.Context()
	if _, err := f.pool.Exec(ctx, `UPDATE users SET role = 'admin', unit_id = NULL WHERE username = $1`, u.Staff); err != nil {
		t.Fatal(err)
	}
	if r := staff.Get("/admin/users"); r.Status != http.StatusOK {
		t.Errorf("the new role was not in force on the next request: /admin/users %d", r.Status)
	}
	if _, err := f.pool.Exec(ctx, `UPDATE users SET role = 'staff', unit_id = $2 WHERE username = $1`, u.Staff, u.ID); err != nil {
		t.Fatal(err)
	}
	if r := staff.Get("/admin/users"); r.Status == http.StatusOK {
		t.Error("the role taken back was still in force on the next request")
	}
	if _, err := f.pool.Exec(ctx, `UPDATE users SET session_epoch = session_epoch + 1 WHERE username = $1`, u.Staff); err != nil {
		t.Fatal(err)
	}
	if r := staff.Get("/reports"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Errorf("a revoked session still served a page: %d → %q", r.Status, r.Location)
	}
}

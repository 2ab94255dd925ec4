package server

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// A unit's staff see the bell's count on every page, read the list, open a notification
// (marked read, they land on the report) and mark the rest read; nobody opens another's.
func TestNotificationsBellListAndOpen(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	other := newUnit(t, threeTargets, nil)
	ctx := context.Background()
	notify := func(unitID int64, key string, days int) {
		t.Helper()
		n, err := f.st.NotifyUnit(ctx, unitID, []string{"staff"}, store.NewNotification{Kind: "deadline", DedupKey: key,
			UnitID: unitID, PeriodID: f.open.ID, Params: store.NotificationParams{Days: days}, Link: reportURL(unitID, f.open.ID), At: testdb.Now()})
		if err != nil || n != 1 {
			t.Fatalf("notify: %d %v", n, err)
		}
	}
	notify(u.ID, "deadline:7", 7)
	notify(u.ID, "deadline:3", 3)
	notify(other.ID, "deadline:3", 3)
	if n, _ := f.st.NotifyUnit(ctx, u.ID, []string{"staff"}, store.NewNotification{Kind: "deadline", DedupKey: "deadline:3",
		UnitID: u.ID, PeriodID: f.open.ID, Link: "/", At: testdb.Now()}); n != 0 {
		t.Fatal("the same thing is told once")
	}
	staff, head := p.login(t, u.Staff), p.login(t, u.Head)

	home := staff.Get("/")
	if got := home.Text("header .bell .bell-count"); got != "2" {
		t.Fatalf("bell count %q, want 2", got)
	}
	if head.Get("/").Has("header .bell .bell-count") {
		t.Error("the head was not told")
	}
	list := staff.Get("/notifications")
	if list.Status != http.StatusOK || list.Count("li.notification.unread") != 2 {
		t.Fatalf("list: %d, %d unread", list.Status, list.Count("li.notification.unread"))
	}
	if !list.HasText("li.notification .notification-text", "Còn 3 ngày đến hạn nộp báo cáo") {
		t.Errorf("texts: %v", list.Texts("li.notification .notification-text"))
	}
	open := list.Attr("li.notification form", "action") // the newest first: the 3-day one
	r := staff.Post(open, nil)
	if r.Status != http.StatusSeeOther || r.Location != reportURL(u.ID, f.open.ID) {
		t.Fatalf("open: %d → %q", r.Status, r.Location)
	}
	if got := staff.Get("/").Text("header .bell .bell-count"); got != "1" {
		t.Errorf("after opening one, bell count %q, want 1", got)
	}
	// another user's notification is not found
	var othersID int64
	if err := f.pool.QueryRow(ctx, `SELECT id FROM notifications WHERE unit_id = $1`, other.ID).Scan(&othersID); err != nil {
		t.Fatal(err)
	}
	if r := staff.Post(fmt.Sprintf("/notifications/%d/open", othersID), nil); r.Status != http.StatusNotFound {
		t.Errorf("another's notification: %d, want 404", r.Status)
	}
	if r := staff.Post("/notifications/read", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("read all: %d", r.Status)
	}
	after := staff.Get("/notifications")
	if after.Has("header .bell .bell-count") || after.Count("li.notification.unread") != 0 || after.Count("li.notification") != 2 {
		t.Error("all read: no count, both still listed")
	}
}

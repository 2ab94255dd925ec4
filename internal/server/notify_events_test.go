package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// What happens to a report reaches the people it concerns, once: the reform office hears of
// a submission, the unit of a return (with the comment), an approval, a reopening and a
// comment; the one who acted is not told of their own act.
func TestReportEventsNotifyOnce(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff, cchc, director := p.login(t, u.Staff), p.login(t, "cchc"), p.login(t, "giamdoc")
	ctx := context.Background()
	kinds := func(username string) map[string]int {
		t.Helper()
		rows, err := f.pool.Query(ctx, `SELECT n.kind, count(*) FROM notifications n JOIN users us ON us.id = n.user_id
			WHERE us.username = $1 AND n.unit_id = $2 GROUP BY n.kind`, username, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				t.Fatal(err)
			}
			out[k] = n
		}
		return out
	}

	submit := func() {
		t.Helper()
		rep, _ := reportRow(t, u.ID, f.open.ID)
		if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, "submit", complete())); r.Status != http.StatusSeeOther {
			t.Fatalf("submit: %d", r.Status)
		}
	}
	submit()
	if got := kinds("cchc")["submitted"]; got != 1 {
		t.Fatalf("the reform office told of the submission %d times, want 1", got)
	}
	if got := kinds(u.Staff)["submitted"]; got != 0 {
		t.Error("the unit is not told of its own submission")
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	ret := url.Values{"version": {fmt.Sprint(rep.Version)}, "comment": {"Thiếu giải trình chỉ tiêu CT01."}}
	if r := cchc.Post(fmt.Sprintf("/review/%d/return", rep.ID), ret); r.Status != http.StatusSeeOther {
		t.Fatalf("return: %d", r.Status)
	}
	cchc.Post(fmt.Sprintf("/review/%d/return", rep.ID), ret) // the double click
	if got := kinds(u.Staff)["returned"]; got != 1 {
		t.Fatalf("staff told of the return %d times, want 1", got)
	}
	if got := kinds(u.Head)["returned"]; got != 1 {
		t.Errorf("the head told of the return %d times, want 1", got)
	}
	list := staff.Get("/notifications")
	if !list.HasText("li.notification .notification-text", "đã trả lại báo cáo") || !list.HasText("li.notification .notification-text", "Thiếu giải trình chỉ tiêu CT01.") {
		t.Errorf("the return and its comment: %v", list.Texts("li.notification .notification-text"))
	}

	submit()
	rep, _ = reportRow(t, u.ID, f.open.ID)
	if r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.Status)
	}
	rep, _ = reportRow(t, u.ID, f.open.ID)
	if r := cchc.Post(fmt.Sprintf("/review/%d/reopen", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}, "comment": {"Bổ sung số liệu."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", r.Status)
	}
	if r := director.Post(formURL(u, f.open)+"/comments", url.Values{"remark": {"Đề nghị chú ý CT12."}, "back": {formURL(u, f.open)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("comment: %d", r.Status)
	}
	got := kinds(u.Staff)
	for k, want := range map[string]int{"returned": 1, "approved": 1, "reopened": 1, "comment": 1} {
		if got[k] != want {
			t.Errorf("staff told of %s %d times, want %d (all: %v)", k, got[k], want, got)
		}
	}
	if got := kinds("cchc")["submitted"]; got != 2 {
		t.Errorf("the reform office told of %d submissions, want 2", got)
	}
	if got := kinds("giamdoc"); len(got) != 0 {
		t.Errorf("the director is told nothing of what they did: %v", got)
	}
	if !staff.Get("/notifications").HasText("li.notification .notification-text", "góp ý về báo cáo") {
		t.Error("the comment's notification")
	}
}

// Each user chooses how they hear of each kind by e-mail; the reform office sets the days.
func TestNotificationPreferences(t *testing.T) {
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	staff, cchc := p.login(t, u.Staff), p.login(t, "cchc")
	form := staff.Get("/account/notifications")
	if form.Status != http.StatusOK || form.Value("mode_returned") != "immediate" || form.Has("#f-reminder_days") {
		t.Fatalf("staff's form: %d, returned=%q", form.Status, form.Value("mode_returned"))
	}
	if form.Has("select[name=mode_submitted]") {
		t.Error("staff are not offered the reform office's kinds")
	}
	v := url.Values{}
	for _, k := range []string{"deadline", "overdue", "returned", "approved", "reopened", "comment"} {
		v.Set("mode_"+k, "immediate")
	}
	v.Set("mode_approved", "off")
	v.Set("mode_comment", "digest")
	if r := staff.Post("/account/notifications", v); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	again := staff.Get("/account/notifications")
	if again.Value("mode_approved") != "off" || again.Value("mode_comment") != "digest" {
		t.Errorf("kept: approved=%q comment=%q", again.Value("mode_approved"), again.Value("mode_comment"))
	}

	office := cchc.Get("/account/notifications")
	if office.Value("reminder_days") != "7, 3, 1" {
		t.Fatalf("the office's days: %q", office.Value("reminder_days"))
	}
	ov := url.Values{"reminder_days": {"10, 5, x"}}
	for _, k := range []string{"deadline", "overdue", "returned", "approved", "reopened", "comment", "submitted", "late_digest"} {
		ov.Set("mode_"+k, "immediate")
	}
	bad := cchc.Post("/account/notifications", ov)
	if bad.Status != http.StatusUnprocessableEntity || bad.Value("reminder_days") != "10, 5, x" || !bad.Has("#f-reminder_days-error, .field-error") {
		t.Fatalf("bad days: %d %q", bad.Status, bad.Value("reminder_days"))
	}
	ov.Set("reminder_days", "5,10")
	if r := cchc.Post("/account/notifications", ov); r.Status != http.StatusSeeOther {
		t.Fatalf("good days: %d", r.Status)
	}
	if got := cchc.Get("/account/notifications").Value("reminder_days"); got != "10, 5" {
		t.Errorf("days stored as %q", got)
	}
	if r := cchc.Post("/account/notifications", url.Values{"reminder_days": {""}}); r.Status != http.StatusBadRequest {
		t.Errorf("a form without its modes: %d, want 400", r.Status)
	}
	ov.Set("reminder_days", "7, 3, 1")
	cchc.Post("/account/notifications", ov)
}

// The administrator sets the address a user's mail goes to; a bad one comes back as typed.
func TestAdminSetsAUsersEmail(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	admin := p.login(t, "admin")
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM users WHERE username = $1`, u.Staff).Scan(&id); err != nil {
		t.Fatal(err)
	}
	edit := fmt.Sprintf("/admin/users/%d", id)
	if r := admin.Get(edit); r.Status != http.StatusOK || !r.Has("form#email") {
		t.Fatalf("edit page: %d", r.Status)
	}
	bad := admin.Post(edit+"/email", url.Values{"email": {"không phải địa chỉ"}})
	if bad.Status != http.StatusUnprocessableEntity || bad.Value("email") != "không phải địa chỉ" || !bad.Has("#e-email") {
		t.Fatalf("bad address: %d %q", bad.Status, bad.Value("email"))
	}
	if _, err := f.pool.Exec(context.Background(), `UPDATE users SET email_refused_at = now(), email_refusal = '550 no such mailbox' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if r := admin.Get(edit); !r.HasText("form#email .notice", "550 no such mailbox") {
		t.Error("the refusal is shown on the user")
	}
	if r := admin.Post(edit+"/email", url.Values{"email": {"chuyenvien@snv.example.gov.vn"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	r := admin.Get(edit)
	if r.Value("email") != "chuyenvien@snv.example.gov.vn" || r.Has("form#email .notice") {
		t.Errorf("after saving: %q, refusal shown %v", r.Value("email"), r.Has("form#email .notice"))
	}
}

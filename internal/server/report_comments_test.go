package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// The director comments on a unit's report from the report page and the reform office from
// its review page; the unit reads both on its report, in the report's history too; the
// comment is audited. Nobody else may comment, and another unit's report is a 404.
func TestCommentsOnAReport(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	staff, head := p.login(t, u.Staff), p.login(t, u.Head)
	director, cchc, admin := p.login(t, "giamdoc"), p.login(t, "cchc"), p.login(t, "admin")
	commentsURL := formURL(u, f.open) + "/comments"

	// a report not begun can be commented on: the unit has yet to send anything
	if !director.Get(formURL(u, f.open)).Has(`#comments form textarea[name="remark"]`) {
		t.Fatal("the director's view of the report has no comment form")
	}
	first := "Đề nghị đơn vị khẩn trương nộp báo cáo, chú ý chỉ tiêu CT01."
	r := director.Post(commentsURL, url.Values{"remark": {first}, "back": {formURL(u, f.open)}})
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, formURL(u, f.open)) {
		t.Fatalf("director's comment: %d %s", r.Status, r.Location)
	}
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	second := "CT11 cần bổ sung văn bản kiểm chứng."
	r = cchc.Post(commentsURL, url.Values{"remark": {second}, "back": {reviewURL(rep.ID)}})
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, reviewURL(rep.ID)) {
		t.Fatalf("reform office's comment: %d %s", r.Status, r.Location)
	}
	if review := cchc.Get(reviewURL(rep.ID)); !review.HasText("#comments p.comment-body", first) || !review.HasText("#comments p.comment-body", second) {
		t.Error("the review page must show the comments")
	}

	unitPage := staff.Get(formURL(u, f.open))
	if got := unitPage.Texts("#comments article.comment p.comment-body"); !slices.Equal(got, []string{second, first}) {
		t.Errorf("the unit must read both comments, newest first: %q", got)
	}
	if unitPage.Has(`[name="remark"]`) {
		t.Error("unit staff do not comment")
	}
	history := "section:has(#h-history)"
	if !unitPage.HasText(history, "Góp ý") || !unitPage.HasText(history, first) || !unitPage.HasText(history, second) {
		t.Errorf("the comments belong to the report's history (%v)", unitPage.Where(second))
	}
	if !head.Get(formURL(u, f.open)).HasText("#comments p.comment-body", first) {
		t.Error("the unit head reads the comments too")
	}

	for name, c := range map[string]struct {
		u    *servertest.Client
		path string
		want int
	}{
		"the unit's own staff":       {staff, commentsURL, http.StatusForbidden},
		"the admin":                  {admin, commentsURL, http.StatusForbidden},
		"another unit's staff":       {p.login(t, "ttlt"), commentsURL, http.StatusNotFound},
		"an empty comment":           {director, commentsURL, http.StatusUnprocessableEntity},
		"a period that is not there": {director, fmt.Sprintf("/reports/%d/%d/comments", u.ID, 1<<40), http.StatusNotFound},
	} {
		remark := "Ý kiến không được phép"
		if name == "an empty comment" {
			remark = "   "
		}
		if r := c.u.Post(c.path, url.Values{"remark": {remark}}); r.Status != c.want {
			t.Errorf("%s: %d, want %d", name, r.Status, c.want)
		}
	}
	if p.login(t, "ttlt").Get(formURL(u, f.open)).Mentions(first) {
		t.Error("another unit reads the comments")
	}

	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log a JOIN report_comments c ON a.entity_id = c.id::text
		WHERE a.action = 'report.comment' AND a.entity = 'report_comment' AND c.unit_id = $1 AND a.after->>'comment' = c.body`, u.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d comments audited, want 2", n)
	}
	var stored int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM report_comments WHERE unit_id = $1`, u.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != 2 {
		t.Errorf("%d comments stored, want 2 (refused ones must store nothing)", stored)
	}
}

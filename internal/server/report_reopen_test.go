package server

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// A reopened report is announced to the unit as reopened, not as returned, though both
// leave it "returned"; a later return is announced as a return again.
func TestReopenIsAnnouncedAsReopen(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, nil)
	staff, cchc := p.login(t, u.Staff), p.login(t, "cchc")
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	if r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.Status)
	}
	rep, _ = reportRow(t, u.ID, f.open.ID)
	if r := cchc.Post(fmt.Sprintf("/review/%d/reopen", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}, "comment": {"Bổ sung số liệu tháng 3."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", r.Status)
	}
	form := staff.Get(formURL(u, f.open))
	if !form.HasText("section.return-comment h2#h-return", "đã mở lại báo cáo đã duyệt") || form.Mentions("đã trả lại báo cáo") {
		t.Error("a reopened report must be announced as reopened")
	}
	rep, _ = reportRow(t, u.ID, f.open.ID)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", r.Status)
	}
	rep, _ = reportRow(t, u.ID, f.open.ID)
	if r := cchc.Post(fmt.Sprintf("/review/%d/return", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}, "comment": {"Thiếu giải trình."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("return: %d", r.Status)
	}
	if !staff.Get(formURL(u, f.open)).HasText("section.return-comment h2#h-return", "đã trả lại báo cáo") {
		t.Error("a return after a reopen is announced as a return")
	}
}

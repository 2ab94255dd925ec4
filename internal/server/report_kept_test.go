package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
)

func userID(t *testing.T, username string) int64 {
	t.Helper()
	u, err := getFixture(t).st.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// signIn signs in again on the same browser (cookie jar), going where the login page sends.
func signIn(u *servertest.Client, username, next string) *servertest.Response {
	return u.Post("/login", url.Values{"username": {username}, "password": {seed.DemoPassword}, "next": {next}})
}

// A save posted after the session's idle timeout is kept; the login page says so; after
// signing in the form shows the typed values, unsaved, with a note.
func TestExpiredSessionKeepsTypedReport(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.SessionIdleTimeout = time.Second })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	form := staff.Get(formURL(u, f.open))
	owner := fmt.Sprint(userID(t, u.Staff))
	if form.Value("owner") != owner {
		t.Fatal("the form does not carry its owner")
	}
	time.Sleep(1500 * time.Millisecond)

	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "77,5", "CT01.narrative": "Giải trình viết cả buổi chiều", "NV2": "done"})
	vals.Set("owner", owner)
	res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: targetKey(f.targets["CT12"]) + "_file", Name: "quyet-dinh.pdf", Content: minimalPDF})
	if res.Status != http.StatusSeeOther || res.Location != "/login?next="+url.QueryEscape(formURL(u, f.open)) {
		t.Fatalf("expired save: %d → %q", res.Status, res.Location)
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Fatal("a post without a session wrote the report")
	}
	login := staff.Get(res.Location)
	if !login.HasText(".flash", "Phiên làm việc đã hết hạn. Nội dung bạn nhập đã được giữ lại; hãy đăng nhập lại để tiếp tục.") {
		t.Errorf("login page does not say why:\n%s", login.Body)
	}

	// Another user signing in on this browser never sees it, and it is gone after.
	other := newUnit(t, threeTargets, nil)
	if r := signIn(staff, other.Staff, formURL(u, f.open)); r.Status != http.StatusSeeOther {
		t.Fatalf("other login: %d", r.Status)
	}
	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusNotFound || r.HasText("main", "Giải trình viết cả buổi chiều") {
		t.Errorf("another unit's user: %d", r.Status)
	}
	if r := staff.Get(formURL(other, f.open)); r.HasValue("77,5") || r.HasText("main", "77,5") {
		t.Error("another user saw the kept values")
	}
	staff.Post("/logout", nil)
}

func TestKeptDraftRestoredForItsOwnerOnly(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.SessionIdleTimeout = time.Second })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	time.Sleep(1500 * time.Millisecond)
	vals := reportForm(t, u, 0, "submit", map[string]string{"CT01": "77,5", "CT01.narrative": "Giải trình viết cả buổi chiều", "NV2": "done"})
	vals.Set("owner", fmt.Sprint(userID(t, u.Staff)))
	res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: targetKey(f.targets["CT12"]) + "_file", Name: "quyet-dinh.pdf", Content: minimalPDF})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("expired submit: %d", res.Status)
	}
	// the unit head of the same unit, signing in on this browser, does not get it
	if r := signIn(staff, u.Head, formURL(u, f.open)); r.Status != http.StatusSeeOther {
		t.Fatalf("head login: %d", r.Status)
	}
	if staff.Get(formURL(u, f.open)).HasText("main", "Giải trình viết cả buổi chiều") {
		t.Fatal("the unit head saw the staff member's kept draft")
	}
	staff.Post("/logout", nil)

	// the owner does
	time.Sleep(10 * time.Millisecond)
	staff2 := p.login(t, u.Staff)
	time.Sleep(1500 * time.Millisecond)
	if r := staff2.PostMultipart(formURL(u, f.open), vals); r.Status != http.StatusSeeOther {
		t.Fatalf("expired save: %d", r.Status)
	}
	if r := signIn(staff2, u.Staff, formURL(u, f.open)); r.Status != http.StatusSeeOther || r.Location != formURL(u, f.open) {
		t.Fatalf("owner login: %d → %q", r.Status, r.Location)
	}
	form := staff2.Get(formURL(u, f.open))
	ct01 := targetKey(f.targets["CT01"])
	if form.Value(ct01+"_value") != "77,5" || form.Value(ct01+"_narrative") != "Giải trình viết cả buổi chiều" || !form.HasText("main > .notice", "CHƯA được lưu") {
		t.Errorf("restored form lacks the typed 77,5, the narrative or the note")
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Fatal("restoring saved the report silently")
	}
	// saving it stores the values and the note goes away
	save := reportForm(t, u, 0, "save", map[string]string{"CT01": "77,5", "CT01.narrative": "Giải trình viết cả buổi chiều", "NV2": "done"})
	if r := staff2.PostMultipart(formURL(u, f.open), save); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.Status, r.Body)
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v == nil || *v != 77.5 {
		t.Errorf("CT01 stored %v", v)
	}
	if staff2.Get(formURL(u, f.open)).HasText("main", "CHƯA được lưu") {
		t.Error("the restore note outlived the save")
	}
}

// A file chosen with a post that had expired is named in the note, to be chosen again.
func TestKeptDraftNamesFilesToPickAgain(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.SessionIdleTimeout = time.Second })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	time.Sleep(1500 * time.Millisecond)
	vals := reportForm(t, u, 0, "save", map[string]string{"CT12": "100"})
	vals.Set("owner", fmt.Sprint(userID(t, u.Staff)))
	staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: targetKey(f.targets["CT12"]) + "_file", Name: "quyet-dinh.pdf", Content: minimalPDF})
	signIn(staff, u.Staff, formURL(u, f.open))
	if form := staff.Get(formURL(u, f.open)); !form.HasText("main > .notice", "xin chọn lại: quyet-dinh.pdf") {
		t.Error("the note does not name the file to choose again")
	}
}

// A submit refused for missing results still keeps what was typed, as a draft.
func TestRefusedSubmitSavesDraft(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", map[string]string{"CT01": "66", "CT01.narrative": "Không được mất"}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete submit: %d", res.Status)
	}
	if !res.HasText("#error-summary h2", "Chưa nộp được. Cần bổ sung các mục sau rồi nộp lại:") || !res.HasText("main > .notice", "được lưu nháp lúc") ||
		res.Value(targetKey(f.targets["CT01"])+"_value") != "66" {
		t.Errorf("answer lacks the summary, the draft note or the typed 66")
	}
	rep, ok := reportRow(t, u.ID, f.open.ID)
	if !ok || rep.Status != "draft" {
		t.Fatalf("report after refused submit: %+v %v", rep, ok)
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v == nil || *v != 66 {
		t.Errorf("CT01 stored %v", v)
	}
}

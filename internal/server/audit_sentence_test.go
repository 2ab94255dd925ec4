package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

// The audit page tells each entry as a Vietnamese sentence naming the person and the
// record, not as the JSON it stores.
func TestAuditPageTellsEntriesAsSentences(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", r.Status, r.Body)
	}
	admin := p.login(t, "admin")
	r := admin.Get("/admin/audit?action=report.submit&actor=" + u.Staff)
	if r.Status != http.StatusOK {
		t.Fatalf("audit page: %d", r.Status)
	}
	want := "Người dùng " + u.Staff + " nộp báo cáo Quý I/2031 của Đơn vị thử nghiệm " + u.Code
	if !r.HasText("main table td", want) {
		t.Errorf("audit page lacks %q", want)
	}
	if cells := r.Text("main table td"); strings.Contains(cells, `"status"`) || strings.Contains(cells, `{"`) {
		t.Error("audit page shows raw JSON")
	}
	r = admin.Get("/admin/audit?action=login.success&actor=" + u.Staff)
	if want := "Người dùng " + u.Staff + " đăng nhập"; !r.HasText("main table td", want) {
		t.Errorf("audit page lacks %q", want)
	}
}

// Entries whose record is gone, entries written before the sentences (a period label in
// the data), and actions with no sentence of their own still read as text.
func TestAuditSentenceFallbacks(t *testing.T) {
	ctx := i18n.With(context.Background(), i18n.VI)
	names := store.AuditNames{People: map[string]string{"cchc": "Trần Văn Bình"}}
	cases := []struct {
		e    store.AuditEntry
		want string
	}{
		{store.AuditEntry{ActorName: "cchc", Action: "report.approve", Entity: "report", EntityID: "999999",
			Before: []byte(`{"period":"Quý III/2025","status":"submitted","version":3}`)}, "Trần Văn Bình duyệt báo cáo #999999"},
		{store.AuditEntry{ActorName: "cli", Action: "user.create", Entity: "user", EntityID: "7"}, "Quản trị viên (dòng lệnh cchc) tạo người dùng #7"},
		{store.AuditEntry{ActorName: "cchc", Action: "document.sign", Entity: "document", EntityID: "12"}, "Trần Văn Bình: document.sign — document #12"},
		{store.AuditEntry{ActorName: "khach", Action: "login.failed", Entity: "user"}, "khach đăng nhập không thành công"},
	}
	for _, c := range cases {
		c.e.At = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		if got := auditSentence(ctx, c.e, names); got != c.want {
			t.Errorf("%s: got %q, want %q", c.e.Action, got, c.want)
		}
	}
	changes := auditChanges(ctx, store.AuditEntry{Before: []byte(`{"deadline":"15/12/2026","closed":false,"year":2026}`),
		After: []byte(`{"deadline":"20/12/2026","closed":false,"year":2026}`)})
	if len(changes) != 1 || changes[0] != "Hạn nộp: 15/12/2026 → 20/12/2026" {
		t.Errorf("changes = %q", changes)
	}
	// An unlock lists when the account was locked, in the province's time, and after how many failures.
	changes = auditChanges(ctx, store.AuditEntry{Action: "user.unlock", Entity: "user",
		Before: []byte(`{"locked_at":"2026-11-30T02:05:00Z","failures":50}`)})
	if strings.Join(changes, "; ") != "Số lần sai: 50 → —; Khóa lúc: 30/11/2026 09:05 → —" {
		t.Errorf("unlock changes = %q", changes)
	}
	if got := auditSentence(ctx, store.AuditEntry{ActorName: "cchc", Action: "user.password_check_failed", Entity: "user", EntityID: "999999"}, names); got != "Trần Văn Bình nhập sai mật khẩu hiện tại khi đổi mật khẩu" {
		t.Errorf("password check sentence: %q", got)
	}
}

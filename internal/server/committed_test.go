package server

import (
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// failingSessions is the session store of a database that goes away: when armed, writing a
// session fails, after the handler's own transaction has committed.
type failingSessions struct {
	scs.Store
	armed atomic.Bool
}

func (f *failingSessions) Commit(token string, b []byte, expiry time.Time) error {
	if f.armed.Load() {
		return errors.New("session store: connection refused (database restarting)")
	}
	return f.Store.Commit(token, b, expiry)
}

// TestCommittedSaveIsNeverReportedAsFailed (issue 14, item 6): a report save commits, then
// writing the session fails. The user is told that the save went through — a 200 page with
// the save's own confirmation and what is known about the session, and a link back to the
// form — never the 503 page; the values are stored; once the database is back the session
// still works.
func TestCommittedSaveIsNeverReportedAsFailed(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	sessions := &failingSessions{Store: p.srv.sessions.Store}
	p.srv.sessions.Store = sessions

	sessions.armed.Store(true)
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "42,5"}))
	sessions.armed.Store(false)
	if res.Status != http.StatusOK {
		t.Fatalf("save with the session write failing: %d, want 200 saying the save is stored\n%s", res.Status, res.Body)
	}
	for sel, want := range map[string]string{"main h1": "Đã lưu thay đổi", "main p.flash": "Đã lưu nháp lúc", "main p.notice": "đã được lưu vào hệ thống"} {
		if !res.HasText(sel, want) {
			t.Errorf("the page does not say %q in %s (it is in %v)", want, sel, res.Where(want))
		}
	}
	if !res.Has(`main a.button[href="` + formURL(u, f.open) + `"]`) {
		t.Error("the page does not lead back to the form")
	}
	if res.Location != "" {
		t.Errorf("the page also redirects to %q", res.Location)
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v == nil || *v != 42.5 {
		t.Fatalf("stored value %v, want 42.5", v)
	}
	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK || r.Value(targetKey(f.targets["CT01"])+"_value") != "42,5" {
		t.Errorf("after the database is back: %d, or the form lacks the saved value", r.Status)
	}
	// A failure that is not after a committed change still answers with the error page.
	sessions.armed.Store(true)
	r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "x"}))
	sessions.armed.Store(false)
	if r.Status == http.StatusOK {
		t.Errorf("a refused save with the session write failing answered 200")
	}
}

package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// newUser creates a staff user of the VPS unit with a known password, for tests that
// change users and so must not touch the shared demo users.
func newUser(t *testing.T, st *postgres.Store, username, plain string) store.User {
	t.Helper()
	ctx := context.Background()
	vps, err := st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := password.Hash(plain)
	id, err := st.CreateUser(ctx, store.UserInput{Username: username, FullName: "Người thử " + username,
		Role: "staff", UnitID: vps.UnitID, Active: true}, hash)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := st.UserByID(ctx, id)
	return u
}

func signedOut(res *servertest.Response) bool {
	return res.Status == http.StatusSeeOther && strings.HasPrefix(res.Location, "/login")
}

func TestIdleTimeoutEndsSession(t *testing.T) {
	ts, _ := newPortal(t, map[string]string{"SESSION_IDLE_TIMEOUT": "1s", "SESSION_LIFETIME": "1h"})
	c := newClient(t, ts)
	c.Login("giamdoc", "demo")
	resp := c.Get("/")
	wantStatus(t, resp, http.StatusOK)
	time.Sleep(1500 * time.Millisecond)
	if resp := c.Get("/"); !signedOut(resp) {
		t.Fatalf("session survived its idle timeout: %d", resp.Status)
	}
}

func TestAbsoluteLifetimeEndsActiveSession(t *testing.T) {
	ts, _ := newPortal(t, map[string]string{"SESSION_IDLE_TIMEOUT": "2s", "SESSION_LIFETIME": "2s"})
	c := newClient(t, ts)
	c.Login("giamdoc", "demo")
	for i := 0; i < 3; i++ { // keep it busy: idle never expires
		time.Sleep(500 * time.Millisecond)
		if resp := c.Get("/"); resp.Status != http.StatusOK {
			t.Fatalf("request %d within the lifetime: %d", i, resp.Status)
		}
	}
	time.Sleep(800 * time.Millisecond)
	if resp := c.Get("/"); !signedOut(resp) {
		t.Fatalf("session outlived its absolute lifetime: %d", resp.Status)
	}
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	ts, st := newPortal(t, nil)
	newUser(t, st, "doimatkhau", "Mật khẩu cũ rất dài")
	a, b := newClient(t, ts), newClient(t, ts)
	a.Login("doimatkhau", "Mật khẩu cũ rất dài")
	b.Login("doimatkhau", "Mật khẩu cũ rất dài")
	tokenA := a.Cookie("cchc_session")
	resp := a.Post("/account/password", url.Values{"current": {"Mật khẩu cũ rất dài"}, "new": {"Mật khẩu mới còn dài hơn"}, "confirm": {"Mật khẩu mới còn dài hơn"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if a.Cookie("cchc_session") == tokenA {
		t.Error("token not renewed at password change")
	}
	if resp := a.Get("/"); resp.Status != http.StatusOK {
		t.Fatalf("the session that changed the password ended: %d", resp.Status)
	}
	if resp := b.Get("/"); !signedOut(resp) {
		t.Fatalf("other session survived the password change: %d", resp.Status)
	}
	if resp := withToken(t, ts, tokenA, "/"); !signedOut(resp) {
		t.Fatal("the pre-change token still works")
	}
}

func TestRoleChangeEndsSessions(t *testing.T) {
	ts, st := newPortal(t, nil)
	u := newUser(t, st, "doivaitro", "Mật khẩu đủ dài 123")
	user, admin := newClient(t, ts), newClient(t, ts)
	user.Login("doivaitro", "Mật khẩu đủ dài 123")
	admin.Login("admin", "demo")
	resp := admin.Post(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"username": {u.Username}, "full_name": {u.FullName},
		"role": {"unit_head"}, "unit": {fmt.Sprint(u.UnitID)}, "active": {"1"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if resp := user.Get("/"); !signedOut(resp) {
		t.Fatalf("session survived a role change: %d", resp.Status)
	}
}

func TestUnitChangeEndsSessions(t *testing.T) {
	ts, st := newPortal(t, nil)
	u := newUser(t, st, "doidonvi", "Mật khẩu đủ dài 456")
	ttlt, err := st.UserByUsername(context.Background(), "ttlt")
	if err != nil || ttlt.UnitID == u.UnitID {
		t.Fatalf("need a second unit: %v", err)
	}
	user, admin := newClient(t, ts), newClient(t, ts)
	user.Login("doidonvi", "Mật khẩu đủ dài 456")
	admin.Login("admin", "demo")
	if resp := user.Get("/"); resp.Status != http.StatusOK {
		t.Fatalf("before the change: %d", resp.Status)
	}
	resp := admin.Post(fmt.Sprintf("/admin/users/%d", u.ID), url.Values{"username": {u.Username}, "full_name": {u.FullName},
		"role": {"staff"}, "unit": {fmt.Sprint(ttlt.UnitID)}, "active": {"1"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if resp := user.Get("/"); !signedOut(resp) {
		t.Fatalf("session survived a unit change: %d", resp.Status)
	}
	if moved, _ := st.UserByID(context.Background(), u.ID); moved.UnitID != ttlt.UnitID {
		t.Fatalf("unit not changed: %d", moved.UnitID)
	}
}

func TestExpiredPasswordMustBeChanged(t *testing.T) {
	ts, st := newPortal(t, map[string]string{"PASSWORD_MAX_AGE_DAYS": "90"})
	u := newUser(t, st, "hethan", "Mật khẩu đã quá hạn")
	if _, err := st.Pool().Exec(context.Background(), `UPDATE users SET password_changed_at = $2::timestamptz - interval '91 days' WHERE id = $1`, u.ID, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, ts)
	if resp := c.Login("hethan", "Mật khẩu đã quá hạn"); resp.Header.Get("Location") != "/account/password" {
		t.Fatalf("expired password: redirect to %q", resp.Header.Get("Location"))
	}
	// Demo users are exempt from expiry even when it is on.
	restoreAfter(t, st, "giamdoc")
	if _, err := st.Pool().Exec(context.Background(), `UPDATE users SET password_changed_at = $1::timestamptz - interval '400 days' WHERE username = 'giamdoc'`, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	d := newClient(t, ts)
	if resp := d.Login("giamdoc", "demo"); resp.Header.Get("Location") != "/" {
		t.Fatalf("demo user sent to %q", resp.Header.Get("Location"))
	}
}

// Hostile strings typed into forms are stored and shown literally, never executed.
func TestHostileInputShownLiterally(t *testing.T) {
	ts, st := newPortal(t, nil)
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	name := `<script>alert('x')</script>'; DROP TABLE users; --`
	vps, _ := st.UserByUsername(context.Background(), "vanphong")
	resp := admin.Post("/admin/users", url.Values{"username": {"hostile"}, "full_name": {name}, "role": {"staff"}, "unit": {fmt.Sprint(vps.UnitID)}})
	wantStatus(t, resp, http.StatusSeeOther)
	u, err := st.UserByUsername(context.Background(), "hostile")
	if err != nil || u.FullName != name {
		t.Fatalf("stored name = %q, %v", u.FullName, err)
	}
	body := admin.Get("/admin/users?q=hostile").Body
	// escaped, the name is one text in its cell; executed, it would be a script element
	if page := dom(t, body); page.Has(`script:contains("alert")`) || !slices.Contains(page.Texts("main table td"), name) {
		t.Fatal("hostile name not escaped in the user list")
	}
}

package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAdminPagesNeedAdmin(t *testing.T) {
	ts, _ := newPortal(t, nil)
	anon := newClient(t, ts)
	resp := anon.Get("/admin/users")
	wantStatus(t, resp, http.StatusSeeOther)
	if !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("anonymous sent to %q", resp.Header.Get("Location"))
	}
	for _, who := range []string{"vanphong", "cchc", "giamdoc"} {
		c := newClient(t, ts)
		c.Login(who, "demo")
		for _, path := range []string{"/admin/users", "/admin/units", "/admin/audit"} {
			resp := c.Get(path)
			wantStatus(t, resp, http.StatusForbidden)
		}
		resp := c.Post("/admin/users", url.Values{"username": {"hacker"}, "full_name": {"x"}, "role": {"admin"}})
		wantStatus(t, resp, http.StatusForbidden)
	}
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	for _, path := range []string{"/admin/users", "/admin/units", "/admin/audit", "/admin/audit?action=login&from=01/01/2020"} {
		resp := admin.Get(path)
		wantStatus(t, resp, http.StatusOK)
	}
}

func TestCreateUserKeepsInputOnErrorAndForcesPasswordChange(t *testing.T) {
	ts, st := newPortal(t, nil)
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	resp := admin.Post("/admin/users", url.Values{"username": {"Bad Name!"}, "full_name": {"Đỗ Thị Mai"}, "role": {"staff"}})
	body := resp.Body
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	page := dom(t, body)
	for sel, want := range map[string]string{"#e-username.field-error": "Tên đăng nhập gồm 2–64 ký tự", "#e-unit.field-error": "Vai trò này phải thuộc một đơn vị"} {
		if !page.HasText(sel, want) {
			t.Errorf("error page lacks %q in %s", want, sel)
		}
	}
	if page.Value("full_name") != "Đỗ Thị Mai" || page.Value("username") != "bad name!" {
		t.Errorf("error page lost what was typed: %q, %q", page.Value("full_name"), page.Value("username"))
	}
	vps, _ := st.UserByUsername(context.Background(), "vanphong")
	resp = admin.Post("/admin/users", url.Values{"username": {"mai.dt"}, "full_name": {"Đỗ Thị Mai"}, "role": {"staff"}, "unit": {fmt.Sprint(vps.UnitID)}})
	wantStatus(t, resp, http.StatusSeeOther)
	flash := admin.Get("/admin/users").Text("main p.flash")
	otp := regexp.MustCompile(`mai\.dt: ([A-Za-z0-9-]{19})`).FindStringSubmatch(flash)
	if otp == nil {
		t.Fatal("one-time password not shown to the admin")
	}
	user := newClient(t, ts)
	resp = user.Login("mai.dt", otp[1])
	wantStatus(t, resp, http.StatusSeeOther)
	if resp.Header.Get("Location") != "/account/password" {
		t.Fatalf("first login goes to %q, want the password change", resp.Header.Get("Location"))
	}
	resp = user.Get("/reports")
	if resp.Header.Get("Location") != "/account/password" {
		t.Fatal("a one-time password lets the user work before changing it")
	}
	resp = user.Post("/account/password", url.Values{"current": {otp[1]}, "new": {"ngắn"}, "confirm": {"ngắn"}})
	body = resp.Body
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !dom(t, body).HasText("#e-new.field-error", "ít nhất 12 ký tự") {
		t.Fatal("short password accepted")
	}
	resp = user.Post("/account/password", url.Values{"current": {otp[1]}, "new": {"Hồ sơ trực tuyến 2026"}, "confirm": {"Hồ sơ trực tuyến 2026"}})
	wantStatus(t, resp, http.StatusSeeOther)
	resp = user.Get("/reports")
	wantStatus(t, resp, http.StatusOK)
}

func TestDeactivationEndsSessions(t *testing.T) {
	ts, st := newPortal(t, nil)
	ctx := context.Background()
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	vps, _ := st.UserByUsername(ctx, "vanphong")
	restoreAfter(t, st, "vanphong")
	staff := newClient(t, ts)
	staff.Login("vanphong", "demo")
	resp := staff.Get("/reports")
	wantStatus(t, resp, http.StatusOK)

	form := url.Values{"username": {"vanphong"}, "full_name": {vps.FullName}, "role": {"staff"}, "unit": {fmt.Sprint(vps.UnitID)}}
	resp = admin.Post(fmt.Sprintf("/admin/users/%d", vps.ID), form) // active unticked
	wantStatus(t, resp, http.StatusSeeOther)
	resp = staff.Get("/reports")
	if resp.Status != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("deactivated user still served: %d", resp.Status)
	}
	if r := staff.Login("vanphong", "demo"); r.Status != http.StatusUnauthorized {
		t.Fatalf("deactivated user can log in: %d", r.Status)
	}
	form.Set("active", "1")
	resp = admin.Post(fmt.Sprintf("/admin/users/%d", vps.ID), form)
	wantStatus(t, resp, http.StatusSeeOther)
}

func TestAdminCannotDemoteSelf(t *testing.T) {
	ts, st := newPortal(t, nil)
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	me, _ := st.UserByUsername(context.Background(), "admin")
	resp := admin.Post(fmt.Sprintf("/admin/users/%d", me.ID), url.Values{"username": {"admin"}, "full_name": {me.FullName}, "role": {"director"}, "active": {"1"}})
	body := resp.Body
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !dom(t, body).HasText("#e-role.field-error", "không thể tự bỏ quyền quản trị") {
		t.Fatal("self-demotion not refused with a message")
	}
}

func TestUnitCycleRefused(t *testing.T) {
	ts, st := newPortal(t, nil)
	admin := newClient(t, ts)
	admin.Login("admin", "demo")
	units, _ := st.ListUnits(context.Background(), false)
	var root, child int64
	for _, u := range units {
		switch u.Code {
		case "SNV":
			root = u.ID
		case "VPS":
			child = u.ID
		}
	}
	resp := admin.Post(fmt.Sprintf("/admin/units/%d", root), url.Values{"code": {"SNV"}, "name": {"Sở Nội vụ"}, "parent": {fmt.Sprint(child)}, "active": {"1"}})
	body := resp.Body
	wantStatus(t, resp, http.StatusUnprocessableEntity)
	if !dom(t, body).HasText("#e-parent.field-error", "Không thể chọn đơn vị cấp dưới") {
		t.Fatal("cycle not refused")
	}
}

//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/seed"
)

// TestE2ELoginEachRole signs in as every demo user and checks each sees a Vietnamese
// home page fitting their role.
func TestE2ELoginEachRole(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	want := map[string][]string{
		"admin":    {"Người dùng theo vai trò", "Nhật ký hệ thống"},
		"giamdoc":  {"Tình hình nộp báo cáo", "Kế hoạch đang thực hiện"},
		"cchc":     {"Tình hình nộp báo cáo", "Phòng Cải cách hành chính"},
		"vanphong": {"Văn phòng Sở", "Kỳ báo cáo đang mở"},
		"ttlt":     {"Trung tâm Lưu trữ lịch sử tỉnh", "Kỳ báo cáo đang mở"},
	}
	for _, u := range seed.DemoUsers {
		if err := chromedp.Do(ctx, login(base, u.Username, seed.DemoPassword)); err != nil {
			t.Fatalf("login %s: %v", u.Username, err)
		}
		body := text(t, ctx, "body")
		if !strings.Contains(body, "Xin chào, "+u.FullName) {
			t.Errorf("%s: home page does not greet %q", u.Username, u.FullName)
		}
		for _, w := range want[u.Username] {
			if !strings.Contains(body, w) {
				t.Errorf("%s: home page lacks %q", u.Username, w)
			}
		}
		lang, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
		if err != nil || lang != "vi" {
			t.Errorf("%s: html lang = %q, %v", u.Username, lang, err)
		}
		shot(t, ctx, "home-"+u.Username)
		if err := chromedp.Do(ctx, logout()); err != nil {
			t.Fatalf("logout %s: %v", u.Username, err)
		}
	}
}

// TestE2EWrongPassword shows the message, keeps the username and locks after repeated failures.
func TestE2EWrongPassword(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS("#f-username"), "ttlt"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), "sai-mat-khau"),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#login-error")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if msg := text(t, ctx, "#login-error"); !strings.Contains(msg, "Tên đăng nhập hoặc mật khẩu không đúng") {
		t.Errorf("message = %q", msg)
	}
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-username")))
	if err != nil || kept != "ttlt" {
		t.Errorf("username kept = %q, %v", kept, err)
	}
	shot(t, ctx, "login-wrong-password")
}

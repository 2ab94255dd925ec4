//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestE2EAdminPages: the admin lists users and units, submits a user form with mistakes
// (sees the messages, keeps what was typed) and reads the audit log; the plan page and
// the English switch are checked on the way.
func TestE2EAdminPages(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, login(base, "admin", "demo"), chromedp.Navigate(base+"/admin/users")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "admin-users")
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/users/new"),
		chromedp.SendKeys(chromedp.CSS("#f-username"), "Sai Tên"),
		chromedp.SendKeys(chromedp.CSS("#f-full_name"), "Võ Thị Ánh Tuyết"),
		chromedp.Click(chromedp.CSS("form.card button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}
	summary := text(t, ctx, ".error-summary")
	if !strings.Contains(summary, "Tên đăng nhập gồm 2–64 ký tự") {
		t.Errorf("error summary = %q", summary)
	}
	if kept := value(t, ctx, "#f-full_name"); kept != "Võ Thị Ánh Tuyết" {
		t.Errorf("full name lost: %q", kept)
	}
	shot(t, ctx, "admin-user-form-errors")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/units")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "admin-units")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/audit")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text(t, ctx, "main"), "login.success") {
		t.Error("audit log does not show logins")
	}
	shot(t, ctx, "admin-audit")
	if err := chromedp.Do(ctx, logout(), login(base, "giamdoc", "demo"), chromedp.Navigate(base+"/plans")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("main table a")), chromedp.WaitVisible(chromedp.CSS("main h2"))); err != nil {
		t.Fatal(err)
	}
	body := text(t, ctx, "main")
	for _, want := range []string{"2320/KH-SNV", "Cải cách thủ tục hành chính", "CT05", "≥ 80% — mỗi năm"} {
		if !strings.Contains(body, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	shot(t, ctx, "plan-2320")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button[name=lang][value=en]")), chromedp.WaitVisible(chromedp.CSS("html[lang=en]"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "plan-2320-en")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button[name=lang][value=vi]")), chromedp.WaitVisible(chromedp.CSS("html[lang=vi]"))); err != nil {
		t.Fatal(err)
	}
}

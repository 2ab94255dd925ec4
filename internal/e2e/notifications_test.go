//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store"
)

// TestE2ENotificationOfAReturn: the reform office returns a unit's submitted report with a
// comment; the unit's user sees the bell's count go up, opens the notification and lands
// on the report, where the comment waits.
func TestE2ENotificationOfAReturn(t *testing.T) {
	// a database of its own: the return changes the review inbox other journeys read
	base, st := isolatedPortal(t)
	ctx := browser(t)
	bg := context.Background()
	// a report waiting for review: the demo has TTLT's (late) or CCVC's (early) on most days;
	// its unit's user is ttlt, or one made here for the unit
	var reportID, unitID, periodID int64
	var unitCode string
	if err := st.Pool().QueryRow(bg, `SELECT r.id, r.unit_id, r.period_id, u.code FROM reports r JOIN units u ON u.id = r.unit_id
		WHERE r.status = 'submitted' ORDER BY (u.code = 'TTLT') DESC, r.id LIMIT 1`).Scan(&reportID, &unitID, &periodID, &unitCode); err != nil {
		t.Fatalf("no submitted report in the demo: %v", err)
	}
	user := "ttlt"
	if unitCode != "TTLT" {
		user = "e2e-" + strings.ToLower(unitCode)
		hash, err := password.Hash(seed.DemoPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateUser(bg, store.UserInput{Username: user, FullName: "Chuyên viên " + unitCode, Role: "staff",
			UnitID: unitID, Active: true}, hash); err != nil {
			t.Fatal(err)
		}
	}
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	bell := func() int {
		t.Helper()
		if count(t, ctx, "header .bell .bell-count") == 0 {
			return 0
		}
		n, err := strconv.Atoi(text(t, ctx, "header .bell .bell-count"))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	run("the unit's user before", login(base, user, seed.DemoPassword))
	before := bell()
	comment := "Đề nghị bổ sung văn bản kiểm chứng cho chỉ tiêu CT10 và giải trình lý do nộp chậm."
	run("cchc returns", logout(), login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(fmt.Sprintf("%s/review/%d", base, reportID)),
		chromedp.WaitVisible(chromedp.CSS("#f-comment")),
		chromedp.SendKeys(chromedp.CSS("#f-comment"), comment),
		chromedp.Click(chromedp.Search(`//button[.="Trả lại để đơn vị chỉnh sửa"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))

	run("the unit's user after", logout(), login(base, user, seed.DemoPassword))
	if got := bell(); got != before+1 {
		t.Fatalf("bell count %d, want %d", got, before+1)
	}
	shot(t, ctx, "notify-01-bell")
	run("open the list", chromedp.Click(chromedp.CSS("header .bell")), chromedp.WaitVisible(chromedp.CSS("li.notification")))
	if first := text(t, ctx, "li.notification .notification-text"); !strings.Contains(first, "đã trả lại báo cáo") || !strings.Contains(first, comment) {
		t.Errorf("the newest notification says %q", first)
	}
	shot(t, ctx, "notify-02-list")
	run("open the notification", chromedp.Click(chromedp.CSS("li.notification .notification-open")),
		chromedp.WaitVisible(chromedp.CSS(".return-comment")))
	if loc, want := location(t, ctx), fmt.Sprintf("%s/reports/%d/%d", base, unitID, periodID); loc != want {
		t.Errorf("landed on %s, want %s", loc, want)
	}
	if c := text(t, ctx, ".return-comment"); !strings.Contains(c, comment) {
		t.Errorf("return comment %q", c)
	}
	if got := bell(); got != before {
		t.Errorf("after opening it the bell shows %d, want %d", got, before)
	}
	shot(t, ctx, "notify-03-report")
}

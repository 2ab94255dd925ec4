//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestE2EPlanSuccession is a plan's end and its successor: on the demo as it stood before
// the successor was drafted, the director opens the dashboard of the ended 2320/KH-SNV and
// sees its final verdicts; the reform office drafts the 2026–2030 plan from it (the unmet
// targets offered as carried over), edits a target and activates it, which opens its
// periods; a unit then reports on it.
func TestE2EPlanSuccession(t *testing.T) {
	ctx := context.Background()
	dbURL := testdb.Extra(t)
	st, err := postgres.Open(ctx, dbURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if _, err := seed.DemoBeforeSuccessor(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	base, err := startPortal(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(b, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	// 1. The director: the only plan has ended; the dashboard opens on its final evaluation.
	run("director's dashboard", login(base, "giamdoc", seed.DemoPassword), chromedp.Navigate(base+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("table.targets.final")))
	if loc, _ := chromedp.Run(b, chromedp.Location()); !strings.Contains(loc, "/dashboard/final?") {
		t.Errorf("the dashboard of the ended plan opens on %s", loc)
	}
	page := text(t, b, "main")
	for _, want := range []string{"Đánh giá cuối kỳ — 2320/KH-SNV", "Đã kết thúc", "Đạt, trễ hạn", "Không đạt", "Diễn biến qua các năm"} {
		if !strings.Contains(page, want) {
			t.Errorf("the ended plan's final evaluation lacks %q", want)
		}
	}
	if n, _ := chromedp.Run(b, chromedp.Evaluate[int](`document.querySelectorAll("table.targets.final tbody tr").length`)); n != 14 {
		t.Errorf("%d targets on the final evaluation, want 14", n)
	}
	shot(t, b, "lifecycle-1-final-evaluation")

	// 2. The reform office drafts the successor from the ended plan.
	run("cchc opens the ended plan", logout(), login(base, "cchc", seed.DemoPassword), chromedp.Navigate(base+"/plans"),
		chromedp.Click(chromedp.Search(`//a[text()='2320/KH-SNV']`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	if note := text(t, b, ".span-note"); !strings.Contains(note, "kỳ báo cáo đầu tiên là Quý I/2022") {
		t.Errorf("span note %q", note)
	}
	shot(t, b, "lifecycle-2-ended-plan")
	run("successor form", chromedp.Click(chromedp.Search(`//a[.="Lập kế hoạch giai đoạn tiếp theo"]`)), chromedp.WaitVisible(chromedp.CSS("#f-carried")))
	if title, _ := chromedp.Run(b, chromedp.Value(chromedp.CSS("#f-title"))); title != "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2026-2030" {
		t.Errorf("proposed title %q", title)
	}
	carried := text(t, b, "#f-carried")
	checked, _ := chromedp.Run(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#f-carried input:checked")].map(i => i.nextElementSibling.textContent.trim().split(" — ")[0])`))
	if !strings.Contains(carried, "đánh giá năm 2025") || len(checked) == 0 || len(checked) == 14 {
		t.Errorf("carried over, checked: %v", checked)
	}
	shot(t, b, "lifecycle-3-successor-form")
	run("create the draft",
		chromedp.SendKeys(chromedp.CSS("#f-code"), "15/KH-SNV"),
		chromedp.SendKeys(chromedp.CSS("#f-issued_on"), "10/12/2025"),
		chromedp.Click(chromedp.CSS(`form[action$="/successor"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if f := text(t, b, ".flash"); !strings.Contains(f, "Đã lập dự thảo kế hoạch 15/KH-SNV tiếp nối 2320/KH-SNV") {
		t.Errorf("flash %q", f)
	}
	page = text(t, b, "main")
	for _, want := range []string{"Dự thảo", "Tiếp nối kế hoạch", "2320/KH-SNV (2021–2025)", "Chuyển tiếp từ 2320/KH-SNV, " + checked[0]} {
		if !strings.Contains(page, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	shot(t, b, "lifecycle-4-draft")

	// 3. A target edited: CT06 raised to 60%.
	run("edit CT06", chromedp.Click(chromedp.CSS(`a[aria-label="Sửa CT06"]`)), chromedp.WaitVisible(chromedp.CSS("#f-value")),
		chromedp.Clear(chromedp.CSS("#f-value")), chromedp.SendKeys(chromedp.CSS("#f-value"), "60"),
		chromedp.Click(chromedp.CSS(`form[action*="/targets/"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if page := text(t, b, "main"); !strings.Contains(page, "≥ 60%") {
		t.Error("CT06 does not show 60%")
	}

	// 4. Activated: its periods open.
	run("activate", chromedp.Click(chromedp.Search(`//button[@name="action" and @value="activate"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	// the page before held the edit's flash: wait for the page the activation leads to
	f := text(t, b, ".flash")
	for i := 0; i < 50 && !strings.Contains(f, "Đã mở"); i++ {
		time.Sleep(100 * time.Millisecond)
		f = text(t, b, ".flash")
	}
	if !strings.Contains(f, "Đã mở") || !strings.Contains(f, "kỳ báo cáo của kế hoạch") {
		t.Errorf("activation flash %q", f)
	}
	shot(t, b, "lifecycle-5-activated")

	// 5. VPS reports on it: the period of today, every value given, submitted.
	today := domain.StartOfDay(testdb.Now())
	var year int
	var kind string
	if err := st.Pool().QueryRow(ctx, `SELECT year, kind FROM periods WHERE starts_on <= $1 AND closed_at IS NULL
		ORDER BY (ends_on >= $1) DESC, ends_on, starts_on DESC LIMIT 1`, today).Scan(&year, &kind); err != nil {
		t.Fatalf("no open period on %s: %v", domain.FormatDate(today), err)
	}
	label := domain.PeriodLabel(year, domain.PeriodKind(kind), "vi")
	run("vanphong opens the form", logout(), login(base, "vanphong", seed.DemoPassword), chromedp.Navigate(base+"/reports"),
		chromedp.Click(chromedp.Search(`//a[normalize-space()="`+label+`"]`)), chromedp.WaitVisible(chromedp.CSS("form.report-form")))
	if page := text(t, b, "main"); !strings.Contains(page, "15/KH-SNV") || strings.Contains(page, "2320/KH-SNV") {
		t.Errorf("the form of %s is not on the new plan alone", label)
	}
	if _, err := chromedp.Run(b, chromedp.Evaluate[bool](`(() => {
		document.querySelectorAll('input[name$="_value"]').forEach(i => i.value = "95");
		document.querySelectorAll('input[name$="_num"]').forEach(i => i.value = "45");
		document.querySelectorAll('input[name$="_den"]').forEach(i => i.value = "50");
		document.querySelectorAll('select[name$="_progress"]').forEach(s => s.value = "in_progress");
		document.querySelectorAll('input[type=radio][name$="_done"][value="0"]').forEach(r => r.checked = true);
		return true })()`)); err != nil {
		t.Fatal(err)
	}
	shot(t, b, "lifecycle-6-report-form")
	run("submit", chromedp.Click(chromedp.CSS(`button[name=action][value=submit]`)), chromedp.WaitVisible(chromedp.CSS(".flash, #error-summary")))
	if f := text(t, b, ".flash, #error-summary"); !strings.Contains(f, "Đã nộp báo cáo "+label) {
		t.Errorf("after submitting: %q", f)
	}
	shot(t, b, "lifecycle-7-submitted")
	var status string
	if err := st.Pool().QueryRow(ctx, `SELECT r.status FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
		WHERE u.code = 'VPS' AND p.year = $1 AND p.kind = $2`, year, kind).Scan(&status); err != nil || status != "submitted" {
		t.Errorf("VPS's report of %s: %q, %v", label, status, err)
	}
	// CT06 is a ratio of two counts (as 2320/KH-SNV words it, continued): VPS entered both
	var value, num, den float64
	if err := st.Pool().QueryRow(ctx, `SELECT tr.value::float8, tr.numerator::float8, tr.denominator::float8 FROM target_results tr
		JOIN reports r ON r.id = tr.report_id JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
		JOIN targets t ON t.id = tr.target_id JOIN plans pl ON pl.id = t.plan_id
		WHERE u.code = 'VPS' AND p.year = $1 AND p.kind = $2 AND pl.code = '15/KH-SNV' AND t.code = 'CT06'`, year, kind).Scan(&value, &num, &den); err != nil ||
		num != 45 || den != 50 || value != 90 {
		t.Errorf("VPS's CT06 on %s: %v (%v/%v), %v; want 90%% (45/50)", label, value, num, den, err)
	}
	run("logout", logout())
}

//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestE2EDashboardJourney: the director opens the dashboard (the plan in force), turns to the
// ended plan 2320/KH-SNV, which opens on its final evaluation, goes on to its last period
// (Năm 2025) and changes the period,
// drills into a target and into a unit that reported late. The ended plan's data are the same
// whatever the day the demo was loaded, so the journey is too.
func TestE2EDashboardJourney(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, login(base, "giamdoc", seed.DemoPassword)); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/dashboard"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.targets")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if lead := text(t, ctx, "main"); !strings.Contains(lead, seed.SuccessorCode) {
		t.Errorf("the dashboard does not open on the plan in force: %.200q", lead)
	}
	shot(t, ctx, "dashboard-0-plan-in-force")

	// the ended plan, chosen in the form: it opens on its final evaluation
	var pred string
	if err := testdb.Store(t).Pool().QueryRow(context.Background(), `SELECT id::text FROM plans WHERE code = '2320/KH-SNV'`).Scan(&pred); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-plan"), pred)); err != nil {
		t.Fatal(err)
	}
	submitFilters(t, ctx)
	if loc := location(t, ctx); !strings.Contains(loc, "/dashboard/final?") || !strings.Contains(loc, "plan="+pred) {
		t.Errorf("the ended plan opens on %s, not its final evaluation", loc)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.targets.final tbody tr").length`))
	if err != nil || rows != 14 {
		t.Fatalf("final evaluation shows %d targets, %v; want all 14 of 2320/KH-SNV", rows, err)
	}
	body := text(t, ctx, "main")
	for _, want := range []string{"Đánh giá cuối kỳ — 2320/KH-SNV", "Đã kết thúc", "Đạt, trễ hạn", "Không đạt", "Không duy trì được", "Diễn biến qua các năm"} {
		if !strings.Contains(body, want) {
			t.Errorf("final evaluation lacks %q", want)
		}
	}
	shot(t, ctx, "dashboard-1-final")

	// from there, the overview by period: Năm 2025, its last
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("p.back a")),
		chromedp.WaitVisible(chromedp.CSS("form.dash-filters")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if sparks := count(t, ctx, "table.targets svg.spark polyline"); sparks < 10 {
		t.Errorf("only %d sparklines drawn", sparks)
	}
	body = text(t, ctx, "main")
	for _, want := range []string{"2320/KH-SNV", "Năm 2025", "Đã kết thúc", "Đạt", "Nhiệm vụ quá hạn"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	shot(t, ctx, "dashboard-1b-last-period")

	// another period, chosen in the form: the view follows, and the URL keeps it
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-period"), periodValue(t, ctx, "6 tháng đầu năm 2025"))); err != nil {
		t.Fatal(err)
	}
	submitFilters(t, ctx)
	if lead := text(t, ctx, ".dash-lead"); !strings.Contains(lead, "6 tháng đầu năm 2025") {
		t.Errorf("after changing period the page says %q", lead)
	}
	if loc := location(t, ctx); !strings.Contains(loc, "period=") || !strings.Contains(loc, "plan="+pred) {
		t.Errorf("plan and period not in the URL: %s", loc)
	}
	shot(t, ctx, "dashboard-2-period")

	// back to Năm 2025 and into a target that was not met (Không đạt: row-missed)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-period"), periodValue(t, ctx, "Năm 2025"))); err != nil {
		t.Fatal(err)
	}
	submitFilters(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("tr.row-missed")),
		chromedp.Click(chromedp.CSS("tr.row-missed td a")),
		chromedp.WaitVisible(chromedp.CSS("#h-verdict")),
	)
	if err != nil {
		t.Fatal(err)
	}
	page := text(t, ctx, "main")
	for _, want := range []string{"Căn cứ đánh giá", "Kết quả theo đơn vị", "Diễn biến qua các kỳ"} {
		if !strings.Contains(page, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	if n := count(t, ctx, "svg.columns rect"); n < 5 {
		t.Errorf("target chart has %d bars", n)
	}
	shot(t, ctx, "dashboard-3-target")

	// back to the overview and into the first unit listed as late or missing
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("p.back a")),
		chromedp.WaitVisible(chromedp.CSS("#h-discipline")),
	)
	if err != nil {
		t.Fatal(err)
	}
	unit := text(t, ctx, "#h-discipline ~ .grid .unit-list a")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#h-discipline ~ .grid .unit-list a")),
		chromedp.WaitVisible(chromedp.CSS("#h-unit-reports")),
	)
	if err != nil {
		t.Fatal(err)
	}
	page = text(t, ctx, "main")
	for _, want := range []string{unit, "Chỉ tiêu được giao", "Báo cáo của đơn vị qua các kỳ"} {
		if !strings.Contains(page, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
	shot(t, ctx, "dashboard-4-unit")
}

// TestE2EDashboardUnitStaff: unit staff see their own unit's targets only.
func TestE2EDashboardUnitStaff(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	err := chromedp.Do(ctx,
		login(base, "ttlt", seed.DemoPassword),
		chromedp.Navigate(base+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("table.targets")),
	)
	if err != nil {
		t.Fatal(err)
	}
	codes := text(t, ctx, "table.targets tbody")
	if !strings.Contains(codes, "CT10") || strings.Contains(codes, "CT05") {
		t.Errorf("staff of TTLT see targets %q", codes)
	}
	if n := count(t, ctx, "#f-scope"); n != 0 {
		t.Error("unit staff are offered other scopes")
	}
	shot(t, ctx, "dashboard-5-staff")
}

// submitFilters sends the dashboard's filter form and waits for the new page to load, so
// later steps never act on the page being left.
func submitFilters(t *testing.T, ctx context.Context) {
	t.Helper()
	before, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.dash-filters button[type=submit]"))); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		// Calls may fail while the old page is being replaced; the loop asks again and
		// fails the test after 10 s, so an error never passes for a loaded page.
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("document.readyState"))
		if loc != before && state == "complete" {
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("table.targets"))); err != nil {
				t.Fatal(err)
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the filter form did not load a new page")
}

// periodValue finds the option of the period select with the given label.
func periodValue(t *testing.T, ctx context.Context, label string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#f-period option")].find(o => o.textContent.trim() === `+
		"`"+label+"`"+`)?.value || ""`))
	if err != nil || v == "" {
		t.Fatalf("no period %q in the select: %v", label, err)
	}
	return v
}

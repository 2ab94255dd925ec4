//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/seed"
)

// TestE2EDirectorReachesReportAndDocumentAndComments: the director goes, by clicks only,
// from the dashboard (the ended plan 2320/KH-SNV, Năm 2025, whose data do not depend on the
// day) to a target's drill-down, downloads an evidence document from it, opens the unit's
// report from it and comments on the report; the unit's staff member reads the comment on
// the report and in its history.
func TestE2EDirectorReachesReportAndDocumentAndComments(t *testing.T) {
	base, st := isolatedPortal(t)
	ctx := browser(t)
	db := st.Pool()

	// a document of Văn phòng Sở (whose staff member is a demo user) in the ended plan's Năm 2025
	var planID, unitID, periodID, evidenceID, size int64
	var targetCode, unitName, fileName string
	err := db.QueryRow(context.Background(), `SELECT pl.id, t.code, u.id, u.name, p.id, e.id, f.file_name, f.size_bytes
		FROM evidence e JOIN evidence_files f ON f.document_id = e.document_id AND f.current
			JOIN reports r ON r.id = e.report_id JOIN units u ON u.id = r.unit_id
			JOIN periods p ON p.id = r.period_id JOIN targets t ON t.id = e.target_id JOIN plans pl ON pl.id = t.plan_id
		WHERE pl.code = '2320/KH-SNV' AND u.code = 'VPS' AND p.year = 2025 AND p.kind = 'year' AND r.status = 'approved'
		ORDER BY t.position LIMIT 1`).Scan(&planID, &targetCode, &unitID, &unitName, &periodID, &evidenceID, &fileName, &size)
	if err != nil {
		t.Fatalf("the demo has no evidence of VPS in 2320/KH-SNV's Năm 2025: %v", err)
	}

	if err := chromedp.Do(ctx, login(base, "giamdoc", seed.DemoPassword),
		chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/dashboard"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.targets")),
		chromedp.SetValue(chromedp.CSS("#f-plan"), fmt.Sprint(planID)),
	); err != nil {
		t.Fatal(err)
	}
	submitFilters(t, ctx)
	// the ended plan opens on its final evaluation; its overview by period is a click away
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("p.back a")), chromedp.WaitVisible(chromedp.CSS("form.dash-filters"))); err != nil {
		t.Fatal(err)
	}
	if lead := text(t, ctx, ".dash-lead"); !strings.Contains(lead, "Năm 2025") {
		t.Fatalf("the ended plan's dashboard opens on %q; want Năm 2025", lead)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//table[contains(@class,"targets")]//a[text()="`+targetCode+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#h-evidence")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "records-1-target")

	// the document: a download link on the drill-down, authorized like the report
	link := fmt.Sprintf(`a.evidence-link[href="/evidence/%d"]`, evidenceID)
	if n := count(t, ctx, link); n != 1 {
		t.Fatalf("the drill-down has %d links to the document %q", n, fileName)
	}
	dir := t.TempDir()
	got, err := os.ReadFile(download(t, ctx, dir, link))
	if err != nil || int64(len(got)) != size {
		t.Errorf("downloaded %d bytes (%v); the document has %d", len(got), err, size)
	}

	// the unit's report, from the document's row
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//section[.//h2[@id="h-evidence"]]//a[contains(@class,"open-report") and text()="`+unitName+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-remark")),
	); err != nil {
		t.Fatal(err)
	}
	if loc, want := location(t, ctx), fmt.Sprintf("/reports/%d/%d", unitID, periodID); !strings.HasSuffix(loc, want) {
		t.Errorf("the report link led to %s; want %s", loc, want)
	}
	if h := text(t, ctx, "h1"); !strings.Contains(h, unitName) || !strings.Contains(h, "Năm 2025") {
		t.Errorf("report page: %q", h)
	}
	if n := count(t, ctx, fmt.Sprintf(`a[href="/evidence/%d"]`, evidenceID)); n == 0 {
		t.Error("the report does not link its document")
	}

	comment := "Đề nghị Văn phòng Sở tổng kết kinh nghiệm chỉ tiêu " + targetCode + " để phổ biến cho các đơn vị."
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-remark"), comment),
		chromedp.Click(chromedp.CSS(`form.comment-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#comments"); !strings.Contains(got, comment) || !strings.Contains(got, "Lãnh đạo Sở") {
		t.Errorf("after commenting, the comments read %q", got)
	}
	shot(t, ctx, "records-2-commented")
	if err := chromedp.Do(ctx, logout()); err != nil {
		t.Fatal(err)
	}

	// the unit reads it on its report and in the report's history
	if err := chromedp.Do(ctx, login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(fmt.Sprintf("%s/reports/%d/%d", base, unitID, periodID)),
		chromedp.WaitVisible(chromedp.CSS("#comments")),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#comments"); !strings.Contains(got, comment) {
		t.Errorf("the unit does not read the comment: %q", got)
	}
	if n := count(t, ctx, "#f-remark"); n != 0 {
		t.Error("unit staff are offered the comment form")
	}
	if got := text(t, ctx, "#h-history + .table-wrap"); !strings.Contains(got, "Góp ý") || !strings.Contains(got, comment) {
		t.Errorf("the report's history lacks the comment: %q", got)
	}
	shot(t, ctx, "records-3-unit-reads")
}

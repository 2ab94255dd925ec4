//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestE2EExportAnnualReport: the reform office opens the exports page, previews the annual
// report for 2024, downloads the XLSX and the PDF, and the files say what the database says.
func TestE2EExportAnnualReport(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	db, err := postgres.Open(context.Background(), testdb.URL(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	var plan string // 2320/KH-SNV, which has ended: the page opens on the plan in force
	if err := db.Pool().QueryRow(context.Background(), `SELECT id::text FROM plans WHERE code = '2320/KH-SNV'`).Scan(&plan); err != nil {
		t.Fatal(err)
	}

	err = chromedp.Do(ctx,
		login(base, "cchc", "demo"),
		chromedp.Click(chromedp.CSS(`.main-nav a[href="/exports"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-plan")),
		chromedp.SetValue(chromedp.CSS("#f-plan"), plan),
		chromedp.SetValue(chromedp.CSS("#f-year"), "2024"),
		chromedp.SetValue(chromedp.CSS("#f-period"), "year"),
		chromedp.Click(chromedp.CSS(".export-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#preview")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "exports-preview-2024")
	if h := text(t, ctx, "h1"); h != "Xuất báo cáo" {
		t.Errorf("h1 = %q", h)
	}
	preview := text(t, ctx, "#preview")
	if !strings.Contains(preview, "Kết quả thực hiện công tác cải cách hành chính năm 2024") {
		t.Errorf("preview lacks the report's title: %.200q", preview)
	}
	var approved, expected int
	err = db.Pool().QueryRow(context.Background(), `SELECT
			(SELECT count(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year = 2024 AND p.kind = 'year' AND r.status = 'approved'),
			(SELECT count(DISTINCT unit_id) FROM (SELECT unit_id FROM target_assignments UNION SELECT unit_id FROM task_assignments) a)`).
		Scan(&approved, &expected)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text(t, ctx, "#stat-approved"), fmt.Sprintf("%d/%d", approved, expected); got != want {
		t.Errorf("approved units = %q, want %q", got, want)
	}

	xlsx := download(t, ctx, dir, "#dl-xlsx")
	pdf := download(t, ctx, dir, "#dl-pdf")
	checkXLSX(t, db, xlsx)
	checkPDF(t, db, pdf)

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#print-view")), chromedp.WaitVisible(chromedp.CSS(".doc-header"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "exports-print-view-2024")
	if body := text(t, ctx, "body"); !strings.Contains(body, "Độc lập - Tự do - Hạnh phúc") || !strings.Contains(body, "Nơi nhận:") {
		t.Errorf("print view lacks the Decree 30 header or Nơi nhận")
	}
}

type planTarget struct {
	id   int64
	code string
	kind string
}

func planTargets(t *testing.T, db *postgres.Store) []planTarget {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(), `SELECT t.id, t.code, t.kind FROM targets t JOIN plans p ON p.id = t.plan_id
		WHERE p.code = '2320/KH-SNV' AND t.retired_at IS NULL ORDER BY t.position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []planTarget
	for rows.Next() {
		var p planTarget
		if err := rows.Scan(&p.id, &p.code, &p.kind); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// checkXLSX opens the workbook and holds every target's quarterly values against the
// approved results in the database (mean of rates, sum of counts).
func checkXLSX(t *testing.T, db *postgres.Store, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	targets := planTargets(t, db)
	if len(targets) != 14 {
		t.Fatalf("plan has %d targets", len(targets))
	}
	kinds := []string{"q1", "h1", "q3", "year"}
	for i, tg := range targets {
		row := export.HeaderRow + 1 + i
		code, _ := f.GetCellValue(export.SheetTargets, fmt.Sprintf("B%d", row))
		if code != tg.code || code != fmt.Sprintf("CT%02d", i+1) {
			t.Errorf("row %d = %q, want %s", row, code, tg.code)
		}
		for j, k := range kinds {
			col, _ := excelize.ColumnNumberToName(8 + j)
			raw, _ := f.GetCellValue(export.SheetTargets, fmt.Sprintf("%s%d", col, row), excelize.Options{RawCellValue: true})
			if tg.kind == "milestone" {
				if raw != "Hoàn thành" && raw != "Chưa hoàn thành" && raw != "" {
					t.Errorf("%s %s = %q", tg.code, k, raw)
				}
				continue
			}
			var want *float64
			err := db.Pool().QueryRow(context.Background(), `SELECT (CASE WHEN $3 = 'count' THEN sum(tr.value)
				WHEN count(tr.denominator) = count(*) THEN sum(tr.numerator) * 100 / sum(tr.denominator)
				ELSE avg(tr.value) END)::float8
				FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods p ON p.id = r.period_id
				WHERE tr.target_id = $1 AND p.year = 2024 AND p.kind = $2 AND r.status = 'approved' AND tr.value IS NOT NULL`,
				tg.id, k, tg.kind).Scan(&want)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case want == nil && raw != "":
				t.Errorf("%s %s = %q, want empty", tg.code, k, raw)
			case want != nil:
				got, err := domain.ParseNumber(raw)
				if err != nil || math.Abs(got-*want) > 1e-9 {
					t.Errorf("%s %s = %q, want %v", tg.code, k, raw, *want)
				}
			}
		}
	}
	title, _ := f.GetCellValue(export.SheetTargets, "A2")
	if !strings.Contains(title, "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2021-2025") {
		t.Errorf("workbook's plan line = %q", title)
	}
}

// checkPDF extracts the PDF's text and looks for the plan's title with its diacritics,
// and renders its first page for people to look at.
func checkPDF(t *testing.T, db *postgres.Store, path string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	var title string
	if err := db.Pool().QueryRow(context.Background(), `SELECT title FROM plans WHERE code = '2320/KH-SNV'`).Scan(&title); err != nil {
		t.Fatal(err)
	}
	// the opening sentence: "Thực hiện Kế hoạch số … về cải cách hành chính …"
	for _, want := range []string{strings.TrimPrefix(title, "Kế hoạch "), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Kết quả thực hiện công tác cải cách hành chính năm 2024", "Nơi nhận:"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	shots := os.Getenv("E2E_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "e2e-screenshots")
	}
	if err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path,
		filepath.Join(shots, "exports-pdf-page1")).Run(); err != nil {
		t.Errorf("pdftoppm: %v", err)
	}
}

// TestE2EExportsAreForTheReformOfficeAndDirector: unit staff see no exports link and are
// refused the page and the downloads; the director may open it.
func TestE2EExportsAreForTheReformOfficeAndDirector(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, login(base, "vanphong", "demo")); err != nil {
		t.Fatal(err)
	}
	if nav := text(t, ctx, ".main-nav"); strings.Contains(nav, "Xuất báo cáo") {
		t.Errorf("staff navigation offers exports: %q", nav)
	}
	for _, path := range []string{"/exports", "/exports/report.pdf?year=2024&period=year", "/exports/results.csv"} {
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+path))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 403 {
			t.Errorf("staff GET %s = %d, want 403", path, resp.Status)
		}
	}
	if body := text(t, ctx, "main"); !strings.Contains(body, "Bạn không có quyền thực hiện thao tác này.") {
		t.Errorf("refusal page = %.100q", body)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), logout(), login(base, "giamdoc", "demo"),
		chromedp.Click(chromedp.CSS(`.main-nav a[href="/exports"]`)), chromedp.WaitVisible(chromedp.CSS("#preview"))); err != nil {
		t.Fatalf("director opens exports: %v", err)
	}
}

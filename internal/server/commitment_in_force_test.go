package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// inForceFixture is a plan of its own with one target, CT05 "≥ 80% each year", given the
// yearly commitment "2026: ≥ 100", and one unit that reported 88,6% in 2025 and in 2026,
// both approved.
type inForceFixture struct {
	p                     portal
	plan, target, unit    int64
	y2025, y2026, rep2026 int64
}

func newInForceFixture(t *testing.T) inForceFixture {
	p := startPortal(t)
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := p.st.Pool().Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	f := inForceFixture{p: p}
	f.plan = p.id(`INSERT INTO plans (code, title, issued_on, start_year, end_year, status)
		VALUES ('99/KH-TEST', 'Kế hoạch thử chỉ tiêu theo năm', '2024-12-02', 2025, 2027, 'active') RETURNING id`)
	f.target = p.id(`INSERT INTO targets (plan_id, area_id, code, text, kind, op, value, measure_unit, each_year)
		VALUES ($1, (SELECT id FROM reform_areas WHERE key = 'tthc'), 'CT05', 'Ít nhất 80% thủ tục hành chính được tích hợp, cung cấp trên Cổng dịch vụ công quốc gia',
			'percent', '>=', 80, '%', true) RETURNING id`, f.plan)
	exec(`INSERT INTO target_commitments (target_id, from_year, op, value) VALUES ($1, 2026, '>=', 100)`, f.target)
	f.unit = p.id(`INSERT INTO units (code, name, parent_id) VALUES ('KTCT', 'Phòng Kiểm tra chỉ tiêu', (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1)) RETURNING id`)
	exec(`INSERT INTO target_assignments (target_id, unit_id) VALUES ($1, $2)`, f.target, f.unit)
	for _, y := range []int{2025, 2026} {
		exec(`INSERT INTO periods (year, kind, starts_on, ends_on, deadline)
			VALUES ($1, 'year', make_date($1, 1, 1), make_date($1, 12, 31), make_date($1, 12, 20)) ON CONFLICT (year, kind) DO NOTHING`, y)
		period := p.id(`SELECT id FROM periods WHERE year = $1 AND kind = 'year'`, y)
		rep := p.id(`INSERT INTO reports (unit_id, period_id, status, submitted_at, approved_at) VALUES ($1, $2, 'approved', make_date($3, 12, 15), make_date($3, 12, 16))
			RETURNING id`, f.unit, period, y)
		exec(`INSERT INTO target_results (report_id, target_id, value, narrative) VALUES ($1, $2, 88.6, 'Đã tích hợp 31/35 thủ tục.')`, rep, f.target)
		if y == 2025 {
			f.y2025 = period
		} else {
			f.y2026, f.rep2026 = period, rep
		}
	}
	return f
}

// TestYearlyCommitmentJudgesEveryPage: CT05 given "2026: ≥ 100" and 88,6% is not met in
// 2026 on the dashboard, the drill-downs, the report form and its review, while the
// plan's ≥ 80% still judges 2025 as met.
func TestYearlyCommitmentJudgesEveryPage(t *testing.T) {
	f := newInForceFixture(t)
	p := f.p
	director, office := p.client("giamdoc"), p.client("cchc")
	const (
		miss26 = "Hết năm 2026, giá trị 88,6% chưa đạt chỉ tiêu ≥ 100%."
		met25  = "Năm 2025 đạt 88,6%, đạt chỉ tiêu ≥ 80%."
	)
	for _, tc := range []struct {
		period       int64
		class, label string
		reason, text string
	}{
		{f.y2026, "missed", "Không đạt", miss26, "≥ 100% — mỗi năm"},
		{f.y2025, "met", "Đạt", met25, "≥ 80% — mỗi năm"},
	} {
		q := "?plan=" + itoa(f.plan) + "&period=" + itoa(tc.period)
		dash := director.Get("/dashboard" + q)
		if dash.Status != http.StatusOK {
			t.Fatalf("dashboard: %d", dash.Status)
		}
		if got := statusesOnPage(dash)["CT05"]; got != tc.class {
			t.Errorf("period %d: dashboard CT05 is %q; want %q", tc.period, got, tc.class)
		}
		row := targetRow(dash, "CT05")
		for _, want := range []string{tc.reason, tc.text} {
			if !strings.Contains(row, want) {
				t.Errorf("period %d: the dashboard's CT05 row lacks %q: %s", tc.period, want, row)
			}
		}
		target := director.Get("/dashboard/targets/" + itoa(f.target) + q)
		for _, want := range []string{tc.label, tc.reason, tc.text} {
			if !target.HasText(`section[aria-labelledby="h-verdict"] dl.facts dd`, want) {
				t.Errorf("period %d: target drill-down's verdict lacks %q", tc.period, want)
			}
		}
		unit := director.Get("/dashboard/units/" + itoa(f.unit) + q)
		for _, want := range []string{tc.label, tc.reason, tc.text} {
			if !unit.HasText(`section[aria-labelledby="h-unit-targets"] tbody tr`, want) {
				t.Errorf("period %d: unit drill-down's target row lacks %q", tc.period, want)
			}
		}
		form := office.Get("/reports/" + itoa(f.unit) + "/" + itoa(tc.period))
		if !form.HasText("article.result p.result-meta", tc.text) {
			t.Errorf("period %d: the report form does not show the commitment in force %q", tc.period, tc.text)
		}
	}
	// the drill-down's history keeps 2025 met beside 2026 not met
	target := director.Get("/dashboard/targets/" + itoa(f.target) + "?plan=" + itoa(f.plan) + "&period=" + itoa(f.y2026))
	if !target.HasText(`section[aria-labelledby="h-chart"] tbody tr p.reason`, met25) {
		t.Error("the 2026 drill-down's history lost 2025's verdict")
	}
	review := office.Get("/review/" + itoa(f.rep2026))
	for _, want := range []string{"Không đạt", miss26} {
		if !review.HasText("article.result .result-value p", want) {
			t.Errorf("review of the 2026 report lacks %q beside the result", want)
		}
	}
}

// TestYearlyCommitmentJudgesEveryExport: the same through the XLSX, PDF and CSV exports.
func TestYearlyCommitmentJudgesEveryExport(t *testing.T) {
	f := newInForceFixture(t)
	p := f.p
	office := p.client("cchc")
	for _, tc := range []struct {
		year                string
		label, reason, text string
		prose               string // the PDF's narrative report words the same verdict
	}{
		{"2026", "Không đạt", "Hết năm 2026, giá trị 88,6% chưa đạt chỉ tiêu ≥ 100%.", "≥ 100% — mỗi năm",
			"năm 2026 đạt 88,6%, chưa đạt chỉ tiêu 100% hằng năm của Kế hoạch (không đạt)"},
		{"2025", "Đạt", "Năm 2025 đạt 88,6%, đạt chỉ tiêu ≥ 80%.", "≥ 80% — mỗi năm",
			"năm 2025 đạt 88,6%, đạt chỉ tiêu tối thiểu 80% hằng năm của Kế hoạch"},
	} {
		q := "?plan=" + itoa(f.plan) + "&year=" + tc.year + "&period=year"
		res := office.Get("/exports/report.xlsx" + q)
		code, raw := res.Status, res.Body
		if code != http.StatusOK {
			t.Fatalf("%s xlsx: %d %s", tc.year, code, raw)
		}
		xf, err := excelize.OpenReader(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, sheet := range xf.GetSheetList() {
			rows, _ := xf.GetRows(sheet)
			for _, row := range rows {
				line := strings.Join(row, "|")
				if strings.Contains(line, "CT05") && strings.Contains(line, tc.reason) {
					found = true
					for _, want := range []string{tc.label, tc.text} {
						if !strings.Contains(line, want) {
							t.Errorf("%s xlsx row of CT05 lacks %q: %s", tc.year, want, line)
						}
					}
				}
			}
		}
		if !found {
			t.Errorf("%s xlsx has no CT05 row with %q", tc.year, tc.reason)
		}

		res = office.Get("/exports/report.pdf" + q)
		code, raw = res.Status, res.Body
		if code != http.StatusOK {
			t.Fatalf("%s pdf: %d", tc.year, code)
		}
		path := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(path, []byte(raw), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext (poppler-utils): %v", err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{tc.prose} {
			if !strings.Contains(text, want) {
				t.Errorf("%s pdf lacks %q", tc.year, want)
			}
		}

		res = office.Get("/exports/results.csv" + q)
		code, raw = res.Status, res.Body
		if code != http.StatusOK {
			t.Fatalf("%s csv: %d", tc.year, code)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(raw), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for _, rec := range recs[1:] {
			if rec[4] != "CT05" || rec[0] != "KTCT" {
				continue
			}
			rows++
			if got := rec[len(rec)-3:]; got[0] != tc.text || got[1] != tc.label || got[2] != tc.reason {
				t.Errorf("%s csv: %q; want %q, %q, %q", tc.year, got, tc.text, tc.label, tc.reason)
			}
		}
		if rows != 1 {
			t.Errorf("%s csv has %d rows of CT05 for KTCT; want 1", tc.year, rows)
		}
	}
}

package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
)

// formulaLike is what a spreadsheet would run: a cell starting with = + - @ (or a tab or
// carriage return before them) that is not simply a number.
func formulaLike(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	return err != nil
}

// TestEveryTextCellIsSpreadsheetSafe: a target code, a unit name, a target text and a
// narrative that start like formulas come out of results.csv and report.xlsx as text
// (escaped with a leading apostrophe), in every column and every sheet.
func TestEveryTextCellIsSpreadsheetSafe(t *testing.T) {
	st, planID := demo(t)
	ctx := context.Background()
	hostile := map[string]string{
		`UPDATE targets SET code = $1 WHERE plan_id = $2 AND code = 'CT01'`:         `=cmd|'/C calc'!A0`,
		`UPDATE targets SET text = $1 WHERE plan_id = $2 AND code = 'CT02'`:         `@SUM(1+1)*cmd|' /C calc'!A0`,
		`UPDATE units SET name = $1 WHERE code = 'VPS' AND $2::bigint > 0`:          `+HYPERLINK("http://evil.example","Xem")`,
		`UPDATE targets SET measure_unit = $1 WHERE plan_id = $2 AND code = 'CT03'`: "-2+3",
	}
	undo := []string{
		`UPDATE targets SET code = 'CT01' WHERE plan_id = $1 AND code = '=cmd|''/C calc''!A0'`,
	}
	var keep struct{ text, name, mu string }
	if err := st.Pool().QueryRow(ctx, `SELECT (SELECT text FROM targets WHERE plan_id = $1 AND code = 'CT02'),
		(SELECT name FROM units WHERE code = 'VPS'), (SELECT measure_unit FROM targets WHERE plan_id = $1 AND code = 'CT03')`, planID).
		Scan(&keep.text, &keep.name, &keep.mu); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = st.Pool().Exec(ctx, undo[0], planID)
		_, _ = st.Pool().Exec(ctx, `UPDATE targets SET text = $1 WHERE plan_id = $2 AND code = 'CT02'`, keep.text, planID)
		_, _ = st.Pool().Exec(ctx, `UPDATE units SET name = $1 WHERE code = 'VPS'`, keep.name)
		_, _ = st.Pool().Exec(ctx, `UPDATE targets SET measure_unit = $1 WHERE plan_id = $2 AND code = 'CT03'`, keep.mu, planID)
	})
	for q, v := range hostile {
		if _, err := st.Pool().Exec(ctx, q, v, planID); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var rid, tid int64
	var narrative string
	err := st.Pool().QueryRow(ctx, `SELECT tr.report_id, tr.target_id, tr.narrative
		FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods p ON p.id = r.period_id
		WHERE p.year = 2024 AND r.status = 'approved' ORDER BY 1, 2 LIMIT 1`).Scan(&rid, &tid, &narrative)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE target_results SET narrative = '=1+2' WHERE report_id = $1 AND target_id = $2`, rid, tid); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = st.Pool().Exec(ctx, `UPDATE target_results SET narrative = $3 WHERE report_id = $1 AND target_id = $2`, rid, tid, narrative)
	})
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, Header: header()})

	var csvBuf bytes.Buffer
	if err := export.WriteCSV(ctx, &csvBuf, st, r); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(csvBuf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seenCode := false
	for i, rec := range recs {
		for j, c := range rec {
			if formulaLike(c) {
				t.Errorf("results.csv row %d column %q: %q is read as a formula", i, recs[0][j], c)
			}
			seenCode = seenCode || c == `'=cmd|'/C calc'!A0`
		}
	}
	if !seenCode {
		t.Error("the hostile target code is not in results.csv as escaped text")
	}

	var xBuf bytes.Buffer
	if err := export.WriteXLSX(&xBuf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xBuf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seenCode = false
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, c := range row {
				if formulaLike(c) {
					t.Errorf("report.xlsx %s!%s: %q is read as a formula", sh, cell(j+1, i+1), c)
				}
				seenCode = seenCode || c == `'=cmd|'/C calc'!A0`
			}
		}
	}
	if !seenCode {
		t.Error("the hostile target code is not in report.xlsx as escaped text")
	}
}

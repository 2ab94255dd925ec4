package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/documents"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reportdoc"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	demoOnce sync.Once
	demoErr  error
)

// demo loads the demo data set once for the package on the tests' day (testdb.Now); what
// a test expects of the open periods it reads from the data, not from the calendar.
var demoNow = testdb.Now()

func demo(t *testing.T) (*postgres.Store, int64) {
	t.Helper()
	st := testdb.Store(t)
	ctx := context.Background()
	demoOnce.Do(func() { _, demoErr = seed.Demo(ctx, st, demoNow) })
	if demoErr != nil {
		t.Fatalf("seed demo: %v", demoErr)
	}
	id, err := st.PlanIDByCode(ctx, "2320/KH-SNV")
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}

func header() export.Header {
	return export.Header{GoverningBody: "UBND tỉnh Lâm Đồng", IssuingBody: "SỞ NỘI VỤ", Number: "05/BC-SNV", Place: "Lâm Đồng",
		Date: time.Date(2024, 12, 16, 0, 0, 0, 0, domain.Location), SignerTitle: []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
		SignerName: "Trần Văn Minh", Recipients: []string{"Bộ Nội vụ", "UBND tỉnh", "Giám đốc Sở", "Lưu: VT, CCHC"}}
}

func build(t *testing.T, st *postgres.Store, p export.Params) *export.Report {
	t.Helper()
	r, err := export.Build(context.Background(), st, p, demoNow)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

// sqlValue computes a target's department-wide value for a period straight from the
// tables, independently of the export's code: mean of rates, sum of counts.
func sqlValue(t *testing.T, st *postgres.Store, targetID int64, year int, kind string) *float64 {
	t.Helper()
	var v *float64
	err := st.Pool().QueryRow(context.Background(), `SELECT CASE WHEN t.kind = 'count' THEN sum(tr.value)
			WHEN count(tr.denominator) = count(*) THEN sum(tr.numerator) * 100 / sum(tr.denominator) -- a ratio: Σ numerators / Σ denominators
			ELSE avg(tr.value) END::float8
		FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods p ON p.id = r.period_id
		JOIN targets t ON t.id = tr.target_id
		WHERE tr.target_id = $1 AND p.year = $2 AND p.kind = $3 AND r.status = 'approved' AND tr.value IS NOT NULL
		GROUP BY t.kind`, targetID, year, kind).Scan(&v)
	if err != nil && !strings.Contains(err.Error(), "no rows") {
		t.Fatal(err)
	}
	return v
}

// sqlUnits is each unit's approved value of a target in a period, read independently of
// the export: growth targets compare the same units in both years.
func sqlUnits(t *testing.T, st *postgres.Store, targetID int64, year int, kind string) []domain.UnitFigure {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `SELECT r.unit_id, tr.value::float8
		FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods p ON p.id = r.period_id
		WHERE tr.target_id = $1 AND p.year = $2 AND p.kind = $3 AND r.status = 'approved' AND tr.value IS NOT NULL`, targetID, year, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []domain.UnitFigure
	for rows.Next() {
		var f domain.UnitFigure
		if err := rows.Scan(&f.Unit, &f.Value); err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func near(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-9
}

func TestAnnualReportMatchesTheTables(t *testing.T) {
	st, planID := demo(t)
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, Header: header()})
	if len(r.Columns) != 4 {
		t.Fatalf("columns = %d, want q1, h1, q3, year", len(r.Columns))
	}
	if len(r.Targets) != 14 {
		t.Fatalf("targets = %d, want 14", len(r.Targets))
	}
	for i, tr := range r.Targets {
		if want := "CT" + twoDigits(i+1); tr.Code != want {
			t.Errorf("target %d = %s, want %s", i, tr.Code, want)
		}
		for j, c := range r.Columns {
			want := sqlValue(t, st, tr.ID, 2024, string(c.Kind))
			if tr.Kind != domain.KindMilestone && !near(tr.Cells[j].Value, want) {
				t.Errorf("%s %s = %v, want %v", tr.Code, c.Label, deref(tr.Cells[j].Value), deref(want))
			}
		}
		if tr.Eval.Status == "" || tr.Eval.Reason.Zero() {
			t.Errorf("%s has no evaluation", tr.Code)
		}
	}
	// Each status is what domain.Evaluate says on the target's history since the plan
	// began, aggregated independently here: the rule the dashboard applies.
	for _, tr := range r.Targets {
		if tr.Kind == domain.KindMilestone {
			continue
		}
		var obs []domain.Observation
		for year := 2021; year <= 2024; year++ {
			for _, k := range domain.RegimePeriods() {
				if v := sqlValue(t, st, tr.ID, year, string(k)); v != nil {
					o := domain.Observation{Year: year, Slot: k.Slot(), Value: v}
					if tr.Kind == domain.KindGrowth {
						o.Units = sqlUnits(t, st, tr.ID, year, string(k))
					}
					obs = append(obs, o)
				}
			}
		}
		if want := domain.Evaluate(tr.Base, tr.Schedule, obs, 2024, 4); want.Status != tr.Eval.Status || want.Reason.Text(i18n.VI) != tr.Eval.Reason.Text(i18n.VI) {
			t.Errorf("%s status = %s (%s), want %s (%s)", tr.Code, tr.Eval.Status, tr.Eval.Reason.Text(i18n.VI), want.Status, want.Reason.Text(i18n.VI))
		}
	}
	if len(r.Units) != 6 || r.Approved+len(r.Missing) != 6 {
		t.Errorf("units %d, approved %d, missing %d", len(r.Units), r.Approved, len(r.Missing))
	}
	if len(r.Evidence) == 0 {
		t.Error("no evidence listed for 2024")
	}
	for _, e := range r.Evidence {
		if e.Number == "" || e.Date == nil || e.Issuer == "" || !strings.HasSuffix(e.FileName, ".pdf") {
			t.Errorf("evidence row %+v", e)
			break
		}
	}
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestXLSXHoldsEveryTargetWithItsQuarters(t *testing.T) {
	st, planID := demo(t)
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, Header: header()})
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	save(t, "bao-cao-2024.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{export.SheetSummary, export.SheetTargets, export.SheetTasks, export.SheetReporting, export.SheetEvidence}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %v", got)
	}
	rows, err := f.GetRows(export.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	head := rows[export.HeaderRow-1]
	for i, h := range []string{"STT", "Mã", "Lĩnh vực", "Chỉ tiêu", "Loại chỉ tiêu", "Đơn vị tính", "Mức chỉ tiêu",
		"Quý I 2024", "6 tháng 2024", "Quý III 2024", "Năm 2024", "Đơn vị có số liệu", "Đánh giá", "Căn cứ đánh giá", "Cách tính số liệu kỳ báo cáo"} {
		if head[i] != h {
			t.Errorf("heading %d = %q, want %q", i, head[i], h)
		}
	}
	for i, tr := range r.Targets {
		cellRow := export.HeaderRow + 1 + i
		code, _ := f.GetCellValue(export.SheetTargets, cell(2, cellRow))
		if code != tr.Code {
			t.Errorf("row %d code = %q, want %s", cellRow, code, tr.Code)
		}
		for j := range r.Columns {
			raw, _ := f.GetCellValue(export.SheetTargets, cell(8+j, cellRow), excelize.Options{RawCellValue: true})
			c := tr.Cells[j]
			switch {
			case c.Done != nil:
				if raw != export.ValueText(tr, c) {
					t.Errorf("%s col %d = %q, want %q", tr.Code, j, raw, export.ValueText(tr, c))
				}
			case c.Value == nil:
				if raw != "" {
					t.Errorf("%s col %d = %q, want empty", tr.Code, j, raw)
				}
			default:
				got, err := domain.ParseNumber(raw)
				if err != nil || math.Abs(got-*c.Value) > 1e-9 {
					t.Errorf("%s col %d = %q, want %v", tr.Code, j, raw, *c.Value)
				}
			}
		}
		status, _ := f.GetCellValue(export.SheetTargets, cell(13, cellRow))
		if status != tr.Eval.Status.Label(domain.LangVI) {
			t.Errorf("%s status = %q", tr.Code, status)
		}
	}
	panes, err := f.GetPanes(export.SheetTargets)
	if err != nil || !panes.Freeze || panes.YSplit != export.HeaderRow {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	layout, err := f.GetPageLayout(export.SheetTargets)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout = %+v, %v", layout, err)
	}
	names := f.GetDefinedName()
	found := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == export.SheetTargets && strings.Contains(n.RefersTo, "$5:$5") {
			found = true
		}
	}
	if !found {
		t.Errorf("no repeated title rows on %s: %+v", export.SheetTargets, names)
	}
	ev, _ := f.GetRows(export.SheetEvidence)
	if len(ev)-export.HeaderRow != len(r.Evidence) {
		t.Errorf("evidence rows = %d, want %d", len(ev)-export.HeaderRow, len(r.Evidence))
	}
	if len(r.Evidence) > 0 {
		first := ev[export.HeaderRow]
		e := r.Evidence[0]
		if first[1] != e.Number || first[2] != domain.FormatDate(*e.Date) || first[3] != e.Issuer || first[4] != e.FileName {
			t.Errorf("evidence row = %q, want %+v", first, e)
		}
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func TestPDFIsSearchableVietnamese(t *testing.T) {
	st, planID := demo(t)
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, Header: header()})
	var buf bytes.Buffer
	if err := writePDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	path := save(t, "bao-cao-2024.pdf", buf.Bytes())
	text := pdfText(t, path)
	for _, want := range []string{
		"UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 05/BC-SNV",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Lâm Đồng, ngày 16 tháng 12 năm 2024", "BÁO CÁO",
		"Kết quả thực hiện công tác cải cách hành chính năm 2024",
		"Thực hiện Kế hoạch số 2320/KH-SNV ngày 14/12/2021",
		"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
		"II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
		"III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", "V. ĐỀ XUẤT, KIẾN NGHỊ",
		"Nơi nhận:", "- Bộ Nội vụ;", "- Lưu: VT, CCHC.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh",
		"Phụ lục", "(Kèm theo Báo cáo số 05/BC-SNV ngày 16/12/2024 của Sở Nội vụ)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, tr := range r.Targets {
		if !strings.Contains(text, "(chỉ tiêu "+tr.Code+")") {
			t.Errorf("PDF lacks target %s", tr.Code)
		}
	}
	// Page 1 has no number; page 2 starts with "2".
	pages := strings.Split(text, "\f")
	if len(pages) < 3 || strings.Fields(pages[1])[0] != "2" || strings.Contains(pages[0][:40], "1 ") {
		t.Errorf("page numbers: page 1 %.40q, page 2 %.40q", pages[0], pages[1])
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("pdffonts (poppler-utils): %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
	if len(lines) != 4 {
		t.Errorf("fonts = %d, want Liberation Serif in 4 styles:\n%s", len(lines), fonts)
	}
	for _, line := range lines {
		f := strings.Fields(line)
		// name type… encoding emb sub uni object id: embedded, with a ToUnicode map for search
		if !strings.Contains(strings.ToLower(f[0]), "liberationserif") || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded and searchable: %s", line)
		}
	}
}

// writePDF writes the narrative report of r's period as /exports/report.pdf does: the
// draft a report document of the period starts from, with the form's header.
func writePDF(w io.Writer, r *export.Report) error {
	return reportdoc.WritePDF(w, documents.DraftDocument(documents.Compose(r, documents.Kind(r.Kind), nil), r, r.Header))
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	pages := strings.Split(string(out), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(strings.ReplaceAll(p, "\n", " \n ")), " ")
		pages[i] = strings.ReplaceAll(pages[i], " \n ", "\n")
	}
	return strings.Join(pages, "\f")
}

func TestCSVRawResults(t *testing.T) {
	st, planID := demo(t)
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, Header: header()})
	var buf bytes.Buffer
	if err := export.WriteCSV(context.Background(), &buf, st, r); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want int
	err = st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM target_results tr JOIN reports r ON r.id = tr.report_id
		JOIN periods p ON p.id = r.period_id WHERE p.year = 2024 AND r.status = 'approved'`).Scan(&want)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != want {
		t.Errorf("rows = %d, want %d", len(recs)-1, want)
	}
	if strings.Join(recs[0], "|") != strings.Join(export.CSVHeader, "|") {
		t.Errorf("header = %q", recs[0])
	}
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		key := rec[0] + rec[3] + rec[4]
		if seen[key] {
			t.Fatalf("duplicate unit × period × target %s", key)
		}
		seen[key] = true
		if rec[12] != domain.ReportStatus("approved").Label(domain.LangVI) {
			t.Fatalf("status %q in an approved-only export", rec[12])
		}
	}
}

func TestIncludingSubmittedSaysSoOnTheCover(t *testing.T) {
	st, _ := demo(t)
	ctx := context.Background()
	planID, err := st.PlanIDByCode(ctx, seed.SuccessorCode)
	if err != nil {
		t.Fatal(err)
	}
	// an open period of the plan in force with reports submitted and awaiting review (and,
	// where the day allows, approved ones): what the demo holds on the tests' day
	var periodID int64
	var year, approved, submitted, expected int
	var kind string
	if err := st.Pool().QueryRow(ctx, `WITH c AS (SELECT p.id, p.year, p.kind, p.ends_on,
			count(*) FILTER (WHERE r.status = 'approved') AS a, count(*) FILTER (WHERE r.status = 'submitted') AS s
			FROM periods p JOIN reports r ON r.period_id = p.id WHERE p.year >= 2026 GROUP BY p.id)
		SELECT id, year, kind, a, s, (SELECT count(DISTINCT unit_id) FROM (
				SELECT a.unit_id FROM target_assignments a JOIN targets t ON t.id = a.target_id WHERE t.plan_id = $1
				UNION SELECT a.unit_id FROM task_assignments a JOIN tasks k ON k.id = a.task_id WHERE k.plan_id = $1) u)
		FROM c WHERE s > 0 ORDER BY (a > 0) DESC, ends_on DESC LIMIT 1`, planID).Scan(&periodID, &year, &kind, &approved, &submitted, &expected); err != nil {
		t.Fatalf("no period with submitted reports on %s: %v", domain.FormatDate(demoNow), err)
	}
	k := domain.PeriodKind(kind)
	only := build(t, st, export.Params{PlanID: planID, Year: year, Kind: k, Header: header()})
	with := build(t, st, export.Params{PlanID: planID, Year: year, Kind: k, IncludeSubmitted: true, Header: header()})
	if only.Approved != approved || only.Submitted != submitted || len(only.Missing) != expected-approved {
		t.Errorf("approved-only: approved %d submitted %d missing %d; the tables say %d, %d, %d",
			only.Approved, only.Submitted, len(only.Missing), approved, submitted, expected-approved)
	}
	if len(with.Missing) != expected-approved-submitted {
		t.Errorf("with submitted: missing %d, want %d", len(with.Missing), expected-approved-submitted)
	}
	if only.Notice() != "" {
		t.Error("approved-only report carries the notice")
	}
	if n := with.Notice(); !strings.Contains(n, "chưa được phê duyệt") {
		t.Errorf("notice = %q", n)
	}
	if only.Period().Kind != k || only.Period().Period.Year != year {
		t.Errorf("columns = %+v", only.Columns)
	}
	// counting submitted reports adds their units to a target's figure
	var ctID int64
	var unitsOnly, unitsWith int
	if err := st.Pool().QueryRow(ctx, `SELECT t.id, count(*) FILTER (WHERE r.status = 'approved'), count(*)
		FROM targets t JOIN target_results tr ON tr.target_id = t.id JOIN reports r ON r.id = tr.report_id
		WHERE t.plan_id = $1 AND r.period_id = $2 AND r.status IN ('approved', 'submitted') AND tr.value IS NOT NULL
		GROUP BY t.id ORDER BY count(*) FILTER (WHERE r.status = 'submitted') DESC, t.position LIMIT 1`, planID, periodID).Scan(&ctID, &unitsOnly, &unitsWith); err != nil {
		t.Fatal(err)
	}
	ct := func(r *export.Report) export.Cell {
		for _, t := range r.Targets {
			if t.ID == ctID {
				return t.Current()
			}
		}
		return export.Cell{}
	}
	if ct(only).Units != unitsOnly || ct(with).Units != unitsWith || unitsWith <= unitsOnly {
		t.Errorf("units counted: approved-only %d, with submitted %d; the tables say %d, %d", ct(only).Units, ct(with).Units, unitsOnly, unitsWith)
	}
	var buf bytes.Buffer
	if err := writePDF(&buf, with); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, save(t, fmt.Sprintf("bao-cao-%s-%d-chua-duyet.pdf", kind, year), buf.Bytes()))
	if !strings.Contains(text, "Báo cáo có sử dụng số liệu chưa được phê duyệt") {
		t.Error("PDF cover does not say unapproved data are counted")
	}
}

func TestScopeIsAUnitSubtree(t *testing.T) {
	st, planID := demo(t)
	vps, err := st.UnitIDByCode(context.Background(), "VPS")
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, st, export.Params{PlanID: planID, Year: 2024, Kind: domain.PeriodYear, ScopeUnitID: vps, Header: header()})
	if len(r.Units) != 1 || r.Units[0].Code != "VPS" || r.Scope.Code != "VPS" {
		t.Fatalf("units = %+v", r.Units)
	}
	for _, tr := range r.Targets {
		if tr.Code == "CT10" && (tr.Assigned != 0 || !tr.Current().Empty()) {
			t.Errorf("CT10 (TTLT's) in VPS's scope: %+v", tr)
		}
	}
	if _, err := export.Build(context.Background(), st, export.Params{PlanID: planID, Year: 2019, Kind: domain.PeriodYear}, demoNow); err == nil {
		t.Error("a year without periods gave a report")
	}
}

// save writes an output for people to look at when EXPORT_OUT names a directory,
// else into the test's temporary directory; it returns the path.
func save(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := os.Getenv("EXPORT_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Package planxlsx is the plan spreadsheet: the template the reform office fills to
// enter a whole plan (sheets Kế hoạch, Chỉ tiêu, Nhiệm vụ, Phân công, with drop-down
// lists from a Danh mục sheet), the export of a plan into the same template, and the
// reader and row checker for an uploaded copy. Checking is pure: it needs the codes
// that exist (domain.Refs), not a database.
package planxlsx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Sheet names, as the clerk sees them.
const (
	SheetPlan    = "Kế hoạch"
	SheetTargets = "Chỉ tiêu"
	SheetTasks   = "Nhiệm vụ"
	SheetAssign  = "Phân công"
	SheetLists   = "Danh mục"
)

// Values of the assignments sheet's first column.
const (
	ItemTarget = "Chỉ tiêu"
	ItemTask   = "Nhiệm vụ"
)

// column is one column of a list sheet: its Vietnamese header and the field it fills
// (the Field of domain.Problem it collects).
type column struct {
	Header string
	Field  string
	Width  float64
	Text   bool   // formatted as text so Excel keeps codes and dates as typed
	List   string // drop-down source on the lists sheet, if any
}

var targetColumns = []column{
	{"Mã chỉ tiêu", "code", 12, true, ""},
	{"Lĩnh vực (mã)", "area", 14, true, "$A$2:$A$%d"},
	{"Nội dung chỉ tiêu", "text", 60, false, ""},
	{"Loại chỉ tiêu", "kind", 24, false, "$D$2:$D$5"},
	{"So sánh", "op", 9, true, "$F$2:$F$6"},
	{"Giá trị chỉ tiêu", "value", 12, false, ""},
	{"Đơn vị tính", "measure_unit", 12, false, ""},
	{"Giá trị gốc", "baseline", 11, false, ""},
	{"Năm hoàn thành", "deadline_year", 11, false, ""},
	{"Mỗi năm (x)", "each_year", 10, true, "$K$2:$K$2"},
	{"Chỉ tiêu theo năm (2024: ≥ 95; 2025: ≥ 100)", "schedule", 30, true, ""},
	{"Tỷ lệ theo số đếm: tử số (ví dụ: hồ sơ giải quyết đúng hạn)", "numerator", 26, false, ""},
	{"Tỷ lệ theo số đếm: mẫu số (ví dụ: hồ sơ tiếp nhận)", "denominator", 26, false, ""},
}

// formerHeaders are headers of earlier templates, still read: a plan filled in before
// the template said "chỉ tiêu" for the plan's required level imports as it did.
var formerHeaders = map[string]string{
	"Giá trị cam kết":                            "value",
	"Cam kết theo năm (2024: ≥ 95; 2025: ≥ 100)": "schedule",
}

// optionalFields may be missing from an uploaded sheet (an earlier template without the
// ratio columns): their cells read as empty.
var optionalFields = map[string]bool{"numerator": true, "denominator": true}

var taskColumns = []column{
	{"Mã nhiệm vụ", "code", 12, true, ""},
	{"Lĩnh vực (mã)", "area", 14, true, "$A$2:$A$%d"},
	{"Nội dung nhiệm vụ", "text", 60, false, ""},
	{"Đơn vị chủ trì (mã)", "lead", 14, true, "$H$2:$H$%d"},
	{"Đơn vị phối hợp (mã, cách nhau dấu phẩy)", "cooperating", 22, true, ""},
	{"Thời hạn (dd/mm/yyyy)", "deadline", 14, true, ""},
	{"Ghi chú thời hạn", "deadline_note", 16, false, ""},
	{"Sản phẩm", "output", 40, false, ""},
}

var assignColumns = []column{
	{"Loại", "item", 12, true, "$M$2:$M$3"},
	{"Mã chỉ tiêu/nhiệm vụ", "code", 20, true, ""},
	{"Mã đơn vị báo cáo", "unit", 18, true, "$H$2:$H$%d"},
}

// planRows are the labels of the plan sheet, one fact a row; "Căn cứ" repeats.
var planRows = []struct{ Label, Field string }{
	{"Số hiệu kế hoạch", "code"},
	{"Tên kế hoạch", "title"},
	{"Ngày ban hành (dd/mm/yyyy)", "issued_on"},
	{"Cơ quan/người ban hành", "issued_by"},
	{"Năm bắt đầu", "start_year"},
	{"Năm kết thúc", "end_year"},
	{"Mục tiêu", "goal"},
	{"Căn cứ", "basis"},
}

// Item is one entry of a drop-down list: a code and its name.
type Item struct{ Code, Name string }

// Lists are the codes the drop-downs offer: reform areas by key and units by code.
type Lists struct {
	Areas []Item
	Units []Item
}

// dataRows is how many rows of each list sheet carry the drop-downs.
const dataRows = 1000

// Write writes the template with spec filled in (an empty spec gives the blank template).
func Write(w io.Writer, spec domain.PlanSpec, lists Lists) error {
	f := excelize.NewFile()
	defer f.Close()
	tw := &writer{f: f, lists: lists}
	steps := []func(domain.PlanSpec) error{tw.planSheet, tw.targetSheet, tw.taskSheet, tw.assignSheet, tw.listSheet}
	for _, step := range steps {
		if err := step(spec); err != nil {
			return fmt.Errorf("planxlsx: write: %w", err)
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return fmt.Errorf("planxlsx: write: %w", err)
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("planxlsx: write: %w", err)
	}
	return nil
}

type writer struct {
	f      *excelize.File
	lists  Lists
	header int
	text   int
	wrap   int
}

func (tw *writer) styles() error {
	if tw.header != 0 {
		return nil
	}
	var err error
	tw.header, err = tw.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return err
	}
	tw.text, err = tw.f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	tw.wrap, err = tw.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return err
}

func (tw *writer) planSheet(spec domain.PlanSpec) error {
	if err := tw.styles(); err != nil {
		return err
	}
	f, sh := tw.f, SheetPlan
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	h := spec.Header
	values := map[string]any{"code": h.Code, "title": h.Title, "issued_by": h.IssuedBy, "goal": h.Goal}
	if !h.IssuedOn.IsZero() {
		values["issued_on"] = domain.FormatDate(h.IssuedOn)
	}
	if h.StartYear != 0 {
		values["start_year"] = h.StartYear
	}
	if h.EndYear != 0 {
		values["end_year"] = h.EndYear
	}
	rows := [][]any{{"Thông tin", "Nội dung", nil, "Hướng dẫn"}}
	for _, r := range planRows[:len(planRows)-1] {
		rows = append(rows, []any{r.Label, values[r.Field]})
	}
	basis := h.Basis
	for len(basis) < 3 {
		basis = append(basis, "")
	}
	for _, b := range basis {
		rows = append(rows, []any{"Căn cứ", b})
	}
	for i, r := range rows {
		r = sheetRow(r)
		if err := f.SetSheetRow(sh, cell(1, i+1), &r); err != nil {
			return err
		}
	}
	guide := []string{
		"Điền thông tin kế hoạch ở cột B; mỗi văn bản căn cứ một dòng \"Căn cứ\" (thêm dòng nếu cần).",
		"Trang \"Chỉ tiêu\" và \"Nhiệm vụ\": mỗi dòng một chỉ tiêu/nhiệm vụ, theo thứ tự trong kế hoạch.",
		"Lĩnh vực, loại chỉ tiêu và mã đơn vị chọn trong danh sách (xem trang \"Danh mục\").",
		"Chỉ tiêu áp dụng hằng năm: đánh x ở cột \"Mỗi năm\"; nếu không, ghi năm hoàn thành.",
		"Chỉ tiêu tỷ lệ tính theo hai số đếm (ví dụ: hồ sơ giải quyết đúng hạn / hồ sơ tiếp nhận): ghi tên tử số và mẫu số; đơn vị báo cáo nhập cả hai số, tỷ lệ chung là tổng tử số / tổng mẫu số.",
		"Trang \"Phân công\": mỗi dòng một đơn vị báo cáo một chỉ tiêu hoặc nhiệm vụ.",
		"Số thập phân ghi 12,5 hoặc 12.5; ngày ghi dd/mm/yyyy.",
	}
	for i, g := range guide {
		if err := f.SetCellStr(sh, cell(4, i+2), g); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", "D1", tw.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "B2", cell(2, len(rows)+20), tw.text); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 28, "B": 70, "C": 2, "D": 80} {
		if err := f.SetColWidth(sh, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func (tw *writer) targetSheet(spec domain.PlanSpec) error {
	rows := make([][]any, 0, len(spec.Targets))
	for _, t := range spec.Targets {
		rows = append(rows, targetCells(t))
	}
	return tw.listSheetOf(SheetTargets, targetColumns, rows)
}

// targetCells is a target's row in targetColumns order; numbers stay numbers so Excel
// can sum and sort them.
func targetCells(t domain.TargetSpec) []any {
	var op, value, baseline, deadline, each any
	if t.Kind != domain.KindMilestone {
		op = t.Op.Symbol()
	}
	if t.Value != nil {
		value = *t.Value
	}
	if t.Baseline != nil {
		baseline = *t.Baseline
	}
	if t.DeadlineYear != 0 {
		deadline = t.DeadlineYear
	}
	if t.EachYear {
		each = "x"
	}
	return []any{t.Code, t.Area, t.Text, t.Kind.Label(domain.LangVI), op, value, t.MeasureUnit, baseline, deadline, each,
		domain.ScheduleText(t.Schedule), t.Ratio.Numerator, t.Ratio.Denominator}
}

// TargetRecord is the record Read and Check see for a target written by Write: each
// cell's raw text by field (numbers as Excel stores them).
func TargetRecord(t domain.TargetSpec) map[string]string {
	rec := map[string]string{}
	for i, v := range targetCells(t) {
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		case int:
			s = strconv.Itoa(x)
		}
		rec[targetColumns[i].Field] = s
	}
	return rec
}

func (tw *writer) taskSheet(spec domain.PlanSpec) error {
	rows := make([][]any, 0, len(spec.Tasks))
	for _, t := range spec.Tasks {
		deadline := ""
		if t.Deadline != nil {
			deadline = domain.FormatDate(*t.Deadline)
		}
		rows = append(rows, []any{t.Code, t.Area, t.Text, t.Lead, joinCodes(t.Cooperating), deadline, t.DeadlineNote, t.Output})
	}
	return tw.listSheetOf(SheetTasks, taskColumns, rows)
}

func (tw *writer) assignSheet(spec domain.PlanSpec) error {
	var rows [][]any
	for _, t := range spec.Targets {
		for _, u := range t.Units {
			rows = append(rows, []any{ItemTarget, t.Code, u})
		}
	}
	for _, t := range spec.Tasks {
		for _, u := range t.Units {
			rows = append(rows, []any{ItemTask, t.Code, u})
		}
	}
	return tw.listSheetOf(SheetAssign, assignColumns, rows)
}

// listSheetOf writes a sheet of one record a row under a frozen header, with text
// formats and drop-downs on the first dataRows rows.
func (tw *writer) listSheetOf(sh string, cols []column, rows [][]any) error {
	f := tw.f
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c.Header
	}
	if err := f.SetSheetRow(sh, "A1", &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", cell(len(cols), 1), tw.header); err != nil {
		return err
	}
	last := max(dataRows, len(rows)+1)
	for i, c := range cols {
		name := colName(i + 1)
		if err := f.SetColWidth(sh, name, name, c.Width); err != nil {
			return err
		}
		style := tw.wrap
		if c.Text {
			style = tw.text
		}
		if err := f.SetCellStyle(sh, cell(i+1, 2), cell(i+1, last), style); err != nil {
			return err
		}
		if c.List != "" {
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, last))
			src := c.List
			if c.Field == "area" {
				src = fmt.Sprintf(src, max(2, len(tw.lists.Areas)+1))
			} else if c.Field == "lead" || c.Field == "unit" {
				src = fmt.Sprintf(src, max(2, len(tw.lists.Units)+1))
			}
			dv.SetSqrefDropList("'" + SheetLists + "'!" + src)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Giá trị không có trong danh mục", "Chọn một giá trị trong danh sách (xem trang Danh mục).")
			if err := f.AddDataValidation(sh, dv); err != nil {
				return err
			}
		}
	}
	for i, r := range rows {
		r = sheetRow(r)
		if err := f.SetSheetRow(sh, cell(1, i+2), &r); err != nil {
			return err
		}
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// listSheet writes the Danh mục sheet the drop-downs read from, which also tells the
// clerk what each code means.
func (tw *writer) listSheet(domain.PlanSpec) error {
	f, sh := tw.f, SheetLists
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	header := []any{"Mã lĩnh vực", "Tên lĩnh vực", nil, "Loại chỉ tiêu", nil, "So sánh", nil, "Mã đơn vị", "Tên đơn vị", nil, "Mỗi năm", nil, "Loại"}
	if err := f.SetSheetRow(sh, "A1", &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "M1", tw.header); err != nil {
		return err
	}
	put := func(col, row int, v string) error { return f.SetCellStr(sh, cell(col, row), domain.SheetText(v)) }
	for i, a := range tw.lists.Areas {
		if err := put(1, i+2, a.Code); err != nil {
			return err
		}
		if err := put(2, i+2, a.Name); err != nil {
			return err
		}
	}
	for i, k := range domain.AllTargetKinds() {
		if err := put(4, i+2, k.Label(domain.LangVI)); err != nil {
			return err
		}
	}
	for i, op := range []domain.Comparison{domain.OpGE, domain.OpGT, domain.OpLE, domain.OpLT, domain.OpEQ} {
		if err := put(6, i+2, op.Symbol()); err != nil {
			return err
		}
	}
	for i, u := range tw.lists.Units {
		if err := put(8, i+2, u.Code); err != nil {
			return err
		}
		if err := put(9, i+2, u.Name); err != nil {
			return err
		}
	}
	if err := put(11, 2, "x"); err != nil {
		return err
	}
	for i, v := range []string{ItemTarget, ItemTask} {
		if err := put(13, i+2, v); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 14, "B": 60, "D": 26, "F": 9, "H": 12, "I": 45, "K": 9, "M": 12} {
		if err := f.SetColWidth(sh, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func joinCodes(codes []string) string {
	out := ""
	for i, c := range codes {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// sheetRow passes the text cells of a row through domain.SheetText, the escaping every
// CSV and XLSX the portal writes uses; Read undoes it.
func sheetRow(r []any) []any {
	out := make([]any, len(r))
	for i, v := range r {
		if t, ok := v.(string); ok {
			v = domain.SheetText(t)
		}
		out[i] = v
	}
	return out
}

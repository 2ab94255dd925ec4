package planxlsx

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Problem is one thing wrong in an uploaded workbook, in both languages, with the
// column (header text) it is about; "" for the row or sheet as a whole.
type Problem struct {
	Column string
	VI, EN string
}

// Text is the problem in the given language.
func (p Problem) Text(lang string) string {
	if lang == domain.LangEN {
		return p.EN
	}
	return p.VI
}

// Row is one non-blank spreadsheet row with what was read and what is wrong with it.
type Row struct {
	Line     int      // the row number the clerk sees in Excel
	Cells    []string // values in the order of Sheet.Columns
	Problems []Problem
}

// Sheet is one sheet of the upload as the preview shows it.
type Sheet struct {
	Name     string
	Columns  []string
	Rows     []Row
	Problems []Problem // about the sheet as a whole: missing, a column missing, too long
}

// Import is a checked upload: every sheet's rows with their problems and, when there
// are none, the plan to write.
type Import struct {
	Sheets []Sheet
	Spec   domain.PlanSpec
}

// ProblemCount counts every problem of the upload.
func (im *Import) ProblemCount() int {
	n := 0
	for _, s := range im.Sheets {
		n += len(s.Problems)
		for _, r := range s.Rows {
			n += len(r.Problems)
		}
	}
	return n
}

// Valid reports whether the upload can be written as it is.
func (im *Import) Valid() bool { return im.ProblemCount() == 0 }

// AddPlanProblem attaches a problem found outside this package (such as a plan code
// already in use) to the plan sheet's row for field.
func (im *Import) AddPlanProblem(field string, p domain.Problem) {
	label := planLabel(field)
	sh := &im.Sheets[0]
	for i := range sh.Rows {
		if sh.Rows[i].Cells[0] == label {
			sh.Rows[i].Problems = append(sh.Rows[i].Problems, Problem{Column: sh.Columns[1], VI: p.VI, EN: p.EN})
			return
		}
	}
	sh.Problems = append(sh.Problems, Problem{VI: p.VI, EN: p.EN})
}

// Check reads the plan out of an uploaded workbook and finds every problem in it, each
// next to its row: unknown codes, missing values, duplicate codes, assignments to codes
// the file does not define. It writes nothing and needs no database.
func Check(raw Raw, refs domain.Refs) Import {
	var im Import
	var header domain.PlanHeader
	var sheet Sheet
	sheet, header = checkPlan(raw[SheetPlan], raw[SheetPlan] != nil)
	im.Sheets = append(im.Sheets, sheet)
	im.Spec.Header = header

	targets, targetSheet := checkTargets(raw[SheetTargets], raw[SheetTargets] != nil, refs)
	tasks, taskSheet := checkTasks(raw[SheetTasks], raw[SheetTasks] != nil, refs)
	assignSheet := checkAssignments(raw[SheetAssign], raw[SheetAssign] != nil, refs, targets, tasks)
	im.Sheets = append(im.Sheets, targetSheet, taskSheet, assignSheet)
	for _, t := range targets {
		im.Spec.Targets = append(im.Spec.Targets, *t)
	}
	for _, t := range tasks {
		im.Spec.Tasks = append(im.Spec.Tasks, *t)
	}
	return im
}

func planLabel(field string) string {
	for _, r := range planRows {
		if r.Field == field {
			return r.Label
		}
	}
	return field
}

// norm makes a header or label comparable: lower case, single spaces, and without a
// trailing "(…)" hint, so "Ngày ban hành" matches "Ngày ban hành (dd/mm/yyyy)".
func norm(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if i := strings.Index(s, "("); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func at(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

func missingSheet(name string) Problem {
	return Problem{VI: "Tệp không có trang \"" + name + "\". Hãy dùng tệp mẫu tải từ cổng.",
		EN: "The file has no \"" + name + "\" sheet. Use the template downloaded from the portal."}
}

func tooLong(name string) Problem {
	return Problem{VI: fmt.Sprintf("Trang \"%s\" có quá %d dòng.", name, MaxRows), EN: fmt.Sprintf("The \"%s\" sheet has more than %d rows.", name, MaxRows)}
}

func checkPlan(rows [][]string, present bool) (Sheet, domain.PlanHeader) {
	sh := Sheet{Name: SheetPlan, Columns: []string{"Thông tin", "Nội dung"}}
	if !present {
		sh.Problems = append(sh.Problems, missingSheet(SheetPlan))
	}
	byLabel := map[string]string{}
	for _, r := range planRows {
		byLabel[norm(r.Label)] = r.Field
	}
	var in domain.PlanText
	var basis []string
	lineOf := map[string]int{} // field → index in sh.Rows
	for i, cells := range rows {
		if i == 0 || blank(cells) {
			continue // header
		}
		label, value := strings.TrimSpace(at(cells, 0)), at(cells, 1)
		field, ok := byLabel[norm(label)]
		row := Row{Line: i + 1, Cells: []string{label, value}}
		switch {
		case !ok:
			if strings.TrimSpace(value) != "" {
				row.Problems = append(row.Problems, Problem{Column: sh.Columns[0], VI: "Không rõ thông tin \"" + label + "\": dùng các dòng của tệp mẫu.",
					EN: "Unknown item \"" + label + "\": use the template's rows."})
			}
		case field == "basis":
			if strings.TrimSpace(value) != "" {
				basis = append(basis, value)
			}
		default:
			if _, dup := lineOf[field]; dup {
				row.Problems = append(row.Problems, Problem{Column: sh.Columns[0], VI: "Dòng \"" + label + "\" bị lặp lại.", EN: "The row \"" + label + "\" is repeated."})
				break
			}
			row.Cells[0] = planLabel(field)
			lineOf[field] = len(sh.Rows)
			setPlanField(&in, field, value)
		}
		if field != "basis" || strings.TrimSpace(value) != "" || len(row.Problems) > 0 {
			sh.Rows = append(sh.Rows, row)
		}
	}
	in.Basis = strings.Join(basis, "\n")
	h, ps := domain.ParsePlan(in)
	for _, p := range ps {
		if idx, ok := lineOf[p.Field]; ok {
			sh.Rows[idx].Problems = append(sh.Rows[idx].Problems, Problem{Column: sh.Columns[1], VI: p.VI, EN: p.EN})
		} else if present {
			sh.Problems = append(sh.Problems, Problem{VI: p.VI, EN: p.EN})
		}
	}
	return sh, h
}

func setPlanField(in *domain.PlanText, field, value string) {
	switch field {
	case "code":
		in.Code = value
	case "title":
		in.Title = value
	case "issued_on":
		in.IssuedOn = excelDate(value)
	case "issued_by":
		in.IssuedBy = value
	case "start_year":
		in.StartYear = value
	case "end_year":
		in.EndYear = value
	case "goal":
		in.Goal = value
	}
}

// columnIndex finds each expected column by its header; a missing one is a sheet problem.
// formerHeaderOf is the field an earlier template's header named; "" for none.
func formerHeaderOf(h string) string {
	for old, field := range formerHeaders {
		if norm(h) == norm(old) {
			return field
		}
	}
	return ""
}

func columnIndex(sh *Sheet, header []string, cols []column) map[string]int {
	idx := map[string]int{}
	for i, h := range header {
		for _, c := range cols {
			if norm(h) == norm(c.Header) || formerHeaderOf(h) == c.Field {
				if _, seen := idx[c.Field]; !seen {
					idx[c.Field] = i
				}
			}
		}
	}
	for _, c := range cols {
		if _, ok := idx[c.Field]; !ok && optionalFields[c.Field] {
			idx[c.Field] = -1
		} else if !ok {
			sh.Problems = append(sh.Problems, Problem{Column: c.Header, VI: "Trang \"" + sh.Name + "\" thiếu cột \"" + c.Header + "\".",
				EN: "The \"" + sh.Name + "\" sheet has no \"" + c.Header + "\" column."})
			idx[c.Field] = -1
		}
	}
	return idx
}

// records yields each non-blank data row of a list sheet as a field → value map with
// its Row for the preview.
func records(sh *Sheet, rows [][]string, present bool, cols []column) ([]map[string]string, []*Row) {
	for _, c := range cols {
		sh.Columns = append(sh.Columns, c.Header)
	}
	if !present {
		sh.Problems = append(sh.Problems, missingSheet(sh.Name))
		return nil, nil
	}
	if len(rows) == 0 {
		rows = [][]string{nil}
	}
	idx := columnIndex(sh, rows[0], cols)
	var recs []map[string]string
	for i, cells := range rows[1:] {
		if blank(cells) {
			continue
		}
		if len(recs) == MaxRows {
			sh.Problems = append(sh.Problems, tooLong(sh.Name))
			break
		}
		rec := map[string]string{}
		row := Row{Line: i + 2}
		for _, c := range cols {
			v := at(cells, idx[c.Field])
			rec[c.Field] = v
			row.Cells = append(row.Cells, v)
		}
		sh.Rows = append(sh.Rows, row)
		recs = append(recs, rec)
	}
	ptrs := make([]*Row, len(sh.Rows))
	for i := range sh.Rows {
		ptrs[i] = &sh.Rows[i]
	}
	return recs, ptrs
}

func headerOf(cols []column, field string) string {
	for _, c := range cols {
		if c.Field == field {
			return c.Header
		}
	}
	return ""
}

func addProblems(row *Row, cols []column, ps []domain.Problem) {
	for _, p := range ps {
		row.Problems = append(row.Problems, Problem{Column: headerOf(cols, p.Field), VI: p.VI, EN: p.EN})
	}
}

func duplicate(row *Row, cols []column, what, whatEN, code string, first int) {
	row.Problems = append(row.Problems, Problem{Column: headerOf(cols, "code"),
		VI: fmt.Sprintf("Mã %s \"%s\" trùng với dòng %d.", what, code, first),
		EN: fmt.Sprintf("The %s code \"%s\" repeats line %d.", whatEN, code, first)})
}

// ParseTargetRow turns a targets-sheet record into what domain.ParseTarget reads,
// converting raw Excel numbers where a clerk typed into a number cell.
func ParseTargetRow(rec map[string]string) domain.TargetText {
	return domain.TargetText{Code: rec["code"], Area: rec["area"], Text: rec["text"], Kind: rec["kind"], Op: rec["op"],
		Value: excelNumber(rec["value"]), MeasureUnit: rec["measure_unit"], Baseline: excelNumber(rec["baseline"]),
		DeadlineYear: excelNumber(rec["deadline_year"]), EachYear: rec["each_year"], Schedule: rec["schedule"],
		Numerator: rec["numerator"], Denominator: rec["denominator"]}
}

// ParseTaskRow turns a tasks-sheet record into what domain.ParseTask reads.
func ParseTaskRow(rec map[string]string) domain.TaskText {
	return domain.TaskText{Code: rec["code"], Area: rec["area"], Text: rec["text"], Lead: rec["lead"], Cooperating: rec["cooperating"],
		Deadline: excelDate(rec["deadline"]), DeadlineNote: rec["deadline_note"], Output: rec["output"]}
}

func checkTargets(rows [][]string, present bool, refs domain.Refs) ([]*domain.TargetSpec, Sheet) {
	sh := Sheet{Name: SheetTargets}
	recs, out := records(&sh, rows, present, targetColumns)
	var specs []*domain.TargetSpec
	seen := map[string]int{}
	for i, rec := range recs {
		spec, ps := domain.ParseTarget(ParseTargetRow(rec), refs)
		addProblems(out[i], targetColumns, ps)
		key := strings.ToUpper(spec.Code)
		if first, dup := seen[key]; dup && key != "" {
			duplicate(out[i], targetColumns, "chỉ tiêu", "target", spec.Code, first)
			continue
		}
		seen[key] = out[i].Line
		specs = append(specs, &spec)
	}
	return specs, sh
}

func checkTasks(rows [][]string, present bool, refs domain.Refs) ([]*domain.TaskSpec, Sheet) {
	sh := Sheet{Name: SheetTasks}
	recs, out := records(&sh, rows, present, taskColumns)
	var specs []*domain.TaskSpec
	seen := map[string]int{}
	for i, rec := range recs {
		spec, ps := domain.ParseTask(ParseTaskRow(rec), refs)
		addProblems(out[i], taskColumns, ps)
		key := strings.ToUpper(spec.Code)
		if first, dup := seen[key]; dup && key != "" {
			duplicate(out[i], taskColumns, "nhiệm vụ", "task", spec.Code, first)
			continue
		}
		seen[key] = out[i].Line
		specs = append(specs, &spec)
	}
	return specs, sh
}

func checkAssignments(rows [][]string, present bool, refs domain.Refs, targets []*domain.TargetSpec, tasks []*domain.TaskSpec) Sheet {
	sh := Sheet{Name: SheetAssign}
	recs, out := records(&sh, rows, present, assignColumns)
	targetByCode := map[string]*domain.TargetSpec{}
	for _, t := range targets {
		targetByCode[strings.ToUpper(t.Code)] = t
	}
	taskByCode := map[string]*domain.TaskSpec{}
	for _, t := range tasks {
		taskByCode[strings.ToUpper(t.Code)] = t
	}
	seen := map[string]int{}
	for i, rec := range recs {
		row := out[i]
		prob := func(field, vi, en string) {
			row.Problems = append(row.Problems, Problem{Column: headerOf(assignColumns, field), VI: vi, EN: en})
		}
		item := strings.ToLower(strings.Join(strings.Fields(rec["item"]), " "))
		code := strings.TrimSpace(rec["code"])
		unit := domain.UnitCode(rec["unit"])
		var units *[]string
		switch item {
		case strings.ToLower(ItemTarget), "target":
			if t, ok := targetByCode[strings.ToUpper(code)]; ok {
				units = &t.Units
			} else if code != "" {
				prob("code", "Không có chỉ tiêu mã \""+code+"\" trong trang \"Chỉ tiêu\".", "No target \""+code+"\" on the targets sheet.")
			}
		case strings.ToLower(ItemTask), "task":
			if t, ok := taskByCode[strings.ToUpper(code)]; ok {
				units = &t.Units
			} else if code != "" {
				prob("code", "Không có nhiệm vụ mã \""+code+"\" trong trang \"Nhiệm vụ\".", "No task \""+code+"\" on the tasks sheet.")
			}
		case "":
			prob("item", "Vui lòng chọn loại: Chỉ tiêu hoặc Nhiệm vụ.", "Choose the kind: target or task.")
		default:
			prob("item", "Loại \""+rec["item"]+"\" không hợp lệ: chọn Chỉ tiêu hoặc Nhiệm vụ.", "Unknown kind \""+rec["item"]+"\": choose target or task.")
		}
		if code == "" {
			prob("code", "Vui lòng nhập mã chỉ tiêu hoặc nhiệm vụ.", "Enter the target's or task's code.")
		}
		switch {
		case unit == "":
			prob("unit", "Vui lòng nhập mã đơn vị báo cáo.", "Enter the reporting unit's code.")
			units = nil
		case refs.Units != nil && !refs.Units[unit]:
			prob("unit", "Không có đơn vị mã \""+unit+"\".", "There is no unit with code \""+unit+"\".")
			units = nil
		}
		key := item + "\x00" + strings.ToUpper(code) + "\x00" + unit
		if first, dup := seen[key]; dup {
			prob("", fmt.Sprintf("Dòng này trùng với dòng %d.", first), fmt.Sprintf("This row repeats line %d.", first))
			continue
		}
		seen[key] = row.Line
		if units != nil {
			*units = append(*units, unit)
			slices.Sort(*units)
		}
	}
	return sh
}

// excelNumber turns a raw numeric cell ("12.5", "1.5E-2") into text ParseNumber reads
// the same way; anything else (typed text such as "12,5") passes unchanged.
func excelNumber(s string) string {
	t := strings.TrimSpace(s)
	if !strings.ContainsAny(t, "eE") {
		return s
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	return domain.FormatNumberInput(f)
}

// excelDate turns a raw date serial (a clerk typed a date into a date-formatted cell)
// into dd/mm/yyyy; text passes unchanged.
func excelDate(s string) string {
	t := strings.TrimSpace(s)
	// Only serials of 1990–2100: a bare year such as "2026" stays as typed and is refused as a date.
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 32874 || f > 73051 {
		return s
	}
	d, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return s
	}
	return d.Format("02/01/2006")
}

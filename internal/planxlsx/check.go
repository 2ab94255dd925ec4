package planxlsx

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// Problem is one thing wrong in an uploaded workbook, with the column (header text) it is
// about ("" for the row or sheet as a whole). Its message is a catalogue key and its
// arguments (internal/i18n), translated where it is shown.
type Problem struct {
	Column string
	Msg    i18n.Msg
}

// Text is the problem in the given language.
func (p Problem) Text(lang string) string { return p.Msg.Text(i18n.Parse(lang)) }

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
			sh.Rows[i].Problems = append(sh.Rows[i].Problems, Problem{Column: sh.Columns[1], Msg: p.Msg})
			return
		}
	}
	sh.Problems = append(sh.Problems, Problem{Msg: p.Msg})
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
	return Problem{Msg: i18n.M("planxlsx.missing_sheet", name)}
}

func tooLong(name string) Problem {
	return Problem{Msg: i18n.M("planxlsx.too_long", name, MaxRows)}
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
				row.Problems = append(row.Problems, Problem{Column: sh.Columns[0], Msg: i18n.M("planxlsx.unknown_item", label)})
			}
		case field == "basis":
			if strings.TrimSpace(value) != "" {
				basis = append(basis, value)
			}
		default:
			if _, dup := lineOf[field]; dup {
				row.Problems = append(row.Problems, Problem{Column: sh.Columns[0], Msg: i18n.M("planxlsx.repeated_row", label)})
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
			sh.Rows[idx].Problems = append(sh.Rows[idx].Problems, Problem{Column: sh.Columns[1], Msg: p.Msg})
		} else if present {
			sh.Problems = append(sh.Problems, Problem{Msg: p.Msg})
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
			sh.Problems = append(sh.Problems, Problem{Column: c.Header, Msg: i18n.M("planxlsx.missing_column", sh.Name, c.Header)})
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
		row.Problems = append(row.Problems, Problem{Column: headerOf(cols, p.Field), Msg: p.Msg})
	}
}

// duplicate is the problem of a code used on an earlier line.
func duplicate(row *Row, cols []column, msg i18n.Msg) {
	row.Problems = append(row.Problems, Problem{Column: headerOf(cols, "code"), Msg: msg})
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
			duplicate(out[i], targetColumns, i18n.M("planxlsx.duplicate_target", spec.Code, first))
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
			duplicate(out[i], taskColumns, i18n.M("planxlsx.duplicate_task", spec.Code, first))
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
		prob := func(field string, msg i18n.Msg) {
			row.Problems = append(row.Problems, Problem{Column: headerOf(assignColumns, field), Msg: msg})
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
				prob("code", i18n.M("planxlsx.assign.no_target", code))
			}
		case strings.ToLower(ItemTask), "task":
			if t, ok := taskByCode[strings.ToUpper(code)]; ok {
				units = &t.Units
			} else if code != "" {
				prob("code", i18n.M("planxlsx.assign.no_task", code))
			}
		case "":
			prob("item", i18n.M("planxlsx.assign.item_empty"))
		default:
			prob("item", i18n.M("planxlsx.assign.item_unknown", rec["item"]))
		}
		if code == "" {
			prob("code", i18n.M("planxlsx.assign.code_empty"))
		}
		switch {
		case unit == "":
			prob("unit", i18n.M("planxlsx.assign.unit_empty"))
			units = nil
		case refs.Units != nil && !refs.Units[unit]:
			prob("unit", i18n.M("domain.problem.unit_unknown", unit))
			units = nil
		}
		key := item + "\x00" + strings.ToUpper(code) + "\x00" + unit
		if first, dup := seen[key]; dup {
			prob("", i18n.M("planxlsx.assign.duplicate", first))
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

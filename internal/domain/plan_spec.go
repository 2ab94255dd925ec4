package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Plans, targets and tasks come in two ways: typed into a form or read from a
// spreadsheet row. Both give text; the Parse functions here turn that text into
// a spec and a list of problems, so both ways accept and refuse exactly alike.

// Problem is one thing wrong with what a person typed, tied to its field.
type Problem struct {
	Field string
	VI    string
	EN    string
}

// Text is the problem in the given language.
func (p Problem) Text(lang string) string { return pick(lang, p.VI, p.EN) }

func problem(field, vi, en string) Problem { return Problem{Field: field, VI: vi, EN: en} }

// Refs are the codes a plan may refer to: reform area keys and unit codes.
type Refs struct {
	Areas map[string]bool // by AreaKey
	Units map[string]bool // by UnitCode
}

// AreaKey normalises a reform area key as typed.
func AreaKey(s string) string { return strings.ToLower(clean(s)) }

// UnitCode normalises a unit code as typed; unit codes are unique regardless of case.
func UnitCode(s string) string { return strings.ToUpper(clean(s)) }

// PlanHeader is a plan's own facts.
type PlanHeader struct {
	Code      string
	Title     string
	IssuedOn  time.Time
	IssuedBy  string
	StartYear int
	EndYear   int
	Basis     []string
	Goal      string
}

// PlanText is a plan's facts as typed; Basis holds one document a line.
type PlanText struct {
	Code, Title, IssuedOn, IssuedBy, StartYear, EndYear, Basis, Goal string
}

// ParsePlan checks a plan's facts.
func ParsePlan(in PlanText) (PlanHeader, []Problem) {
	var ps []Problem
	h := PlanHeader{Code: clean(in.Code), Title: clean(in.Title), IssuedBy: clean(in.IssuedBy), Goal: cleanLines(in.Goal)}
	switch n := len([]rune(h.Code)); {
	case n == 0:
		ps = append(ps, problem("code", "Vui lòng nhập số hiệu kế hoạch, ví dụ 2320/KH-SNV.", "Enter the plan's number, e.g. 2320/KH-SNV."))
	case n > 60:
		ps = append(ps, problem("code", "Số hiệu kế hoạch dài tối đa 60 ký tự.", "The plan number is at most 60 characters."))
	case codeStartsLikeFormula(h.Code):
		ps = append(ps, formulaCode("code", "Số hiệu kế hoạch", "The plan number"))
	}
	switch n := len([]rune(h.Title)); {
	case n == 0:
		ps = append(ps, problem("title", "Vui lòng nhập tên kế hoạch.", "Enter the plan's title."))
	case n > 500:
		ps = append(ps, problem("title", "Tên kế hoạch dài tối đa 500 ký tự.", "The title is at most 500 characters."))
	}
	if strings.TrimSpace(in.IssuedOn) == "" {
		ps = append(ps, problem("issued_on", "Vui lòng nhập ngày ban hành (dd/mm/yyyy).", "Enter the date of issue (dd/mm/yyyy)."))
	} else if d, err := ParseDate(in.IssuedOn); err != nil {
		ps = append(ps, problem("issued_on", "Ngày ban hành không hợp lệ, nhập theo dạng dd/mm/yyyy.", "Invalid date of issue; use dd/mm/yyyy."))
	} else {
		h.IssuedOn = d
	}
	var okStart, okEnd bool
	h.StartYear, okStart = parseYear(in.StartYear)
	if !okStart {
		ps = append(ps, problem("start_year", "Năm bắt đầu phải là năm từ 2000 đến 2100.", "The first year must be a year from 2000 to 2100."))
	}
	h.EndYear, okEnd = parseYear(in.EndYear)
	if !okEnd {
		ps = append(ps, problem("end_year", "Năm kết thúc phải là năm từ 2000 đến 2100.", "The last year must be a year from 2000 to 2100."))
	}
	if okStart && okEnd && h.EndYear < h.StartYear {
		ps = append(ps, problem("end_year", "Năm kết thúc không được trước năm bắt đầu.", "The last year cannot be before the first."))
	}
	for _, line := range strings.Split(in.Basis, "\n") {
		if line = clean(line); line != "" {
			h.Basis = append(h.Basis, line)
		}
	}
	return h, ps
}

// TargetSpec is a target with everything that defines it, by codes.
type TargetSpec struct {
	Code         string
	Area         string // reform area key
	Text         string
	Kind         TargetKind
	Op           Comparison // "" for milestones
	Value        *float64   // nil for milestones
	MeasureUnit  string
	Baseline     *float64
	DeadlineYear int // 0 when none
	EachYear     bool
	Schedule     []CommitmentChange
	Units        []string // codes of the units that report on it, sorted
	// Ratio names the two counts of a target measured as a ratio; empty for a plain value.
	Ratio Ratio
}

// Commitment is the target's base commitment, before yearly changes.
func (t TargetSpec) Commitment() Commitment {
	return Commitment{Kind: t.Kind, Op: t.Op, Value: t.Value, Unit: t.MeasureUnit, DeadlineYear: t.DeadlineYear,
		EachYear: t.EachYear, Baseline: t.Baseline}
}

// TargetText is a target as typed. EachYear is a checkbox value or a mark such as "x" or "Có".
type TargetText struct {
	Code, Area, Text, Kind, Op, Value, MeasureUnit, Baseline, DeadlineYear, EachYear, Schedule string
	// Numerator and Denominator name the counts of a ratio target; both empty otherwise.
	Numerator, Denominator string
}

// ParseTarget checks a target. Unknown area keys are problems when refs.Areas is set.
func ParseTarget(in TargetText, refs Refs) (TargetSpec, []Problem) {
	var ps []Problem
	t := TargetSpec{Code: clean(in.Code), Area: AreaKey(in.Area), Text: clean(in.Text), MeasureUnit: clean(in.MeasureUnit)}
	ps = append(ps, checkCode(t.Code, "chỉ tiêu", "target")...)
	ps = append(ps, checkArea(t.Area, refs)...)
	if t.Text == "" {
		ps = append(ps, problem("text", "Vui lòng nhập nội dung chỉ tiêu.", "Enter the target's text."))
	}
	if len([]rune(t.MeasureUnit)) > 50 {
		ps = append(ps, problem("measure_unit", "Đơn vị tính dài tối đa 50 ký tự.", "The unit of measure is at most 50 characters."))
	}
	t.Ratio = Ratio{Numerator: clean(in.Numerator), Denominator: clean(in.Denominator)}
	ps = append(ps, checkRatioLabels(t.Ratio, in.Kind)...)
	kind, kindOK := ParseTargetKind(in.Kind)
	switch {
	case strings.TrimSpace(in.Kind) == "":
		ps = append(ps, problem("kind", "Vui lòng chọn loại chỉ tiêu.", "Choose the target's kind."))
	case !kindOK:
		ps = append(ps, problem("kind", "Loại chỉ tiêu \""+clean(in.Kind)+"\" không hợp lệ: chọn Tỷ lệ (%), Số lượng, Mức tăng hoặc Mốc hoàn thành.",
			"Unknown kind \""+clean(in.Kind)+"\": choose percentage, count, growth or milestone."))
	}
	t.Kind = kind
	if kindOK && kind != KindMilestone {
		t.Op = OpGE
		if strings.TrimSpace(in.Op) != "" {
			if op, ok := ParseComparison(in.Op); ok {
				t.Op = op
			} else {
				ps = append(ps, problem("op", "Phép so sánh không hợp lệ: dùng ≥, >, ≤, < hoặc =.", "Invalid comparison: use ≥, >, ≤, < or =."))
			}
		}
		if strings.TrimSpace(in.Value) == "" {
			ps = append(ps, problem("value", "Vui lòng nhập giá trị chỉ tiêu.", "Enter the committed value."))
		} else if v, err := ParseNumber(in.Value); err != nil {
			ps = append(ps, problem("value", numberMessage(err, "Giá trị chỉ tiêu"), numberMessageEN(err, "Committed value")))
		} else if err := ValidateValue(kind, v); err != nil {
			ve := err.(*ValueError)
			ps = append(ps, problem("value", ve.Message()+".", ve.MessageEN()+"."))
		} else {
			t.Value = &v
		}
	}
	if strings.TrimSpace(in.Baseline) != "" {
		if v, err := ParseNumber(in.Baseline); err != nil {
			ps = append(ps, problem("baseline", numberMessage(err, "Giá trị gốc"), numberMessageEN(err, "Baseline")))
		} else {
			t.Baseline = &v
		}
	}
	each, ok := parseMark(in.EachYear)
	if !ok {
		ps = append(ps, problem("each_year", "Cột \"mỗi năm\" chỉ nhận x (có) hoặc để trống.", "The \"each year\" column takes x (yes) or blank."))
	}
	t.EachYear = each
	if strings.TrimSpace(in.DeadlineYear) != "" {
		y, ok := parseYear(in.DeadlineYear)
		if !ok {
			ps = append(ps, problem("deadline_year", "Năm hoàn thành phải là năm từ 2000 đến 2100.", "The deadline year must be from 2000 to 2100."))
		}
		t.DeadlineYear = y
	} else if !t.EachYear {
		ps = append(ps, problem("deadline_year", "Nhập năm hoàn thành, hoặc chọn \"mỗi năm\" nếu chỉ tiêu áp dụng hằng năm.",
			"Enter the deadline year, or tick \"each year\" if the target holds every year."))
	}
	sched, err := ParseSchedule(in.Schedule)
	switch {
	case err != nil:
		se := err.(*ScheduleError)
		ps = append(ps, problem("schedule", se.Message()+".", se.MessageEN()+"."))
	case len(sched) > 0 && kind == KindMilestone:
		ps = append(ps, problem("schedule", "Chỉ tiêu loại mốc hoàn thành không có mức chỉ tiêu theo năm.", "A milestone target has no yearly values."))
	default:
		for _, c := range sched {
			if err := ValidateValue(kind, c.Value); err != nil && kindOK {
				ve := err.(*ValueError)
				ps = append(ps, problem("schedule", "Năm "+strconv.Itoa(c.FromYear)+": "+ve.Message()+".", "Year "+strconv.Itoa(c.FromYear)+": "+ve.MessageEN()+"."))
				break
			}
		}
		t.Schedule = sched
	}
	return t, ps
}

// TaskSpec is a task with everything that defines it, by codes.
type TaskSpec struct {
	Code         string
	Area         string
	Text         string
	Lead         string   // unit code
	Cooperating  []string // unit codes, sorted
	Deadline     *time.Time
	DeadlineNote string
	Output       string
	Units        []string // codes of the units that report on it, sorted
}

// TaskText is a task as typed; Cooperating lists unit codes separated by commas.
type TaskText struct {
	Code, Area, Text, Lead, Cooperating, Deadline, DeadlineNote, Output string
}

// ParseTask checks a task. Unknown areas and units are problems when refs has them.
func ParseTask(in TaskText, refs Refs) (TaskSpec, []Problem) {
	var ps []Problem
	t := TaskSpec{Code: clean(in.Code), Area: AreaKey(in.Area), Text: clean(in.Text), Lead: UnitCode(in.Lead),
		DeadlineNote: clean(in.DeadlineNote), Output: cleanLines(in.Output)}
	ps = append(ps, checkCode(t.Code, "nhiệm vụ", "task")...)
	ps = append(ps, checkArea(t.Area, refs)...)
	if t.Text == "" {
		ps = append(ps, problem("text", "Vui lòng nhập nội dung nhiệm vụ.", "Enter the task's text."))
	}
	switch {
	case t.Lead == "":
		ps = append(ps, problem("lead", "Vui lòng chọn đơn vị chủ trì.", "Choose the lead unit."))
	case refs.Units != nil && !refs.Units[t.Lead]:
		ps = append(ps, unknownUnit("lead", t.Lead))
	}
	coop, bad := UnitCodes(in.Cooperating, refs)
	for _, c := range bad {
		ps = append(ps, unknownUnit("cooperating", c))
	}
	t.Cooperating = slices.DeleteFunc(coop, func(c string) bool { return c == t.Lead })
	if strings.TrimSpace(in.Deadline) != "" {
		if d, err := ParseDate(in.Deadline); err != nil {
			ps = append(ps, problem("deadline", "Thời hạn không hợp lệ, nhập theo dạng dd/mm/yyyy.", "Invalid deadline; use dd/mm/yyyy."))
		} else {
			t.Deadline = &d
		}
	}
	if len([]rune(t.DeadlineNote)) > 200 {
		ps = append(ps, problem("deadline_note", "Ghi chú thời hạn dài tối đa 200 ký tự.", "The deadline note is at most 200 characters."))
	}
	return t, ps
}

// UnitCodes splits a list of unit codes typed with commas, semicolons or spaces,
// sorted and without repeats; codes unknown to refs come back apart.
func UnitCodes(s string, refs Refs) (known, unknown []string) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		c := UnitCode(f)
		if refs.Units != nil && !refs.Units[c] {
			unknown = append(unknown, c)
			continue
		}
		known = append(known, c)
	}
	slices.Sort(known)
	return slices.Compact(known), slices.Compact(unknown)
}

func unknownUnit(field, code string) Problem {
	return problem(field, "Không có đơn vị mã \""+code+"\".", "There is no unit with code \""+code+"\".")
}

func checkCode(code, vi, en string) []Problem {
	switch n := len([]rune(code)); {
	case n == 0:
		return []Problem{problem("code", "Vui lòng nhập mã "+vi+", ví dụ CT01.", "Enter the "+en+"'s code, e.g. CT01.")}
	case n > 20:
		return []Problem{problem("code", "Mã "+vi+" dài tối đa 20 ký tự.", "The "+en+" code is at most 20 characters.")}
	case codeStartsLikeFormula(code):
		return []Problem{formulaCode("code", "Mã "+vi, "The "+en+" code")}
	}
	return nil
}

func checkArea(key string, refs Refs) []Problem {
	switch {
	case key == "":
		return []Problem{problem("area", "Vui lòng chọn lĩnh vực.", "Choose the reform area.")}
	case refs.Areas != nil && !refs.Areas[key]:
		return []Problem{problem("area", "Không có lĩnh vực mã \""+key+"\".", "There is no reform area \""+key+"\".")}
	}
	return nil
}

// ParseTargetKind reads a kind by its code or its Vietnamese or English label.
func ParseTargetKind(s string) (TargetKind, bool) {
	s = strings.ToLower(clean(s))
	for _, k := range AllTargetKinds() {
		if s == string(k) || s == strings.ToLower(k.Label(LangVI)) || s == strings.ToLower(k.Label(LangEN)) {
			return k, true
		}
	}
	return "", false
}

// parseMark reads a yes/no cell: x, có, 1, yes, true, or blank, không, 0, no, false.
func parseMark(s string) (bool, bool) {
	switch strings.ToLower(clean(s)) {
	case "x", "có", "1", "yes", "true", "on":
		return true, true
	case "", "không", "0", "no", "false":
		return false, true
	}
	return false, false
}

func parseYear(s string) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 2000 || y > 2100 {
		return 0, false
	}
	return y, true
}

// clean trims and folds runs of white space, which cells pasted from Word are full of.
func clean(s string) string { return strings.Join(strings.Fields(sanitize(s)), " ") }

// sanitize makes text storable: valid UTF-8 and no control characters but line breaks
// and tabs (PostgreSQL refuses NUL, XML refuses the others).
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// cleanLines trims a multi-line text, keeping its line breaks.
func cleanLines(s string) string {
	return strings.TrimSpace(sanitize(s)) // sanitize drops the \r of \r\n
}

func numberMessage(err error, what string) string {
	if ne, ok := err.(*NumberError); ok && ne.Kind != NumberEmpty {
		return what + ": " + ne.Message() + "."
	}
	return what + " không phải là số."
}

func numberMessageEN(err error, what string) string {
	if ne, ok := err.(*NumberError); ok && ne.Kind != NumberEmpty {
		return what + ": " + ne.MessageEN() + "."
	}
	return what + " is not a number."
}

// PlanSpec is a whole plan as the spreadsheet template carries it: its facts, its
// targets and tasks in order, and who reports on each.
type PlanSpec struct {
	Header  PlanHeader
	Targets []TargetSpec
	Tasks   []TaskSpec
}

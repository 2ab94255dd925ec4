package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Plans, targets and tasks come in two ways: typed into a form or read from a
// spreadsheet row. Both give text; the Parse functions here turn that text into
// a spec and a list of problems, so both ways accept and refuse exactly alike.

// Problem is one thing wrong with what a person typed, tied to its field. Its message is a
// catalogue key and its arguments (internal/i18n), translated where it is shown.
type Problem struct {
	Field string
	Msg   i18n.Msg
}

// Text is the problem in the given language.
func (p Problem) Text(lang string) string { return p.Msg.Text(i18n.Parse(lang)) }

func problem(field string, msg i18n.Msg) Problem { return Problem{Field: field, Msg: msg} }

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
		ps = append(ps, problem("code", i18n.M("domain.problem.plan_code_empty")))
	case n > 60:
		ps = append(ps, problem("code", i18n.M("domain.problem.plan_code_long")))
	case codeStartsLikeFormula(h.Code):
		ps = append(ps, formulaCode("code", i18n.M("domain.problem.subject.plan_code")))
	}
	switch n := len([]rune(h.Title)); {
	case n == 0:
		ps = append(ps, problem("title", i18n.M("domain.problem.title_empty")))
	case n > 500:
		ps = append(ps, problem("title", i18n.M("domain.problem.title_long")))
	}
	if strings.TrimSpace(in.IssuedOn) == "" {
		ps = append(ps, problem("issued_on", i18n.M("domain.problem.issued_on_empty")))
	} else if d, err := ParseDate(in.IssuedOn); err != nil {
		ps = append(ps, problem("issued_on", i18n.M("domain.problem.issued_on_invalid")))
	} else {
		h.IssuedOn = d
	}
	var okStart, okEnd bool
	h.StartYear, okStart = parseYear(in.StartYear)
	if !okStart {
		ps = append(ps, problem("start_year", i18n.M("domain.problem.start_year")))
	}
	h.EndYear, okEnd = parseYear(in.EndYear)
	if !okEnd {
		ps = append(ps, problem("end_year", i18n.M("domain.problem.end_year")))
	}
	if okStart && okEnd && h.EndYear < h.StartYear {
		ps = append(ps, problem("end_year", i18n.M("domain.problem.end_before_start")))
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
	ps = append(ps, checkCode(t.Code, itemTarget)...)
	ps = append(ps, checkArea(t.Area, refs)...)
	if t.Text == "" {
		ps = append(ps, problem("text", i18n.M("domain.problem.target_text_empty")))
	}
	if len([]rune(t.MeasureUnit)) > 50 {
		ps = append(ps, problem("measure_unit", i18n.M("domain.problem.measure_unit_long")))
	}
	t.Ratio = Ratio{Numerator: clean(in.Numerator), Denominator: clean(in.Denominator)}
	ps = append(ps, checkRatioLabels(t.Ratio, in.Kind)...)
	kind, kindOK := ParseTargetKind(in.Kind)
	switch {
	case strings.TrimSpace(in.Kind) == "":
		ps = append(ps, problem("kind", i18n.M("domain.problem.kind_empty")))
	case !kindOK:
		ps = append(ps, problem("kind", i18n.M("domain.problem.kind_unknown", clean(in.Kind))))
	}
	t.Kind = kind
	if kindOK && kind != KindMilestone {
		t.Op = OpGE
		if strings.TrimSpace(in.Op) != "" {
			if op, ok := ParseComparison(in.Op); ok {
				t.Op = op
			} else {
				ps = append(ps, problem("op", i18n.M("domain.problem.op")))
			}
		}
		if strings.TrimSpace(in.Value) == "" {
			ps = append(ps, problem("value", i18n.M("domain.problem.value_empty")))
		} else if v, err := ParseNumber(in.Value); err != nil {
			ps = append(ps, numberProblem("value", err, i18n.M("domain.problem.subject.value")))
		} else if err := ValidateValue(kind, v); err != nil {
			ve := err.(*ValueError)
			ps = append(ps, problem("value", i18n.M("domain.problem.sentence", ve.Msg())))
		} else {
			t.Value = &v
		}
	}
	if strings.TrimSpace(in.Baseline) != "" {
		if v, err := ParseNumber(in.Baseline); err != nil {
			ps = append(ps, numberProblem("baseline", err, i18n.M("domain.problem.subject.baseline")))
		} else {
			t.Baseline = &v
		}
	}
	each, ok := parseMark(in.EachYear)
	if !ok {
		ps = append(ps, problem("each_year", i18n.M("domain.problem.each_year")))
	}
	t.EachYear = each
	if strings.TrimSpace(in.DeadlineYear) != "" {
		y, ok := parseYear(in.DeadlineYear)
		if !ok {
			ps = append(ps, problem("deadline_year", i18n.M("domain.problem.deadline_year")))
		}
		t.DeadlineYear = y
	} else if !t.EachYear {
		ps = append(ps, problem("deadline_year", i18n.M("domain.problem.deadline_year_empty")))
	}
	sched, err := ParseSchedule(in.Schedule)
	switch {
	case err != nil:
		se := err.(*ScheduleError)
		ps = append(ps, problem("schedule", i18n.M("domain.problem.sentence", se.Msg())))
	case len(sched) > 0 && kind == KindMilestone:
		ps = append(ps, problem("schedule", i18n.M("domain.problem.milestone_schedule")))
	default:
		for _, c := range sched {
			if err := ValidateValue(kind, c.Value); err != nil && kindOK {
				ve := err.(*ValueError)
				ps = append(ps, problem("schedule", i18n.M("domain.problem.schedule_value", c.FromYear, ve.Msg())))
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
	ps = append(ps, checkCode(t.Code, itemTask)...)
	ps = append(ps, checkArea(t.Area, refs)...)
	if t.Text == "" {
		ps = append(ps, problem("text", i18n.M("domain.problem.task_text_empty")))
	}
	switch {
	case t.Lead == "":
		ps = append(ps, problem("lead", i18n.M("domain.problem.lead_empty")))
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
			ps = append(ps, problem("deadline", i18n.M("domain.problem.deadline_invalid")))
		} else {
			t.Deadline = &d
		}
	}
	if len([]rune(t.DeadlineNote)) > 200 {
		ps = append(ps, problem("deadline_note", i18n.M("domain.problem.deadline_note_long")))
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
	return problem(field, i18n.M("domain.problem.unit_unknown", code))
}

// An item of a plan, for the messages about its code.
type planItem int

const (
	itemTarget planItem = iota
	itemTask
)

// codeMsgs are the messages about an item's code: empty, too long, and its name as the
// subject of the formula message.
var codeMsgs = map[planItem][3]i18n.Msg{
	itemTarget: {i18n.M("domain.problem.target_code_empty"), i18n.M("domain.problem.target_code_long"), i18n.M("domain.problem.subject.target_code")},
	itemTask:   {i18n.M("domain.problem.task_code_empty"), i18n.M("domain.problem.task_code_long"), i18n.M("domain.problem.subject.task_code")},
}

func checkCode(code string, item planItem) []Problem {
	msgs := codeMsgs[item]
	switch n := len([]rune(code)); {
	case n == 0:
		return []Problem{problem("code", msgs[0])}
	case n > 20:
		return []Problem{problem("code", msgs[1])}
	case codeStartsLikeFormula(code):
		return []Problem{formulaCode("code", msgs[2])}
	}
	return nil
}

func checkArea(key string, refs Refs) []Problem {
	switch {
	case key == "":
		return []Problem{problem("area", i18n.M("domain.problem.area_empty"))}
	case refs.Areas != nil && !refs.Areas[key]:
		return []Problem{problem("area", i18n.M("domain.problem.area_unknown", key))}
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

// numberProblem is the problem of a number that did not parse; what names the field.
func numberProblem(field string, err error, what i18n.Msg) Problem {
	if ne, ok := err.(*NumberError); ok && ne.Kind != NumberEmpty {
		return problem(field, i18n.M("domain.problem.number", what, ne.Msg()))
	}
	return problem(field, i18n.M("domain.problem.not_a_number", what))
}

// PlanSpec is a whole plan as the spreadsheet template carries it: its facts, its
// targets and tasks in order, and who reports on each.
type PlanSpec struct {
	Header  PlanHeader
	Targets []TargetSpec
	Tasks   []TaskSpec
}

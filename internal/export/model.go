// Package export writes the reform office's periodic CCHC reports: the workbook (XLSX),
// the narrative report in the layout of Decree 30/2020/NĐ-CP (PDF and a print view) and
// the raw results (CSV). All of them come from one Report built here, so the files agree
// with each other and, through domain.Aggregate and domain.EvaluateTarget, with the dashboard.
package export

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// ErrNoPeriod means the chosen year has no such reporting period.
var ErrNoPeriod = errors.New("export: no such period")

// Params is what the reform office picks on the exports page.
type Params struct {
	PlanID           int64
	Year             int
	Kind             domain.PeriodKind // one of domain.RegimePeriods()
	ScopeUnitID      int64             // root of the unit subtree; 0 for the whole tree
	IncludeSubmitted bool              // count submitted-but-unapproved reports too
	Header           Header
}

// Header is the document's identity as Decree 30 lays it out; the clerk fills it in.
type Header struct {
	GoverningBody string    // cơ quan chủ quản, e.g. "UBND TỈNH …"
	IssuingBody   string    // cơ quan ban hành, e.g. "SỞ NỘI VỤ"
	Number        string    // số và ký hiệu without "Số:", e.g. "05/BC-SNV"; "" leaves the blank
	Place         string    // địa danh
	Date          time.Time // zero leaves "ngày ... tháng ... năm ..." for the signer
	SignerTitle   []string  // e.g. {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}
	SignerName    string
	Recipients    []string // "Bộ Nội vụ", …; "Lưu: VT, CCHC" last
}

// Column is one period a report shows values for.
type Column struct {
	Kind   domain.PeriodKind
	Label  string // Quý I, 6 tháng, Quý III, Năm
	Period store.Period
}

// Unit is a unit of the scope's subtree.
type Unit struct {
	ID    int64
	Code  string
	Name  string
	Depth int // 0 for the scope's root
}

// Cell is a target's department-wide value for one period.
type Cell struct {
	Value *float64
	Done  *bool
	Units int // units whose data make it
	// Basis says how the figure was formed and how many units it counts: "Tổng hồ sơ
	// đúng hạn / tổng hồ sơ tiếp nhận của 5 đơn vị (1.234/1.500)", "Trung bình cộng tỷ lệ
	// của 5 đơn vị".
	Basis string
}

// Empty reports whether no unit's data make the cell.
func (c Cell) Empty() bool { return c.Value == nil && c.Done == nil }

// TargetRow is one target with its values, status and what units wrote about it.
type TargetRow struct {
	ID          int64
	Code        string
	Text        string
	AreaID      int64
	Kind        domain.TargetKind
	MeasureUnit string
	// Commitment is the one in force for the covered period's year (the plan's, or a
	// yearly commitment that replaced it); Base and Schedule are what it comes from.
	Commitment domain.Commitment
	Ratio      domain.Ratio // the two counts of a ratio target
	Base       domain.Commitment
	Schedule   []domain.CommitmentChange
	Cells      []Cell // one per Report.Columns
	Assigned   int    // units of the scope assigned to it
	Eval       domain.Evaluation
	// Evals are the verdicts as of each of Report.Columns (the last is Eval).
	Evals []domain.Evaluation
}

// Current is the value of the period the report covers (its last column).
func (t TargetRow) Current() Cell { return t.Cells[len(t.Cells)-1] }

// TaskRow is one task with the progress units reported for the covered period.
type TaskRow struct {
	ID          int64
	Code        string
	Text        string
	AreaID      int64
	Lead        Unit
	Cooperating []string // unit names
	Deadline    string
	Output      string
	Progress    domain.TaskProgress // "" when no unit of the scope reported it
	Assigned    int
	Reported    int
	Notes       []Note // each reporting unit's narrative, the lead's first
}

// Note is a unit's narrative, or a sentence of narratives shared by several units.
type Note struct {
	Text  string
	Units []string // unit names
	Items []string // target and task codes it was written on
}

// UnitPeriod is where one unit's report for one period stands.
type UnitPeriod struct {
	Unit        Unit
	Column      Column
	Status      string // report status; "" when not started
	SubmittedAt *time.Time
	ApprovedAt  *time.Time
	Timeliness  domain.Timeliness
	Counted     bool // its data are in the report
}

// EvidenceRow is one evidence document of a counted report.
type EvidenceRow struct {
	Number   string
	Date     *time.Time
	Issuer   string
	FileName string
	Unit     Unit
	Period   string
	Item     string // target or task code
}

// Area is a reform area with its targets and tasks (indexes into Report.Targets/Tasks).
type Area struct {
	ID        int64
	Key       string
	Name      string
	Direction bool // the "chỉ đạo, điều hành" area, section I of the report
	Targets   []int
	Tasks     []int
}

// Report is everything an export shows, read once from the store.
type Report struct {
	Params
	Plan        store.Plan
	Columns     []Column // the regime periods of the year up to the covered one
	Scope       Unit
	ScopeAll    bool
	Units       []Unit // the scope's units that report on the plan (expected to report)
	Areas       []Area
	Targets     []TargetRow
	Tasks       []TaskRow
	Reporting   []UnitPeriod // Units × Columns
	Approved    int          // expected units whose report of the covered period is approved
	Submitted   int          // … submitted and awaiting review
	Missing     []Unit       // expected units whose data for the covered period do not count
	Evidence    []EvidenceRow
	Difficulty  []Note
	Proposals   []Note
	GeneratedAt time.Time

	units  map[int64]Unit // every unit of the scope
	filter store.ExportFilter
	notes  []Note // the units' narratives of the covered period, targets' then tasks'

}

// Period is the column of the covered period.
func (r *Report) Period() Column { return r.Columns[len(r.Columns)-1] }

// Statuses are the report statuses whose data count.
func statuses(includeSubmitted bool) []string {
	if includeSubmitted {
		return []string{"approved", "submitted"}
	}
	return []string{"approved"}
}

// maxEvidence bounds the evidence list; a province's year has a few thousand documents.
const maxEvidence = 50000

// Build reads the report's data from the store and computes every figure.
func Build(ctx context.Context, st Source, p Params, now time.Time) (*Report, error) {
	if !slices.Contains(domain.RegimePeriods(), p.Kind) {
		return nil, fmt.Errorf("export: period kind %q: %w", p.Kind, ErrNoPeriod)
	}
	plan, err := st.PlanByID(ctx, p.PlanID)
	if err != nil {
		return nil, err
	}
	r := &Report{Params: p, Plan: plan, GeneratedAt: now}
	if err := r.loadUnits(ctx, st); err != nil {
		return nil, err
	}
	history, err := r.loadPeriods(ctx, st)
	if err != nil {
		return nil, err
	}
	if err := r.loadPlan(ctx, st); err != nil {
		return nil, err
	}
	if err := r.loadTargets(ctx, st, history); err != nil {
		return nil, err
	}
	if err := r.loadTasks(ctx, st); err != nil {
		return nil, err
	}
	if err := r.loadReporting(ctx, st, now); err != nil {
		return nil, err
	}
	if err := r.loadEvidence(ctx, st); err != nil {
		return nil, err
	}
	r.Difficulty, r.Proposals = Concerns(r.notes)
	return r, nil
}

// loadUnits keeps the scope's subtree, in tree order.
func (r *Report) loadUnits(ctx context.Context, st Source) error {
	all, err := st.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	r.units = map[int64]Unit{}
	depth := map[int64]int{}
	in := map[int64]bool{}
	r.ScopeAll = r.ScopeUnitID == 0
	for _, u := range all { // parents come before children
		root := u.ID == r.ScopeUnitID || (r.ScopeAll && u.ParentID == 0)
		if !root && !in[u.ParentID] {
			continue
		}
		in[u.ID] = true
		if !root {
			depth[u.ID] = depth[u.ParentID] + 1
		}
		unit := Unit{ID: u.ID, Code: u.Code, Name: u.Name, Depth: depth[u.ID]}
		r.units[u.ID] = unit
		r.filter.UnitIDs = append(r.filter.UnitIDs, u.ID)
		if root && r.Scope.ID == 0 {
			r.Scope = unit
		}
	}
	if !r.ScopeAll && r.Scope.ID == 0 {
		return fmt.Errorf("export: scope unit %d: %w", r.ScopeUnitID, store.ErrNotFound)
	}
	r.filter.PlanID = r.PlanID
	r.filter.Statuses = statuses(r.IncludeSubmitted)
	return nil
}

// loadPeriods finds the report's columns and the earlier periods a target's status
// looks back on (from the plan's first year), which it returns.
func (r *Report) loadPeriods(ctx context.Context, st Source) ([]Column, error) {
	from := min(r.Plan.StartYear, r.Year)
	periods, err := st.ListPeriods(ctx, from, r.Year)
	if err != nil {
		return nil, err
	}
	slot := r.Kind.Slot()
	var history []Column
	for _, p := range periods {
		k := domain.PeriodKind(p.Kind)
		if !slices.Contains(domain.RegimePeriods(), k) || (p.Year == r.Year && k.Slot() > slot) {
			continue
		}
		c := Column{Kind: k, Label: domain.PeriodKindLabel(k, domain.LangVI), Period: p}
		history = append(history, c)
		if p.Year == r.Year {
			r.Columns = append(r.Columns, c)
		}
	}
	if len(r.Columns) == 0 || r.Period().Kind != r.Kind {
		return nil, fmt.Errorf("export: %s: %w", domain.PeriodLabel(r.Year, r.Kind, domain.LangVI), ErrNoPeriod)
	}
	for _, c := range history {
		r.filter.PeriodIDs = append(r.filter.PeriodIDs, c.Period.ID)
	}
	return history, nil
}

// loadPlan reads the areas, targets, tasks and who reports on them.
func (r *Report) loadPlan(ctx context.Context, st Source) error {
	areas, err := st.ListAreas(ctx)
	if err != nil {
		return err
	}
	targets, err := st.PlanTargets(ctx, r.PlanID)
	if err != nil {
		return err
	}
	tasks, err := st.PlanTasks(ctx, r.PlanID)
	if err != nil {
		return err
	}
	assignments, err := st.PlanAssignments(ctx, r.PlanID)
	if err != nil {
		return err
	}
	schedules, err := st.TargetSchedules(ctx, r.PlanID)
	if err != nil {
		return err
	}
	assigned := map[[2]int64]int{} // {target id, 0} or {0, task id} → units of the scope
	expected := map[int64]bool{}
	for _, a := range assignments {
		if _, ok := r.units[a.UnitID]; ok {
			assigned[[2]int64{a.TargetID, a.TaskID}]++
			expected[a.UnitID] = true
		}
	}
	for _, id := range r.filter.UnitIDs {
		if expected[id] {
			r.Units = append(r.Units, r.units[id])
		}
	}
	byArea := map[int64]*Area{}
	for _, a := range areas {
		r.Areas = append(r.Areas, Area{ID: a.ID, Key: a.Key, Name: a.Name, Direction: a.Key == "chi-dao"})
	}
	for i := range r.Areas {
		byArea[r.Areas[i].ID] = &r.Areas[i]
	}
	for _, t := range targets {
		row := TargetRow{ID: t.ID, Code: t.Code, Text: t.Text, AreaID: t.AreaID, Kind: domain.TargetKind(t.Kind),
			MeasureUnit: t.MeasureUnit, Assigned: assigned[[2]int64{t.ID, 0}], Cells: make([]Cell, len(r.Columns)),
			Commitment: domain.Commitment{Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value,
				Unit: t.MeasureUnit, DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline}}
		row.Base, row.Schedule, row.Ratio = row.Commitment, schedules[t.ID], t.Ratio()
		row.Commitment = domain.CommitmentInForce(row.Base, row.Schedule, r.Year)
		if a := byArea[t.AreaID]; a != nil {
			a.Targets = append(a.Targets, len(r.Targets))
		}
		r.Targets = append(r.Targets, row)
	}
	for _, t := range tasks {
		row := TaskRow{ID: t.ID, Code: t.Code, Text: t.Text, AreaID: t.AreaID, Deadline: t.DeadlineNote,
			Output: t.ExpectedOutput, Assigned: assigned[[2]int64{0, t.ID}]}
		if t.Deadline != nil {
			row.Deadline = domain.FormatDate(*t.Deadline)
		}
		row.Lead = Unit{ID: t.LeadUnitID, Code: t.LeadUnitCode, Name: t.LeadUnitCode}
		if u, ok := r.units[t.LeadUnitID]; ok {
			row.Lead = u
		}
		for _, code := range t.Cooperating {
			row.Cooperating = append(row.Cooperating, r.unitNameByCode(code))
		}
		if a := byArea[t.AreaID]; a != nil {
			a.Tasks = append(a.Tasks, len(r.Tasks))
		}
		r.Tasks = append(r.Tasks, row)
	}
	return nil
}

func (r *Report) unitNameByCode(code string) string {
	for _, u := range r.units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// loadTargets aggregates the units' values per target and period exactly as the
// dashboard does (domain.Aggregate) and evaluates each target as of the covered period
// (domain.Evaluate, each year held to the commitment in force then) on its history since
// the plan began.
func (r *Report) loadTargets(ctx context.Context, st Source, history []Column) error {
	targetIdx := make(map[int64]int, len(r.Targets))
	for i, t := range r.Targets {
		targetIdx[t.ID] = i
	}
	periodIdx := make(map[int64]int, len(history))
	for i, c := range history {
		periodIdx[c.Period.ID] = i
	}
	values := make([][][]domain.UnitValue, len(r.Targets))
	figures := make([][][]domain.UnitFigure, len(r.Targets)) // growth targets compare the same units
	for i := range values {
		values[i] = make([][]domain.UnitValue, len(history))
		figures[i] = make([][]domain.UnitFigure, len(history))
	}
	notes := map[int][]Note{} // target index → narratives of the covered period
	covered := r.Period().Period.ID
	err := st.EachExportTargetValue(ctx, r.filter, covered, func(v store.ExportTargetValue) error {
		ti, ok := targetIdx[v.TargetID]
		if !ok {
			return nil
		}
		pi := periodIdx[v.PeriodID]
		values[ti][pi] = append(values[ti][pi], domain.UnitValue{Value: v.Value, Done: v.Done, Num: v.Num, Den: v.Den})
		if r.Targets[ti].Kind == domain.KindGrowth && v.Value != nil {
			figures[ti][pi] = append(figures[ti][pi], domain.UnitFigure{Unit: v.UnitID, Value: v.Value, Num: v.Num, Den: v.Den})
		}
		if v.Narrative != "" {
			notes[ti] = append(notes[ti], Note{Text: v.Narrative, Units: []string{r.units[v.UnitID].Name},
				Items: []string{r.Targets[ti].Code}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	first := len(history) - len(r.Columns)
	for ti := range r.Targets {
		t := &r.Targets[ti]
		obs := make([]domain.Observation, 0, len(history))
		for pi, c := range history {
			val, done := domain.Aggregate(t.Kind, values[ti][pi])
			if pi >= first {
				t.Cells[pi-first] = Cell{Value: val, Done: done, Units: reported(values[ti][pi]),
					Basis: domain.TallyOf(values[ti][pi]).Basis(t.Kind, t.Ratio, domain.LangVI)}
			}
			if val != nil || done != nil {
				obs = append(obs, domain.Observation{Year: c.Period.Year, Slot: c.Kind.Slot(), Value: val, Done: done, Units: figures[ti][pi]})
			}
		}
		t.Eval = domain.Evaluate(t.Base, t.Schedule, obs, r.Year, r.Kind.Slot())
		t.Evals = make([]domain.Evaluation, len(r.Columns))
		for ci, c := range r.Columns {
			t.Evals[ci] = domain.Evaluate(t.Base, t.Schedule, obs, c.Period.Year, c.Kind.Slot())
		}
		r.notes = append(r.notes, notes[ti]...)
	}
	return nil
}

func reported(vs []domain.UnitValue) int {
	n := 0
	for _, v := range vs {
		if v.Value != nil || v.Done != nil {
			n++
		}
	}
	return n
}

// loadTasks combines the units' progress on each task in the covered period.
func (r *Report) loadTasks(ctx context.Context, st Source) error {
	f := r.filter
	f.PeriodIDs = []int64{r.Period().Period.ID}
	results, err := st.ExportTaskResults(ctx, f)
	if err != nil {
		return err
	}
	byTask := map[int64][]store.ExportTaskResult{}
	for _, res := range results {
		byTask[res.TaskID] = append(byTask[res.TaskID], res)
	}
	order := map[int64]int{}
	for i, id := range r.filter.UnitIDs {
		order[id] = i
	}
	for i := range r.Tasks {
		t := &r.Tasks[i]
		res := byTask[t.ID]
		// the lead unit first, then the others in tree order
		slices.SortFunc(res, func(a, b store.ExportTaskResult) int {
			return rank(a.UnitID == t.Lead.ID, order[a.UnitID]) - rank(b.UnitID == t.Lead.ID, order[b.UnitID])
		})
		var lead domain.TaskProgress
		var all []domain.TaskProgress
		for _, x := range res {
			p := domain.TaskProgress(x.Progress)
			if p.Valid() {
				t.Reported++
				all = append(all, p)
				if x.UnitID == t.Lead.ID {
					lead = p
				}
			}
			if x.Narrative != "" {
				n := Note{Text: x.Narrative, Units: []string{r.units[x.UnitID].Name}, Items: []string{t.Code}}
				t.Notes = append(t.Notes, n)
				r.notes = append(r.notes, n)
			}
		}
		t.Progress = CombineProgress(lead, all)
	}
	return nil
}

func rank(lead bool, pos int) int {
	if lead {
		return -1
	}
	return pos
}

// CombineProgress is a task's progress for the department: the lead unit's word when it
// reported; otherwise overdue if any unit says so, done only when every unit is done,
// in progress when any work started. "" when nobody reported.
func CombineProgress(lead domain.TaskProgress, all []domain.TaskProgress) domain.TaskProgress {
	if lead.Valid() {
		return lead
	}
	if len(all) == 0 {
		return ""
	}
	done, started := true, false
	for _, p := range all {
		switch p {
		case domain.ProgressOverdue:
			return domain.ProgressOverdue
		case domain.ProgressDone:
			started = true
		case domain.ProgressInProgress:
			started, done = true, false
		default:
			done = false
		}
	}
	switch {
	case done:
		return domain.ProgressDone
	case started:
		return domain.ProgressInProgress
	}
	return domain.ProgressNotStarted
}

// loadReporting records where each expected unit's report stands in each column.
func (r *Report) loadReporting(ctx context.Context, st Source, now time.Time) error {
	ids := make([]int64, 0, len(r.Units))
	for _, u := range r.Units {
		ids = append(ids, u.ID)
	}
	periodIDs := make([]int64, 0, len(r.Columns))
	for _, c := range r.Columns {
		periodIDs = append(periodIDs, c.Period.ID)
	}
	states, err := st.ExportReportStates(ctx, ids, periodIDs)
	if err != nil {
		return err
	}
	byKey := make(map[[2]int64]store.ExportReportState, len(states))
	for _, s := range states {
		byKey[[2]int64{s.UnitID, s.PeriodID}] = s
	}
	counted := statuses(r.IncludeSubmitted)
	covered := r.Period().Period.ID
	for _, u := range r.Units {
		for _, c := range r.Columns {
			s := byKey[[2]int64{u.ID, c.Period.ID}]
			up := UnitPeriod{Unit: u, Column: c, Status: s.Status, SubmittedAt: s.SubmittedAt, ApprovedAt: s.ApprovedAt,
				Counted: slices.Contains(counted, s.Status)}
			up.Timeliness = domain.ReportTimeliness(c.Period.Deadline, s.SubmittedAt, now)
			r.Reporting = append(r.Reporting, up)
			if c.Period.ID != covered {
				continue
			}
			switch s.Status {
			case "approved":
				r.Approved++
			case "submitted":
				r.Submitted++
			}
			if !up.Counted {
				r.Missing = append(r.Missing, u)
			}
		}
	}
	return nil
}

func (r *Report) loadEvidence(ctx context.Context, st Source) error {
	f := r.filter
	f.PeriodIDs = f.PeriodIDs[len(f.PeriodIDs)-len(r.Columns):] // the year's columns, not the history
	list, err := st.ExportEvidenceList(ctx, f, maxEvidence)
	if err != nil {
		return err
	}
	labels := map[int64]string{}
	for _, c := range r.Columns {
		labels[c.Period.ID] = c.Label
	}
	for _, e := range list {
		item := e.TargetCode
		if item == "" {
			item = e.TaskCode
		}
		r.Evidence = append(r.Evidence, EvidenceRow{Number: e.DocNumber, Date: e.DocDate, Issuer: e.DocIssuer,
			FileName: e.FileName, Unit: r.units[e.UnitID], Period: labels[e.PeriodID], Item: item})
	}
	return nil
}

// Filter is what the report counts, for the CSV of its raw results.
func (r *Report) Filter() store.ExportFilter {
	f := r.filter
	f.PeriodIDs = f.PeriodIDs[len(f.PeriodIDs)-len(r.Columns):]
	return f
}

// UnitByID finds a unit of the scope.
func (r *Report) UnitByID(id int64) (Unit, bool) {
	u, ok := r.units[id]
	return u, ok
}

// Notes are the units' narratives of the covered period, on targets then tasks, each
// with the unit that wrote it and the item it was written on.
func (r *Report) Notes() []Note { return r.notes }

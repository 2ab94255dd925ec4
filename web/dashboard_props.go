package web

// Props of the director's dashboard and its drill-downs. Handlers in
// internal/server/dashboard*.go build them; every string is already formatted.

// DashFilter is the dashboard's view state as a GET form: all of it lives in the URL.
type DashFilter struct {
	Action           string
	Plans            []Option
	Periods          []Option
	Scopes           []Option // empty for unit staff, who see only their unit
	IncludeSubmitted bool
	Status           string // kept as a hidden field
	ToggleHref       string // the same view with the other data choice
}

// Crumb is one step of the scope's path (Toàn quốc › Tỉnh … › Sở …).
type Crumb struct {
	Label string
	Href  string
}

// DashStatusCount is one entry of a legend: a status, its count and a link filtering by it.
type DashStatusCount struct {
	Class  string
	Label  string
	Count  int
	Href   string
	Active bool
}

// DashTargetRow is one target on the dashboard.
type DashTargetRow struct {
	Href        string
	Code        string
	Text        string
	Commitment  string
	Latest      string // "72,5%" or "Đã hoàn thành"
	LatestWhen  string // the period it is from, when older than the chosen one
	Units       string // "2 đơn vị báo cáo"
	StatusClass string
	StatusLabel string
	Reason      string
	Projection  string
	Meter       Meter
	Spark       Spark
}

// AreaSummary counts one reform area's targets by status and tasks by progress.
type AreaSummary struct {
	Name    string
	Targets []int // in the order of DashboardProps.StatusCounts
	Tasks   []int // in the order of DashboardProps.TaskCounts
}

// TaskLine is a task in a list (overdue tasks, a unit's tasks).
type TaskLine struct {
	Href       string
	Code       string
	Text       string
	Lead       string
	LeadHref   string
	Role       string
	Deadline   string
	StateClass string
	StateLabel string
	Detail     string
}

// UnitLine is a unit in a list of the reporting discipline.
type UnitLine struct {
	Name        string
	Href        string
	StatusClass string
	StatusLabel string
	When        string
	Note        string
}

// DisciplineView is how units reported in the chosen period.
type DisciplineView struct {
	Deadline       string
	DeadlinePassed bool
	Expected       int
	OnTime         int
	Late           int
	Missing        int
	MissingClass   string // "behind" once the deadline has passed, "no_data" before: not yet late
	MissingLabel   string
	Approved       int
	Pending        int
	Returned       int
	Segments       []Segment
	Label          string
	LateUnits      []UnitLine
	LateMore       int
	MissingUnits   []UnitLine
	MissingMore    int
	Nested         bool              // a scope of scopes: counts by unit directly under it instead of lists
	ByChild        []ChildDiscipline // worst first
}

// ChildDiscipline is how one unit directly under the scope (with its subtree) reported.
type ChildDiscipline struct {
	Name     string
	Href     string
	Expected int
	OnTime   int
	Late     int
	Missing  int
}

// DashboardProps is the dashboard page.
type DashboardProps struct {
	Meta           Meta
	NoPlan         bool
	PlanCode       string
	PlanTitle      string
	PlanHref       string
	PhaseClass     string // draft, active or closed (ended), for the badge
	PhaseLabel     string // Dự thảo, Đang thực hiện, Đã kết thúc
	FinalNote      string // for an ended plan on its last period: this is its final evaluation
	FinalHref      string // the plan's final evaluation, once its span has ended
	PeriodLabel    string
	ScopeName      string
	DataNote       string
	Restricted     bool // unit staff: their own unit's targets and tasks only
	Filter         DashFilter
	Path           []Crumb
	StatusCounts   []DashStatusCount
	StatusSegments []Segment
	StatusLabel    string
	TaskCounts     []DashStatusCount
	TaskSegments   []Segment
	TaskLabel      string
	Areas          []AreaSummary
	Targets        []DashTargetRow
	FilterNote     string
	ClearHref      string
	Discipline     DisciplineView
	Overdue        []TaskLine
}

// DashHistoryRow is one period of a target's history.
type DashHistoryRow struct {
	Period      string
	Value       string
	Basis       string // how the figure was formed and how many units it counts
	Units       string
	StatusClass string
	StatusLabel string
	Reason      string
	Current     bool
}

// UnitSeriesRow is one unit's values for a target, a cell per period.
type UnitSeriesRow struct {
	Name     string
	Href     string
	Assigned bool
	Cells    []string
	Titles   []string // per cell: how the figure was formed (domain.Tally.Basis)
}

// NoteRow is one unit's narrative for the chosen period.
type NoteRow struct {
	Unit       string
	Href       string // the unit's drill-down
	ReportHref string // the unit's report for the period
	Value      string
	Status     string
	Narrative  string
	Updated    string
}

// DashEvidenceRow is one evidence document.
type DashEvidenceRow struct {
	Unit       string
	ReportHref string // the unit's report for the period
	FileName   string
	Href       string // the download, authorized like the report
	Doc        string
	Size       string
}

// TargetPageProps is the target drill-down.
type TargetPageProps struct {
	Meta        Meta
	BackHref    string
	Code        string
	Text        string
	Plan        string
	Area        string
	Commitment  string
	ScopeName   string
	PeriodLabel string
	DataNote    string
	Path        []Crumb
	StatusClass string
	StatusLabel string
	Reason      string
	Projection  string
	Latest      string
	Chart       Columns
	History     []DashHistoryRow
	PeriodHeads []string
	Units       []UnitSeriesRow
	UnitsNote   string
	Notes       []NoteRow
	Evidence    []DashEvidenceRow
	NotesNested bool // a scope of scopes: narratives and evidence are read per unit under it
}

// UnitTargetRow is one of a unit's targets with its own figures.
type UnitTargetRow struct {
	Href        string
	Code        string
	Text        string
	Commitment  string
	Value       string
	StatusClass string
	StatusLabel string
	Reason      string
	Spark       Spark
}

// UnitPageProps is the unit drill-down.
type UnitPageProps struct {
	Meta         Meta
	BackHref     string
	Name         string
	Code         string
	Parent       string
	Path         []Crumb
	PlanCode     string
	PeriodLabel  string
	DataNote     string
	SubtreeHref  string // the dashboard of the units under it, when it has any
	Targets      []UnitTargetRow
	Tasks        []TaskLine
	Reports      []PeriodRow
	OnTime       int
	Late         int
	Missing      int
	ReportsPager Pager
}

// cellTitle is the i-th title, "" past the end.
func cellTitle(titles []string, i int) string {
	if i < len(titles) {
		return titles[i]
	}
	return ""
}

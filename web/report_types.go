package web

// Props of the report form (report_form.templ) and the review pages (review.templ).

// ReportHeader is what every page of one report shows at its top.
type ReportHeader struct {
	Title       string
	UnitName    string
	PeriodLabel string
	Window      string
	Deadline    string
	StatusClass string
	StatusLabel string
	DueClass    string
	DueText     string
	Submitted   string // "27/11/2026 08:15 — Lê Thị Thu Hà"
	Approved    string
	// Returned is set while the report is back with the unit: the reform office's comment.
	ReturnComment string
	ReturnedBy    string // "Nguyễn Thị Hồng Nhung, 27/11/2026 09:00"
	// Reopened: the report came back by a reopen of an approved report, not a return
	Reopened bool
}

// ErrorItem is one line of a form's error summary, linking to its field.
type ErrorItem struct {
	Field   string
	Label   string
	Message string
}

// ConflictRow is one result whose typed value differs from the stored one.
type ConflictRow struct {
	Label  string
	Mine   string
	Stored string
	By     string // who stored it, when
}

// Conflict explains why a save was refused and shows both values of what differs.
type Conflict struct {
	Title   string // "" for the report changed meanwhile
	Message string
	Rows    []ConflictRow
}

// PastValue is a result of an earlier period.
type PastValue struct {
	Label string
	Value string
}

// EvidenceRow is one evidence file.
type EvidenceRow struct {
	ID        string
	Href      string
	DocHref   string // the document in its register
	Name      string
	Type      string
	Size      string
	Doc       string // number, date, issuer of the document
	Uploaded  string
	CanDelete bool
	Deleting  bool // ticked for removal in the typed form
}

// HistoryRow is one change of a result or report.
type HistoryRow struct {
	At     string
	Actor  string
	Action string
	Change string
}

// ResultField is one target or task of the report form, with what is typed or stored.
type ResultField struct {
	Key        string // field name prefix: t12, k3
	IsTask     bool
	Code       string
	PlanCode   string
	Text       string
	Commitment string // targets: "≥ 80% — mỗi năm"
	Kind       string // percent, count, ratio_growth, milestone; "" for tasks
	ValueLabel string
	ValueHint  string
	Suffix     string // %, văn bản …
	Growth     string // growth targets: the gain the stored value makes over last year
	Lead       string // tasks: lead unit, deadline, expected output
	Deadline   string
	Output     string

	Value string
	// a target measured as a ratio of two counts: the unit enters both
	Ratio              bool
	NumLabel, DenLabel string
	Num, Den           string
	Done               string // "", "1", "0"
	DoneOn             string
	Progress           string
	Options            []Option
	Narrative          string

	DocNumber  string
	DocDate    string
	DocIssuer  string
	DocSummary string
	OpenAttach bool
	// Pending are register documents kept from a form that had errors (or chosen in it),
	// shown ticked: saving attaches them.
	Pending []Option
	// EvidenceRequired: the reform office asks for evidence on this target before submission.
	EvidenceRequired bool

	Shown      string // read-only view: the value as text
	Evaluation string // review: status against the commitment
	EvalClass  string
	EvalReason string

	Previous   []PastValue
	Evidence   []EvidenceRow
	History    []HistoryRow
	StoredNote string // conflict: the newer stored value next to the typed one
}

// ReportArea groups a report's targets and tasks under one reform area.
type ReportArea struct {
	Name    string
	Targets []ResultField
	Tasks   []ResultField
}

// ReportFormProps is a unit's report for one period: a form while it may be changed,
// a read-only view otherwise.
type ReportFormProps struct {
	Meta      Meta
	Header    ReportHeader
	Comments  CommentsView
	Notice    string
	Editable  bool
	CanSubmit bool
	Action    string
	Owner     int64 // the signed-in user: a form posted after the session ended is kept for them
	// KeepAlive is how often (ms) typing in the form may extend the session (keepalive.js)
	KeepAlive string
	// ErrorsTitle heads the error list instead of "not saved" when the values were saved
	ErrorsTitle string
	Version     int
	Errors      FieldErrors
	ErrorList   []ErrorItem
	Conflict    *Conflict
	Areas       []ReportArea
	Accept      string
	MaxUpload   string
	// RegisterDocs are the documents of the unit's register and the shared ones, newest
	// first, to attach without uploading again; RegisterHref opens the register.
	RegisterDocs []Option
	RegisterHref string
	History      []HistoryRow
	ReviewHref   string // for the reform office: the review page of this report
	BackHref     string
	Empty        bool // nothing is assigned to the unit in this period
}

// InboxRow is a submitted report waiting for review.
type InboxRow struct {
	Href      string
	Unit      string
	Period    string
	Submitted string
	By        string
	DueClass  string
	DueText   string
}

// ReviewInboxProps is the reform office's list of reports to review.
type ReviewInboxProps struct {
	Meta  Meta
	Rows  []InboxRow
	Total int
	Pager Pager
	Year  int
}

// CompletenessCell is one unit's report in one period.
type CompletenessCell struct {
	Href        string
	StatusClass string
	StatusLabel string
	Late        string // "Nộp muộn" / "Quá hạn"
	LateClass   string
}

// CompletenessRow is one unit across the year's periods.
type CompletenessRow struct {
	Unit  string
	Cells []CompletenessCell
}

// ReviewMatrixProps is the completeness matrix of units × periods for a year.
type ReviewMatrixProps struct {
	Meta    Meta
	Year    int
	Years   []Option
	Periods []string
	Rows    []CompletenessRow
	Pager   Pager
	Counts  []CountRow
}

// ReviewProps is one report as the reform office reviews it.
type ReviewProps struct {
	Meta       Meta
	Header     ReportHeader
	Comments   CommentsView
	Notice     string
	FormHref   string
	Version    int
	CanApprove bool
	CanReturn  bool
	CanReopen  bool
	Comment    string
	Errors     FieldErrors
	Areas      []ReportArea
	History    []HistoryRow
	Summary    []CountRow // targets by status against their commitments
}

// CommentRow is one comment on a report.
type CommentRow struct {
	Author string
	Role   string
	At     string
	Body   string
}

// CommentsView is a report's comments, newest first, and the form for those who comment.
type CommentsView struct {
	Rows       []CommentRow
	CanComment bool
	Action     string // POST
	Back       string // the page to return to
	Typed      string
	Errors     FieldErrors
}

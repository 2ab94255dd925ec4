package store

import (
	"context"
	"time"
)

// The read model of the open-data API (/api/v1) and the public page: plans, areas,
// targets, tasks, units, periods and results as another system reads them.

// OpenFilter selects the rows of one API list. Plans empty means every plan that is not a
// draft; UnitID selects a subtree (0: the whole tree). After is the keyset position the page
// starts after (the last row's key of the page before), Limit the rows to fetch.
type OpenFilter struct {
	Plans    []int64
	PlanID   int64 // one plan (already checked against Plans)
	PeriodID int64
	UnitID   int64
	TargetID int64
	// Statuses of the reports whose results count: approved, and submitted where the client may see it
	Statuses []string
	After    [2]int64
	Limit    int
}

// OpenPlan is a plan as the API shows it.
type OpenPlan struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Title     string    `json:"title"`
	IssuedOn  time.Time `json:"-"`
	IssuedBy  string    `json:"issued_by"`
	StartYear int       `json:"start_year"`
	EndYear   int       `json:"end_year"`
	Status    string    `json:"status"`
	Published bool      `json:"published"`
}

// OpenArea is a reform area.
type OpenArea struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	Name     string `json:"name"`
	NameEN   string `json:"name_en"`
	Position int    `json:"position"`
}

// OpenCommitment is a target's commitment from a year on.
type OpenCommitment struct {
	FromYear int     `json:"from_year"`
	Op       string  `json:"op"`
	Value    float64 `json:"value"`
}

// OpenTarget is a target with its commitments over the years.
type OpenTarget struct {
	ID               int64            `json:"id"`
	PlanID           int64            `json:"plan_id"`
	AreaID           int64            `json:"area_id"`
	Code             string           `json:"code"`
	Text             string           `json:"text"`
	Kind             string           `json:"kind"`
	Op               *string          `json:"op"`
	Value            *float64         `json:"value"`
	MeasureUnit      string           `json:"measure_unit"`
	Baseline         *float64         `json:"baseline"`
	DeadlineYear     *int             `json:"deadline_year"`
	EachYear         bool             `json:"each_year"`
	NumeratorLabel   string           `json:"numerator_label"`
	DenominatorLabel string           `json:"denominator_label"`
	Commitments      []OpenCommitment `json:"commitments"`
}

// OpenTask is a task of a plan.
type OpenTask struct {
	ID             int64      `json:"id"`
	PlanID         int64      `json:"plan_id"`
	AreaID         int64      `json:"area_id"`
	Code           string     `json:"code"`
	Text           string     `json:"text"`
	LeadUnitID     *int64     `json:"lead_unit_id"`
	Deadline       *time.Time `json:"-"`
	DeadlineNote   string     `json:"deadline_note"`
	ExpectedOutput string     `json:"expected_output"`
}

// OpenUnit is a unit of the organisation tree.
type OpenUnit struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	ParentID *int64 `json:"parent_id"`
	Active   bool   `json:"active"`
}

// OpenPeriod is a reporting period of a plan.
type OpenPeriod struct {
	ID       int64     `json:"id"`
	Year     int       `json:"year"`
	Kind     string    `json:"kind"`
	StartsOn time.Time `json:"-"`
	EndsOn   time.Time `json:"-"`
	Deadline time.Time `json:"-"`
}

// OpenResult is one unit's result for one target in one period, from a report in one of
// the filter's statuses.
type OpenResult struct {
	ReportID     int64      `json:"-"`
	UnitID       int64      `json:"unit_id"`
	UnitCode     string     `json:"unit_code"`
	TargetID     int64      `json:"target_id"`
	TargetCode   string     `json:"target_code"`
	PlanID       int64      `json:"plan_id"`
	PeriodID     int64      `json:"period_id"`
	Value        *float64   `json:"value"`
	Numerator    *float64   `json:"numerator"`
	Denominator  *float64   `json:"denominator"`
	Done         *bool      `json:"done"`
	DoneOn       *time.Time `json:"-"`
	ReportStatus string     `json:"report_status"`
}

// OpenDocument is an issued report document of a plan (its PDF is public once issued).
type OpenDocument struct {
	ID       int64
	PlanID   int64
	Kind     string
	Year     int
	Number   int
	Symbol   string
	DocDate  time.Time
	Summary  string
	PDFBytes int
}

// OpenDataQueries are the statements of opendata.go.
type OpenDataQueries interface {
	APIPlans(ctx context.Context, f OpenFilter) ([]OpenPlan, error)
	APIAreas(ctx context.Context) ([]OpenArea, error)
	APITargets(ctx context.Context, f OpenFilter) ([]OpenTarget, error)
	APITasks(ctx context.Context, f OpenFilter) ([]OpenTask, error)
	APIUnits(ctx context.Context, f OpenFilter) ([]OpenUnit, error)
	APIPeriods(ctx context.Context, f OpenFilter) ([]OpenPeriod, error)
	APIResults(ctx context.Context, f OpenFilter) ([]OpenResult, error)
	// UnitInSubtree reports whether unit is root or below it (root 0: any unit).
	UnitInSubtree(ctx context.Context, unit, root int64) (bool, error)
	// PublishedPlans are the plans on the public page, newest first.
	PublishedPlans(ctx context.Context) ([]OpenPlan, error)
	// SetPlanPublished shows a plan on the public page or takes it off.
	SetPlanPublished(ctx context.Context, planID int64, published bool) error
	// IssuedDocuments lists a plan's issued report documents, newest first.
	IssuedDocuments(ctx context.Context, planID int64) ([]OpenDocument, error)
	// PublicDocumentPDF returns an issued document's PDF when its plan is published.
	PublicDocumentPDF(ctx context.Context, docID int64) ([]byte, OpenDocument, error)
}

package store

import (
	"context"
	"time"
)

// ExportFilter selects the results an export counts.
type ExportFilter struct {
	PlanID    int64
	UnitIDs   []int64  // the units in the export's scope
	PeriodIDs []int64  // the periods read
	Statuses  []string // report statuses that count, e.g. approved (and submitted)
}

// ExportTargetValue is one unit's value for one target in one period.
type ExportTargetValue struct {
	UnitID    int64
	PeriodID  int64
	TargetID  int64
	Value     *float64
	Num, Den  *float64 // a ratio target's two counts
	Done      *bool
	Narrative string // only for narrativePeriod, "" otherwise
}

// ExportTaskResult is one unit's progress on one task in one period.
type ExportTaskResult struct {
	UnitID    int64
	PeriodID  int64
	TaskID    int64
	Progress  string // "" when not given
	Narrative string
}

// ExportReportState is where one unit's report for one period stands, whatever its status.
type ExportReportState struct {
	UnitID      int64
	PeriodID    int64
	Status      string
	SubmittedAt *time.Time
	ApprovedAt  *time.Time
}

// PlanAssignment says a unit reports on a target (TaskID 0) or a task (TargetID 0).
type PlanAssignment struct {
	UnitID   int64
	TargetID int64
	TaskID   int64
}

// ExportEvidence is an evidence document as a report lists it: no content.
type ExportEvidence struct {
	UnitID     int64
	PeriodID   int64
	TargetCode string
	TaskCode   string
	DocNumber  string
	DocDate    *time.Time
	DocIssuer  string
	FileName   string
}

// ExportResultRow is one raw target result for the CSV: one unit, one target, one period.
type ExportResultRow struct {
	UnitID       int64
	PeriodID     int64
	TargetID     int64
	Value        *float64
	Done         *bool
	DoneOn       *time.Time
	Narrative    string
	ReportStatus string
	SubmittedAt  *time.Time
	ApprovedAt   *time.Time
}

// ExportsQueries are the statements of exports.go.
type ExportsQueries interface {
	// EachExportTargetValue streams the counted target results of the plan's current targets.
	// Narratives are sent only for narrativePeriod: the report quotes only the period it covers.
	EachExportTargetValue(ctx context.Context, f ExportFilter, narrativePeriod int64, fn func(ExportTargetValue) error) error

	// ExportTaskResults returns the counted task results of the plan's current tasks.
	ExportTaskResults(ctx context.Context, f ExportFilter) ([]ExportTaskResult, error)

	// ExportReportStates returns every report of the units in the periods (one per unit and period).
	ExportReportStates(ctx context.Context, unitIDs, periodIDs []int64) ([]ExportReportState, error)

	// PlanAssignments lists who reports on the plan's current targets and tasks.
	PlanAssignments(ctx context.Context, planID int64) ([]PlanAssignment, error)

	// ExportEvidenceList lists the evidence of the counted reports, by period, unit and document date.
	// limit bounds it: a province's year has a few thousand documents.
	ExportEvidenceList(ctx context.Context, f ExportFilter, limit int) ([]ExportEvidence, error)

	// EachExportResult streams the counted target results with their report's state, by unit,
	// period and target.
	EachExportResult(ctx context.Context, f ExportFilter, fn func(ExportResultRow) error) error
}

package store

import (
	"context"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

// UnitPeriodReport is one row of a unit's reporting history: a period and, if the unit
// has started it, its report.
type UnitPeriodReport struct {
	Period      Period
	ReportID    int64 // 0 when not started
	Status      string
	SubmittedAt *time.Time
	ApprovedAt  *time.Time
	Version     int
}

// StatusCount is how many units' reports of a period are in one status.
type PeriodProgress struct {
	Period    Period
	Expected  int // units with at least one assignment
	Draft     int
	Submitted int
	Returned  int
	Approved  int
	Late      int // submitted after the deadline
}

// ReportRecord is a report row as written.
type ReportRecord struct {
	UnitID        int64
	PeriodID      int64
	Status        string
	SubmittedAt   *time.Time
	SubmittedBy   *int64
	ApprovedAt    *time.Time
	ApprovedBy    *int64
	ReturnedAt    *time.Time
	ReturnedBy    *int64
	ReturnComment string
}

// TargetResult is a report's value for one target.
type TargetResult struct {
	ReportID  int64
	TargetID  int64
	Value     *float64
	Num, Den  *float64 // a ratio target's two counts (Value is their percentage)
	Done      *bool
	DoneOn    *time.Time
	Narrative string
	UpdatedBy *int64
}

// TaskResult is a report's progress on one task.
type TaskResult struct {
	ReportID  int64
	TaskID    int64
	Progress  string // "" when not given
	Narrative string
	UpdatedBy *int64
}

// Evidence is a register document attached to a result, with the document's number,
// date and issuer and its current file.
type Evidence struct {
	ID          int64 // the attachment
	ReportID    int64
	TargetID    *int64
	TaskID      *int64
	DocumentID  int64
	FileID      int64 // the current version
	FileName    string
	ContentType string
	SizeBytes   int64
	SHA256      string
	StorageKey  string
	DocNumber   string
	DocDate     *time.Time
	DocIssuer   string
	Summary     string
	UploadedBy  *int64 // who attached it
	UploadedAt  time.Time
}

// Report is a unit's report for one period, with the names of who moved it along.
type Report struct {
	ID              int64
	UnitID          int64
	PeriodID        int64
	Status          domain.ReportStatus
	Version         int
	SubmittedAt     *time.Time
	SubmittedByName string
	ApprovedAt      *time.Time
	ApprovedByName  string
	ReturnedAt      *time.Time
	ReturnedByName  string
	ReturnComment   string
	UpdatedAt       time.Time
}

// ReportChange is a report's move to a status. Stamp names the event whose time and
// actor are recorded: "submitted", "approved", "returned" or "" for a plain save.
type ReportChange struct {
	Status        string
	Stamp         string
	ActorID       int64
	At            time.Time
	ReturnComment *string // nil keeps the current comment
}

// ReportsQueries are the statements of reports.go.
type ReportsQueries interface {
	// UnitReports lists a unit's reports by period, newest period first, one page at a time.
	UnitReports(ctx context.Context, unitID int64, page Page) ([]UnitPeriodReport, error)

	// PeriodProgressFor counts the reports of one period by status, against the units expected to report.
	PeriodProgressFor(ctx context.Context, periodID int64) (PeriodProgress, error)

	// CountAssignments returns how many targets and tasks a unit reports on.
	CountAssignments(ctx context.Context, unitID int64) (targets, tasks int, err error)

	// InsertReport creates a unit's report for a period; ErrConflict if it exists.
	InsertReport(ctx context.Context, r ReportRecord) (int64, error)

	// UpsertResults writes a report's target and task results in one round trip. Rows are
	// written in id order: the summary triggers lock one row per target, and two saves taking
	// those locks in the same order cannot deadlock.
	UpsertResults(ctx context.Context, targets []TargetResult, tasks []TaskResult) error

	// ReportByID finds one report.
	ReportByID(ctx context.Context, id int64) (Report, error)

	// LockReport reads a report and locks its row until the transaction ends, so two saves
	// of one report take turns and the second sees the first's version.
	LockReport(ctx context.Context, id int64) (Report, error)

	// EnsureReport locks the unit's report for the period, creating it as a draft if the unit
	// has none yet (the first save creates it); created says which. Two first saves at once
	// both end up locking the one row.
	EnsureReport(ctx context.Context, unitID, periodID int64) (r Report, created bool, err error)

	// LockPeriodShared reads a period and holds a share lock on it, so the reform office cannot
	// close it while a save is being written into it; saves of many units do not wait on each other.
	LockPeriodShared(ctx context.Context, id int64) (Period, error)

	// UpdateReport applies a change to a report still at version, bumps the version and returns
	// the new one; ErrConflict if someone else changed the report first. Approval stamps are
	// cleared when a report leaves "approved" (reopen), so "approved_at set" always means approved.
	UpdateReport(ctx context.Context, id int64, version int, c ReportChange) (int, error)
}

package store

import (
	"context"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

// StoredTarget is a target's value in a report as stored, with who changed it last.
type StoredTarget struct {
	Value         *float64
	Num, Den      *float64 // the two counts of a ratio target (Value is their percentage)
	Done          *bool
	DoneOn        *time.Time
	Narrative     string
	UpdatedAt     time.Time
	UpdatedByName string
}

// StoredTask is a task's progress in a report as stored, with who changed it last.
type StoredTask struct {
	Progress      string
	Narrative     string
	UpdatedAt     time.Time
	UpdatedByName string
}

// ReportTarget is one target of a report's scope with its stored result, if any.
type ReportTarget struct {
	Target
	PlanCode string
	Result   *StoredTarget
	// EvidenceRequired: the reform office asks for evidence before the report is submitted;
	// EvidenceCount is how many documents the report has attached to it.
	EvidenceRequired bool
	EvidenceCount    int
}

// ReportTask is one task of a report's scope with its stored result, if any.
type ReportTask struct {
	Task
	PlanCode string
	Result   *StoredTask
}

// StoredResults are a report's results keyed by target and task id.
type StoredResults struct {
	Targets map[int64]StoredTarget
	Tasks   map[int64]StoredTask
}

// PastTarget is a unit's value for a target in an earlier period.
type PastTarget struct {
	Period Period
	Value  *float64
	Done   *bool
	DoneOn *time.Time
}

// PastTask is a unit's progress on a task in an earlier period.
type PastTask struct {
	Period   Period
	Progress string
}

// PastResults are the unit's results of the n periods before a period, per target and
// task, oldest first.
type PastResults struct {
	Targets map[int64][]PastTarget
	Tasks   map[int64][]PastTask
	// Schedules are the yearly commitments of the page's targets, by target: a result is
	// judged by the commitment in force for its year.
	Schedules map[int64][]domain.CommitmentChange
}

// ResultsQueries are the statements of results.go.
type ResultsQueries interface {
	// ReportResults reads a report's results; inside a save's transaction, after LockReport,
	// they are what the save compares against and records as "before".
	ReportResults(ctx context.Context, reportID int64) (StoredResults, error)
}

package store

import (
	"context"
	"encoding/json"
	"time"
)

// InboxRow is a submitted report waiting for the reform office.
type InboxRow struct {
	ReportID        int64
	UnitID          int64
	UnitCode        string
	UnitName        string
	Period          Period
	SubmittedAt     time.Time
	SubmittedByName string
}

// MatrixCell is one unit's report for one period of the completeness matrix.
type MatrixCell struct {
	ReportID    int64
	UnitID      int64
	PeriodID    int64
	Status      string
	SubmittedAt *time.Time
}

// Completeness is the reform office's matrix for a year: the units expected to report
// (one page of them), the year's periods, and every report they have.
type Completeness struct {
	Units   []Unit
	Periods []Period
	Cells   []MatrixCell
	HasNext bool
}

// HistoryEntry is one audit entry of a report, with the actor's full name.
type HistoryEntry struct {
	At        time.Time
	ActorName string
	Action    string
	Before    json.RawMessage
	After     json.RawMessage
}

// ReviewQueries are the statements of review.go.
type ReviewQueries interface {
	// ReviewInbox lists submitted reports, the longest-waiting first, one page at a time,
	// with how many wait in all.
	ReviewInbox(ctx context.Context, page Page) ([]InboxRow, int, error)

	// CompletenessFor builds the matrix of a year: units with an assignment (or a report that
	// year) by name, one page of them, and their reports, in three queries whatever the size.
	CompletenessFor(ctx context.Context, year int, page Page) (Completeness, error)
}

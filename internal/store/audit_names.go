package store

import (
	"context"
)

// PeriodName is what names a period: its year and kind.
type PeriodName struct {
	Year int
	Kind string
}

// ReportName is what names a report: its unit and period.
type ReportName struct {
	Unit   string
	Period PeriodName
}

// AuditNames are the names of the people and records a page of audit entries mentions,
// so that each entry can be read as a sentence. Entries keep ids and codes; names are
// looked up when the page is shown.
type AuditNames struct {
	People  map[string]string // username → full name
	Users   map[int64]string  // user id → full name
	Units   map[int64]string
	Reports map[int64]ReportName
	Plans   map[int64]string // plan id → number (code)
	Targets map[int64]string // target id → code
	Tasks   map[int64]string // task id → code
	Periods map[int64]PeriodName
}

// AuditNamesQueries are the statements of audit_names.go.
type AuditNamesQueries interface {
	// AuditNames looks up, in one round trip, the names the entries mention.
	AuditNames(ctx context.Context, entries []AuditEntry) (AuditNames, error)
}

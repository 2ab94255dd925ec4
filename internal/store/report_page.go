package store

import (
	"context"
)

// ReportPage is one unit's report for one period and everything its pages show.
type ReportPage struct {
	Unit    Unit
	Period  Period
	Report  *Report // nil while the unit has not started it
	Targets []ReportTarget
	Tasks   []ReportTask

	// filled when extras are asked for
	Areas    []ReformArea
	Past     PastResults
	Evidence []EvidenceItem
	History  []HistoryEntry
	Comments []ReportComment // newest first, at most HistoryLimit
	// the unit's register documents and those shared, newest first, at most RegisterChoices
	RegisterDocs []EvidenceDoc
}

// PageExtras asks LoadReportPage for what only a rendered page needs: the reform areas,
// the unit's results of the PastPeriods periods before this one, the report's evidence
// and its HistoryLimit latest audit entries.
type PageExtras struct {
	PastPeriods  int
	HistoryLimit int
	// RegisterChoices > 0 reads the documents the form offers to attach (RegisterDocs)
	RegisterChoices int
}

// ReportPageQueries are the statements of report_page.go.
type ReportPageQueries interface {
	// LoadReportPage reads a unit's report for a period with its scope (and, given extras,
	// everything else its pages show) in one round trip. ErrNotFound when the unit or the
	// period does not exist.
	LoadReportPage(ctx context.Context, unitID, periodID int64, extras *PageExtras) (ReportPage, error)
}

// Package store is the portal's data access as the rest of the code sees it: the rows (typed
// records), the filters, the errors, and the interfaces every read and write goes through.
// It has no SQL and no driver: the statements are in internal/store/postgres, which implements
// Store; cmd/cchc opens it and hands it down as this interface, so the HTTP layer and the use
// cases never reach pgx. Every call takes a context; errors are wrapped with the operation.
package store

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound means the record does not exist (or is not visible to the caller).
var ErrNotFound = errors.New("not found")

// ErrConflict means the record changed since the caller read it (optimistic locking)
// or a unique value is already taken.
var ErrConflict = errors.New("conflict")

// Queries is every read and write of the portal. The same methods run on the pool
// (Store) or inside a transaction (the Queries InTx hands to its function): one calling
// convention for both. Methods that lock rows (LockPlan, LockReport, EnsureReport,
// UserForUpdate…) only make sense inside a transaction.
type Queries interface {
	APIClientsQueries
	AuditNamesQueries
	AuditQueries
	BulkQueries
	CommentsQueries
	DashboardDisciplineQueries
	DashboardDrillQueries
	DashboardQueries
	DocumentsQueries
	EvidenceQueries
	ExportsQueries
	ExportJobsQueries
	HomeQueries
	LoginsQueries
	MailQueries
	NotificationsQueries
	OpenDataQueries
	PeriodClosingQueries
	PeriodsQueries
	PlanSpecQueries
	PlansQueries
	RegisterQueries
	ReportPageQueries
	ReportsQueries
	ResultsQueries
	ReviewQueries
	SettingsQueries
	SuccessionQueries
	TargetsQueries
	TasksQueries
	UnitFiguresQueries
	UnitsQueries
	UsersQueries
}

// Store is the database as the portal uses it: every query on the pool, transactions,
// the sessions table and the health of the connection.
type Store interface {
	Queries
	// InTx runs fn in one transaction: committed if fn returns nil, rolled back otherwise.
	InTx(ctx context.Context, fn func(tx Queries) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Sessions returns the session store, deleting expired sessions every cleanup. userOf
	// tells which user a session's data belongs to (0: none); it is kept beside the data, so
	// a session and its user are read together (SessionUser).
	Sessions(cleanup time.Duration, userOf func(data []byte) int64) Sessions
	// Unavailable reports whether err means the database cannot be reached or is
	// restarting: the user gets "try again shortly" (503), not a failure of the portal.
	Unavailable(err error) bool
}

// Page bounds a list query. Every list in the portal is paginated.
type Page struct {
	Number int // 1-based
	Size   int
	// Lookahead fetches one row more than the page holds, so the caller can tell whether
	// a next page exists without counting; the offset still steps by Size.
	Lookahead bool
}

// Offset is the number of rows before this page.
func (p Page) Offset() int { return (p.normal().Number - 1) * p.normal().Size }

// Limit is the number of rows to fetch: the page size, bounded, plus one with Lookahead.
func (p Page) Limit() int {
	if p.Lookahead {
		return p.normal().Size + 1
	}
	return p.normal().Size
}

func (p Page) normal() Page {
	if p.Number < 1 {
		p.Number = 1
	}
	if p.Size < 1 || p.Size > 200 {
		p.Size = 50
	}
	return p
}

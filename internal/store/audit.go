package store

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64
	ActorName  string
	Action     string
	Entity     string
	EntityID   string
	Before     json.RawMessage
	After      json.RawMessage
	ClientAddr string
}

// AuditFilter narrows the audit log list.
type AuditFilter struct {
	Actor    string // username, exact
	Action   string // prefix, e.g. "login" or "report."
	Entity   string
	EntityID string
	From, To *time.Time // inclusive dates
}

// AuditQueries are the statements of audit.go.
type AuditQueries interface {
	// Audit appends an entry. before and after are marshalled to JSON (nil stays NULL).
	// It runs on the caller's transaction so the change and its record commit together.
	Audit(ctx context.Context, e AuditEntry, before, after any) error

	// ListAudit returns one page of the audit log, newest first, and whether there is a next page
	// (no total: counting a year of audit rows on every page view would be wasted work).
	ListAudit(ctx context.Context, f AuditFilter, page Page) ([]AuditEntry, bool, error)
}

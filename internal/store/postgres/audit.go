package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/vn-cchc/cchc/internal/store"
)

// Audit appends an entry. before and after are marshalled to JSON (nil stays NULL).
// It runs on the caller's transaction so the change and its record commit together.
func (q *Queries) Audit(ctx context.Context, e store.AuditEntry, before, after any) error {
	b, err := jsonOrNil(before)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	a, err := jsonOrNil(after)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	var actor *int64
	if e.ActorID != 0 {
		actor = &e.ActorID
	}
	_, err = q.Exec(ctx, `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, client_addr)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, actor, e.ActorName, e.Action, e.Entity, e.EntityID, b, a, e.ClientAddr)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return nil
}

func jsonOrNil(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// ListAudit returns one page of the audit log, newest first, and whether there is a next page
// (no total: counting a year of audit rows on every page view would be wasted work).
func (q *Queries) ListAudit(ctx context.Context, f store.AuditFilter, page store.Page) ([]store.AuditEntry, bool, error) {
	rows, err := q.Query(ctx, `SELECT id, at, coalesce(actor_id, 0), actor_name, action, entity, entity_id,
			coalesce(before, 'null'::jsonb), coalesce(after, 'null'::jsonb), client_addr
		FROM audit_log
		WHERE ($1 = '' OR actor_name = $1) AND ($2 = '' OR action LIKE $2 || '%')
		  AND ($3 = '' OR entity = $3) AND ($4 = '' OR entity_id = $4)
		  AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6::timestamptz + interval '1 day')
		ORDER BY at DESC, id DESC LIMIT $7 OFFSET $8`,
		f.Actor, f.Action, f.Entity, f.EntityID, f.From, f.To, page.Limit()+1, page.Offset())
	if err != nil {
		return nil, false, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	var out []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.ClientAddr); err != nil {
			return nil, false, fmt.Errorf("store: list audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: list audit: %w", err)
	}
	more := len(out) > page.Limit()
	if more {
		out = out[:page.Limit()]
	}
	return out, more, nil
}

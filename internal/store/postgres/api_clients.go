package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

const apiClientColumns = `c.id, c.name, c.token_hint, c.plan_ids, coalesce(c.unit_id, 0), coalesce(u.name, ''), c.include_submitted,
	c.expires_at, c.created_at, c.revoked_at, c.last_used_at`

func scanAPIClient(r pgx.Row) (store.APIClient, error) {
	var c store.APIClient
	err := r.Scan(&c.ID, &c.Name, &c.TokenHint, &c.PlanIDs, &c.UnitID, &c.UnitName, &c.IncludeSubmitted,
		&c.ExpiresAt, &c.CreatedAt, &c.RevokedAt, &c.LastUsedAt)
	return c, err
}

// CreateAPIClient stores a client; ErrConflict when the token hash is taken.
func (q *Queries) CreateAPIClient(ctx context.Context, in store.APIClientInput) (int64, error) {
	var id int64
	plans := in.PlanIDs
	if plans == nil {
		plans = []int64{}
	}
	err := q.QueryRow(ctx, `INSERT INTO api_clients (name, token_hash, token_hint, plan_ids, unit_id, include_submitted, expires_at, created_by)
		VALUES ($1, $2, $3, $4, nullif($5, 0), $6, $7, nullif($8, 0)) RETURNING id`,
		in.Name, in.TokenHash, in.TokenHint, plans, in.UnitID, in.IncludeSubmitted, in.ExpiresAt, in.CreatedBy).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create api client: %w", store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create api client: %w", err)
	}
	return id, nil
}

// APIClients lists clients, newest first, revoked ones included.
func (q *Queries) APIClients(ctx context.Context, page store.Page) ([]store.APIClient, error) {
	rows, err := q.Query(ctx, `SELECT `+apiClientColumns+` FROM api_clients c LEFT JOIN units u ON u.id = c.unit_id
		ORDER BY c.id DESC LIMIT $1 OFFSET $2`, page.Limit(), page.Offset())
	if err != nil {
		return nil, fmt.Errorf("store: api clients: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.APIClient, error) { return scanAPIClient(r) })
}

// APIClientByID returns one client.
func (q *Queries) APIClientByID(ctx context.Context, id int64) (store.APIClient, error) {
	c, err := scanAPIClient(q.QueryRow(ctx, `SELECT `+apiClientColumns+` FROM api_clients c LEFT JOIN units u ON u.id = c.unit_id
		WHERE c.id = $1`, id))
	if err != nil {
		return c, fmt.Errorf("store: api client %d: %w", id, notFound(err))
	}
	return c, nil
}

// APIClientByTokenHash finds the client holding a token (revoked or expired ones too).
func (q *Queries) APIClientByTokenHash(ctx context.Context, hash []byte) (store.APIClient, error) {
	c, err := scanAPIClient(q.QueryRow(ctx, `SELECT `+apiClientColumns+` FROM api_clients c LEFT JOIN units u ON u.id = c.unit_id
		WHERE c.token_hash = $1`, hash))
	if err != nil {
		return c, fmt.Errorf("store: api client by token: %w", notFound(err))
	}
	return c, nil
}

// RevokeAPIClient revokes a client; ErrNotFound when it is unknown or already revoked.
func (q *Queries) RevokeAPIClient(ctx context.Context, id int64, at time.Time) error {
	tag, err := q.Exec(ctx, `UPDATE api_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, at)
	if err != nil {
		return fmt.Errorf("store: revoke api client %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: revoke api client %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// LogAPICalls records calls and moves their clients' last use forward, in one statement.
func (q *Queries) LogAPICalls(ctx context.Context, calls []store.APICall) error {
	if len(calls) == 0 {
		return nil
	}
	clients, ats, routes, rowsN, statuses := make([]*int64, len(calls)), make([]time.Time, len(calls)),
		make([]string, len(calls)), make([]int32, len(calls)), make([]int32, len(calls))
	for i, c := range calls {
		if c.ClientID != 0 {
			id := c.ClientID
			clients[i] = &id
		}
		ats[i], routes[i], rowsN[i], statuses[i] = c.At, c.Route, int32(c.Rows), int32(c.Status)
	}
	_, err := q.Exec(ctx, `WITH c AS (
			INSERT INTO api_calls (client_id, at, route, rows, status)
			SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::int[], $5::int[])
			RETURNING client_id, at)
		UPDATE api_clients a SET last_used_at = greatest(a.last_used_at, m.at)
		FROM (SELECT client_id, max(at) AS at FROM c WHERE client_id IS NOT NULL GROUP BY client_id) m WHERE a.id = m.client_id`,
		clients, ats, routes, rowsN, statuses)
	if err != nil {
		return fmt.Errorf("store: log api calls: %w", err)
	}
	return nil
}

// PruneAPICalls deletes calls older than before; it returns how many.
func (q *Queries) PruneAPICalls(ctx context.Context, before time.Time) (int64, error) {
	tag, err := q.Exec(ctx, `DELETE FROM api_calls WHERE at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("store: prune api calls: %w", err)
	}
	return tag.RowsAffected(), nil
}

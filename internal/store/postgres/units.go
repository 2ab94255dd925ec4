package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// ListUnits returns every unit (a department has tens; a province's tree is bounded by
// maxUnits), parents before children, siblings by code.
func (q *Queries) ListUnits(ctx context.Context, activeOnly bool) ([]store.Unit, error) {
	const maxUnits = 5000
	rows, err := q.Query(ctx, `
		WITH RECURSIVE tree AS (
			SELECT id, ARRAY[code] AS path FROM units WHERE parent_id IS NULL
			UNION ALL
			SELECT u.id, t.path || u.code FROM units u JOIN tree t ON u.parent_id = t.id
		)
		SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), coalesce(p.name, ''), u.active,
			(SELECT count(*) FROM users us WHERE us.unit_id = u.id AND us.active)
		FROM units u JOIN tree t ON t.id = u.id LEFT JOIN units p ON p.id = u.parent_id
		WHERE NOT $1 OR u.active
		ORDER BY t.path LIMIT $2`, activeOnly, maxUnits)
	if err != nil {
		return nil, fmt.Errorf("store: list units: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Unit, error) {
		var u store.Unit
		err := r.Scan(&u.ID, &u.Code, &u.Name, &u.ParentID, &u.ParentName, &u.Active, &u.Users)
		return u, err
	})
}

// UnitByID finds one unit.
func (q *Queries) UnitByID(ctx context.Context, id int64) (store.Unit, error) {
	var u store.Unit
	err := q.QueryRow(ctx, `SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), coalesce(p.name, ''), u.active
		FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1`, id).
		Scan(&u.ID, &u.Code, &u.Name, &u.ParentID, &u.ParentName, &u.Active)
	if err != nil {
		return store.Unit{}, fmt.Errorf("store: unit %d: %w", id, notFound(err))
	}
	return u, nil
}

// UnitIDByCode finds a unit's id by its code (case-insensitive).
func (q *Queries) UnitIDByCode(ctx context.Context, code string) (int64, error) {
	var id int64
	if err := q.QueryRow(ctx, `SELECT id FROM units WHERE upper(code) = upper($1)`, code).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: unit %q: %w", code, notFound(err))
	}
	return id, nil
}

// CreateUnit inserts a unit; ErrConflict when the code is taken.
func (q *Queries) CreateUnit(ctx context.Context, in store.UnitInput) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO units (code, name, parent_id, active) VALUES ($1, $2, $3, $4) RETURNING id`,
		in.Code, in.Name, nullUnit(in.ParentID), in.Active).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create unit %q: %w", in.Code, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create unit %q: %w", in.Code, err)
	}
	return id, nil
}

// UpdateUnit changes a unit.
func (q *Queries) UpdateUnit(ctx context.Context, id int64, in store.UnitInput) error {
	tag, err := q.Exec(ctx, `UPDATE units SET code = $2, name = $3, parent_id = $4, active = $5, updated_at = now() WHERE id = $1`,
		id, in.Code, in.Name, nullUnit(in.ParentID), in.Active)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update unit %d: %w", id, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update unit %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update unit %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// UnitIsDescendant reports whether candidate lies in the subtree under id (or is id itself):
// making it the parent of id would close a cycle.
func (q *Queries) UnitIsDescendant(ctx context.Context, id, candidate int64) (bool, error) {
	var found bool
	err := q.QueryRow(ctx, `
		WITH RECURSIVE sub AS (
			SELECT id FROM units WHERE id = $1
			UNION ALL
			SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id
		) SELECT EXISTS (SELECT 1 FROM sub WHERE id = $2)`, id, candidate).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("store: unit subtree %d: %w", id, err)
	}
	return found, nil
}

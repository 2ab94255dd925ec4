package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Unit is a node of the organisation tree.
type Unit struct {
	ID         int64
	Code       string
	Name       string
	ParentID   int64 // 0 for a root
	ParentName string
	Active     bool
	Users      int // active users, for the admin list
}

// UnitInput is what a person can set on a unit.
type UnitInput struct {
	Code     string
	Name     string
	ParentID int64
	Active   bool
}

// ListUnits returns every unit (a department has tens; a province's tree is bounded by
// maxUnits), parents before children, siblings by code.
func (s *Store) ListUnits(ctx context.Context, activeOnly bool) ([]Unit, error) {
	const maxUnits = 5000
	rows, err := s.pool.Query(ctx, `
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
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Unit, error) {
		var u Unit
		err := r.Scan(&u.ID, &u.Code, &u.Name, &u.ParentID, &u.ParentName, &u.Active, &u.Users)
		return u, err
	})
}

// UnitByID finds one unit.
func (s *Store) UnitByID(ctx context.Context, id int64) (Unit, error) {
	var u Unit
	err := s.pool.QueryRow(ctx, `SELECT u.id, u.code, u.name, coalesce(u.parent_id, 0), coalesce(p.name, ''), u.active
		FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = $1`, id).
		Scan(&u.ID, &u.Code, &u.Name, &u.ParentID, &u.ParentName, &u.Active)
	if err != nil {
		return Unit{}, fmt.Errorf("store: unit %d: %w", id, notFound(err))
	}
	return u, nil
}

// UnitIDByCode finds a unit's id by its code (case-insensitive).
func UnitIDByCode(ctx context.Context, q DBTX, code string) (int64, error) {
	var id int64
	if err := q.QueryRow(ctx, `SELECT id FROM units WHERE upper(code) = upper($1)`, code).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: unit %q: %w", code, notFound(err))
	}
	return id, nil
}

// CreateUnit inserts a unit; ErrConflict when the code is taken.
func CreateUnit(ctx context.Context, q DBTX, in UnitInput) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO units (code, name, parent_id, active) VALUES ($1, $2, $3, $4) RETURNING id`,
		in.Code, in.Name, nullUnit(in.ParentID), in.Active).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create unit %q: %w", in.Code, ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create unit %q: %w", in.Code, err)
	}
	return id, nil
}

// UpdateUnit changes a unit.
func UpdateUnit(ctx context.Context, q DBTX, id int64, in UnitInput) error {
	tag, err := q.Exec(ctx, `UPDATE units SET code = $2, name = $3, parent_id = $4, active = $5, updated_at = now() WHERE id = $1`,
		id, in.Code, in.Name, nullUnit(in.ParentID), in.Active)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update unit %d: %w", id, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update unit %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update unit %d: %w", id, ErrNotFound)
	}
	return nil
}

// UnitIsDescendant reports whether candidate lies in the subtree under id (or is id itself):
// making it the parent of id would close a cycle.
func UnitIsDescendant(ctx context.Context, q DBTX, id, candidate int64) (bool, error) {
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

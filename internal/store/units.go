package store

import (
	"context"
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

// UnitsQueries are the statements of units.go.
type UnitsQueries interface {
	// ListUnits returns every unit (a department has tens; a province's tree is bounded by
	// maxUnits), parents before children, siblings by code.
	ListUnits(ctx context.Context, activeOnly bool) ([]Unit, error)

	// UnitByID finds one unit.
	UnitByID(ctx context.Context, id int64) (Unit, error)

	// UnitIDByCode finds a unit's id by its code (case-insensitive).
	UnitIDByCode(ctx context.Context, code string) (int64, error)

	// CreateUnit inserts a unit; ErrConflict when the code is taken.
	CreateUnit(ctx context.Context, in UnitInput) (int64, error)

	// UpdateUnit changes a unit.
	UpdateUnit(ctx context.Context, id int64, in UnitInput) error

	// UnitIsDescendant reports whether candidate lies in the subtree under id (or is id itself):
	// making it the parent of id would close a cycle.
	UnitIsDescendant(ctx context.Context, id, candidate int64) (bool, error)
}

package store

import (
	"context"
	"time"
)

// HomeQuery says what a home page shows: a unit's open reports, the submission progress of
// the open periods, the plans in force.
type HomeQuery struct {
	UnitID   int64 // the user's unit when they report for it; 0: no unit section
	Today    time.Time
	Progress bool // the open periods' submission progress
	Plans    bool
}

// HomePage is what the home page reads, in one round trip.
type HomePage struct {
	Targets, Tasks int                // assigned to the unit
	Open           []Period           // periods open today
	History        []UnitPeriodReport // the unit's eight latest periods
	Progress       []PeriodProgress   // one per open period, in Open's order
	Plans          []Plan             // the five newest plans
}

// HomeQueries are the statements of home.go.
type HomeQueries interface {
	// HomePage reads a home page's data in one pipelined batch.
	HomePage(ctx context.Context, q HomeQuery) (HomePage, error)
}

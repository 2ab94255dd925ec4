package store

import (
	"context"
	"time"
)

// ResultNote is one unit's result for a target in a period, with its narrative.
type ResultNote struct {
	UnitID    int64
	UnitName  string
	Status    string
	Value     *float64
	Done      *bool
	Narrative string
	UpdatedAt time.Time
}

// DrillEvidence is an evidence document as the target drill-down lists it.
type DrillEvidence struct {
	ID         int64
	UnitID     int64
	UnitName   string
	FileName   string
	SizeBytes  int64
	DocNumber  string
	DocDate    *time.Time
	DocIssuer  string
	UploadedAt time.Time
}

// TargetDetail is what the target drill-down shows for one scope.
type TargetDetail struct {
	Points      []TargetPoint // the scope's figures, every period
	Children    []Scope       // units directly under the scope
	Assigned    map[int64]bool
	ChildPoints []TargetPoint // by child (UnitID), every period
	Notes       []ResultNote  // the chosen period's results in the scope
	Evidence    []DrillEvidence
}

// UnitTaskResult is a unit's progress on a task in one period.
type UnitTaskResult struct {
	TaskID   int64
	PeriodID int64
	Progress string
	Status   string
}

// UnitDetail is what the unit drill-down shows: its own assignments and results.
type UnitDetail struct {
	Targets []DashTarget
	Points  []TargetPoint // the unit's own results, every period
	Tasks   []DashTask
	Results []UnitTaskResult // the chosen period
	Lead    map[int64]bool   // tasks the unit leads
}

// DashboardDrillQueries are the statements of dashboard_drill.go.
type DashboardDrillQueries interface {
	// DashTargetByID finds one target with its plan.
	DashTargetByID(ctx context.Context, id int64) (DashTarget, DashPlan, error)

	// TargetDetailFor reads a target's figures in a scope (and by unit directly under it) and,
	// withNotes, the chosen period's narratives and evidence from reports in the given statuses
	// (the first `limit` units of the subtree that have any: a country's thousands are read per
	// province instead).
	//
	// ownOnly limits everything to the scope unit's own reports, leaving out the units below
	// it: unit staff see their own unit, not its sub-units (authz hides those).
	TargetDetailFor(ctx context.Context, targetID, scopeID, periodID int64, statuses []string, limit int, withNotes, ownOnly bool) (TargetDetail, error)

	// UnitDetailFor reads a unit's assigned targets and tasks in a plan and its own results
	// (every report status; the caller picks which count).
	UnitDetailFor(ctx context.Context, unitID, planID, periodID int64) (UnitDetail, error)
}

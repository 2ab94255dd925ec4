package store

import (
	"context"
	"errors"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

// DashPlan is the plan a dashboard shows.
type DashPlan struct {
	ID        int64
	Code      string
	Title     string
	StartYear int
	EndYear   int
	Status    string
	IssuedOn  time.Time
}

// Scope is the unit whose subtree a dashboard covers.
type Scope struct {
	ID          int64
	Code        string
	Name        string
	ParentID    int64
	HasChildren bool
	// Nested: some units under it have units under them (a country of provinces), so the
	// dashboard summarises reporting by sub-scope instead of listing thousands of units.
	Nested bool
}

// DashTarget is a target with what the status rule needs.
type DashTarget struct {
	ID           int64
	PlanID       int64
	AreaID       int64
	Code         string
	Text         string
	Kind         string
	Op           string
	Value        *float64
	MeasureUnit  string
	Baseline     *float64
	DeadlineYear int
	EachYear     bool
	Ratio        domain.Ratio // the two counts of a ratio target; empty for a plain value
}

// DashTask is a task with its lead unit.
type DashTask struct {
	ID           int64
	AreaID       int64
	Code         string
	Text         string
	LeadUnitID   int64
	LeadUnitName string
	Deadline     *time.Time
	DeadlineNote string
}

// TargetPoint is a target's tallies in one period: approved reports and reports awaiting review.
type TargetPoint struct {
	UnitID   int64 // the unit or sub-scope it belongs to, where a query groups by unit
	TargetID int64
	PeriodID int64
	Approved domain.Tally
	Pending  domain.Tally
}

// TaskPoint is how many units reported one progress on a task in a period.
type TaskPoint struct {
	TaskID   int64
	Progress string
	Approved int
	Pending  int
}

// ReportCount is how many reports of a period are in one status, sent late or not.
type ReportCount struct {
	Status string
	Late   bool
	N      int
}

// UnitReportState is one unit's report for a period, for the lists of late and missing units.
type UnitReportState struct {
	UnitID      int64
	Code        string
	Name        string
	Status      string // not_started when there is no report
	SubmittedAt *time.Time
}

// DashboardContext is what a dashboard request resolves before reading figures.
type DashboardContext struct {
	Plan    DashPlan
	Plans   []DashPlan // every plan that is not a draft, to choose from
	Scope   Scope
	Path    []Scope // the scope's ancestors, root first, without the scope
	Periods []Period
	Areas   []ReformArea
	// LatestApproved and LatestPending are the newest periods with approved (or approved
	// or submitted) reports in the scope; 0 when none.
	LatestApproved int64
	LatestPending  int64
}

// ErrNoPlan means there is no plan to show.
var ErrNoPlan = errors.New("no plan")

// DashboardQuery selects a dashboard's figures.
type DashboardQuery struct {
	PlanID   int64
	ScopeID  int64
	PeriodID int64
	// OnlyUnit restricts targets and tasks to those assigned to this unit (unit staff
	// see their own unit's); 0 for all.
	OnlyUnit int64
	// ListLimit bounds the lists of late and missing units.
	ListLimit int
	// Nested scopes get reporting counts by unit directly under them instead of unit lists.
	Nested   bool
	Deadline time.Time // the period's deadline, for lateness
}

// DashboardData is everything one dashboard page shows, read in one round trip.
type DashboardData struct {
	Children     []Scope // units directly under the scope
	Targets      []DashTarget
	Tasks        []DashTask
	Points       []TargetPoint // every period, for trends
	TaskPoints   []TaskPoint   // the chosen period
	Reports      []ReportCount // the chosen period
	Expected     int           // units in scope expected to report on the plan
	Late         []UnitReportState
	LateTotal    int
	Missing      []UnitReportState
	MissingTotal int
	// for nested scopes: report counts and expected units of each unit directly under it
	ChildReports  []ChildReportCount
	ChildExpected map[int64]int
}

// ChildReportCount is a report count of one unit directly under the scope (with its subtree).
type ChildReportCount struct {
	UnitID int64
	ReportCount
}

// DashboardQueries are the statements of dashboard.go.
type DashboardQueries interface {
	// DashboardContextFor resolves the plan (planID, or the active plan when 0) and the scope
	// (scopeID, or the root of the units tree when 0) in one round trip.
	DashboardContextFor(ctx context.Context, planID, scopeID int64) (DashboardContext, error)

	// Dashboard reads a plan's figures for a scope and period.
	Dashboard(ctx context.Context, q DashboardQuery) (DashboardData, error)
}

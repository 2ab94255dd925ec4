package store

import (
	"context"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Plan is a numbered reform plan such as 2320/KH-SNV.
type Plan struct {
	ID         int64
	Code       string
	Title      string
	IssuedOn   time.Time
	IssuedBy   string
	StartYear  int
	EndYear    int
	LegalBasis []string
	Goal       string
	Status     domain.PlanStatus
	Published  bool // shown on the public page (/cong-khai)
	Targets    int
	Tasks      int
}

// PlanInput is what a person can set on a plan.
type PlanInput struct {
	Code       string
	Title      string
	IssuedOn   time.Time
	IssuedBy   string
	StartYear  int
	EndYear    int
	LegalBasis []string
	Goal       string
	Status     string
}

// ReformArea is one area of reform (lĩnh vực CCHC).
type ReformArea struct {
	ID       int64
	Key      string
	Name     string
	NameEN   string
	Position int
}

// Target is a measurable commitment of a plan.
type Target struct {
	ID           int64
	PlanID       int64
	AreaID       int64
	Code         string
	Position     int
	Text         string
	Kind         domain.TargetKind
	Op           domain.Comparison
	Value        *float64
	MeasureUnit  string
	Baseline     *float64
	DeadlineYear int // 0 when the commitment holds each year
	EachYear     bool
	// NumeratorLabel and DenominatorLabel name the two counts of a target measured as a
	// ratio (both empty for a plain value): see domain.Ratio.
	NumeratorLabel, DenominatorLabel string
	Units                            []string // codes of the units it is assigned to
	AreaKey                          string
	Retired                          bool
}

// Task is a work item of a plan.
type Task struct {
	ID             int64
	PlanID         int64
	AreaID         int64
	Code           string
	Position       int
	Text           string
	LeadUnitID     int64
	LeadUnitCode   string
	Deadline       *time.Time
	DeadlineNote   string
	ExpectedOutput string
	Cooperating    []string // unit codes
	Units          []string // codes of the units that report on it
	AreaKey        string
	Retired        bool
}

// PlansQueries are the statements of plans.go.
type PlansQueries interface {
	// ListPlans returns plans, newest first. Plans are few (one per five years per province).
	ListPlans(ctx context.Context, page Page) ([]Plan, error)

	// PlanByID finds one plan.
	PlanByID(ctx context.Context, id int64) (Plan, error)

	// PlanIDByCode finds a plan by its document code.
	PlanIDByCode(ctx context.Context, code string) (int64, error)

	// CreatePlan inserts a plan.
	CreatePlan(ctx context.Context, in PlanInput) (int64, error)

	// UpsertArea creates or renames a reform area by key.
	UpsertArea(ctx context.Context, a ReformArea) (int64, error)

	// ListAreas returns every reform area in plan order.
	ListAreas(ctx context.Context) ([]ReformArea, error)

	// CreateTarget inserts a target.
	CreateTarget(ctx context.Context, t Target) (int64, error)

	// CreateTask inserts a task with its cooperating units.
	CreateTask(ctx context.Context, t Task, cooperating []int64) (int64, error)

	// AssignTarget makes the units report on the target.
	AssignTarget(ctx context.Context, targetID int64, unitIDs []int64) error

	// AssignTask makes the units report on the task.
	AssignTask(ctx context.Context, taskID int64, unitIDs []int64) error

	// PlanTargets returns a plan's current targets with the codes of their units.
	PlanTargets(ctx context.Context, planID int64) ([]Target, error)

	// PlanTargetsAll returns a plan's targets including retired ones, for the reform office.
	PlanTargetsAll(ctx context.Context, planID int64) ([]Target, error)

	// PlanTasks returns a plan's current tasks with their lead, cooperating and reporting units.
	PlanTasks(ctx context.Context, planID int64) ([]Task, error)

	// PlanTasksAll returns a plan's tasks including retired ones, for the reform office.
	PlanTasksAll(ctx context.Context, planID int64) ([]Task, error)

	// UpdatePlan changes a plan's facts (not its status); ErrConflict when the code is taken.
	UpdatePlan(ctx context.Context, id int64, in PlanInput) error

	// SetPlanStatus moves a plan to draft, active or closed.
	SetPlanStatus(ctx context.Context, id int64, status string) error

	// LockPlan reads a plan and holds it until the transaction ends, so a change to its
	// targets cannot race with the plan being closed.
	LockPlan(ctx context.Context, id int64) (Plan, error)

	// CurrentTargets returns a plan's current targets on the caller's transaction.
	CurrentTargets(ctx context.Context, planID int64) ([]Target, error)

	// CurrentTasks returns a plan's current tasks on the caller's transaction.
	CurrentTasks(ctx context.Context, planID int64) ([]Task, error)
}

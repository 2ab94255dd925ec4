package export

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// Source is what Build reads a report from: the plan, its units and periods, and the
// counted results. *store.Store is one; Build needs nothing else of the database.
type Source interface {
	PlanByID(ctx context.Context, id int64) (store.Plan, error)
	ListUnits(ctx context.Context, activeOnly bool) ([]store.Unit, error)
	ListPeriods(ctx context.Context, fromYear, toYear int) ([]store.Period, error)
	ListAreas(ctx context.Context) ([]store.ReformArea, error)
	PlanTargets(ctx context.Context, planID int64) ([]store.Target, error)
	PlanTasks(ctx context.Context, planID int64) ([]store.Task, error)
	PlanAssignments(ctx context.Context, planID int64) ([]store.PlanAssignment, error)
	TargetSchedules(ctx context.Context, planID int64) (map[int64][]domain.CommitmentChange, error)
	EachExportTargetValue(ctx context.Context, f store.ExportFilter, narrativePeriod int64, fn func(store.ExportTargetValue) error) error
	ExportTaskResults(ctx context.Context, f store.ExportFilter) ([]store.ExportTaskResult, error)
	ExportReportStates(ctx context.Context, unitIDs, periodIDs []int64) ([]store.ExportReportState, error)
	ExportEvidenceList(ctx context.Context, f store.ExportFilter, limit int) ([]store.ExportEvidence, error)
}

var _ Source = (store.Store)(nil)

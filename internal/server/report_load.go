package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// pastPeriods is how many earlier periods' values the form shows next to each input.
const pastPeriods = 4

// historyLimit bounds the audit entries a report page reads.
const historyLimit = 300

// reportData is one unit's report for one period and everything its pages show.
type reportData struct {
	Unit    store.Unit
	Period  store.Period
	Report  *store.Report // nil while the unit has not started it
	Targets []store.ReportTarget
	Tasks   []store.ReportTask

	// loaded by loadExtras, for rendering
	Areas    []store.ReformArea
	Past     store.PastResults
	Evidence []store.EvidenceItem
	History  []store.HistoryEntry
}

func (d *reportData) status() domain.ReportStatus {
	if d.Report == nil {
		return domain.NotStarted
	}
	return domain.ReportStatus(d.Report.Status)
}

func (d *reportData) version() int {
	if d.Report == nil {
		return 0
	}
	return d.Report.Version
}

func (d *reportData) reportID() int64 {
	if d.Report == nil {
		return 0
	}
	return d.Report.ID
}

func reportURL(unitID, periodID int64) string { return fmt.Sprintf("/reports/%d/%d", unitID, periodID) }

// decide maps an authz decision to the error a handler returns: another unit's record is
// a 404 so its existence cannot be probed, a role that may never do it a 403.
func decide(d authz.Decision) error {
	switch d {
	case authz.Allow:
		return nil
	case authz.Hide:
		return errNotFound
	}
	return errForbidden
}

// reportParams reads the unit and period of /reports/{unitID}/{periodID} and checks the
// user may do a to that unit's records before anything is read.
func reportParams(r *http.Request, a authz.Action) (unitID, periodID int64, err error) {
	if unitID, err = idParam(r, "unitID"); err != nil {
		return 0, 0, err
	}
	if periodID, err = idParam(r, "periodID"); err != nil {
		return 0, 0, err
	}
	if err := decide(authz.Decide(userFrom(r.Context()).principal(), a, unitID)); err != nil {
		return 0, 0, err
	}
	return unitID, periodID, nil
}

// loadReport reads a unit's report for a period with its scope: five queries.
func (s *Server) loadReport(ctx context.Context, unitID, periodID int64) (*reportData, error) {
	d := &reportData{}
	var err error
	if d.Period, err = s.store.PeriodByID(ctx, periodID); err != nil {
		return nil, err
	}
	if d.Unit, err = s.store.UnitByID(ctx, unitID); err != nil {
		return nil, err
	}
	rep, err := s.store.ReportFor(ctx, unitID, periodID)
	switch {
	case err == nil:
		d.Report = &rep
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	if d.Targets, err = s.store.ReportTargets(ctx, unitID, d.Period.Year, d.reportID()); err != nil {
		return nil, err
	}
	if d.Tasks, err = s.store.ReportTasks(ctx, unitID, d.Period.Year, d.reportID()); err != nil {
		return nil, err
	}
	return d, nil
}

// loadExtras reads what only rendering needs: areas, earlier values, evidence, history.
func (s *Server) loadExtras(ctx context.Context, d *reportData) error {
	var err error
	if d.Areas, err = s.store.ListAreas(ctx); err != nil {
		return err
	}
	targetIDs := make([]int64, len(d.Targets))
	for i, t := range d.Targets {
		targetIDs[i] = t.ID
	}
	taskIDs := make([]int64, len(d.Tasks))
	for i, t := range d.Tasks {
		taskIDs[i] = t.ID
	}
	if d.Past, err = s.store.PreviousResults(ctx, d.Unit.ID, d.Period.EndsOn, targetIDs, taskIDs, pastPeriods); err != nil {
		return err
	}
	if d.Report == nil {
		return nil
	}
	if d.Evidence, err = s.store.ReportEvidence(ctx, d.Report.ID); err != nil {
		return err
	}
	d.History, err = s.store.ReportHistory(ctx, d.Report.ID, historyLimit)
	return err
}

// commitment is a target's commitment as the domain rules see it.
func commitment(t store.Target) domain.Commitment {
	return domain.Commitment{
		Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
		DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline,
	}
}

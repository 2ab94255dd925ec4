package server

import (
	"context"
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
	store.ReportPage
	full bool // the extras (areas, earlier values, evidence, history) are loaded
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

func reportURL(unitID, periodID int64) string { return fmt.Sprintf("/reports/%d/%d", unitID, periodID) }

// reportParams reads the unit and period of /reports/{unitID}/{periodID} and checks the
// user may do a to that unit's records before anything is read.
func reportParams(r *http.Request, a authz.Action) (unitID, periodID int64, err error) {
	if unitID, err = idParam(r, "unitID"); err != nil {
		return 0, 0, err
	}
	if periodID, err = idParam(r, "periodID"); err != nil {
		return 0, 0, err
	}
	if err := authorize(r.Context(), a, unitID); err != nil {
		return 0, 0, err
	}
	return unitID, periodID, nil
}

// loadReport reads a unit's report for a period with its scope, in one round trip; full
// also reads what rendering needs.
func (s *Server) loadReport(ctx context.Context, unitID, periodID int64, full bool) (*reportData, error) {
	var extras *store.PageExtras
	if full {
		extras = &store.PageExtras{PastPeriods: pastPeriods, HistoryLimit: historyLimit}
		if authz.Can(userFrom(ctx).principal(), authz.EditUnitReport, unitID) {
			// the register documents an editable form offers, in the same round trip
			extras.RegisterChoices = registerChoices
		}
	}
	pg, err := s.store.LoadReportPage(ctx, unitID, periodID, extras)
	if err != nil {
		return nil, err
	}
	return &reportData{ReportPage: pg, full: full}, nil
}

// commitment is a target's commitment as the domain rules see it.
func commitment(t store.Target) domain.Commitment {
	return domain.Commitment{
		Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
		DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline,
	}
}

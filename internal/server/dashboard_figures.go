package server

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// loadFigures reads the units' own figures of the view's growth targets, so that growth is
// measured over the same units in both years, as the exports measure it.
func (s *Server) loadFigures(ctx context.Context, st *dashState, scopeID int64, ownOnly bool, targets []store.DashTarget) error {
	var ids []int64
	for _, t := range targets {
		if domain.TargetKind(t.Kind) == domain.KindGrowth {
			ids = append(ids, t.ID)
		}
	}
	figs, err := s.store.UnitFigures(ctx, ids, scopeID, st.statuses(), ownOnly)
	if err != nil {
		return err
	}
	st.figures = map[int64]map[int64][]domain.UnitFigure{}
	for _, f := range figs {
		m := st.figures[f.TargetID]
		if m == nil {
			m = map[int64][]domain.UnitFigure{}
			st.figures[f.TargetID] = m
		}
		m[f.PeriodID] = append(m[f.PeriodID], domain.UnitFigure{Unit: f.UnitID, Value: f.Value})
	}
	return nil
}

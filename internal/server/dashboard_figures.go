package server

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// loadFigures reads the units' own figures of the view's growth and ratio targets, so that
// growth is measured over the same units in both years and a ratio's figure is its units'
// Σ numerators / Σ denominators, as the exports measure them.
func (s *Server) loadFigures(ctx context.Context, st *dashState, scopeID int64, ownOnly bool, targets []store.DashTarget) error {
	return s.loadFiguresFrom(ctx, s.reads(ctx), st, scopeID, ownOnly, targets)
}

// loadFiguresFrom is loadFigures reading rd (the open data reads without a session).
func (s *Server) loadFiguresFrom(ctx context.Context, rd store.Store, st *dashState, scopeID int64, ownOnly bool, targets []store.DashTarget) error {
	var ids []int64
	for _, t := range targets {
		if domain.TargetKind(t.Kind) == domain.KindGrowth || t.Ratio.IsRatio() {
			ids = append(ids, t.ID)
		}
	}
	figs, err := rd.UnitFigures(ctx, ids, scopeID, st.statuses(), ownOnly)
	if err != nil {
		return err
	}
	st.figures = map[int64]map[int64][]domain.UnitFigure{}
	st.under = map[int64]int64{}
	for _, f := range figs {
		st.under[f.UnitID] = f.Under
		m := st.figures[f.TargetID]
		if m == nil {
			m = map[int64][]domain.UnitFigure{}
			st.figures[f.TargetID] = m
		}
		m[f.PeriodID] = append(m[f.PeriodID], domain.UnitFigure{Unit: f.UnitID, Value: f.Value, Num: f.Num, Den: f.Den})
	}
	return nil
}

// withRatio adds to a period's tally the sums of the two counts of a ratio target's units,
// from which Tally.Result takes the figure (Σ numerators / Σ denominators).
func withRatio(tl domain.Tally, figs []domain.UnitFigure) domain.Tally {
	for _, f := range figs {
		if f.Value != nil && f.Num != nil && f.Den != nil {
			tl.Ratios++
			tl.Num += *f.Num
			tl.Den += *f.Den
		}
	}
	return tl
}

// withRatioUnder is withRatio over the units in the subtree of child, a unit directly
// under the view's scope: its row in a drill-down is Σ numerators / Σ denominators of
// its units, as the scope's own figure is, never the mean of their percentages.
func (st *dashState) withRatioUnder(tl domain.Tally, figs []domain.UnitFigure, child int64) domain.Tally {
	var mine []domain.UnitFigure
	for _, f := range figs {
		if st.under[f.Unit] == child {
			mine = append(mine, f)
		}
	}
	return withRatio(tl, mine)
}

package server

import (
	"context"
	"slices"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// planRefs are the reform areas and active units a plan may refer to, by code.
type planRefs struct {
	refs  domain.Refs
	areas []store.ReformArea
	units []store.Unit // active
	area  map[string]int64
	unit  map[string]int64
}

func (s *Server) planRefs(ctx context.Context) (planRefs, error) {
	areas, err := s.store.ListAreas(ctx)
	if err != nil {
		return planRefs{}, err
	}
	units, err := s.store.ListUnits(ctx, true)
	if err != nil {
		return planRefs{}, err
	}
	pr := planRefs{areas: areas, units: units, area: map[string]int64{}, unit: map[string]int64{},
		refs: domain.Refs{Areas: map[string]bool{}, Units: map[string]bool{}}}
	for _, a := range areas {
		pr.area[a.Key], pr.refs.Areas[a.Key] = a.ID, true
	}
	for _, u := range units {
		c := domain.UnitCode(u.Code)
		pr.unit[c], pr.refs.Units[c] = u.ID, true
	}
	return pr, nil
}

func (pr planRefs) unitIDs(codes []string) []int64 {
	ids := make([]int64, 0, len(codes))
	for _, c := range codes {
		if id, ok := pr.unit[domain.UnitCode(c)]; ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func (pr planRefs) areaOptions(ctx context.Context, selected string) []web.Option {
	opts := []web.Option{{Value: "", Label: i18n.T(ctx, "plan.f.choose"), Selected: selected == ""}}
	for _, a := range pr.areas {
		opts = append(opts, web.Option{Value: a.Key, Label: areaName(ctx, a), Selected: a.Key == domain.AreaKey(selected)})
	}
	return opts
}

func (pr planRefs) unitOptions(selected []string) []web.Option {
	opts := make([]web.Option, 0, len(pr.units))
	for _, u := range pr.units {
		opts = append(opts, web.Option{Value: u.Code, Label: u.Code + " — " + u.Name, Selected: slices.Contains(selected, domain.UnitCode(u.Code))})
	}
	return opts
}

// checkUnits splits the units a form sent into known codes and a problem for unknown ones.
func (pr planRefs) checkUnits(ctx context.Context, codes []string, errs web.FieldErrors, field string) []string {
	known, unknown := domain.UnitCodes(strings.Join(codes, ","), pr.refs)
	if len(unknown) > 0 {
		errs[field] = i18n.Tf(ctx, "plan.v.unknown_units", strings.Join(unknown, ", "))
	}
	return known
}

func kindOptions(ctx context.Context, selected string) []web.Option {
	var opts []web.Option
	k, _ := domain.ParseTargetKind(selected)
	for _, kind := range domain.AllTargetKinds() {
		opts = append(opts, web.Option{Value: string(kind), Label: kind.Label(lang(ctx)), Selected: kind == k})
	}
	return opts
}

func opOptions(selected string) []web.Option {
	c, ok := domain.ParseComparison(selected)
	if !ok {
		c = domain.OpGE
	}
	var opts []web.Option
	for _, op := range []domain.Comparison{domain.OpGE, domain.OpGT, domain.OpLE, domain.OpLT, domain.OpEQ} {
		opts = append(opts, web.Option{Value: string(op), Label: op.Symbol(), Selected: op == c})
	}
	return opts
}

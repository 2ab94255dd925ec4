package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// planFromURL loads the plan the URL names ({planID}); a malformed id or an unknown plan is
// the store's not-found, which the error page answers with 404. Every role reads every
// plan: the routes decide who may change one (authz.ManagePlans).
func (s *Server) planFromURL(r *http.Request) (store.Plan, error) {
	id, err := idParam(r, "planID")
	if err != nil {
		return store.Plan{}, err
	}
	return s.store.PlanByID(r.Context(), id)
}

// editablePlan loads a plan whose contents may change; a closed plan is refused.
func (s *Server) editablePlan(r *http.Request) (store.Plan, error) {
	p, err := s.planFromURL(r)
	if err != nil {
		return p, err
	}
	if !domain.PlanStatus(p.Status).Editable() {
		return p, errPlanClosed
	}
	return p, nil
}

func targetText(t store.Target, sched []domain.CommitmentChange) domain.TargetText {
	in := domain.TargetText{Code: t.Code, Area: t.AreaKey, Text: t.Text, Kind: string(t.Kind), Op: string(t.Op), MeasureUnit: t.MeasureUnit,
		Numerator: t.NumeratorLabel, Denominator: t.DenominatorLabel,
		Schedule: strings.ReplaceAll(domain.ScheduleText(sched), "; ", "\n")}
	if t.Value != nil {
		in.Value = domain.FormatNumberInput(*t.Value)
	}
	if t.Baseline != nil {
		in.Baseline = domain.FormatNumberInput(*t.Baseline)
	}
	if t.DeadlineYear != 0 {
		in.DeadlineYear = strconv.Itoa(t.DeadlineYear)
	}
	if t.EachYear {
		in.EachYear = "1"
	}
	return in
}

func (s *Server) newTargetForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	return s.renderTargetForm(w, r, http.StatusOK, p, 0, domain.TargetText{Kind: string(domain.KindPercent), Op: ">=", MeasureUnit: "%"}, nil, nil)
}

func (s *Server) editTargetForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	id, err := idParam(r, "targetID")
	if err != nil {
		return err
	}
	t, err := s.store.TargetByID(ctx, p.ID, id)
	if err != nil {
		return err
	}
	sched, err := s.store.TargetSchedule(ctx, id)
	if err != nil {
		return err
	}
	return s.renderTargetForm(w, r, http.StatusOK, p, id, targetText(t, sched), t.Units, nil)
}

func (s *Server) renderTargetForm(w http.ResponseWriter, r *http.Request, status int, p store.Plan, id int64, in domain.TargetText,
	units []string, errs web.FieldErrors) error {
	ctx := r.Context()
	pr, err := s.planRefs(ctx)
	if err != nil {
		return err
	}
	props := web.TargetFormProps{PlanTitle: p.Code, PlanURL: fmt.Sprintf("/plans/%d", p.ID), In: in, Errors: errs,
		Areas: pr.areaOptions(ctx, in.Area), Kinds: kindOptions(ctx, in.Kind), Ops: opOptions(in.Op), Units: pr.unitOptions(upperAll(units)),
		Action: fmt.Sprintf("/plans/%d/targets", p.ID)}
	title := i18n.T(ctx, "plan.target.new")
	if id != 0 {
		title = i18n.Tf(ctx, "plan.target.edit", in.Code)
		props.Action = fmt.Sprintf("/plans/%d/targets/%d", p.ID, id)
		if err := s.targetHistory(ctx, &props, p, id); err != nil {
			return err
		}
	}
	props.Meta = s.meta(r, title, "plans")
	s.render(w, r, status, web.TargetFormPage(props))
	return nil
}

// targetHistory fills in the commitment in force for each year and, when results
// exist, which commitments can no longer change.
func (s *Server) targetHistory(ctx context.Context, props *web.TargetFormProps, p store.Plan, id int64) error {
	t, err := s.store.TargetByID(ctx, p.ID, id)
	if err != nil {
		return err
	}
	sched, err := s.store.TargetSchedule(ctx, id)
	if err != nil {
		return err
	}
	years, err := s.store.TargetResultYears(ctx, id)
	if err != nil {
		return err
	}
	last := max(p.EndYear, s.now().Year())
	for _, c := range sched {
		last = max(last, c.FromYear)
	}
	if len(years) > 0 {
		last = max(last, years[len(years)-1])
		props.ResultNote = i18n.Tf(ctx, "plan.target.result_note", yearList(years), years[len(years)-1]+1, years[len(years)-1]+1)
	}
	for y := p.StartYear; y <= last && y < p.StartYear+30; y++ {
		c := domain.CommitmentInForce(t.Commitment(), sched, y)
		props.History = append(props.History, web.CommitmentYear{Year: y, Text: c.Text(lang(ctx)), HasResults: slices.Contains(years, y)})
	}
	return nil
}

var yearList = planning.YearList

var upperAll = planning.UpperAll

func decodeTarget(r *http.Request) (domain.TargetText, []string, error) {
	if err := r.ParseForm(); err != nil {
		return domain.TargetText{}, nil, badRequest(err)
	}
	f := r.PostFormValue
	in := domain.TargetText{Code: f("code"), Area: f("area"), Text: f("text"), Kind: f("kind"), Op: f("op"), Value: f("value"),
		MeasureUnit: f("measure_unit"), Baseline: f("baseline"), DeadlineYear: f("deadline_year"), EachYear: f("each_year"), Schedule: f("schedule"),
		Numerator: f("numerator"), Denominator: f("denominator")}
	return in, r.PostForm["units"], nil
}

// checkTarget parses a target form into a spec and its field errors.
func (s *Server) checkTarget(ctx context.Context, in domain.TargetText, units []string) (domain.TargetSpec, planRefs, web.FieldErrors, error) {
	pr, err := s.planRefs(ctx)
	if err != nil {
		return domain.TargetSpec{}, pr, nil, err
	}
	spec, ps := domain.ParseTarget(in, pr.refs)
	errs := fieldErrors(ctx, ps)
	spec.Units = pr.checkUnits(ctx, units, errs, "units")
	return spec, pr, errs, nil
}

func (s *Server) createTarget(w http.ResponseWriter, r *http.Request) error {
	return s.saveTarget(w, r, false)
}

func (s *Server) updateTarget(w http.ResponseWriter, r *http.Request) error {
	return s.saveTarget(w, r, true)
}

// saveTarget creates a target in the URL's plan, or (existing) updates the URL's target;
// a refused form comes back with everything typed.
func (s *Server) saveTarget(w http.ResponseWriter, r *http.Request, existing bool) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	var id int64
	if existing {
		if id, err = idParam(r, "targetID"); err != nil {
			return err
		}
	}
	in, units, err := decodeTarget(r)
	if err != nil {
		return err
	}
	spec, pr, errs, err := s.checkTarget(ctx, in, units)
	if err != nil {
		return err
	}
	if errs.Any() {
		return s.renderTargetForm(w, r, http.StatusUnprocessableEntity, p, id, in, units, errs)
	}
	t := planning.Target{Spec: spec, AreaID: pr.area[spec.Area], Units: pr.unitIDs(spec.Units)}
	if existing {
		err = s.planning.UpdateTarget(ctx, s.actor(r), p.ID, id, t)
	} else {
		_, err = s.planning.CreateTarget(ctx, s.actor(r), p.ID, t)
	}
	if errs, ok := invalid(ctx, err); ok {
		return s.renderTargetForm(w, r, http.StatusUnprocessableEntity, p, id, in, units, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.target.saved", spec.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

func (s *Server) moveTarget(w http.ResponseWriter, r *http.Request) error {
	return s.moveItem(w, r, "targetID", planning.ItemTarget)
}

func (s *Server) retireTarget(w http.ResponseWriter, r *http.Request) error {
	return s.retireItem(w, r, "targetID", planning.ItemTarget)
}

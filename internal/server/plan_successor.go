package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// A plan that has ended is succeeded by the next: the reform office drafts the successor
// from it (targets, tasks and their units copied; each target linked to the one it
// continues; what the ended plan left unmet carried over), edits the draft, and activates
// it, which opens its periods.

// finalVerdicts judges each target of the ended plan as its final evaluation does (the
// annual report of its last year, as the exports build it); met is false for a target the
// plan left unmet. Without that period's data, nothing is judged.
func (s *Server) finalVerdicts(ctx context.Context, pred store.Plan) (labels map[int64]string, unmet map[int64]bool, err error) {
	labels, unmet = map[int64]string{}, map[int64]bool{}
	rep, err := export.Build(ctx, s.store, export.Params{PlanID: pred.ID, Year: pred.EndYear, Kind: domain.PeriodYear}, s.now())
	if errors.Is(err, export.ErrNoPeriod) {
		return labels, unmet, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, t := range rep.Targets {
		labels[t.ID] = t.Eval.Status.Label(lang(ctx))
		unmet[t.ID] = t.Eval.Status != domain.StatusMet
	}
	return labels, unmet, nil
}

func (s *Server) carryOptions(ctx context.Context, pred store.Plan, checked func(id int64, unmet bool) bool) ([]web.Option, error) {
	targets, err := s.store.PlanTargets(ctx, pred.ID)
	if err != nil {
		return nil, err
	}
	labels, unmet, err := s.finalVerdicts(ctx, pred)
	if err != nil {
		return nil, err
	}
	var out []web.Option
	for _, t := range targets {
		label := t.Code + " — " + t.Text
		if v := labels[t.ID]; v != "" {
			label += " (" + i18n.Tf(ctx, "plan.successor.verdict", pred.EndYear, v) + ")"
		}
		out = append(out, web.Option{Value: strconv.FormatInt(t.ID, 10), Label: label, Selected: checked(t.ID, unmet[t.ID])})
	}
	return out, nil
}

func (s *Server) successorForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	pred, err := s.planning.Succeedable(ctx, id)
	if err != nil {
		return err
	}
	start, end := pred.EndYear+1, pred.EndYear+1+(pred.EndYear-pred.StartYear)
	title := pred.Title
	if old := fmt.Sprintf("%d-%d", pred.StartYear, pred.EndYear); strings.Contains(title, old) {
		title = strings.Replace(title, old, fmt.Sprintf("%d-%d", start, end), 1)
	} else {
		title = ""
	}
	in := domain.PlanText{Title: title, IssuedBy: pred.IssuedBy, StartYear: strconv.Itoa(start), EndYear: strconv.Itoa(end),
		Basis: strings.Join(pred.LegalBasis, "\n"), Goal: pred.Goal}
	carry, err := s.carryOptions(ctx, pred, func(_ int64, unmet bool) bool { return unmet })
	if err != nil {
		return err
	}
	return s.renderSuccessorForm(w, r, http.StatusOK, pred, in, carry, nil)
}

func (s *Server) renderSuccessorForm(w http.ResponseWriter, r *http.Request, status int, pred store.Plan, in domain.PlanText, carry []web.Option, errs web.FieldErrors) error {
	ctx := r.Context()
	props := web.PlanFormProps{In: in, Errors: errs, Action: fmt.Sprintf("/plans/%d/successor", pred.ID),
		CancelURL: fmt.Sprintf("/plans/%d", pred.ID), Carry: carry,
		CarryNote: i18n.Tf(ctx, "plan.successor.carried_hint", pred.Code, pred.EndYear)}
	props.Meta = s.meta(r, i18n.Tf(ctx, "plan.successor.title", pred.Code), "plans")
	s.render(w, r, status, web.PlanFormPage(props))
	return nil
}

func (s *Server) createSuccessor(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	pred, err := s.planning.Succeedable(ctx, id)
	if err != nil {
		return err
	}
	in, err := decodePlan(r)
	if err != nil {
		return err
	}
	chosen := map[int64]bool{}
	for _, v := range r.PostForm["carried"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			chosen[n] = true
		}
	}
	carry, err := s.carryOptions(ctx, pred, func(id int64, _ bool) bool { return chosen[id] })
	if err != nil {
		return err
	}
	h, ps := domain.ParsePlan(in)
	if len(ps) > 0 {
		return s.renderSuccessorForm(w, r, http.StatusUnprocessableEntity, pred, in, carry, fieldErrors(ctx, ps))
	}
	newID, err := s.planning.CreateSuccessor(ctx, s.actor(r), pred.ID, h, chosen)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderSuccessorForm(w, r, http.StatusUnprocessableEntity, pred, in, carry, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.successor.created", h.Code, pred.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", newID))
}

// planLinks are the plan page's lines to its predecessor and successor, and the successor
// button of an ended plan.
func (s *Server) planLinks(ctx context.Context, p store.Plan, office bool) (web.PlanLinks, map[int64]store.TargetLink, error) {
	var out web.PlanLinks
	links, err := s.store.PlanLinksOf(ctx, p.ID)
	if err != nil {
		return out, nil, err
	}
	if l := links.Predecessor; l != nil {
		out.Predecessor = &web.PlanRef{Href: fmt.Sprintf("/plans/%d", l.ID), Label: fmt.Sprintf("%s (%d–%d)", l.Code, l.StartYear, l.EndYear)}
	}
	if l := links.Successor; l != nil {
		out.Successor = &web.PlanRef{Href: fmt.Sprintf("/plans/%d", l.ID), Label: fmt.Sprintf("%s (%d–%d)", l.Code, l.StartYear, l.EndYear)}
	}
	span := domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}
	if office && links.Successor == nil && domain.PhaseOf(domain.PlanStatus(p.Status), span, s.now()) == domain.PhaseEnded {
		out.NewSuccessor = fmt.Sprintf("/plans/%d/successor", p.ID)
	}
	targets, err := s.store.TargetLinks(ctx, p.ID)
	return out, targets, err
}

// continuation is a target's note on the plan page: the earlier target it continues, and
// whether it is carried over.
func continuation(ctx context.Context, l store.TargetLink, ok bool) string {
	switch {
	case !ok:
		return ""
	case l.CarriedOver:
		return i18n.Tf(ctx, "plan.successor.carried_from", l.ContinuesPlan, l.ContinuesCode)
	}
	return i18n.Tf(ctx, "plan.successor.continues", l.ContinuesPlan, l.ContinuesCode)
}

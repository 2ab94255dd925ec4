package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// Plans are public within the department: every signed-in role may read them. Only the
// reform office changes them, and not once a plan is closed.

var errPlanClosed = planning.ErrPlanClosed

func canManagePlans(ctx context.Context) bool {
	return authz.Can(userFrom(ctx).principal(), authz.ManagePlans, 0)
}

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	page := pageParam(r)
	plans, err := s.store.ListPlans(ctx, store.Page{Number: page, Size: 20, Lookahead: true})
	if err != nil {
		return err
	}
	props := web.PlansProps{Meta: s.meta(r, i18n.T(ctx, "plans.title"), "plans"), CanManage: canManagePlans(ctx),
		Pager: web.Pager{Page: page, HasNext: len(plans) > 20, BaseURL: "/plans"}}
	for i, p := range plans {
		if i == 20 {
			break
		}
		props.Plans = append(props.Plans, planRow(ctx, p, s.now()))
	}
	s.render(w, r, http.StatusOK, web.PlansPage(props))
	return nil
}

func (s *Server) showPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	plan, err := s.planFromURL(r)
	if err != nil {
		return err
	}
	id := plan.ID
	office := canManagePlans(ctx)
	manage := office && domain.PlanStatus(plan.Status).Editable()
	// The reform office also sees retired items, to bring them back.
	targets, tasks, err := s.planItems(ctx, id, manage)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAreas(ctx)
	if err != nil {
		return err
	}
	schedules, err := s.store.PlanSchedules(ctx, id)
	if err != nil {
		return err
	}
	base := fmt.Sprintf("/plans/%d", id)
	props := web.PlanProps{Meta: s.meta(r, plan.Code, "plans"), Plan: planRow(ctx, plan, s.now()),
		IssuedBy: plan.IssuedBy, Basis: plan.LegalBasis, Goal: plan.Goal, ExportURL: base + "/template.xlsx",
		Manage: manage, ClosedNote: office && !manage, EditURL: base + "/edit", NewTarget: base + "/targets/new",
		NewTask: base + "/tasks/new", AssignURL: base + "/assignments", StatusURL: base + "/status",
		SpanNote: domain.PlanSpan{IssuedOn: plan.IssuedOn, StartYear: plan.StartYear, EndYear: plan.EndYear}.SpanNote(lang(ctx))}
	props.Published = plan.Published
	if office {
		props.EvidenceURL = base + "/evidence"
		if plan.Status != domain.PlanDraft {
			props.PublishURL = base + "/publish"
		}
	}
	var tlinks map[int64]store.TargetLink
	if props.Links, tlinks, err = s.planLinks(ctx, plan, office); err != nil {
		return err
	}
	if office {
		for _, m := range domain.PlanMoves(domain.PlanStatus(plan.Status)) {
			props.StatusMoves = append(props.StatusMoves, web.PlanAction{Value: string(m), Label: i18n.T(ctx, "plan.move."+string(m)),
				Primary: m == domain.PlanActivate})
		}
	}
	for _, a := range areas {
		sec := web.AreaSection{Name: areaName(ctx, a)}
		var tIdx, kIdx []int
		for i, t := range targets {
			if t.AreaID == a.ID {
				tIdx = append(tIdx, i)
			}
		}
		for i, t := range tasks {
			if t.AreaID == a.ID {
				kIdx = append(kIdx, i)
			}
		}
		for n, i := range tIdx {
			t := targets[i]
			row := web.TargetRow{Code: t.Code, Text: t.Text, Commitment: commitmentText(ctx, t), Units: joinCodes(t.Units),
				Schedule: domain.ScheduleText(schedules[t.ID])}
			l, ok := tlinks[t.ID]
			row.Continues, row.Carried = continuation(ctx, l, ok), l.CarriedOver
			if manage {
				row.Actions = rowActions(fmt.Sprintf("%s/targets/%d", base, t.ID), t.Retired, n == 0, n == len(tIdx)-1)
			}
			sec.Targets = append(sec.Targets, row)
		}
		for n, i := range kIdx {
			t := tasks[i]
			row := web.TaskRow{Code: t.Code, Text: t.Text, Lead: t.LeadUnitCode, Cooperating: joinCodes(t.Cooperating),
				Deadline: t.DeadlineNote, Output: t.ExpectedOutput, Units: joinCodes(t.Units)}
			if t.Deadline != nil {
				row.Deadline = domain.FormatDate(*t.Deadline)
				if t.DeadlineNote != "" {
					row.Deadline += " (" + t.DeadlineNote + ")"
				}
			}
			if manage {
				row.Actions = rowActions(fmt.Sprintf("%s/tasks/%d", base, t.ID), t.Retired, n == 0, n == len(kIdx)-1)
			}
			sec.Tasks = append(sec.Tasks, row)
		}
		if len(sec.Targets)+len(sec.Tasks) > 0 {
			props.Areas = append(props.Areas, sec)
		}
	}
	s.render(w, r, http.StatusOK, web.PlanPage(props))
	return nil
}

func (s *Server) planItems(ctx context.Context, planID int64, withRetired bool) ([]store.Target, []store.Task, error) {
	if withRetired {
		targets, err := s.store.PlanTargetsAll(ctx, planID)
		if err != nil {
			return nil, nil, err
		}
		tasks, err := s.store.PlanTasksAll(ctx, planID)
		return targets, tasks, err
	}
	targets, err := s.store.PlanTargets(ctx, planID)
	if err != nil {
		return nil, nil, err
	}
	tasks, err := s.store.PlanTasks(ctx, planID)
	return targets, tasks, err
}

func rowActions(base string, retired, first, last bool) *web.RowActions {
	return &web.RowActions{EditURL: base, MoveURL: base + "/move", RetireURL: base + "/retire", Retired: retired, First: first, Last: last}
}

func areaName(ctx context.Context, a store.ReformArea) string {
	if lang(ctx) == "en" && a.NameEN != "" {
		return a.NameEN
	}
	return a.Name
}

func (s *Server) newPlanForm(w http.ResponseWriter, r *http.Request) error {
	y := s.now().Year() + 1
	in := domain.PlanText{StartYear: strconv.Itoa(y), EndYear: strconv.Itoa(y + 4)}
	return s.renderPlanForm(w, r, http.StatusOK, 0, in, nil)
}

func (s *Server) editPlanForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	in := domain.PlanText{Code: p.Code, Title: p.Title, IssuedOn: domain.FormatDate(p.IssuedOn), IssuedBy: p.IssuedBy,
		StartYear: strconv.Itoa(p.StartYear), EndYear: strconv.Itoa(p.EndYear), Basis: strings.Join(p.LegalBasis, "\n"), Goal: p.Goal}
	return s.renderPlanForm(w, r, http.StatusOK, p.ID, in, nil)
}

func (s *Server) renderPlanForm(w http.ResponseWriter, r *http.Request, status int, id int64, in domain.PlanText, errs web.FieldErrors) error {
	ctx := r.Context()
	props := web.PlanFormProps{In: in, Errors: errs, Action: "/plans", CancelURL: "/plans"}
	title := i18n.T(ctx, "plan.new")
	if id != 0 {
		title = i18n.T(ctx, "plan.edit")
		props.Action, props.CancelURL = fmt.Sprintf("/plans/%d/edit", id), fmt.Sprintf("/plans/%d", id)
	}
	props.Meta = s.meta(r, title, "plans")
	s.render(w, r, status, web.PlanFormPage(props))
	return nil
}

func decodePlan(r *http.Request) (domain.PlanText, error) {
	if err := r.ParseForm(); err != nil {
		return domain.PlanText{}, badRequest(err)
	}
	f := r.PostFormValue
	return domain.PlanText{Code: f("code"), Title: f("title"), IssuedOn: f("issued_on"), IssuedBy: f("issued_by"),
		StartYear: f("start_year"), EndYear: f("end_year"), Basis: f("basis"), Goal: f("goal")}, nil
}

func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	in, err := decodePlan(r)
	if err != nil {
		return err
	}
	h, ps := domain.ParsePlan(in)
	if len(ps) > 0 {
		return s.renderPlanForm(w, r, http.StatusUnprocessableEntity, 0, in, fieldErrors(ctx, ps))
	}
	id, err := s.planning.CreatePlan(ctx, s.actor(r), h)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderPlanForm(w, r, http.StatusUnprocessableEntity, 0, in, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.saved", h.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", id))
}

func (s *Server) updatePlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	in, err := decodePlan(r)
	if err != nil {
		return err
	}
	h, ps := domain.ParsePlan(in)
	if len(ps) > 0 {
		return s.renderPlanForm(w, r, http.StatusUnprocessableEntity, id, in, fieldErrors(ctx, ps))
	}
	err = s.planning.UpdatePlan(ctx, s.actor(r), id, h)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderPlanForm(w, r, http.StatusUnprocessableEntity, id, in, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.saved", h.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", id))
}

func (s *Server) changePlanStatus(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	move := domain.PlanMove(r.PostFormValue("action"))
	out, err := s.planning.ChangePlanStatus(ctx, s.actor(r), id, move)
	if err != nil {
		return err
	}
	msg := i18n.Tf(ctx, "plan.status_changed", out.Code, i18n.T(ctx, "plan."+string(out.To)))
	if out.Opened > 0 { // activating a plan opens its periods
		msg += " " + i18n.Tf(ctx, "plan.successor.opened", out.Opened)
	}
	s.flash(r, msg)
	return seeOther(w, r, fmt.Sprintf("/plans/%d", id))
}

// publishPlan shows the plan on the public page (/cong-khai) or takes it off.
func (s *Server) publishPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	on := r.PostFormValue("published") == "1"
	code, err := s.planning.SetPublished(ctx, s.actor(r), id, on)
	if err != nil {
		return err
	}
	if on {
		s.flash(r, i18n.Tf(ctx, "public.published", code))
	} else {
		s.flash(r, i18n.Tf(ctx, "public.unpublished", code))
	}
	return seeOther(w, r, fmt.Sprintf("/plans/%d", id))
}

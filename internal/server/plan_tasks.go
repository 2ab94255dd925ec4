package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

func taskText(t store.Task) domain.TaskText {
	in := domain.TaskText{Code: t.Code, Area: t.AreaKey, Text: t.Text, Lead: t.LeadUnitCode, Cooperating: strings.Join(t.Cooperating, ","),
		DeadlineNote: t.DeadlineNote, Output: t.ExpectedOutput}
	if t.Deadline != nil {
		in.Deadline = domain.FormatDate(*t.Deadline)
	}
	return in
}

func (s *Server) newTaskForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	return s.renderTaskForm(w, r, http.StatusOK, p, 0, domain.TaskText{}, nil, nil)
}

func (s *Server) editTaskForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	id, err := idParam(r, "taskID")
	if err != nil {
		return err
	}
	t, err := s.store.TaskByID(r.Context(), p.ID, id)
	if err != nil {
		return err
	}
	return s.renderTaskForm(w, r, http.StatusOK, p, id, taskText(t), t.Units, nil)
}

func (s *Server) renderTaskForm(w http.ResponseWriter, r *http.Request, status int, p store.Plan, id int64, in domain.TaskText,
	units []string, errs web.FieldErrors) error {
	ctx := r.Context()
	pr, err := s.planRefs(ctx)
	if err != nil {
		return err
	}
	coop, _ := domain.UnitCodes(in.Cooperating, domain.Refs{})
	leads := []web.Option{{Value: "", Label: i18n.T(ctx, "plan.f.choose"), Selected: in.Lead == ""}}
	for _, u := range pr.units {
		leads = append(leads, web.Option{Value: u.Code, Label: u.Code + " — " + u.Name, Selected: domain.UnitCode(u.Code) == domain.UnitCode(in.Lead)})
	}
	props := web.TaskFormProps{PlanTitle: p.Code, PlanURL: fmt.Sprintf("/plans/%d", p.ID), In: in, Errors: errs,
		Areas: pr.areaOptions(ctx, in.Area), Leads: leads, Cooperating: pr.unitOptions(coop), Units: pr.unitOptions(upperAll(units)),
		Action: fmt.Sprintf("/plans/%d/tasks", p.ID)}
	title := i18n.T(ctx, "plan.task.new")
	if id != 0 {
		title = i18n.Tf(ctx, "plan.task.edit", in.Code)
		props.Action = fmt.Sprintf("/plans/%d/tasks/%d", p.ID, id)
	}
	props.Meta = s.meta(r, title, "plans")
	s.render(w, r, status, web.TaskFormPage(props))
	return nil
}

func decodeTask(r *http.Request) (domain.TaskText, []string, error) {
	if err := r.ParseForm(); err != nil {
		return domain.TaskText{}, nil, badRequest(err)
	}
	f := r.PostFormValue
	in := domain.TaskText{Code: f("code"), Area: f("area"), Text: f("text"), Lead: f("lead"), Cooperating: strings.Join(r.PostForm["cooperating"], ","),
		Deadline: f("deadline"), DeadlineNote: f("deadline_note"), Output: f("output")}
	return in, r.PostForm["units"], nil
}

func (s *Server) checkTask(ctx context.Context, in domain.TaskText, units []string) (domain.TaskSpec, planRefs, web.FieldErrors, error) {
	pr, err := s.planRefs(ctx)
	if err != nil {
		return domain.TaskSpec{}, pr, nil, err
	}
	spec, ps := domain.ParseTask(in, pr.refs)
	errs := fieldErrors(ctx, ps)
	spec.Units = pr.checkUnits(ctx, units, errs, "units")
	return spec, pr, errs, nil
}

// planTask is a checked task with its codes resolved to ids.
func planTask(spec domain.TaskSpec, pr planRefs) planning.Task {
	return planning.Task{Spec: spec, Cooperating: pr.unitIDs(spec.Cooperating), Units: pr.unitIDs(spec.Units),
		Row: store.Task{AreaID: pr.area[spec.Area], Code: spec.Code, Text: spec.Text, LeadUnitID: pr.unit[spec.Lead],
			Deadline: spec.Deadline, DeadlineNote: spec.DeadlineNote, ExpectedOutput: spec.Output}}
}

func (s *Server) createTask(w http.ResponseWriter, r *http.Request) error {
	return s.saveTask(w, r, false)
}

func (s *Server) updateTask(w http.ResponseWriter, r *http.Request) error {
	return s.saveTask(w, r, true)
}

// saveTask creates a task in the URL's plan, or (existing) updates the URL's task; a
// refused form comes back with everything typed.
func (s *Server) saveTask(w http.ResponseWriter, r *http.Request, existing bool) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	var id int64
	if existing {
		if id, err = idParam(r, "taskID"); err != nil {
			return err
		}
	}
	in, units, err := decodeTask(r)
	if err != nil {
		return err
	}
	spec, pr, errs, err := s.checkTask(ctx, in, units)
	if err != nil {
		return err
	}
	if errs.Any() {
		return s.renderTaskForm(w, r, http.StatusUnprocessableEntity, p, id, in, units, errs)
	}
	if existing {
		err = s.planning.UpdateTask(ctx, s.actor(r), p.ID, id, planTask(spec, pr))
	} else {
		_, err = s.planning.CreateTask(ctx, s.actor(r), p.ID, planTask(spec, pr))
	}
	if errs, ok := invalid(ctx, err); ok {
		return s.renderTaskForm(w, r, http.StatusUnprocessableEntity, p, id, in, units, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.task.saved", spec.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

func (s *Server) moveTask(w http.ResponseWriter, r *http.Request) error {
	return s.moveItem(w, r, "taskID", planning.ItemTask)
}

func (s *Server) retireTask(w http.ResponseWriter, r *http.Request) error {
	return s.retireItem(w, r, "taskID", planning.ItemTask)
}

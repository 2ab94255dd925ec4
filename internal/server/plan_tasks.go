package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
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
	t, err := store.TaskByID(r.Context(), s.store.Pool(), p.ID, id)
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

func storeTask(spec domain.TaskSpec, pr planRefs, planID int64) store.Task {
	return store.Task{PlanID: planID, AreaID: pr.area[spec.Area], Code: spec.Code, Text: spec.Text, LeadUnitID: pr.unit[spec.Lead],
		Deadline: spec.Deadline, DeadlineNote: spec.DeadlineNote, ExpectedOutput: spec.Output}
}

func taskAudit(spec domain.TaskSpec) map[string]any {
	m := map[string]any{"code": spec.Code, "area": spec.Area, "text": spec.Text, "lead": spec.Lead, "cooperating": spec.Cooperating,
		"deadline_note": spec.DeadlineNote, "output": spec.Output, "units": spec.Units}
	if spec.Deadline != nil {
		m["deadline"] = domain.FormatDate(*spec.Deadline)
	}
	return m
}

func specOfTask(t store.Task) domain.TaskSpec {
	return domain.TaskSpec{Code: t.Code, Area: t.AreaKey, Text: t.Text, Lead: domain.UnitCode(t.LeadUnitCode), Cooperating: upperAll(t.Cooperating),
		Deadline: t.Deadline, DeadlineNote: t.DeadlineNote, Output: t.ExpectedOutput, Units: upperAll(t.Units)}
}

func (s *Server) createTask(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
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
		return s.renderTaskForm(w, r, http.StatusUnprocessableEntity, p, 0, in, units, errs)
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockEditablePlan(ctx, tx, p.ID); err != nil {
			return err
		}
		t := storeTask(spec, pr, p.ID)
		if t.Position, err = store.NextTaskPosition(ctx, tx, p.ID); err != nil {
			return err
		}
		id, err := store.CreateTaskChecked(ctx, tx, t, pr.unitIDs(spec.Cooperating))
		if err != nil {
			return err
		}
		if err := store.SetTaskUnits(ctx, tx, id, pr.unitIDs(spec.Units)); err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "task.create", "task", fmt.Sprint(id)), nil, taskAudit(spec))
	})
	if errors.Is(err, store.ErrConflict) {
		return s.renderTaskForm(w, r, http.StatusUnprocessableEntity, p, 0, in, units, web.FieldErrors{"code": i18n.T(ctx, "plan.v.task_code_taken")})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.task.saved", spec.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

func (s *Server) updateTask(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	id, err := idParam(r, "taskID")
	if err != nil {
		return err
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
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockEditablePlan(ctx, tx, p.ID); err != nil {
			return err
		}
		before, err := store.TaskByID(ctx, tx, p.ID, id)
		if err != nil {
			return err
		}
		t := storeTask(spec, pr, p.ID)
		t.ID = id
		if err := store.UpdateTask(ctx, tx, t, pr.unitIDs(spec.Cooperating)); err != nil {
			return err
		}
		if err := store.SetTaskUnits(ctx, tx, id, pr.unitIDs(spec.Units)); err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "task.update", "task", fmt.Sprint(id)), taskAudit(specOfTask(before)), taskAudit(spec))
	})
	if errors.Is(err, store.ErrConflict) {
		return s.renderTaskForm(w, r, http.StatusUnprocessableEntity, p, id, in, units, web.FieldErrors{"code": i18n.T(ctx, "plan.v.task_code_taken")})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.task.saved", spec.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

func (s *Server) moveTask(w http.ResponseWriter, r *http.Request) error {
	return s.moveItem(w, r, "taskID", "task", store.MoveTask, taskState)
}

func (s *Server) retireTask(w http.ResponseWriter, r *http.Request) error {
	return s.retireItem(w, r, "taskID", "task", store.SetTaskRetired, taskState)
}

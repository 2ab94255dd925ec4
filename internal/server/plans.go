package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// Plans are public within the department: every signed-in role may read them.

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	page := pageParam(r)
	plans, err := s.store.ListPlans(ctx, store.Page{Number: page, Size: 21})
	if err != nil {
		return err
	}
	props := web.PlansProps{Meta: s.meta(r, i18n.T(ctx, "plans.title"), "plans"),
		Pager: web.Pager{Page: page, HasNext: len(plans) > 20, BaseURL: "/plans"}}
	for i, p := range plans {
		if i == 20 {
			break
		}
		props.Plans = append(props.Plans, planRow(ctx, p))
	}
	s.render(w, r, http.StatusOK, web.PlansPage(props))
	return nil
}

func (s *Server) showPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	plan, err := s.store.PlanByID(ctx, id)
	if err != nil {
		return err
	}
	targets, err := s.store.PlanTargets(ctx, id)
	if err != nil {
		return err
	}
	tasks, err := s.store.PlanTasks(ctx, id)
	if err != nil {
		return err
	}
	areas, err := s.store.ListAreas(ctx)
	if err != nil {
		return err
	}
	props := web.PlanProps{Meta: s.meta(r, plan.Code, "plans"), Plan: planRow(ctx, plan),
		IssuedBy: plan.IssuedBy, Basis: plan.LegalBasis, Goal: plan.Goal}
	for _, a := range areas {
		sec := web.AreaSection{Name: a.Name}
		if lang(ctx) == "en" && a.NameEN != "" {
			sec.Name = a.NameEN
		}
		for _, t := range targets {
			if t.AreaID == a.ID {
				sec.Targets = append(sec.Targets, web.TargetRow{Code: t.Code, Text: t.Text, Commitment: commitmentText(ctx, t), Units: joinCodes(t.Units)})
			}
		}
		for _, t := range tasks {
			if t.AreaID == a.ID {
				row := web.TaskRow{Code: t.Code, Text: t.Text, Lead: t.LeadUnitCode, Cooperating: joinCodes(t.Cooperating),
					Deadline: t.DeadlineNote, Output: t.ExpectedOutput}
				if t.Deadline != nil {
					row.Deadline = domain.FormatDate(*t.Deadline)
				}
				sec.Tasks = append(sec.Tasks, row)
			}
		}
		if len(sec.Targets)+len(sec.Tasks) > 0 {
			props.Areas = append(props.Areas, sec)
		}
	}
	s.render(w, r, http.StatusOK, web.PlanPage(props))
	return nil
}

// idParam reads a positive numeric URL parameter; anything else is a 404, not a 400,
// so ids cannot be probed by their error.
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}

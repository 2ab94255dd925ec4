package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The assignment matrix sets, for a whole plan at once, which units report on which
// current targets and tasks: one checkbox per (item, unit), values "itemID:unitID".

func (s *Server) assignmentMatrix(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	targets, tasks, err := s.planItems(ctx, p.ID, false)
	if err != nil {
		return err
	}
	units, err := s.store.ListUnits(ctx, true)
	if err != nil {
		return err
	}
	props := web.AssignProps{Meta: s.meta(r, i18n.Tf(ctx, "plan.assign.heading", p.Code), "plans"), PlanTitle: p.Code,
		PlanURL: fmt.Sprintf("/plans/%d", p.ID), Action: fmt.Sprintf("/plans/%d/assignments", p.ID)}
	for _, u := range units {
		props.Units = append(props.Units, web.MatrixUnit{Code: u.Code, Name: u.Name})
	}
	row := func(id int64, code, text string, assigned []string) web.MatrixRow {
		mr := web.MatrixRow{Code: code, Text: text}
		for _, u := range units {
			mr.Cells = append(mr.Cells, web.MatrixCell{Value: fmt.Sprintf("%d:%d", id, u.ID), Label: code + " – " + u.Name,
				Checked: slices.Contains(assigned, u.Code)})
		}
		return mr
	}
	for _, t := range targets {
		props.Targets = append(props.Targets, row(t.ID, t.Code, t.Text, t.Units))
	}
	for _, t := range tasks {
		props.Tasks = append(props.Tasks, row(t.ID, t.Code, t.Text, t.Units))
	}
	s.render(w, r, http.StatusOK, web.AssignPage(props))
	return nil
}

func parsePairs(values []string) ([]store.Assignment, error) {
	out := make([]store.Assignment, 0, len(values))
	for _, v := range values {
		a, b, ok := strings.Cut(v, ":")
		item, err1 := strconv.ParseInt(a, 10, 64)
		unit, err2 := strconv.ParseInt(b, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("assignment %q", v)
		}
		out = append(out, store.Assignment{ItemID: item, UnitID: unit})
	}
	return out, nil
}

func (s *Server) saveAssignments(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	targetPairs, err := parsePairs(r.PostForm["t"])
	if err != nil {
		return badRequest(err)
	}
	taskPairs, err := parsePairs(r.PostForm["k"])
	if err != nil {
		return badRequest(err)
	}
	err = s.planning.SaveAssignments(ctx, s.actor(r), p.ID, targetPairs, taskPairs)
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.assign.saved", p.Code))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

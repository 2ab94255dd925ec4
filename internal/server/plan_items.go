package server

import (
	"fmt"
	"net/http"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planning"
)

// Moving and retiring work alike for targets and tasks.

// moveItem moves a target or task up or down among its area's items.
func (s *Server) moveItem(w http.ResponseWriter, r *http.Request, param string, it planning.Item) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	id, err := idParam(r, param)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	dir := map[string]int{"up": -1, "down": 1}[r.PostFormValue("dir")]
	if dir == 0 {
		return badRequest(fmt.Errorf("move: dir %q", r.PostFormValue("dir")))
	}
	err = s.planning.MoveItem(ctx, s.actor(r), it, p.ID, id, dir)
	if err != nil {
		return err
	}
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

// retireItem retires a target or task (it leaves the report forms, its results stay) or brings it back.
func (s *Server) retireItem(w http.ResponseWriter, r *http.Request, param string, it planning.Item) error {
	ctx := r.Context()
	p, err := s.editablePlan(r)
	if err != nil {
		return err
	}
	id, err := idParam(r, param)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	retired := r.PostFormValue("retired") == "1"
	action, err := s.planning.RetireItem(ctx, s.actor(r), it, p.ID, id, retired)
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "plan.flash."+action))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

// planEvidenceForm lists a plan's targets with whether each needs evidence before a
// report is submitted (the reform office decides).
func (s *Server) planEvidenceForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	plan, err := s.planFromURL(r)
	if err != nil {
		return err
	}
	id := plan.ID
	flags, err := s.store.TargetEvidenceFlags(ctx, id)
	if err != nil {
		return err
	}
	props := web.PlanEvidenceProps{Meta: s.meta(r, i18n.T(ctx, "plan.evidence.title"), "plans"), PlanCode: plan.Code,
		Action: fmt.Sprintf("/plans/%d/evidence", id), BackHref: fmt.Sprintf("/plans/%d", id)}
	for _, f := range flags {
		props.Targets = append(props.Targets, web.Option{Value: fmt.Sprint(f.ID), Label: f.Code + " — " + clip(f.Text, 140), Selected: f.Required})
	}
	s.render(w, r, http.StatusOK, web.PlanEvidencePage(props))
	return nil
}

func (s *Server) savePlanEvidence(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	var ids []int64
	for _, v := range r.PostForm["target"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			ids = append(ids, n)
		}
	}
	if err := s.planning.SetEvidenceRequired(ctx, s.actor(r), id, ids); err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "plan.evidence.saved"))
	return seeOther(w, r, fmt.Sprintf("/plans/%d/evidence", id))
}

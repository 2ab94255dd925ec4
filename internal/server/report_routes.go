package server

import (
	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
)

// reportRoutes registers quarterly reporting: the unit's report form, evidence downloads
// and the reform office's review. Every handler asks authz about the record's unit.
func (s *Server) reportRoutes(r chi.Router) {
	r.Get("/reports/{unitID}/{periodID}", s.h(s.reportForm))
	r.With(s.uploadBody).Post("/reports/{unitID}/{periodID}", s.h(s.saveReport))
	r.Post("/reports/{unitID}/{periodID}/comments", s.h(s.commentOnReport))
	r.Get("/evidence/{evidenceID}", s.h(s.downloadEvidence))
	registerRoutes(s, r)
	r.Route("/review", func(r chi.Router) {
		r.Use(s.requireAction(authz.ViewAllUnits))
		r.Get("/", s.h(s.reviewInbox))
		r.Get("/matrix", s.h(s.reviewMatrix))
		r.Get("/{reportID}", s.h(s.reviewReport))
		r.Post("/{reportID}/approve", s.h(s.reviewAction(domain.ActionApprove)))
		r.Post("/{reportID}/return", s.h(s.reviewAction(domain.ActionReturn)))
		r.Post("/{reportID}/reopen", s.h(s.reviewAction(domain.ActionReopen)))
	})
}

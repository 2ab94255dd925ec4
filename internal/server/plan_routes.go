package server

import (
	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
)

// planRoutes are plans, their targets, tasks and assignments, and periods. Every
// signed-in role reads plans; only the reform office (authz.ManagePlans) changes them.
func (s *Server) planRoutes(r chi.Router) {
	r.Get("/plans", s.h(s.listPlans))
	r.Get("/plans/{planID}", s.h(s.showPlan))
	r.Get("/plans/{planID}/template.xlsx", s.h(s.exportPlan))

	r.With(s.requireAction(authz.ManagePlans)).Group(func(r chi.Router) {
		r.Get("/plans/new", s.h(s.newPlanForm))
		r.Post("/plans", s.h(s.createPlan))
		r.Get("/plans/template.xlsx", s.h(s.planTemplate))
		r.Get("/plans/import", s.h(s.importForm))
		r.With(s.uploadBody).Post("/plans/import", s.h(s.importPlan))
		r.Get("/plans/{planID}/edit", s.h(s.editPlanForm))
		r.Post("/plans/{planID}/edit", s.h(s.updatePlan))
		r.Post("/plans/{planID}/status", s.h(s.changePlanStatus))
		r.Post("/plans/{planID}/publish", s.h(s.publishPlan))
		r.Get("/plans/{planID}/successor", s.h(s.successorForm))
		r.Post("/plans/{planID}/successor", s.h(s.createSuccessor))

		r.Get("/plans/{planID}/targets/new", s.h(s.newTargetForm))
		r.Post("/plans/{planID}/targets", s.h(s.createTarget))
		r.Get("/plans/{planID}/targets/{targetID}", s.h(s.editTargetForm))
		r.Post("/plans/{planID}/targets/{targetID}", s.h(s.updateTarget))
		r.Post("/plans/{planID}/targets/{targetID}/move", s.h(s.moveTarget))
		r.Post("/plans/{planID}/targets/{targetID}/retire", s.h(s.retireTarget))

		r.Get("/plans/{planID}/tasks/new", s.h(s.newTaskForm))
		r.Post("/plans/{planID}/tasks", s.h(s.createTask))
		r.Get("/plans/{planID}/tasks/{taskID}", s.h(s.editTaskForm))
		r.Post("/plans/{planID}/tasks/{taskID}", s.h(s.updateTask))
		r.Post("/plans/{planID}/tasks/{taskID}/move", s.h(s.moveTask))
		r.Post("/plans/{planID}/tasks/{taskID}/retire", s.h(s.retireTask))

		r.Get("/plans/{planID}/evidence", s.h(s.planEvidenceForm))
		r.Post("/plans/{planID}/evidence", s.h(s.savePlanEvidence))
		r.Get("/plans/{planID}/assignments", s.h(s.assignmentMatrix))
		r.Post("/plans/{planID}/assignments", s.h(s.saveAssignments))

		r.Get("/periods", s.h(s.listPeriods))
		r.Post("/periods/generate", s.h(s.generatePeriods))
		r.Get("/periods/{periodID}", s.h(s.editPeriodForm))
		r.Post("/periods/{periodID}", s.h(s.updatePeriod))
		r.Get("/periods/{periodID}/close", s.h(s.closePeriodForm))
		r.Post("/periods/{periodID}/close", s.h(s.closePeriod))
	})
}

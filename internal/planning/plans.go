package planning

import (
	"context"
	"errors"
	"fmt"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// PlanAudit is a plan's facts as the audit log keeps them.
func PlanAudit(h domain.PlanHeader, status string) map[string]any {
	return map[string]any{"code": h.Code, "title": h.Title, "issued_on": domain.FormatDate(h.IssuedOn), "issued_by": h.IssuedBy,
		"years": fmt.Sprintf("%d–%d", h.StartYear, h.EndYear), "basis": h.Basis, "goal": h.Goal, "status": status}
}

// HeaderOf is a stored plan's header as the domain rules see it.
func HeaderOf(p store.Plan) domain.PlanHeader {
	return domain.PlanHeader{Code: p.Code, Title: p.Title, IssuedOn: p.IssuedOn, IssuedBy: p.IssuedBy, StartYear: p.StartYear,
		EndYear: p.EndYear, Basis: p.LegalBasis, Goal: p.Goal}
}

func planInput(h domain.PlanHeader, status string) store.PlanInput {
	basis := h.Basis
	if basis == nil {
		basis = []string{}
	}
	return store.PlanInput{Code: h.Code, Title: h.Title, IssuedOn: h.IssuedOn, IssuedBy: h.IssuedBy, StartYear: h.StartYear,
		EndYear: h.EndYear, LegalBasis: basis, Goal: h.Goal, Status: status}
}

func planCodeTaken(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return field("code", "plan.v.code_taken")
	}
	return err
}

// CreatePlan makes a draft plan from a parsed header.
func (s *Service) CreatePlan(ctx context.Context, a usecase.Actor, h domain.PlanHeader) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx store.Queries) error {
		var err error
		if id, err = tx.CreatePlan(ctx, planInput(h, string(domain.PlanDraft))); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.create", "plan", id), nil, PlanAudit(h, string(domain.PlanDraft)))
	})
	return id, planCodeTaken(err)
}

// UpdatePlan changes a plan's header; a closed plan is refused.
func (s *Service) UpdatePlan(ctx context.Context, a usecase.Actor, id int64, h domain.PlanHeader) error {
	err := s.inTx(ctx, func(tx store.Queries) error {
		before, err := lockEditablePlan(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.UpdatePlan(ctx, id, planInput(h, string(before.Status))); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.update", "plan", id),
			PlanAudit(HeaderOf(before), string(before.Status)), PlanAudit(h, string(before.Status)))
	})
	return planCodeTaken(err)
}

// StatusChanged is a plan's new status.
type StatusChanged struct {
	Code   string
	To     domain.PlanStatus
	Opened int // periods opened by an activation
}

// ChangePlanStatus moves a plan through its life (issue, close, …); a move its status does
// not allow is a conflict.
func (s *Service) ChangePlanStatus(ctx context.Context, a usecase.Actor, id int64, move domain.PlanMove) (StatusChanged, error) {
	var out StatusChanged
	err := s.inTx(ctx, func(tx store.Queries) error {
		p, err := tx.LockPlan(ctx, id)
		if err != nil {
			return err
		}
		var ok bool
		out.Code = p.Code
		if out.To, ok = domain.NextPlanStatus(domain.PlanStatus(p.Status), move); !ok {
			return usecase.Conflict(i18n.M("plan.v.bad_move"), nil)
		}
		if err := tx.SetPlanStatus(ctx, id, string(out.To)); err != nil {
			return err
		}
		if err := tx.Audit(ctx, entry(a, "plan."+string(move), "plan", id),
			map[string]string{"status": string(p.Status)}, map[string]string{"status": string(out.To)}); err != nil {
			return err
		}
		if move == domain.PlanActivate { // activating a plan opens its periods
			out.Opened, err = s.openPlanPeriods(ctx, tx, a, p)
		}
		return err
	})
	return out, err
}

// ImportAudit is an imported plan as the audit log keeps it.
func ImportAudit(spec domain.PlanSpec, file string) map[string]any {
	targets := map[string][]string{}
	for _, t := range spec.Targets {
		targets[t.Code] = t.Units
	}
	tasks := map[string][]string{}
	for _, t := range spec.Tasks {
		tasks[t.Code] = t.Units
	}
	a := PlanAudit(spec.Header, string(domain.PlanDraft))
	a["file"], a["targets"], a["tasks"] = file, targets, tasks
	return a
}

// ImportPlan writes a checked plan read from a workbook as a draft. A plan number taken
// meanwhile (another upload won the race) is a conflict.
func (s *Service) ImportPlan(ctx context.Context, a usecase.Actor, spec domain.PlanSpec, fileName string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx store.Queries) error {
		var err error
		if id, err = tx.InsertPlanSpec(ctx, spec, string(domain.PlanDraft)); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.import", "plan", id), nil, ImportAudit(spec, fileName))
	})
	if errors.Is(err, store.ErrConflict) {
		return 0, usecase.Conflict(i18n.Msg{}, err)
	}
	return id, err
}

// assignmentAudit is who reports on what, by codes: {"CT01": ["TTLT", "VPS"], …}.
func assignmentAudit(targets []store.Target, tasks []store.Task) map[string]map[string][]string {
	t := map[string][]string{}
	for _, x := range targets {
		t[x.Code] = x.Units
	}
	k := map[string][]string{}
	for _, x := range tasks {
		k[x.Code] = x.Units
	}
	return map[string]map[string][]string{"targets": t, "tasks": k}
}

func planItems(ctx context.Context, tx store.Queries, planID int64) ([]store.Target, []store.Task, error) {
	targets, err := tx.CurrentTargets(ctx, planID)
	if err != nil {
		return nil, nil, err
	}
	tasks, err := tx.CurrentTasks(ctx, planID)
	return targets, tasks, err
}

// SaveAssignments sets which units report on which targets and tasks of a plan.
func (s *Service) SaveAssignments(ctx context.Context, a usecase.Actor, planID int64, targets, tasks []store.Assignment) error {
	return s.inTx(ctx, func(tx store.Queries) error {
		if _, err := lockEditablePlan(ctx, tx, planID); err != nil {
			return err
		}
		beforeT, beforeK, err := planItems(ctx, tx, planID)
		if err != nil {
			return err
		}
		if err := tx.SetPlanAssignments(ctx, planID, targets, tasks); err != nil {
			return err
		}
		afterT, afterK, err := planItems(ctx, tx, planID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.assign", "plan", planID),
			assignmentAudit(beforeT, beforeK), assignmentAudit(afterT, afterK))
	})
}

// SetPublished shows a plan on the public page (/cong-khai) or takes it off; a draft is
// never published. It returns the plan's code.
func (s *Service) SetPublished(ctx context.Context, a usecase.Actor, planID int64, published bool) (string, error) {
	var code string
	err := s.inTx(ctx, func(tx store.Queries) error {
		p, err := tx.LockPlan(ctx, planID)
		if err != nil {
			return err
		}
		code = p.Code
		if published && p.Status == domain.PlanDraft {
			return usecase.Refused(i18n.M("public.draft_refused"), nil)
		}
		if p.Published == published {
			return nil
		}
		if err := tx.SetPlanPublished(ctx, planID, published); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.publish", "plan", planID), map[string]bool{"published": p.Published},
			map[string]bool{"published": published})
	})
	return code, err
}

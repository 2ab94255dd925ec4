// Package planning is the use cases of the reform office's plans: plans and their status,
// targets with their commitments, tasks, moving and retiring items, the assignment of
// units, importing a plan from a workbook, and the reporting periods. Each use case takes
// input the domain rules have already parsed, runs one transaction (holding the plan's
// row where its contents change), writes its audit record and answers with a usecase.Error
// when it refuses.
package planning

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Service runs the planning use cases.
type Service struct {
	st  store.Store
	now usecase.Clock
}

// New makes the service; now is the clock (time.Now outside tests).
func New(st store.Store, now usecase.Clock) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

func entry(a usecase.Actor, action, entity string, id int64) store.AuditEntry {
	return store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
		Action: action, Entity: entity, EntityID: fmt.Sprint(id)}
}

// ErrPlanClosed refuses a change to a closed plan's contents.
var ErrPlanClosed = usecase.Conflict(i18n.M("plan.closed_readonly"), nil)

// lockEditablePlan holds the plan for the transaction and refuses a closed one.
func lockEditablePlan(ctx context.Context, tx store.Queries, id int64) (store.Plan, error) {
	p, err := tx.LockPlan(ctx, id)
	if err != nil {
		return p, err
	}
	if !domain.PlanStatus(p.Status).Editable() {
		return p, ErrPlanClosed
	}
	return p, nil
}

// inTx runs fn in a transaction; a record that is not there becomes usecase.NotFound.
func (s *Service) inTx(ctx context.Context, fn func(tx store.Queries) error) error {
	err := s.st.InTx(ctx, fn)
	if errors.Is(err, store.ErrNotFound) && usecase.KindOf(err) == usecase.KindNone {
		return usecase.NotFound(err)
	}
	return err
}

// field is a refusal of one field.
func field(name, key string, args ...any) error {
	return usecase.Invalid(map[string]i18n.Msg{name: i18n.M(key, args...)})
}

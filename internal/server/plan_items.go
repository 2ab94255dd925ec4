package server

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

// Moving and retiring work alike for targets and tasks.

// itemState is what moving and retiring change about a target or task, for the audit log.
type itemState struct {
	Code     string `json:"code"`
	Position int    `json:"position"`
	Retired  bool   `json:"retired"`
}

type stateFunc func(ctx context.Context, q store.DBTX, planID, id int64) (itemState, error)

func targetState(ctx context.Context, q store.DBTX, planID, id int64) (itemState, error) {
	t, err := store.TargetByID(ctx, q, planID, id)
	return itemState{Code: t.Code, Position: t.Position, Retired: t.Retired}, err
}

func taskState(ctx context.Context, q store.DBTX, planID, id int64) (itemState, error) {
	t, err := store.TaskByID(ctx, q, planID, id)
	return itemState{Code: t.Code, Position: t.Position, Retired: t.Retired}, err
}

// moveItem moves a target or task up or down among its area's items.
func (s *Server) moveItem(w http.ResponseWriter, r *http.Request, param, entity string,
	move func(context.Context, store.DBTX, int64, int64, int) error, state stateFunc) error {
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
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockEditablePlan(ctx, tx, p.ID); err != nil {
			return err
		}
		before, err := state(ctx, tx, p.ID, id)
		if err != nil {
			return err
		}
		if err := move(ctx, tx, p.ID, id, dir); err != nil {
			return err
		}
		after, err := state(ctx, tx, p.ID, id)
		if err != nil || after.Position == before.Position {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, entity+".move", entity, fmt.Sprint(id)), before, after)
	})
	if err != nil {
		return err
	}
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

// retireItem retires a target or task (it leaves the report forms, its results stay) or brings it back.
func (s *Server) retireItem(w http.ResponseWriter, r *http.Request, param, entity string,
	retire func(context.Context, store.DBTX, int64, int64, bool) error, state stateFunc) error {
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
	action := entity + ".retire"
	if !retired {
		action = entity + ".restore"
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockEditablePlan(ctx, tx, p.ID); err != nil {
			return err
		}
		before, err := state(ctx, tx, p.ID, id)
		if err != nil || before.Retired == retired {
			return err // already so: nothing changes, nothing to log
		}
		if err := retire(ctx, tx, p.ID, id, retired); err != nil {
			return err
		}
		after := before
		after.Retired = retired
		return store.Audit(ctx, tx, s.auditEntry(r, action, entity, fmt.Sprint(id)), before, after)
	})
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "plan.flash."+action))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", p.ID))
}

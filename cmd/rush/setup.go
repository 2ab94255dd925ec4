package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
)

// rushPassword is the password of the simulated unit users (not demo users: they exist
// only in a load-test database).
const rushPassword = "Hạn chót nộp báo cáo 2026"

type rushUnit struct {
	ID       int64
	Username string
}

// setup creates (once) n units with a staff user each, assigned every target and task of
// plan 2320/KH-SNV, and clears their reports of the period so every run starts equal.
func setup(ctx context.Context, st *store.Store, n int, periodID int64) ([]rushUnit, error) {
	hash, err := password.Hash(rushPassword)
	if err != nil {
		return nil, err
	}
	units := make([]rushUnit, n)
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		root, err := store.UnitIDByCode(ctx, tx, "SNV")
		if err != nil {
			return fmt.Errorf("the demo data must be loaded first: %w", err)
		}
		planID, err := store.PlanIDByCode(ctx, tx, "2320/KH-SNV")
		if err != nil {
			return err
		}
		for i := range units {
			code := fmt.Sprintf("RUSH%04d", i+1)
			id, err := store.UnitIDByCode(ctx, tx, code)
			if err != nil {
				if id, err = store.CreateUnit(ctx, tx, store.UnitInput{Code: code, Name: fmt.Sprintf("Đơn vị thử tải %04d", i+1), ParentID: root, Active: true}); err != nil {
					return err
				}
				if _, err := store.CreateUser(ctx, tx, store.UserInput{Username: fmt.Sprintf("rush%04d", i+1),
					FullName: fmt.Sprintf("Chuyên viên thử tải %04d", i+1), Role: "staff", UnitID: id, Active: true}, hash); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `INSERT INTO target_assignments (target_id, unit_id) SELECT id, $2 FROM targets WHERE plan_id = $1
					ON CONFLICT DO NOTHING`, planID, id); err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `INSERT INTO task_assignments (task_id, unit_id) SELECT id, $2 FROM tasks WHERE plan_id = $1
					ON CONFLICT DO NOTHING`, planID, id); err != nil {
					return err
				}
			}
			units[i] = rushUnit{ID: id, Username: fmt.Sprintf("rush%04d", i+1)}
		}
		ids := make([]int64, n)
		for i, u := range units {
			ids[i] = u.ID
		}
		// Load-test users sign in many times: clear what throttling remembers of earlier runs.
		if _, err := tx.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE unit_id = ANY($1)`, ids); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM reports WHERE period_id = $1 AND unit_id = ANY($2)`, periodID, ids)
		return err
	})
	return units, err
}

// openPeriod is the period units report on now: the open one with the nearest deadline ahead.
func openPeriod(ctx context.Context, st *store.Store) (store.Period, error) {
	open, err := st.OpenPeriods(ctx, domain.StartOfDay(time.Now()))
	if err != nil {
		return store.Period{}, err
	}
	for _, p := range open {
		if !p.Deadline.Before(domain.StartOfDay(time.Now())) {
			return p, nil
		}
	}
	if len(open) > 0 {
		return open[len(open)-1], nil
	}
	return store.Period{}, fmt.Errorf("no open period")
}

// verify counts what the database holds for the simulated units: submitted reports and
// their results, to compare with the successful responses.
func verify(ctx context.Context, st *store.Store, units []rushUnit, periodID int64) (submitted, results, versions int, err error) {
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	err = st.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE r.status = 'submitted'),
			coalesce(sum((SELECT count(*) FROM target_results tr WHERE tr.report_id = r.id AND (tr.value IS NOT NULL OR tr.done IS NOT NULL))), 0),
			coalesce(sum(r.version), 0)
		FROM reports r WHERE r.period_id = $1 AND r.unit_id = ANY($2)`, periodID, ids).Scan(&submitted, &results, &versions)
	return
}

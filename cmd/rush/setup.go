package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// rushPassword is the password of the simulated unit users (not demo users: they exist
// only in a load-test database).
const rushPassword = "Hạn chót nộp báo cáo 2026"

type rushUnit struct {
	ID       int64
	Username string
}

// setup creates (once) n units with a staff user each, assigned every target and task of
// the plan in force (the demo's successor of 2320/KH-SNV), and clears their reports of the period so every run starts equal.
func setup(ctx context.Context, st *postgres.Store, n int, periodID int64) ([]rushUnit, error) {
	hash, err := password.Hash(rushPassword)
	if err != nil {
		return nil, err
	}
	units := make([]rushUnit, n)
	err = st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		root, err := tx.UnitIDByCode(ctx, "SNV")
		if err != nil {
			return fmt.Errorf("the demo data must be loaded first: %w", err)
		}
		var planID int64
		if err := tx.QueryRow(ctx, `SELECT id FROM plans WHERE status = 'active' ORDER BY start_year DESC, id DESC LIMIT 1`).Scan(&planID); err != nil {
			return fmt.Errorf("no plan in force: %w", err)
		}
		for i := range units {
			code := fmt.Sprintf("RUSH%04d", i+1)
			id, err := tx.UnitIDByCode(ctx, code)
			if err != nil {
				if id, err = tx.CreateUnit(ctx, store.UnitInput{Code: code, Name: fmt.Sprintf("Đơn vị thử tải %04d", i+1), ParentID: root, Active: true}); err != nil {
					return err
				}
				if _, err := tx.CreateUser(ctx, store.UserInput{Username: fmt.Sprintf("rush%04d", i+1),
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
		for _, q := range []string{`DELETE FROM login_failures WHERE username IN (SELECT username FROM users WHERE unit_id = ANY($1))`,
			`DELETE FROM login_locks WHERE username IN (SELECT username FROM users WHERE unit_id = ANY($1))`} {
			if _, err := tx.Exec(ctx, q, ids); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `DELETE FROM reports WHERE period_id = $1 AND unit_id = ANY($2)`, periodID, ids)
		return err
	})
	return units, err
}

// openPeriod is the period units report on now: the open one with the nearest deadline ahead.
func openPeriod(ctx context.Context, st *postgres.Store) (store.Period, error) {
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

// verify compares, unit by unit, what the database holds with what each confirmed
// submission promised: the report submitted at the version after the submit, every value
// and milestone of the last round, every narrative the last round's text. It returns the
// totals and one line per unit that differs (at most 20).
func verify(ctx context.Context, st *postgres.Store, units []rushUnit, periodID int64, sent map[int64]submission) (submitted, results, versions int, wrong []string, err error) {
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	rows, err := st.Pool().Query(ctx, `SELECT r.unit_id, r.status, r.version,
			(SELECT count(*) FROM target_results tr WHERE tr.report_id = r.id AND tr.value IS NOT NULL),
			(SELECT count(*) FROM target_results tr WHERE tr.report_id = r.id AND (tr.value::text = $3 OR tr.numerator::text = $5)),
			(SELECT count(*) FROM target_results tr WHERE tr.report_id = r.id AND tr.done),
			(SELECT count(*) FROM target_results tr WHERE tr.report_id = r.id AND tr.narrative LIKE $4 || '%')
			 + (SELECT count(*) FROM task_results kr WHERE kr.report_id = r.id AND kr.narrative LIKE $4 || '%')
		FROM reports r WHERE r.period_id = $1 AND r.unit_id = ANY($2)`, periodID, ids, lastRoundValue, lastRoundNarrative, lastRoundNumerator)
	if err != nil {
		return 0, 0, 0, nil, fmt.Errorf("verify: %w", err)
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		var unit, version, values, lastValues, done, narratives int64
		var status string
		if err := rows.Scan(&unit, &status, &version, &values, &lastValues, &done, &narratives); err != nil {
			return 0, 0, 0, nil, fmt.Errorf("verify: %w", err)
		}
		seen[unit] = true
		versions += int(version)
		results += int(values + done)
		if status == "submitted" {
			submitted++
		}
		s, ok := sent[unit]
		if !ok {
			if status == "submitted" {
				wrong = append(wrong, fmt.Sprintf("unit %d: submitted in the database, never confirmed", unit))
			}
			continue
		}
		switch {
		case status != "submitted":
			wrong = append(wrong, fmt.Sprintf("unit %d: status %s after a confirmed submit", unit, status))
		case version != s.version+1:
			wrong = append(wrong, fmt.Sprintf("unit %d: version %d, the submit was posted at %d", unit, version, s.version))
		case values != int64(s.values) || lastValues != int64(s.values):
			wrong = append(wrong, fmt.Sprintf("unit %d: %d values (%d of the last round), %d posted", unit, values, lastValues, s.values))
		case done != int64(s.done):
			wrong = append(wrong, fmt.Sprintf("unit %d: %d milestones done, %d posted", unit, done, s.done))
		case narratives != int64(s.narratives):
			wrong = append(wrong, fmt.Sprintf("unit %d: %d narratives of the last round, %d posted", unit, narratives, s.narratives))
		}
	}
	if err := rows.Err(); err != nil {
		return 0, 0, 0, nil, fmt.Errorf("verify: %w", err)
	}
	for unit := range sent {
		if !seen[unit] {
			wrong = append(wrong, fmt.Sprintf("unit %d: confirmed submit, no report in the database", unit))
		}
	}
	if len(wrong) > 20 {
		wrong = append(wrong[:20], fmt.Sprintf("… and %d more", len(wrong)-20))
	}
	return submitted, results, versions, wrong, nil
}

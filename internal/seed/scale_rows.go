package seed

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// The bulk rows of the national data set, streamed into COPY without holding them.

// assignments: every unit reports on every target and task of the plan.
func (g *scaleGen) assignments(ctx context.Context) error {
	if _, err := g.st.CopyRows(ctx, "target_assignments", []string{"target_id", "unit_id"}, crossRows(len(g.targets), len(g.units),
		func(t, u int) []any { return []any{g.targets[t].ID, g.units[u]} }), true); err != nil {
		return err
	}
	_, err := g.st.CopyRows(ctx, "task_assignments", []string{"task_id", "unit_id"}, crossRows(len(g.tasks), len(g.units),
		func(t, u int) []any { return []any{g.tasks[t], g.units[u]} }), true)
	return err
}

// reports: one per unit and period. Closed periods are nearly all approved (some late, a
// few never sent); the newest periods are still in every state of the workflow.
func (g *scaleGen) makeReports(ctx context.Context) error {
	np := len(g.periods)
	ids, err := g.st.NextIDs(ctx, "reports", len(g.units)*np)
	if err != nil {
		return err
	}
	g.reports, g.status = make([]int64, len(ids)), make([]string, len(ids))
	rng := rand.New(rand.NewPCG(2021, 34))
	var rows [][]any
	for u := range g.units {
		for p, per := range g.periods {
			x := rng.Float64()
			status, late := "approved", x < 0.15
			switch {
			case p == np-1 && !per.Closed():
				status = []string{"approved", "approved", "approved", "submitted", "submitted", "returned", "draft", ""}[rng.IntN(8)]
			case x > 0.97:
				status = ""
			}
			i := u*np + p
			g.status[i] = status
			if status == "" {
				continue
			}
			g.reports[i] = ids[i]
			days := -1 - rng.IntN(6)
			if late {
				days = 1 + rng.IntN(12)
			}
			sent := per.Deadline.Add(time.Duration(days)*24*time.Hour + 9*time.Hour)
			var submitted, approved any
			if status != "draft" {
				submitted = sent
			}
			if status == "approved" {
				approved = sent.Add(72 * time.Hour)
			}
			rows = append(rows, []any{ids[i], g.units[u], per.ID, status, submitted, approved})
		}
	}
	n, err := g.st.CopyRows(ctx, "reports", []string{"id", "unit_id", "period_id", "status", "submitted_at", "approved_at"}, pgx.CopyFromRows(rows), true)
	g.info.Reports = n
	return err
}

// targetResults streams every report's results in two COPYs at once (a core each).
func (g *scaleGen) targetResults(ctx context.Context) error {
	nt, np := len(g.targets), len(g.periods)
	start := make([]float64, nt)
	slope := make([]float64, nt)
	rng := rand.New(rand.NewPCG(7, 6))
	for t := range start {
		start[t], slope[t] = 25+rng.Float64()*55, rng.Float64()*3.2-0.4
	}
	offset := make([]float64, len(g.units))
	for u := range offset {
		offset[u] = rng.NormFloat64() * 8
	}
	counts, errs := make([]int64, 2), make([]error, 2)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			row := make([]any, 5)
			u, p, t := w, 0, 0
			src := pgx.CopyFromFunc(func() ([]any, error) {
				for u < len(g.units) {
					i := u*np + p
					if g.reports[i] == 0 || t == nt {
						t = 0
						if p++; p == np {
							p, u = 0, u+2
						}
						continue
					}
					tg := g.targets[t]
					level := start[t] + slope[t]*float64(p) + offset[u] + rng.NormFloat64()*2
					row[0], row[1], row[2], row[3], row[4] = g.reports[i], tg.ID, nil, nil, ""
					switch tg.Kind {
					case "milestone":
						row[3] = level > 60
					case "count":
						row[2] = math.Round(math.Max(0, level/4))
					case "percent":
						if tg.Op == "<=" {
							level = 100 - level
						}
						row[2] = math.Round(math.Max(0, math.Min(100, level))*10) / 10
					default:
						row[2] = math.Round(math.Max(0, math.Min(100, level))*10) / 10
					}
					if rng.IntN(50) == 0 {
						row[4] = narratives[rng.IntN(len(narratives))]
					}
					t++
					return row, nil
				}
				return nil, nil
			})
			counts[w], errs[w] = g.st.CopyRows(ctx, "target_results", []string{"report_id", "target_id", "value", "done", "narrative"}, src, true)
		}()
	}
	wg.Wait()
	g.info.TargetResults = counts[0] + counts[1]
	return errors.Join(errs...)
}

func (g *scaleGen) taskResults(ctx context.Context) error {
	if len(g.tasks) == 0 {
		return nil
	}
	np := len(g.periods)
	rng := rand.New(rand.NewPCG(11, 12))
	progress := []string{"not_started", "in_progress", "in_progress", "in_progress", "done", "done", "overdue"}
	src := crossRows(len(g.units)*np, len(g.tasks), func(i, k int) []any {
		if g.reports[i] == 0 {
			return nil
		}
		return []any{g.reports[i], g.tasks[k], progress[rng.IntN(len(progress))]}
	})
	n, err := g.st.CopyRows(ctx, "task_results", []string{"report_id", "task_id", "progress"}, src, true)
	g.info.TaskResults = n
	return err
}

// crossRows streams f(a, b) for every pair, skipping nil rows, without holding them all.
func crossRows(na, nb int, f func(a, b int) []any) pgx.CopyFromSource {
	a, b := 0, 0
	if nb == 0 {
		a = na
	}
	return pgx.CopyFromFunc(func() ([]any, error) {
		for a < na {
			row := f(a, b)
			if b++; b == nb {
				a, b = a+1, 0
			}
			if row != nil {
				return row, nil
			}
		}
		return nil, nil
	})
}

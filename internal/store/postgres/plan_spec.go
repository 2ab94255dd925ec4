package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// UnitIDsByCode maps every unit's code (upper case, as domain.UnitCode writes it) to its id.
func (q *Queries) UnitIDsByCode(ctx context.Context) (map[string]int64, error) {
	rows, err := q.Query(ctx, `SELECT upper(code), id FROM units LIMIT 10000`)
	if err != nil {
		return nil, fmt.Errorf("store: unit codes: %w", err)
	}
	return collectMap(rows, "unit codes")
}

// AreaIDsByKey maps every reform area's key to its id.
func (q *Queries) AreaIDsByKey(ctx context.Context) (map[string]int64, error) {
	rows, err := q.Query(ctx, `SELECT key, id FROM reform_areas`)
	if err != nil {
		return nil, fmt.Errorf("store: area keys: %w", err)
	}
	return collectMap(rows, "area keys")
}

func collectMap(rows pgx.Rows, what string) (map[string]int64, error) {
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// PlanSpec reads a plan's facts and its current targets and tasks, in order, with who
// reports on each: what the spreadsheet export writes.
func (q *Queries) PlanSpec(ctx context.Context, planID int64) (domain.PlanSpec, error) {
	p, err := q.PlanByID(ctx, planID)
	if err != nil {
		return domain.PlanSpec{}, err
	}
	targets, err := q.planTargets(ctx, planID, false)
	if err != nil {
		return domain.PlanSpec{}, err
	}
	tasks, err := q.planTasks(ctx, planID, false)
	if err != nil {
		return domain.PlanSpec{}, err
	}
	schedules, err := q.PlanSchedules(ctx, planID)
	if err != nil {
		return domain.PlanSpec{}, err
	}
	spec := domain.PlanSpec{Header: domain.PlanHeader{Code: p.Code, Title: p.Title, IssuedOn: p.IssuedOn, IssuedBy: p.IssuedBy,
		StartYear: p.StartYear, EndYear: p.EndYear, Basis: p.LegalBasis, Goal: p.Goal}}
	for _, t := range targets {
		spec.Targets = append(spec.Targets, domain.TargetSpec{Code: t.Code, Area: t.AreaKey, Text: t.Text, Kind: domain.TargetKind(t.Kind),
			Op: domain.Comparison(t.Op), Value: t.Value, MeasureUnit: t.MeasureUnit, Baseline: t.Baseline, DeadlineYear: t.DeadlineYear,
			EachYear: t.EachYear, Schedule: schedules[t.ID], Units: upper(t.Units),
			Ratio: domain.Ratio{Numerator: t.NumeratorLabel, Denominator: t.DenominatorLabel}})
	}
	for _, k := range tasks {
		spec.Tasks = append(spec.Tasks, domain.TaskSpec{Code: k.Code, Area: k.AreaKey, Text: k.Text, Lead: strings.ToUpper(k.LeadUnitCode),
			Cooperating: upper(k.Cooperating), Deadline: k.Deadline, DeadlineNote: k.DeadlineNote, Output: k.ExpectedOutput, Units: upper(k.Units)})
	}
	return spec, nil
}

func upper(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = strings.ToUpper(c)
	}
	return out
}

// InsertPlanSpec writes a whole plan — facts, targets with their yearly commitments,
// tasks, assignments — on the caller's transaction. Codes must already be checked
// (domain.ParseTarget / ParseTask with Refs): an unknown one is an error here.
func (q *Queries) InsertPlanSpec(ctx context.Context, spec domain.PlanSpec, status string) (int64, error) {
	h := spec.Header
	planID, err := q.CreatePlan(ctx, store.PlanInput{Code: h.Code, Title: h.Title, IssuedOn: h.IssuedOn, IssuedBy: h.IssuedBy,
		StartYear: h.StartYear, EndYear: h.EndYear, LegalBasis: nonNil(h.Basis), Goal: h.Goal, Status: status})
	if err != nil {
		return 0, err
	}
	areas, err := q.AreaIDsByKey(ctx)
	if err != nil {
		return 0, err
	}
	units, err := q.UnitIDsByCode(ctx)
	if err != nil {
		return 0, err
	}
	ids := func(codes []string) ([]int64, error) {
		out := make([]int64, 0, len(codes))
		for _, c := range codes {
			id, ok := units[domain.UnitCode(c)]
			if !ok {
				return nil, fmt.Errorf("store: insert plan %q: unit %q: %w", h.Code, c, store.ErrNotFound)
			}
			out = append(out, id)
		}
		return out, nil
	}
	for i, t := range spec.Targets {
		area, ok := areas[t.Area]
		if !ok {
			return 0, fmt.Errorf("store: insert plan %q: area %q: %w", h.Code, t.Area, store.ErrNotFound)
		}
		id, err := q.CreateTargetChecked(ctx, store.Target{PlanID: planID, AreaID: area, Code: t.Code, Position: i + 1, Text: t.Text,
			Kind: t.Kind, Op: t.Op, Value: t.Value, MeasureUnit: t.MeasureUnit, Baseline: t.Baseline,
			DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, NumeratorLabel: t.Ratio.Numerator, DenominatorLabel: t.Ratio.Denominator})
		if err != nil {
			return 0, err
		}
		if err := q.SetTargetSchedule(ctx, id, t.Schedule); err != nil {
			return 0, err
		}
		unitIDs, err := ids(t.Units)
		if err != nil {
			return 0, err
		}
		if err := q.AssignTarget(ctx, id, unitIDs); err != nil {
			return 0, err
		}
	}
	for i, k := range spec.Tasks {
		area, ok := areas[k.Area]
		if !ok {
			return 0, fmt.Errorf("store: insert plan %q: area %q: %w", h.Code, k.Area, store.ErrNotFound)
		}
		lead, err := ids([]string{k.Lead})
		if err != nil {
			return 0, err
		}
		coop, err := ids(k.Cooperating)
		if err != nil {
			return 0, err
		}
		id, err := q.CreateTaskChecked(ctx, store.Task{PlanID: planID, AreaID: area, Code: k.Code, Position: i + 1, Text: k.Text, LeadUnitID: lead[0],
			Deadline: k.Deadline, DeadlineNote: k.DeadlineNote, ExpectedOutput: k.Output}, coop)
		if err != nil {
			return 0, err
		}
		unitIDs, err := ids(k.Units)
		if err != nil {
			return 0, err
		}
		if err := q.AssignTask(ctx, id, unitIDs); err != nil {
			return 0, err
		}
	}
	return planID, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// SetPlanAssignments replaces who reports on the plan's current targets and tasks with
// the given pairs; pairs naming another plan's items are ignored.
func (q *Queries) SetPlanAssignments(ctx context.Context, planID int64, targets, tasks []store.Assignment) error {
	split := func(as []store.Assignment) ([]int64, []int64) {
		items, units := make([]int64, len(as)), make([]int64, len(as))
		for i, a := range as {
			items[i], units[i] = a.ItemID, a.UnitID
		}
		return items, units
	}
	for _, tbl := range []struct {
		assign, items, fk string
		pairs             []store.Assignment
	}{{"target_assignments", "targets", "target_id", targets}, {"task_assignments", "tasks", "task_id", tasks}} {
		items, units := split(tbl.pairs)
		// table and column names are constants above, never input
		if _, err := q.Exec(ctx, `DELETE FROM `+tbl.assign+` a USING `+tbl.items+` i
			WHERE i.id = a.`+tbl.fk+` AND i.plan_id = $1 AND i.retired_at IS NULL
			  AND (a.`+tbl.fk+`, a.unit_id) NOT IN (SELECT * FROM unnest($2::bigint[], $3::bigint[]))`, planID, items, units); err != nil {
			return fmt.Errorf("store: plan %d assignments: %w", planID, err)
		}
		if _, err := q.Exec(ctx, `INSERT INTO `+tbl.assign+` (`+tbl.fk+`, unit_id)
			SELECT p.i, p.u FROM unnest($2::bigint[], $3::bigint[]) AS p(i, u)
			JOIN `+tbl.items+` i ON i.id = p.i AND i.plan_id = $1 AND i.retired_at IS NULL
			JOIN units u ON u.id = p.u
			ON CONFLICT DO NOTHING`, planID, items, units); err != nil {
			return fmt.Errorf("store: plan %d assignments: %w", planID, err)
		}
	}
	return nil
}

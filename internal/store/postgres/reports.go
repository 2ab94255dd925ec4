package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// UnitReports lists a unit's reports by period, newest period first, one page at a time.
func (q *Queries) UnitReports(ctx context.Context, unitID int64, page store.Page) ([]store.UnitPeriodReport, error) {
	rows, err := q.Query(ctx, `SELECT p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at,
			coalesce(r.id, 0), coalesce(r.status, 'not_started'), r.submitted_at, r.approved_at, coalesce(r.version, 0)
		FROM periods p LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = $1
		WHERE p.starts_on <= current_date
		ORDER BY p.ends_on DESC, p.starts_on LIMIT $2 OFFSET $3`, unitID, page.Limit(), page.Offset())
	if err != nil {
		return nil, fmt.Errorf("store: unit %d reports: %w", unitID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.UnitPeriodReport, error) {
		var u store.UnitPeriodReport
		p := &u.Period
		err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
			&u.ReportID, &u.Status, &u.SubmittedAt, &u.ApprovedAt, &u.Version)
		return u, err
	})
}

// PeriodProgressFor counts the reports of one period by status, against the units expected to report.
func (q *Queries) PeriodProgressFor(ctx context.Context, periodID int64) (store.PeriodProgress, error) {
	var pp store.PeriodProgress
	p := &pp.Period
	err := q.QueryRow(ctx, `SELECT p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at,
			(SELECT count(DISTINCT unit_id) FROM (SELECT unit_id FROM target_assignments UNION SELECT unit_id FROM task_assignments) a),
			count(r.id) FILTER (WHERE r.status = 'draft'),
			count(r.id) FILTER (WHERE r.status = 'submitted'),
			count(r.id) FILTER (WHERE r.status = 'returned'),
			count(r.id) FILTER (WHERE r.status = 'approved'),
			count(r.id) FILTER (WHERE r.submitted_at::date > p.deadline)
		FROM periods p LEFT JOIN reports r ON r.period_id = p.id
		WHERE p.id = $1 GROUP BY p.id`, periodID).
		Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
			&pp.Expected, &pp.Draft, &pp.Submitted, &pp.Returned, &pp.Approved, &pp.Late)
	if err != nil {
		return store.PeriodProgress{}, fmt.Errorf("store: period %d progress: %w", periodID, notFound(err))
	}
	return pp, nil
}

// CountAssignments returns how many targets and tasks a unit reports on.
func (q *Queries) CountAssignments(ctx context.Context, unitID int64) (targets, tasks int, err error) {
	err = q.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM target_assignments a JOIN targets t ON t.id = a.target_id WHERE a.unit_id = $1 AND t.retired_at IS NULL),
		(SELECT count(*) FROM task_assignments a JOIN tasks k ON k.id = a.task_id WHERE a.unit_id = $1 AND k.retired_at IS NULL)`,
		unitID).Scan(&targets, &tasks)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unit %d assignments: %w", unitID, err)
	}
	return targets, tasks, nil
}

// InsertReport creates a unit's report for a period; ErrConflict if it exists.
func (q *Queries) InsertReport(ctx context.Context, r store.ReportRecord) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO reports (unit_id, period_id, status, submitted_at, submitted_by, approved_at, approved_by,
			returned_at, returned_by, return_comment)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		r.UnitID, r.PeriodID, r.Status, r.SubmittedAt, r.SubmittedBy, r.ApprovedAt, r.ApprovedBy, r.ReturnedAt, r.ReturnedBy, r.ReturnComment).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: insert report unit %d period %d: %w", r.UnitID, r.PeriodID, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: insert report unit %d period %d: %w", r.UnitID, r.PeriodID, err)
	}
	return id, nil
}

// UpsertResults writes a report's target and task results in one round trip. Rows are
// written in id order: the summary triggers lock one row per target, and two saves taking
// those locks in the same order cannot deadlock.
func (q *Queries) UpsertResults(ctx context.Context, targets []store.TargetResult, tasks []store.TaskResult) error {
	targets = slices.Clone(targets)
	tasks = slices.Clone(tasks)
	slices.SortFunc(targets, func(a, b store.TargetResult) int { return cmp.Compare(a.TargetID, b.TargetID) })
	slices.SortFunc(tasks, func(a, b store.TaskResult) int { return cmp.Compare(a.TaskID, b.TaskID) })
	batch := &pgx.Batch{}
	for _, t := range targets {
		batch.Queue(`INSERT INTO target_results (report_id, target_id, value, numerator, denominator, done, done_on, narrative, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
			ON CONFLICT (report_id, target_id) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
				denominator = excluded.denominator, done = excluded.done, done_on = excluded.done_on,
				narrative = excluded.narrative, updated_by = excluded.updated_by, updated_at = now()`,
			t.ReportID, t.TargetID, t.Value, t.Num, t.Den, t.Done, t.DoneOn, t.Narrative, t.UpdatedBy)
	}
	for _, t := range tasks {
		var progress *string
		if t.Progress != "" {
			progress = &t.Progress
		}
		batch.Queue(`INSERT INTO task_results (report_id, task_id, progress, narrative, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, now())
			ON CONFLICT (report_id, task_id) DO UPDATE SET progress = excluded.progress, narrative = excluded.narrative,
				updated_by = excluded.updated_by, updated_at = now()`,
			t.ReportID, t.TaskID, progress, t.Narrative, t.UpdatedBy)
	}
	if batch.Len() == 0 {
		return nil
	}
	if err := q.SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("store: upsert results: %w", err)
	}
	return nil
}

const reportColumns = `r.id, r.unit_id, r.period_id, r.status, r.version, r.submitted_at, coalesce(us.full_name, ''),
	r.approved_at, coalesce(ua.full_name, ''), r.returned_at, coalesce(ur.full_name, ''), r.return_comment, r.updated_at
	FROM reports r LEFT JOIN users us ON us.id = r.submitted_by LEFT JOIN users ua ON ua.id = r.approved_by
	LEFT JOIN users ur ON ur.id = r.returned_by`

func scanReport(row pgx.Row) (store.Report, error) {
	var r store.Report
	err := row.Scan(&r.ID, &r.UnitID, &r.PeriodID, &r.Status, &r.Version, &r.SubmittedAt, &r.SubmittedByName,
		&r.ApprovedAt, &r.ApprovedByName, &r.ReturnedAt, &r.ReturnedByName, &r.ReturnComment, &r.UpdatedAt)
	return r, err
}

// ReportByID finds one report.
func (q *Queries) ReportByID(ctx context.Context, id int64) (store.Report, error) {
	r, err := scanReport(q.QueryRow(ctx, `SELECT `+reportColumns+` WHERE r.id = $1`, id))
	if err != nil {
		return store.Report{}, fmt.Errorf("store: report %d: %w", id, notFound(err))
	}
	return r, nil
}

// LockReport reads a report and locks its row until the transaction ends, so two saves
// of one report take turns and the second sees the first's version.
func (q *Queries) LockReport(ctx context.Context, id int64) (store.Report, error) {
	r, err := scanReport(q.QueryRow(ctx, `SELECT `+reportColumns+` WHERE r.id = $1 FOR UPDATE OF r`, id))
	if err != nil {
		return store.Report{}, fmt.Errorf("store: lock report %d: %w", id, notFound(err))
	}
	return r, nil
}

// EnsureReport locks the unit's report for the period, creating it as a draft if the unit
// has none yet (the first save creates it); created says which. Two first saves at once
// both end up locking the one row.
func (q *Queries) EnsureReport(ctx context.Context, unitID, periodID int64) (r store.Report, created bool, err error) {
	lock := func() (store.Report, error) {
		return scanReport(q.QueryRow(ctx, `SELECT `+reportColumns+` WHERE r.unit_id = $1 AND r.period_id = $2 FOR UPDATE OF r`, unitID, periodID))
	}
	if r, err = lock(); err == nil {
		return r, false, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return store.Report{}, false, fmt.Errorf("store: lock report unit %d period %d: %w", unitID, periodID, err)
	}
	var id int64
	err = q.QueryRow(ctx, `INSERT INTO reports (unit_id, period_id) VALUES ($1, $2)
		ON CONFLICT (unit_id, period_id) DO NOTHING RETURNING id`, unitID, periodID).Scan(&id)
	switch {
	case err == nil:
		r, err = q.LockReport(ctx, id)
		return r, true, err
	case errors.Is(err, pgx.ErrNoRows):
		// another first save created it meanwhile: wait for it and lock it
		if r, err = lock(); err != nil {
			return store.Report{}, false, fmt.Errorf("store: lock report unit %d period %d: %w", unitID, periodID, err)
		}
		return r, false, nil
	}
	return store.Report{}, false, fmt.Errorf("store: create report unit %d period %d: %w", unitID, periodID, err)
}

// LockPeriodShared reads a period and holds a share lock on it, so the reform office cannot
// close it while a save is being written into it; saves of many units do not wait on each other.
func (q *Queries) LockPeriodShared(ctx context.Context, id int64) (store.Period, error) {
	p, err := scanPeriod(q.QueryRow(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1 FOR SHARE`, id))
	if err != nil {
		return store.Period{}, fmt.Errorf("store: lock period %d: %w", id, notFound(err))
	}
	return p, nil
}

// UpdateReport applies a change to a report still at version, bumps the version and returns
// the new one; ErrConflict if someone else changed the report first. Approval stamps are
// cleared when a report leaves "approved" (reopen), so "approved_at set" always means approved.
func (q *Queries) UpdateReport(ctx context.Context, id int64, version int, c store.ReportChange) (int, error) {
	var next int
	err := q.QueryRow(ctx, `UPDATE reports SET status = $3, version = version + 1, updated_at = $6,
			submitted_at = CASE WHEN $4 = 'submitted' THEN $6 ELSE submitted_at END,
			submitted_by = CASE WHEN $4 = 'submitted' THEN $5 ELSE submitted_by END,
			approved_at  = CASE WHEN $4 = 'approved' THEN $6 WHEN $3 <> 'approved' THEN NULL ELSE approved_at END,
			approved_by  = CASE WHEN $4 = 'approved' THEN $5 WHEN $3 <> 'approved' THEN NULL ELSE approved_by END,
			returned_at  = CASE WHEN $4 = 'returned' THEN $6 ELSE returned_at END,
			returned_by  = CASE WHEN $4 = 'returned' THEN $5 ELSE returned_by END,
			return_comment = coalesce($7, return_comment)
		WHERE id = $1 AND version = $2 RETURNING version`,
		id, version, c.Status, c.Stamp, nullUnit(c.ActorID), c.At, c.ReturnComment).Scan(&next)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("store: update report %d at version %d: %w", id, version, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: update report %d: %w", id, err)
	}
	return next, nil
}

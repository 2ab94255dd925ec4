package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// The queries below find the report and the period's year themselves from (unit, period),
// so the whole page is one batch: one round trip to PostgreSQL whatever the report's size.
const (
	pageReportID = `coalesce((SELECT id FROM reports WHERE unit_id = $1 AND period_id = $2), 0)`

	pageTargetsSQL = `WITH rep AS (SELECT ` + pageReportID + ` AS id), per AS (SELECT year FROM periods WHERE id = $2),
		ids AS (SELECT target_id FROM target_assignments WHERE unit_id = $1
			UNION SELECT target_id FROM target_results WHERE report_id = (SELECT id FROM rep))
		SELECT t.id, t.plan_id, t.area_id, t.code, t.position, t.text, t.kind, coalesce(t.op, ''), t.value::float8,
			t.measure_unit, t.baseline::float8, coalesce(t.deadline_year, 0), t.each_year, t.numerator_label, t.denominator_label, pl.code,
			r.report_id IS NOT NULL, r.value::float8, r.numerator::float8, r.denominator::float8, r.done, r.done_on, coalesce(r.narrative, ''),
			coalesce(r.updated_at, now()), coalesce(u.full_name, ''), t.evidence_required,
			(SELECT count(*) FROM evidence e WHERE e.report_id = (SELECT id FROM rep) AND e.target_id = t.id)
		FROM ids JOIN targets t ON t.id = ids.target_id JOIN plans pl ON pl.id = t.plan_id
			JOIN reform_areas ra ON ra.id = t.area_id
			LEFT JOIN target_results r ON r.report_id = (SELECT id FROM rep) AND r.target_id = t.id
			LEFT JOIN users u ON u.id = r.updated_by
		WHERE r.report_id IS NOT NULL OR (t.retired_at IS NULL AND pl.start_year <= (SELECT year FROM per)
			AND pl.status <> 'draft' AND (pl.end_year >= (SELECT year FROM per) OR pl.status = 'active'))
		ORDER BY ra.position, ra.id, pl.start_year, pl.code, t.position, t.code`

	pageTasksSQL = `WITH rep AS (SELECT ` + pageReportID + ` AS id), per AS (SELECT year FROM periods WHERE id = $2),
		ids AS (SELECT task_id FROM task_assignments WHERE unit_id = $1
			UNION SELECT task_id FROM task_results WHERE report_id = (SELECT id FROM rep))
		SELECT k.id, k.plan_id, k.area_id, k.code, k.position, k.text, coalesce(k.lead_unit_id, 0), coalesce(l.code, ''),
			k.deadline, k.deadline_note, k.expected_output, pl.code,
			r.report_id IS NOT NULL, coalesce(r.progress, ''), coalesce(r.narrative, ''),
			coalesce(r.updated_at, now()), coalesce(u.full_name, '')
		FROM ids JOIN tasks k ON k.id = ids.task_id JOIN plans pl ON pl.id = k.plan_id
			JOIN reform_areas ra ON ra.id = k.area_id
			LEFT JOIN units l ON l.id = k.lead_unit_id
			LEFT JOIN task_results r ON r.report_id = (SELECT id FROM rep) AND r.task_id = k.id
			LEFT JOIN users u ON u.id = r.updated_by
		WHERE r.report_id IS NOT NULL OR (k.retired_at IS NULL AND pl.start_year <= (SELECT year FROM per)
			AND pl.status <> 'draft' AND (pl.end_year >= (SELECT year FROM per) OR pl.status = 'active'))
		ORDER BY ra.position, ra.id, pl.start_year, pl.code, k.position, k.code`

	// the unit's results of the $3 latest periods that ended before this one, oldest first
	pagePastTargetsSQL = `SELECT x.target_id, ` + periodColumns + `, x.value, x.done, x.done_on FROM (
			SELECT tr.target_id, tr.value::float8 AS value, tr.done, tr.done_on, p.*,
				row_number() OVER (PARTITION BY tr.target_id ORDER BY p.ends_on DESC, p.starts_on) AS n
			FROM reports rep JOIN periods p ON p.id = rep.period_id JOIN target_results tr ON tr.report_id = rep.id
			WHERE rep.unit_id = $1 AND p.ends_on < (SELECT ends_on FROM periods WHERE id = $2)) x
		WHERE x.n <= $3 ORDER BY x.target_id, x.n DESC`

	// the yearly commitments of the targets the unit reports on (or has reported on)
	pageSchedulesSQL = `SELECT c.target_id, c.from_year, c.op, c.value::float8 FROM target_commitments c
		WHERE c.target_id IN (SELECT target_id FROM target_assignments WHERE unit_id = $1
			UNION SELECT target_id FROM target_results WHERE report_id = ` + pageReportID + `)
		ORDER BY c.target_id, c.from_year`

	pagePastTasksSQL = `SELECT x.task_id, ` + periodColumns + `, x.progress FROM (
			SELECT kr.task_id, coalesce(kr.progress, '') AS progress, p.*,
				row_number() OVER (PARTITION BY kr.task_id ORDER BY p.ends_on DESC, p.starts_on) AS n
			FROM reports rep JOIN periods p ON p.id = rep.period_id JOIN task_results kr ON kr.report_id = rep.id
			WHERE rep.unit_id = $1 AND p.ends_on < (SELECT ends_on FROM periods WHERE id = $2)) x
		WHERE x.n <= $3 ORDER BY x.task_id, x.n DESC`

	pageEvidenceSQL = `SELECT ` + evidenceColumns + `, coalesce(u.full_name, '')
		FROM ` + evidenceFrom + ` LEFT JOIN users u ON u.id = e.attached_by
		WHERE e.report_id = (SELECT id FROM reports WHERE unit_id = $1 AND period_id = $2) ORDER BY e.attached_at, e.id`

	pageHistorySQL = `SELECT a.at, coalesce(u.full_name, a.actor_name), a.action,
			coalesce(a.before, 'null'::jsonb), coalesce(a.after, 'null'::jsonb)
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
		WHERE a.entity = 'report' AND a.entity_id = (SELECT id::text FROM reports WHERE unit_id = $1 AND period_id = $2)
		ORDER BY a.at DESC, a.id DESC LIMIT $3`
)

// LoadReportPage reads a unit's report for a period with its scope (and, given extras,
// everything else its pages show) in one round trip. ErrNotFound when the unit or the
// period does not exist.
func (q *Queries) LoadReportPage(ctx context.Context, unitID, periodID int64, extras *store.PageExtras) (store.ReportPage, error) {
	var pg store.ReportPage
	b := &pgx.Batch{}
	b.Queue(`SELECT `+periodColumns+` FROM periods WHERE id = $1`, periodID).QueryRow(func(row pgx.Row) (err error) {
		pg.Period, err = scanPeriod(row)
		return err
	})
	b.Queue(`SELECT id, code, name FROM units WHERE id = $1`, unitID).QueryRow(func(row pgx.Row) error {
		return row.Scan(&pg.Unit.ID, &pg.Unit.Code, &pg.Unit.Name)
	})
	b.Queue(`SELECT `+reportColumns+` WHERE r.unit_id = $1 AND r.period_id = $2`, unitID, periodID).Query(func(rows pgx.Rows) error {
		if rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				return err
			}
			pg.Report = &r
		}
		return rows.Err()
	})
	b.Queue(pageTargetsSQL, unitID, periodID).Query(collectInto(&pg.Targets, scanReportTarget))
	b.Queue(pageTasksSQL, unitID, periodID).Query(collectInto(&pg.Tasks, scanReportTask))
	if extras != nil {
		pg.Past = store.PastResults{Targets: map[int64][]store.PastTarget{}, Tasks: map[int64][]store.PastTask{}, Schedules: map[int64][]domain.CommitmentChange{}}
		b.Queue(pageSchedulesSQL, unitID, periodID).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var c domain.CommitmentChange
				if err := rows.Scan(&id, &c.FromYear, &c.Op, &c.Value); err != nil {
					return err
				}
				pg.Past.Schedules[id] = append(pg.Past.Schedules[id], c)
			}
			return rows.Err()
		})
		b.Queue(`SELECT id, key, name, name_en, position FROM reform_areas ORDER BY position, id`).Query(collectInto(&pg.Areas,
			func(r pgx.Row) (a store.ReformArea, err error) {
				err = r.Scan(&a.ID, &a.Key, &a.Name, &a.NameEN, &a.Position)
				return a, err
			}))
		b.Queue(pagePastTargetsSQL, unitID, periodID, extras.PastPeriods).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var pt store.PastTarget
				p := &pt.Period
				if err := rows.Scan(&id, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
					&pt.Value, &pt.Done, &pt.DoneOn); err != nil {
					return err
				}
				pg.Past.Targets[id] = append(pg.Past.Targets[id], pt)
			}
			return rows.Err()
		})
		b.Queue(pagePastTasksSQL, unitID, periodID, extras.PastPeriods).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var id int64
				var pt store.PastTask
				p := &pt.Period
				if err := rows.Scan(&id, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt, &pt.Progress); err != nil {
					return err
				}
				pg.Past.Tasks[id] = append(pg.Past.Tasks[id], pt)
			}
			return rows.Err()
		})
		b.Queue(pageEvidenceSQL, unitID, periodID).Query(collectInto(&pg.Evidence, func(r pgx.Row) (it store.EvidenceItem, err error) {
			it.Evidence, err = scanEvidence(r, &it.UploadedByName)
			return it, err
		}))
		if extras.RegisterChoices > 0 {
			b.Queue(listDocsSQL, unitID, true, false, "", "%%", 0, extras.RegisterChoices).Query(collectInto(&pg.RegisterDocs, scanListedDoc))
		}
		b.Queue(pageCommentsSQL, unitID, periodID, extras.HistoryLimit).Query(collectInto(&pg.Comments, scanComment))
		b.Queue(pageHistorySQL, unitID, periodID, extras.HistoryLimit).Query(collectInto(&pg.History, func(r pgx.Row) (h store.HistoryEntry, err error) {
			err = r.Scan(&h.At, &h.ActorName, &h.Action, &h.Before, &h.After)
			return h, err
		}))
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			err = store.ErrNotFound
		}
		return store.ReportPage{}, fmt.Errorf("store: report page unit %d period %d: %w", unitID, periodID, err)
	}
	return pg, nil
}

// collectInto appends every row, scanned by scan, to *dst.
func collectInto[T any](dst *[]T, scan func(pgx.Row) (T, error)) func(pgx.Rows) error {
	return func(rows pgx.Rows) error {
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return err
			}
			*dst = append(*dst, v)
		}
		return rows.Err()
	}
}

func scanReportTarget(row pgx.Row) (store.ReportTarget, error) {
	var rt store.ReportTarget
	var has bool
	var res store.StoredTarget
	t := &rt.Target
	err := row.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.Kind, &t.Op, &t.Value,
		&t.MeasureUnit, &t.Baseline, &t.DeadlineYear, &t.EachYear, &t.NumeratorLabel, &t.DenominatorLabel, &rt.PlanCode,
		&has, &res.Value, &res.Num, &res.Den, &res.Done, &res.DoneOn, &res.Narrative, &res.UpdatedAt, &res.UpdatedByName,
		&rt.EvidenceRequired, &rt.EvidenceCount)
	if has {
		rt.Result = &res
	}
	return rt, err
}

func scanReportTask(row pgx.Row) (store.ReportTask, error) {
	var rt store.ReportTask
	var has bool
	var res store.StoredTask
	t := &rt.Task
	err := row.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Position, &t.Text, &t.LeadUnitID, &t.LeadUnitCode,
		&t.Deadline, &t.DeadlineNote, &t.ExpectedOutput, &rt.PlanCode,
		&has, &res.Progress, &res.Narrative, &res.UpdatedAt, &res.UpdatedByName)
	if has {
		rt.Result = &res
	}
	return rt, err
}

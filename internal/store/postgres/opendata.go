package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// The open-data read model: every list is keyset-paginated (f.After, f.Limit) and kept to
// the client's plans ($plans, empty for every plan that is not a draft) and unit subtree.

// inOpenPlans is the plan condition every list shares: $1 the client's plans, $2 one plan.
const inOpenPlans = `p.status <> 'draft' AND (cardinality($1::bigint[]) = 0 OR p.id = ANY($1)) AND ($2::bigint = 0 OR p.id = $2)`

func openLimit(f store.OpenFilter) int {
	if f.Limit <= 0 || f.Limit > 1001 {
		return 101
	}
	return f.Limit
}

func plansArg(f store.OpenFilter) []int64 {
	if f.Plans == nil {
		return []int64{}
	}
	return f.Plans
}

// APIPlans lists the plans a client may read.
func (q *Queries) APIPlans(ctx context.Context, f store.OpenFilter) ([]store.OpenPlan, error) {
	rows, err := q.Query(ctx, `SELECT p.id, p.code, p.title, p.issued_on, p.issued_by, p.start_year, p.end_year, p.status, p.published
		FROM plans p WHERE `+inOpenPlans+` AND p.id > $3 ORDER BY p.id LIMIT $4`, plansArg(f), f.PlanID, f.After[0], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api plans: %w", err)
	}
	return pgx.CollectRows(rows, scanOpenPlan)
}

func scanOpenPlan(r pgx.CollectableRow) (store.OpenPlan, error) {
	var p store.OpenPlan
	err := r.Scan(&p.ID, &p.Code, &p.Title, &p.IssuedOn, &p.IssuedBy, &p.StartYear, &p.EndYear, &p.Status, &p.Published)
	return p, err
}

// APIAreas lists the reform areas (a handful, national).
func (q *Queries) APIAreas(ctx context.Context) ([]store.OpenArea, error) {
	rows, err := q.Query(ctx, `SELECT id, key, name, name_en, position FROM reform_areas ORDER BY position, id LIMIT 100`)
	if err != nil {
		return nil, fmt.Errorf("store: api areas: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenArea, error) {
		var a store.OpenArea
		err := r.Scan(&a.ID, &a.Key, &a.Name, &a.NameEN, &a.Position)
		return a, err
	})
}

// APITargets lists the targets of the client's plans with their yearly commitments.
func (q *Queries) APITargets(ctx context.Context, f store.OpenFilter) ([]store.OpenTarget, error) {
	rows, err := q.Query(ctx, `SELECT t.id, t.plan_id, t.area_id, t.code, t.text, t.kind, t.op, t.value::float8, t.measure_unit,
			t.baseline::float8, t.deadline_year, t.each_year, t.numerator_label, t.denominator_label,
			coalesce((SELECT json_agg(json_build_object('from_year', c.from_year, 'op', c.op, 'value', c.value::float8) ORDER BY c.from_year)
				FROM target_commitments c WHERE c.target_id = t.id), '[]')
		FROM targets t JOIN plans p ON p.id = t.plan_id
		WHERE `+inOpenPlans+` AND t.retired_at IS NULL AND ($3::bigint = 0 OR t.id = $3) AND t.id > $4
		ORDER BY t.id LIMIT $5`, plansArg(f), f.PlanID, f.TargetID, f.After[0], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api targets: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenTarget, error) {
		var t store.OpenTarget
		var commitments []byte
		err := r.Scan(&t.ID, &t.PlanID, &t.AreaID, &t.Code, &t.Text, &t.Kind, &t.Op, &t.Value, &t.MeasureUnit, &t.Baseline,
			&t.DeadlineYear, &t.EachYear, &t.NumeratorLabel, &t.DenominatorLabel, &commitments)
		if err == nil {
			err = json.Unmarshal(commitments, &t.Commitments)
		}
		return t, err
	})
}

// APITasks lists the tasks of the client's plans.
func (q *Queries) APITasks(ctx context.Context, f store.OpenFilter) ([]store.OpenTask, error) {
	rows, err := q.Query(ctx, `SELECT k.id, k.plan_id, k.area_id, k.code, k.text, k.lead_unit_id, k.deadline, k.deadline_note, k.expected_output
		FROM tasks k JOIN plans p ON p.id = k.plan_id
		WHERE `+inOpenPlans+` AND k.retired_at IS NULL AND k.id > $3 ORDER BY k.id LIMIT $4`, plansArg(f), f.PlanID, f.After[0], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api tasks: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenTask, error) {
		var k store.OpenTask
		err := r.Scan(&k.ID, &k.PlanID, &k.AreaID, &k.Code, &k.Text, &k.LeadUnitID, &k.Deadline, &k.DeadlineNote, &k.ExpectedOutput)
		return k, err
	})
}

// APIUnits lists the units of a subtree (f.UnitID, or the whole tree).
func (q *Queries) APIUnits(ctx context.Context, f store.OpenFilter) ([]store.OpenUnit, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.code, u.name, u.parent_id, u.active FROM units u
		WHERE ($1::bigint = 0 OR u.id IN (SELECT unit_id FROM unit_closure WHERE ancestor_id = $1)) AND u.id > $2
		ORDER BY u.id LIMIT $3`, f.UnitID, f.After[0], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api units: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenUnit, error) {
		var u store.OpenUnit
		err := r.Scan(&u.ID, &u.Code, &u.Name, &u.ParentID, &u.Active)
		return u, err
	})
}

// APIPeriods lists the periods of the client's plans: those of a plan's years that start
// no earlier than its issue date (as the dashboard counts them).
func (q *Queries) APIPeriods(ctx context.Context, f store.OpenFilter) ([]store.OpenPeriod, error) {
	rows, err := q.Query(ctx, `SELECT pr.id, pr.year, pr.kind, pr.starts_on, pr.ends_on, pr.deadline FROM periods pr
		WHERE EXISTS (SELECT 1 FROM plans p WHERE `+inOpenPlans+`
			AND pr.year BETWEEN p.start_year AND p.end_year AND pr.starts_on >= p.issued_on)
			AND ($3::bigint = 0 OR pr.id = $3) AND pr.id > $4
		ORDER BY pr.id LIMIT $5`, plansArg(f), f.PlanID, f.PeriodID, f.After[0], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api periods: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenPeriod, error) {
		var p store.OpenPeriod
		err := r.Scan(&p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline)
		return p, err
	})
}

// APIResults lists units' results from reports in f.Statuses only (approved, and
// submitted where the client may see them): drafts and returned reports never appear.
func (q *Queries) APIResults(ctx context.Context, f store.OpenFilter) ([]store.OpenResult, error) {
	if len(f.Statuses) == 0 {
		return nil, errors.New("store: api results: no report status")
	}
	// Driven by the reports in id order, each one's results by the primary key (report_id,
	// target_id): a page stops after its rows' reports (a report holds up to a plan's targets)
	// instead of sorting every result of the plan.
	rows, err := q.Query(ctx, `SELECT r.id, r.unit_id, u.code, x.id, x.code, x.plan_id, r.period_id, x.value, x.numerator,
			x.denominator, x.done, x.done_on, r.status
		FROM reports r JOIN units u ON u.id = r.unit_id
		CROSS JOIN LATERAL (
			SELECT t.id, t.code, t.plan_id, tr.value::float8 AS value, tr.numerator::float8 AS numerator,
				tr.denominator::float8 AS denominator, tr.done, tr.done_on
			FROM target_results tr JOIN targets t ON t.id = tr.target_id JOIN plans p ON p.id = t.plan_id
			WHERE tr.report_id = r.id AND (r.id > $7 OR tr.target_id > $8) AND `+inOpenPlans+`
				AND ($5::bigint = 0 OR tr.target_id = $5) AND (tr.value IS NOT NULL OR tr.done IS NOT NULL)
			ORDER BY tr.target_id) x
		WHERE r.status = ANY($3::text[]) AND r.id >= $7
			AND ($4::bigint = 0 OR r.period_id = $4)
			AND ($6::bigint = 0 OR r.unit_id IN (SELECT unit_id FROM unit_closure WHERE ancestor_id = $6))
		ORDER BY r.id, x.id LIMIT $9`,
		plansArg(f), f.PlanID, f.Statuses, f.PeriodID, f.TargetID, f.UnitID, f.After[0], f.After[1], openLimit(f))
	if err != nil {
		return nil, fmt.Errorf("store: api results: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenResult, error) {
		var x store.OpenResult
		err := r.Scan(&x.ReportID, &x.UnitID, &x.UnitCode, &x.TargetID, &x.TargetCode, &x.PlanID, &x.PeriodID, &x.Value, &x.Numerator,
			&x.Denominator, &x.Done, &x.DoneOn, &x.ReportStatus)
		return x, err
	})
}

// UnitInSubtree reports whether unit is root or below it (root 0: any unit).
func (q *Queries) UnitInSubtree(ctx context.Context, unit, root int64) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM unit_closure WHERE unit_id = $1 AND ($2::bigint = 0 OR ancestor_id = $2))`,
		unit, root).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: unit %d in subtree %d: %w", unit, root, err)
	}
	return ok, nil
}

// PublishedPlans are the plans on the public page, newest first.
func (q *Queries) PublishedPlans(ctx context.Context) ([]store.OpenPlan, error) {
	rows, err := q.Query(ctx, `SELECT p.id, p.code, p.title, p.issued_on, p.issued_by, p.start_year, p.end_year, p.status, p.published
		FROM plans p WHERE p.published AND p.status <> 'draft' ORDER BY p.start_year DESC, p.id DESC LIMIT 20`)
	if err != nil {
		return nil, fmt.Errorf("store: published plans: %w", err)
	}
	return pgx.CollectRows(rows, scanOpenPlan)
}

// SetPlanPublished shows a plan on the public page or takes it off.
func (q *Queries) SetPlanPublished(ctx context.Context, planID int64, published bool) error {
	tag, err := q.Exec(ctx, `UPDATE plans SET published = $2, updated_at = now() WHERE id = $1`, planID, published)
	if err != nil {
		return fmt.Errorf("store: publish plan %d: %w", planID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: publish plan %d: %w", planID, store.ErrNotFound)
	}
	return nil
}

const openDocumentColumns = `d.id, d.plan_id, d.kind, d.year, d.number, d.symbol, d.doc_date, d.summary, coalesce(length(d.issued_pdf), 0)`

func scanOpenDocument(r pgx.Row) (store.OpenDocument, error) {
	var d store.OpenDocument
	err := r.Scan(&d.ID, &d.PlanID, &d.Kind, &d.Year, &d.Number, &d.Symbol, &d.DocDate, &d.Summary, &d.PDFBytes)
	return d, err
}

// IssuedDocuments lists a plan's issued report documents, newest first.
func (q *Queries) IssuedDocuments(ctx context.Context, planID int64) ([]store.OpenDocument, error) {
	rows, err := q.Query(ctx, `SELECT `+openDocumentColumns+` FROM report_documents d
		WHERE d.plan_id = $1 AND d.status = 'issued' ORDER BY d.doc_date DESC, d.id DESC LIMIT 50`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: issued documents of plan %d: %w", planID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.OpenDocument, error) { return scanOpenDocument(r) })
}

// PublicDocumentPDF returns an issued document's PDF when its plan is published.
func (q *Queries) PublicDocumentPDF(ctx context.Context, docID int64) ([]byte, store.OpenDocument, error) {
	var pdf []byte
	var d store.OpenDocument
	err := q.QueryRow(ctx, `SELECT `+openDocumentColumns+`, d.issued_pdf FROM report_documents d JOIN plans p ON p.id = d.plan_id
		WHERE d.id = $1 AND d.status = 'issued' AND p.published AND p.status <> 'draft'`, docID).Scan(
		&d.ID, &d.PlanID, &d.Kind, &d.Year, &d.Number, &d.Symbol, &d.DocDate, &d.Summary, &d.PDFBytes, &pdf)
	if err != nil {
		return nil, d, fmt.Errorf("store: public document %d: %w", docID, notFound(err))
	}
	return pdf, d, nil
}

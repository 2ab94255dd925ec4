package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// An evidence row is the attachment of a register document (evidence_documents) to one
// result of a report; the file shown is the document's current version.
const (
	evidenceColumns = `e.id, e.report_id, e.target_id, e.task_id, e.document_id, f.id, f.file_name, f.content_type, f.size_bytes, f.sha256,
	f.storage_key, d.doc_number, d.doc_date, d.doc_issuer, d.summary, e.attached_by, e.attached_at`
	evidenceJoins = ` JOIN evidence_documents d ON d.id = e.document_id
	JOIN evidence_files f ON f.document_id = e.document_id AND f.current`
	evidenceFrom = `evidence e` + evidenceJoins
)

func scanEvidence(row pgx.Row, extra ...any) (store.Evidence, error) {
	var e store.Evidence
	dest := append([]any{&e.ID, &e.ReportID, &e.TargetID, &e.TaskID, &e.DocumentID, &e.FileID, &e.FileName, &e.ContentType, &e.SizeBytes, &e.SHA256,
		&e.StorageKey, &e.DocNumber, &e.DocDate, &e.DocIssuer, &e.Summary, &e.UploadedBy, &e.UploadedAt}, extra...)
	err := row.Scan(dest...)
	return e, err
}

// EvidenceByID finds an attachment (with its document's current file) and the unit whose
// report it belongs to, which is what authorization is decided on.
func (q *Queries) EvidenceByID(ctx context.Context, id int64) (store.Evidence, int64, error) {
	var unitID int64
	e, err := scanEvidence(q.QueryRow(ctx, `SELECT `+evidenceColumns+`, r.unit_id
		FROM `+evidenceFrom+` JOIN reports r ON r.id = e.report_id WHERE e.id = $1`, id), &unitID)
	if err != nil {
		return store.Evidence{}, 0, fmt.Errorf("store: evidence %d: %w", id, notFound(err))
	}
	return e, unitID, nil
}

// DeleteEvidence detaches the given documents from a report's results and returns what was
// detached; the documents stay in their register. Ids of other reports' attachments are
// ignored, so a form cannot reach beyond its report.
func (q *Queries) DeleteEvidence(ctx context.Context, reportID int64, ids []int64) ([]store.Evidence, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, `WITH e AS (DELETE FROM evidence WHERE report_id = $1 AND id = ANY($2) RETURNING *)
		SELECT `+evidenceColumns+` FROM e`+evidenceJoins, reportID, ids)
	if err != nil {
		return nil, fmt.Errorf("store: delete evidence of report %d: %w", reportID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Evidence, error) { return scanEvidence(r) })
	if err != nil {
		return nil, fmt.Errorf("store: delete evidence of report %d: %w", reportID, err)
	}
	return out, nil
}

// AttachEvidence attaches a document to a result. attached is false (and nothing written)
// when the document is already attached to that result.
func (q *Queries) AttachEvidence(ctx context.Context, a store.Attachment) (id int64, attached bool, err error) {
	err = q.QueryRow(ctx, `INSERT INTO evidence (report_id, target_id, task_id, document_id, attached_by)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
		a.ReportID, a.TargetID, a.TaskID, a.DocumentID, a.By).Scan(&id)
	if err == pgx.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: attach document %d to report %d: %w", a.DocumentID, a.ReportID, err)
	}
	return id, true, nil
}

// EvidenceByIDs reads attachments just made, for the audit entry.
func (q *Queries) EvidenceByIDs(ctx context.Context, ids []int64) ([]store.Evidence, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, `SELECT `+evidenceColumns+` FROM `+evidenceFrom+` WHERE e.id = ANY($1) ORDER BY e.id`, ids)
	if err != nil {
		return nil, fmt.Errorf("store: evidence %v: %w", ids, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Evidence, error) { return scanEvidence(r) })
}

// EvidenceCounts is how many documents a report has attached to each target.
func (q *Queries) EvidenceCounts(ctx context.Context, reportID int64) (map[int64]int, error) {
	rows, err := q.Query(ctx, `SELECT target_id, count(*) FROM evidence WHERE report_id = $1 AND target_id IS NOT NULL GROUP BY target_id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence counts of report %d: %w", reportID, err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: evidence counts of report %d: %w", reportID, err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// ReportEvidenceBytes is the size of the distinct documents (current files) a report carries.
func (q *Queries) ReportEvidenceBytes(ctx context.Context, reportID int64) (int64, error) {
	var n int64
	err := q.QueryRow(ctx, `SELECT coalesce(sum(f.size_bytes), 0)::bigint FROM evidence_files f
		WHERE f.current AND f.document_id IN (SELECT document_id FROM evidence WHERE report_id = $1)`, reportID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: evidence size of report %d: %w", reportID, err)
	}
	return n, nil
}

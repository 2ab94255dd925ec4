package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

const evidenceColumns = `e.id, e.report_id, e.target_id, e.task_id, e.file_name, e.content_type, e.size_bytes, e.sha256,
	e.storage_key, e.doc_number, e.doc_date, e.doc_issuer, e.uploaded_by, e.uploaded_at`

func scanEvidence(row pgx.Row, extra ...any) (store.Evidence, error) {
	var e store.Evidence
	dest := append([]any{&e.ID, &e.ReportID, &e.TargetID, &e.TaskID, &e.FileName, &e.ContentType, &e.SizeBytes, &e.SHA256,
		&e.StorageKey, &e.DocNumber, &e.DocDate, &e.DocIssuer, &e.UploadedBy, &e.UploadedAt}, extra...)
	err := row.Scan(dest...)
	return e, err
}

// EvidenceByID finds an evidence file's record (without content) and the unit whose
// report it belongs to, which is what authorization is decided on.
func (q *Queries) EvidenceByID(ctx context.Context, id int64) (store.Evidence, int64, error) {
	var unitID int64
	e, err := scanEvidence(q.QueryRow(ctx, `SELECT `+evidenceColumns+`, r.unit_id
		FROM evidence e JOIN reports r ON r.id = e.report_id WHERE e.id = $1`, id), &unitID)
	if err != nil {
		return store.Evidence{}, 0, fmt.Errorf("store: evidence %d: %w", id, notFound(err))
	}
	return e, unitID, nil
}

// EvidenceContent reads the content kept in PostgreSQL; nil when it lives in the upload directory.
func (q *Queries) EvidenceContent(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	if err := q.QueryRow(ctx, `SELECT content FROM evidence WHERE id = $1`, id).Scan(&b); err != nil {
		return nil, fmt.Errorf("store: evidence %d content: %w", id, notFound(err))
	}
	return b, nil
}

// DeleteEvidence removes the given files of a report and returns what was removed; ids of
// other reports' files are ignored, so a form cannot reach beyond its report.
func (q *Queries) DeleteEvidence(ctx context.Context, reportID int64, ids []int64) ([]store.Evidence, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, `DELETE FROM evidence e WHERE e.report_id = $1 AND e.id = ANY($2) RETURNING `+evidenceColumns, reportID, ids)
	if err != nil {
		return nil, fmt.Errorf("store: delete evidence of report %d: %w", reportID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Evidence, error) { return scanEvidence(r) })
	if err != nil {
		return nil, fmt.Errorf("store: delete evidence of report %d: %w", reportID, err)
	}
	return out, nil
}

// EvidenceDigests lists the (target, task, sha256) of a report's files, so a repeated
// upload of the same file to the same result (a double-clicked save) is not stored twice.
func (q *Queries) EvidenceDigests(ctx context.Context, reportID int64) (map[string]bool, error) {
	rows, err := q.Query(ctx, `SELECT coalesce(target_id, 0), coalesce(task_id, 0), sha256 FROM evidence WHERE report_id = $1`, reportID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence digests of report %d: %w", reportID, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var target, task int64
		var sum string
		if err := rows.Scan(&target, &task, &sum); err != nil {
			return nil, fmt.Errorf("store: evidence digests of report %d: %w", reportID, err)
		}
		out[store.DigestKey(target, task, sum)] = true
	}
	return out, rows.Err()
}

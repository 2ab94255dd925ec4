package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

const documentColumns = `d.id, d.plan_id, p.code, d.kind, d.year, d.status, d.include_submitted, d.number, d.symbol, d.doc_date,
	d.governing_body, d.issuing_body, d.place, d.signer_title, d.signer_name, d.recipients, d.summary, d.counted,
	d.appendix, d.version, coalesce(cu.full_name, ''), d.created_at, d.updated_at, d.submitted_at, d.issued_at, coalesce(iu.full_name, '')`

const documentFrom = ` FROM report_documents d JOIN plans p ON p.id = d.plan_id
	LEFT JOIN users cu ON cu.id = d.created_by LEFT JOIN users iu ON iu.id = d.issued_by`

func scanDocument(row pgx.Row) (store.ReportDocument, error) {
	var d store.ReportDocument
	err := row.Scan(&d.ID, &d.PlanID, &d.PlanCode, &d.Kind, &d.Year, &d.Status, &d.IncludeSubmitted, &d.Number, &d.Symbol, &d.DocDate,
		&d.GoverningBody, &d.IssuingBody, &d.Place, &d.SignerTitle, &d.SignerName, &d.Recipients, &d.Summary, &d.Counted,
		&d.Appendix, &d.Version, &d.CreatedByName, &d.CreatedAt, &d.UpdatedAt, &d.SubmittedAt, &d.IssuedAt, &d.IssuedByName)
	return d, err
}

// ListDocuments returns every report document, newest first.
func (q *Queries) ListDocuments(ctx context.Context) ([]store.ReportDocument, error) {
	rows, err := q.Query(ctx, `SELECT `+documentColumns+documentFrom+` ORDER BY d.year DESC, d.created_at DESC, d.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: list documents: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ReportDocument, error) { return scanDocument(r) })
	if err != nil {
		return nil, fmt.Errorf("store: list documents: %w", err)
	}
	return out, nil
}

// DocumentByID reads a document; lock holds its row for the caller's transaction.
func (q *Queries) DocumentByID(ctx context.Context, id int64, lock bool) (store.ReportDocument, error) {
	sql := `SELECT ` + documentColumns + documentFrom + ` WHERE d.id = $1`
	if lock {
		sql += ` FOR UPDATE OF d`
	}
	d, err := scanDocument(q.QueryRow(ctx, sql, id))
	if err = notFound(err); err != nil {
		return d, fmt.Errorf("store: document %d: %w", id, err)
	}
	return d, nil
}

// InsertDocument creates a draft and returns its id.
func (q *Queries) InsertDocument(ctx context.Context, d store.ReportDocument, by int64, at time.Time) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO report_documents (plan_id, kind, year, include_submitted, symbol, governing_body, issuing_body,
			place, signer_title, signer_name, recipients, summary, counted, appendix, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id`,
		d.PlanID, d.Kind, d.Year, d.IncludeSubmitted, d.Symbol, d.GoverningBody, d.IssuingBody, d.Place, d.SignerTitle,
		d.SignerName, d.Recipients, d.Summary, d.Counted, d.Appendix, by, at).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: insert document: %w", err)
	}
	return id, nil
}

// InsertDocumentSection adds a section with its first version.
func (q *Queries) InsertDocumentSection(ctx context.Context, docID int64, s store.DocumentSection, by int64, at time.Time) error {
	if _, err := q.Exec(ctx, `INSERT INTO report_document_sections (document_id, key, position, level, title, body, drafted, sources, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)`, docID, s.Key, s.Position, s.Level, s.Title, s.Body, s.Sources, by, at); err != nil {
		return fmt.Errorf("store: insert section %s: %w", s.Key, err)
	}
	if _, err := q.Exec(ctx, `INSERT INTO report_document_versions (document_id, section_key, version, body, changed_by, changed_at)
		VALUES ($1, $2, 1, $3, $4, $5)`, docID, s.Key, s.Body, by, at); err != nil {
		return fmt.Errorf("store: insert section %s version: %w", s.Key, err)
	}
	return nil
}

// DocumentSections returns a document's sections in outline order.
func (q *Queries) DocumentSections(ctx context.Context, docID int64) ([]store.DocumentSection, error) {
	rows, err := q.Query(ctx, `SELECT s.key, s.position, s.level, s.title, s.body, s.drafted, s.sources, s.version,
			coalesce(u.full_name, ''), s.updated_at
		FROM report_document_sections s LEFT JOIN users u ON u.id = s.updated_by
		WHERE s.document_id = $1 ORDER BY s.position`, docID)
	if err != nil {
		return nil, fmt.Errorf("store: document %d sections: %w", docID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DocumentSection, error) {
		var s store.DocumentSection
		err := r.Scan(&s.Key, &s.Position, &s.Level, &s.Title, &s.Body, &s.Drafted, &s.Sources, &s.Version, &s.UpdatedByName, &s.UpdatedAt)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: document %d sections: %w", docID, err)
	}
	return out, nil
}

// UpdateDocumentSection writes a section's new text if it is still at version want, keeps
// the version and returns the new version number; ErrConflict when someone saved first.
func (q *Queries) UpdateDocumentSection(ctx context.Context, docID int64, key, body string, want int, by int64, at time.Time) (int, error) {
	var v int
	err := q.QueryRow(ctx, `UPDATE report_document_sections SET body = $3, version = version + 1, updated_by = $5, updated_at = $6
		WHERE document_id = $1 AND key = $2 AND version = $4 RETURNING version`, docID, key, body, want, by, at).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("store: update section %s: %w", key, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: update section %s: %w", key, err)
	}
	if _, err := q.Exec(ctx, `INSERT INTO report_document_versions (document_id, section_key, version, body, changed_by, changed_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, docID, key, v, body, by, at); err != nil {
		return 0, fmt.Errorf("store: keep section %s version: %w", key, err)
	}
	_, err = q.Exec(ctx, `UPDATE report_documents SET updated_at = $2 WHERE id = $1`, docID, at)
	if err != nil {
		return 0, fmt.Errorf("store: touch document %d: %w", docID, err)
	}
	return v, nil
}

// SectionVersions lists a section's versions, newest first.
func (q *Queries) SectionVersions(ctx context.Context, docID int64, key string) ([]store.DocumentVersion, error) {
	rows, err := q.Query(ctx, `SELECT v.version, v.body, coalesce(u.full_name, ''), v.changed_at
		FROM report_document_versions v LEFT JOIN users u ON u.id = v.changed_by
		WHERE v.document_id = $1 AND v.section_key = $2 ORDER BY v.version DESC`, docID, key)
	if err != nil {
		return nil, fmt.Errorf("store: section %s versions: %w", key, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DocumentVersion, error) {
		var v store.DocumentVersion
		err := r.Scan(&v.Version, &v.Body, &v.ChangedBy, &v.ChangedAt)
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: section %s versions: %w", key, err)
	}
	return out, nil
}

// UpdateDocumentDetails writes the number, date, signer, organ and recipients if the
// document is still at version want: ErrConflict otherwise, ErrDuplicateNumber when the
// number is taken in the year.
func (q *Queries) UpdateDocumentDetails(ctx context.Context, d store.ReportDocument, want int, at time.Time) (int, error) {
	var v int
	err := q.QueryRow(ctx, `UPDATE report_documents SET number = $3, symbol = $4, doc_date = $5, governing_body = $6,
			issuing_body = $7, place = $8, signer_title = $9, signer_name = $10, recipients = $11, version = version + 1, updated_at = $12
		WHERE id = $1 AND version = $2 RETURNING version`,
		d.ID, want, d.Number, d.Symbol, d.DocDate, d.GoverningBody, d.IssuingBody, d.Place, d.SignerTitle, d.SignerName, d.Recipients, at).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return 0, fmt.Errorf("store: update document %d: %w", d.ID, store.ErrConflict)
	case isUniqueViolation(err):
		return 0, fmt.Errorf("store: update document %d: %w", d.ID, store.ErrDuplicateNumber)
	case err != nil:
		return 0, fmt.Errorf("store: update document %d: %w", d.ID, err)
	}
	return v, nil
}

// NumberTaken reports whether another document dated in year has the number.
func (q *Queries) NumberTaken(ctx context.Context, docID int64, year, number int) (bool, error) {
	var taken bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM report_documents WHERE id <> $1 AND number = $3
		AND extract(year FROM doc_date) = $2)`, docID, year, number).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("store: number taken: %w", err)
	}
	return taken, nil
}

// NextDocumentNumber is one more than the highest number used in year.
func (q *Queries) NextDocumentNumber(ctx context.Context, year int) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT coalesce(max(number), 0) + 1 FROM report_documents WHERE extract(year FROM doc_date) = $1`, year).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: next document number: %w", err)
	}
	return n, nil
}

// SetDocumentStatus moves a document to status; submitted_at is set on submission.
func (q *Queries) SetDocumentStatus(ctx context.Context, id int64, status string, at time.Time) error {
	_, err := q.Exec(ctx, `UPDATE report_documents SET status = $2, version = version + 1, updated_at = $3,
		submitted_at = CASE WHEN $2 = 'signing' THEN $3 ELSE submitted_at END WHERE id = $1`, id, status, at)
	if err != nil {
		return fmt.Errorf("store: document %d status %s: %w", id, status, err)
	}
	return nil
}

// IssueDocument records the issue and keeps the files issued.
func (q *Queries) IssueDocument(ctx context.Context, id, by int64, at time.Time, pdf, docx []byte) error {
	_, err := q.Exec(ctx, `UPDATE report_documents SET status = 'issued', issued_at = $3, issued_by = $2, issued_pdf = $4,
		issued_docx = $5, version = version + 1, updated_at = $3 WHERE id = $1`, id, by, at, pdf, docx)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: issue document %d: %w", id, store.ErrDuplicateNumber)
	}
	if err != nil {
		return fmt.Errorf("store: issue document %d: %w", id, err)
	}
	return nil
}

// IssuedFile returns a file kept at issue: format "pdf" or "docx".
func (q *Queries) IssuedFile(ctx context.Context, id int64, format string) ([]byte, error) {
	col := "issued_pdf"
	if format == "docx" {
		col = "issued_docx"
	}
	var b []byte
	err := q.QueryRow(ctx, `SELECT `+col+` FROM report_documents WHERE id = $1 AND status = 'issued'`, id).Scan(&b)
	if err = notFound(err); err != nil {
		return nil, fmt.Errorf("store: document %d issued %s: %w", id, format, err)
	}
	return b, nil
}

// AddDocumentComment adds a comment.
func (q *Queries) AddDocumentComment(ctx context.Context, docID int64, sectionKey, body string, by int64, at time.Time) error {
	if _, err := q.Exec(ctx, `INSERT INTO report_document_comments (document_id, section_key, author_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5)`, docID, sectionKey, by, body, at); err != nil {
		return fmt.Errorf("store: comment on document %d: %w", docID, err)
	}
	return nil
}

// DocumentComments lists a document's comments, oldest first.
func (q *Queries) DocumentComments(ctx context.Context, docID int64) ([]store.DocumentComment, error) {
	rows, err := q.Query(ctx, `SELECT c.id, c.section_key, u.full_name, c.body, c.created_at
		FROM report_document_comments c JOIN users u ON u.id = c.author_id WHERE c.document_id = $1 ORDER BY c.created_at, c.id`, docID)
	if err != nil {
		return nil, fmt.Errorf("store: document %d comments: %w", docID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DocumentComment, error) {
		var c store.DocumentComment
		err := r.Scan(&c.ID, &c.SectionKey, &c.AuthorName, &c.Body, &c.CreatedAt)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: document %d comments: %w", docID, err)
	}
	return out, nil
}

package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// The evidence register's statements (see internal/store/register.go).

const (
	docColumns = `d.id, d.unit_id, u.name, d.shared, d.doc_number, d.doc_date, d.doc_issuer, d.summary, d.created_by, d.created_at, d.updated_at,
	f.id, f.document_id, f.version, f.current, f.file_name, f.content_type, f.size_bytes, f.sha256, f.storage_key, f.uploaded_by,
	coalesce(fu.full_name, ''), f.uploaded_at`
	docFrom = `evidence_documents d JOIN units u ON u.id = d.unit_id
	JOIN evidence_files f ON f.document_id = d.id AND f.current LEFT JOIN users fu ON fu.id = f.uploaded_by`
	fileColumns = `f.id, f.document_id, f.version, f.current, f.file_name, f.content_type, f.size_bytes, f.sha256, f.storage_key,
	f.uploaded_by, coalesce(fu.full_name, ''), f.uploaded_at`
)

func scanDoc(row pgx.Row, extra ...any) (store.EvidenceDoc, error) {
	var d store.EvidenceDoc
	f := &d.File
	dest := append([]any{&d.ID, &d.UnitID, &d.UnitName, &d.Shared, &d.DocNumber, &d.DocDate, &d.DocIssuer, &d.Summary, &d.CreatedBy,
		&d.CreatedAt, &d.UpdatedAt, &f.ID, &f.DocumentID, &f.Version, &f.Current, &f.FileName, &f.ContentType, &f.SizeBytes, &f.SHA256,
		&f.StorageKey, &f.UploadedBy, &f.UploadedByName, &f.UploadedAt}, extra...)
	return d, row.Scan(dest...)
}

func scanFile(row pgx.Row) (store.EvidenceFile, error) {
	var f store.EvidenceFile
	return f, row.Scan(&f.ID, &f.DocumentID, &f.Version, &f.Current, &f.FileName, &f.ContentType, &f.SizeBytes, &f.SHA256,
		&f.StorageKey, &f.UploadedBy, &f.UploadedByName, &f.UploadedAt)
}

// InsertEvidenceDoc adds a document (its metadata) to a register; its file follows with
// AddEvidenceFile in the same transaction.
func (q *Queries) InsertEvidenceDoc(ctx context.Context, d store.EvidenceDoc) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO evidence_documents (unit_id, shared, doc_number, doc_date, doc_issuer, summary, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		d.UnitID, d.Shared, d.DocNumber, d.DocDate, d.DocIssuer, d.Summary, d.CreatedBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: insert evidence document %q: %w", d.DocNumber, err)
	}
	return id, nil
}

// AddEvidenceFile records a new version of a document's file and makes it the current one;
// the earlier versions stay. The caller holds the document's lock (LockEvidenceDoc) or has
// just created it.
func (q *Queries) AddEvidenceFile(ctx context.Context, f store.EvidenceFile) (store.EvidenceFile, error) {
	if _, err := q.Exec(ctx, `UPDATE evidence_files SET current = false WHERE document_id = $1 AND current`, f.DocumentID); err != nil {
		return f, fmt.Errorf("store: add file %q to document %d: %w", f.FileName, f.DocumentID, err)
	}
	err := q.QueryRow(ctx, `INSERT INTO evidence_files (document_id, version, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
		VALUES ($1, coalesce((SELECT max(version) FROM evidence_files WHERE document_id = $1), 0) + 1, $2, $3, $4, $5, $6, $7)
		RETURNING id, version, uploaded_at`,
		f.DocumentID, f.FileName, f.ContentType, f.SizeBytes, f.SHA256, f.StorageKey, f.UploadedBy).Scan(&f.ID, &f.Version, &f.UploadedAt)
	if err != nil {
		return f, fmt.Errorf("store: add file %q to document %d: %w", f.FileName, f.DocumentID, err)
	}
	f.Current = true
	return f, nil
}

// copier is what can COPY rows in: a transaction, a connection or the pool.
type copier interface {
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// WriteEvidenceChunks stores a file's content in pieces of ChunkSize with one COPY, reading
// r through one buffer that COPY encodes each row from before the next is read: a file is
// never held whole in memory (an INSERT per chunk allocated a new message buffer per
// chunk). It returns the bytes written.
func (q *Queries) WriteEvidenceChunks(ctx context.Context, fileID int64, r io.Reader) (int64, error) {
	cp, ok := q.DBTX.(copier)
	if !ok {
		return 0, fmt.Errorf("store: write chunks of file %d: %T cannot COPY", fileID, q.DBTX)
	}
	buf := make([]byte, store.ChunkSize)
	var total int64
	seq, done := 0, false
	var readErr error
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if done {
			return nil, nil
		}
		n, err := io.ReadFull(r, buf)
		switch {
		case errors.Is(err, io.EOF):
			return nil, nil
		case errors.Is(err, io.ErrUnexpectedEOF):
			done = true
		case err != nil:
			readErr = err
			return nil, err
		}
		row := []any{fileID, seq, buf[:n]}
		seq++
		total += int64(n)
		return row, nil
	})
	if _, err := cp.CopyFrom(ctx, pgx.Identifier{"evidence_chunks"}, []string{"file_id", "seq", "data"}, src); err != nil {
		if readErr != nil {
			return total, fmt.Errorf("store: read file %d: %w", fileID, readErr)
		}
		return total, fmt.Errorf("store: write chunks of file %d: %w", fileID, err)
	}
	return total, nil
}

// OpenEvidenceFile reads a file kept in PostgreSQL one chunk at a time, each with its own
// short query, so a slow download holds neither the file nor a connection.
func (q *Queries) OpenEvidenceFile(ctx context.Context, fileID int64) io.Reader {
	return &chunkReader{ctx: ctx, q: q, fileID: fileID}
}

type chunkReader struct {
	ctx    context.Context
	q      *Queries
	fileID int64
	seq    int
	buf    []byte
	done   bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		err := c.q.QueryRow(c.ctx, `SELECT data FROM evidence_chunks WHERE file_id = $1 AND seq = $2`, c.fileID, c.seq).Scan(&c.buf)
		if errors.Is(err, pgx.ErrNoRows) {
			c.done = true
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("store: read chunk %d of file %d: %w", c.seq, c.fileID, err)
		}
		c.seq++
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// EvidenceDocByID reads a document with its current file.
func (q *Queries) EvidenceDocByID(ctx context.Context, id int64) (store.EvidenceDoc, error) {
	d, err := scanDoc(q.QueryRow(ctx, `SELECT `+docColumns+`, (SELECT count(*) FROM evidence x WHERE x.document_id = d.id)
		FROM `+docFrom+` WHERE d.id = $1`, id), new(int))
	if err != nil {
		return d, fmt.Errorf("store: evidence document %d: %w", id, notFound(err))
	}
	return d, nil
}

// LockEvidenceDoc reads a document for change, holding its row until the transaction ends.
func (q *Queries) LockEvidenceDoc(ctx context.Context, id int64) (store.EvidenceDoc, error) {
	if _, err := q.Exec(ctx, `SELECT 1 FROM evidence_documents WHERE id = $1 FOR UPDATE`, id); err != nil {
		return store.EvidenceDoc{}, fmt.Errorf("store: lock evidence document %d: %w", id, err)
	}
	d, err := scanDoc(q.QueryRow(ctx, `SELECT `+docColumns+` FROM `+docFrom+` WHERE d.id = $1`, id))
	if err != nil {
		return d, fmt.Errorf("store: lock evidence document %d: %w", id, notFound(err))
	}
	return d, nil
}

// UpdateEvidenceDoc corrects a document's number, date, issuer, summary and sharing.
func (q *Queries) UpdateEvidenceDoc(ctx context.Context, d store.EvidenceDoc) error {
	_, err := q.Exec(ctx, `UPDATE evidence_documents SET doc_number = $2, doc_date = $3, doc_issuer = $4, summary = $5, shared = $6,
		updated_at = now() WHERE id = $1`, d.ID, d.DocNumber, d.DocDate, d.DocIssuer, d.Summary, d.Shared)
	if err != nil {
		return fmt.Errorf("store: update evidence document %d: %w", d.ID, err)
	}
	return nil
}

// VisibleEvidenceDoc reads a document a unit may attach: its own, or a shared one.
func (q *Queries) VisibleEvidenceDoc(ctx context.Context, id, unitID int64) (store.EvidenceDoc, error) {
	d, err := scanDoc(q.QueryRow(ctx, `SELECT `+docColumns+` FROM `+docFrom+` WHERE d.id = $1 AND (d.unit_id = $2 OR d.shared)`, id, unitID))
	if err != nil {
		return d, fmt.Errorf("store: evidence document %d for unit %d: %w", id, unitID, notFound(err))
	}
	return d, nil
}

// UnitDocBySHA finds a document of the unit whose current file has this content, so the
// same file uploaded for another result is attached, not stored twice.
func (q *Queries) UnitDocBySHA(ctx context.Context, unitID int64, sha string) (int64, bool, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT d.id FROM evidence_documents d JOIN evidence_files f ON f.document_id = d.id AND f.current
		WHERE d.unit_id = $1 AND f.sha256 = $2 ORDER BY d.id LIMIT 1`, unitID, sha).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: unit %d document by content: %w", unitID, err)
	}
	return id, true, nil
}

// LockUnitEvidence serialises the uploads of one unit, so two saves cannot both pass its
// quota (an advisory lock: it blocks no other use of the unit's row).
func (q *Queries) LockUnitEvidence(ctx context.Context, unitID int64) error {
	if _, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock(7411, $1::int)`, unitID); err != nil {
		return fmt.Errorf("store: lock evidence of unit %d: %w", unitID, err)
	}
	return nil
}

// UnitEvidenceBytes is the size of every version of every file in a unit's register.
func (q *Queries) UnitEvidenceBytes(ctx context.Context, unitID int64) (int64, error) {
	var n int64
	err := q.QueryRow(ctx, `SELECT coalesce(sum(f.size_bytes), 0)::bigint FROM evidence_files f
		JOIN evidence_documents d ON d.id = f.document_id WHERE d.unit_id = $1`, unitID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: evidence size of unit %d: %w", unitID, err)
	}
	return n, nil
}

// listDocsSQL is a page of a register: $1 unit (0: all), $2 with documents shared by
// others, $3 shared only, $4 search text, $5 its LIKE pattern, $6 offset, $7 limit.
var listDocsSQL = `SELECT ` + docColumns + `, coalesce(x.n, 0)
		FROM ` + docFrom + `
			LEFT JOIN LATERAL (SELECT count(*) AS n FROM evidence e WHERE e.document_id = d.id) x ON true
		WHERE ($1 = 0 OR d.unit_id = $1 OR ($2 AND d.shared)) AND (NOT $3 OR d.shared)
			AND ($4 = '' OR d.doc_number ILIKE $5 OR d.search @@ plainto_tsquery('simple', $4) OR f.file_name ILIKE $5)
		ORDER BY d.id DESC OFFSET $6 LIMIT $7`

func scanListedDoc(r pgx.Row) (store.EvidenceDoc, error) {
	var n int
	d, err := scanDoc(r, &n)
	d.Uses = n
	return d, err
}

// ListEvidenceDocs reads one page of a register, newest first, and whether more follow.
// One query: the current file, unit name and use count come joined, never per row.
func (q *Queries) ListEvidenceDocs(ctx context.Context, rq store.RegisterQuery) ([]store.EvidenceDoc, bool, error) {
	limit := min(max(rq.Limit, 1), 200)
	text := strings.TrimSpace(rq.Text)
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text) + "%"
	rows, err := q.Query(ctx, listDocsSQL, rq.UnitID, rq.WithShared, rq.SharedOnly, text, like, max(rq.Offset, 0), limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("store: evidence register: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.EvidenceDoc, error) { return scanListedDoc(r) })
	if err != nil {
		return nil, false, fmt.Errorf("store: evidence register: %w", err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// EvidenceDocVersions lists a document's file versions, newest first (bounded).
func (q *Queries) EvidenceDocVersions(ctx context.Context, docID int64) ([]store.EvidenceFile, error) {
	rows, err := q.Query(ctx, `SELECT `+fileColumns+` FROM evidence_files f LEFT JOIN users fu ON fu.id = f.uploaded_by
		WHERE f.document_id = $1 ORDER BY f.version DESC LIMIT 100`, docID)
	if err != nil {
		return nil, fmt.Errorf("store: versions of document %d: %w", docID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.EvidenceFile, error) { return scanFile(r) })
}

// EvidenceFileByID reads one version of a file with its document's unit and sharing, which
// is what authorization is decided on.
func (q *Queries) EvidenceFileByID(ctx context.Context, fileID int64) (store.EvidenceFile, int64, bool, error) {
	var unitID int64
	var shared bool
	f, err := scanFileWith(q.QueryRow(ctx, `SELECT `+fileColumns+`, d.unit_id, d.shared FROM evidence_files f
		JOIN evidence_documents d ON d.id = f.document_id LEFT JOIN users fu ON fu.id = f.uploaded_by WHERE f.id = $1`, fileID), &unitID, &shared)
	if err != nil {
		return f, 0, false, fmt.Errorf("store: evidence file %d: %w", fileID, notFound(err))
	}
	return f, unitID, shared, nil
}

func scanFileWith(row pgx.Row, extra ...any) (store.EvidenceFile, error) {
	var f store.EvidenceFile
	return f, row.Scan(append([]any{&f.ID, &f.DocumentID, &f.Version, &f.Current, &f.FileName, &f.ContentType, &f.SizeBytes, &f.SHA256,
		&f.StorageKey, &f.UploadedBy, &f.UploadedByName, &f.UploadedAt}, extra...)...)
}

// EvidenceDocUses lists where a document is attached (bounded), newest period first.
func (q *Queries) EvidenceDocUses(ctx context.Context, docID int64, limit int) ([]store.DocUse, error) {
	rows, err := q.Query(ctx, `SELECT e.id, r.unit_id, u.name, p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at, coalesce(t.code, k.code, ''), r.status
		FROM evidence e JOIN reports r ON r.id = e.report_id JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
			LEFT JOIN targets t ON t.id = e.target_id LEFT JOIN tasks k ON k.id = e.task_id
		WHERE e.document_id = $1 ORDER BY p.ends_on DESC, u.name, coalesce(t.code, k.code) LIMIT $2`, docID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: uses of document %d: %w", docID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DocUse, error) {
		var u store.DocUse
		p := &u.Period
		return u, r.Scan(&u.EvidenceID, &u.UnitID, &u.UnitName, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt,
			&u.Code, &u.Status)
	})
}

// TargetEvidenceFlags lists a plan's targets in force with their evidence flag, in plan order.
func (q *Queries) TargetEvidenceFlags(ctx context.Context, planID int64) ([]store.TargetEvidenceFlag, error) {
	rows, err := q.Query(ctx, `SELECT id, code, text, evidence_required FROM targets
		WHERE plan_id = $1 AND retired_at IS NULL ORDER BY position, code`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: evidence flags of plan %d: %w", planID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.TargetEvidenceFlag, error) {
		var f store.TargetEvidenceFlag
		return f, r.Scan(&f.ID, &f.Code, &f.Text, &f.Required)
	})
}

// SetEvidenceRequired marks exactly the given targets of a plan as needing evidence.
func (q *Queries) SetEvidenceRequired(ctx context.Context, planID int64, ids []int64) error {
	if _, err := q.Exec(ctx, `UPDATE targets SET evidence_required = (id = ANY($2))
		WHERE plan_id = $1 AND retired_at IS NULL AND evidence_required IS DISTINCT FROM (id = ANY($2))`, planID, ids); err != nil {
		return fmt.Errorf("store: set evidence flags of plan %d: %w", planID, err)
	}
	return nil
}

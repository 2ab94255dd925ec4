package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// exportJobKind is internal/exportjobs' job kind in river_job.
const exportJobKind = "export"

// ExportJob reads River's row of the job; the owner is in its args.
func (q *Queries) ExportJob(ctx context.Context, jobID, userID int64, now time.Time) (store.ExportJob, error) {
	j := store.ExportJob{ID: jobID}
	err := q.QueryRow(ctx, `SELECT j.state::text, coalesce(j.args->>'format', ''),
			CASE WHEN j.state IN ('available', 'scheduled', 'retryable') THEN
				(SELECT count(*) FROM river_job a WHERE a.queue = j.queue AND a.state = 'available' AND a.id < j.id)
			ELSE 0 END,
			coalesce(j.errors[array_length(j.errors, 1)]->>'error', ''),
			coalesce((SELECT f.file_name FROM export_files f WHERE f.job_id = j.id AND f.expires_at > $4), '')
		FROM river_job j
		WHERE j.id = $1 AND j.kind = $2 AND (j.args->>'user_id')::bigint = $3`, jobID, exportJobKind, userID, now).
		Scan(&j.State, &j.Format, &j.Ahead, &j.Error, &j.FileName)
	if errors.Is(err, pgx.ErrNoRows) {
		return j, store.ErrNotFound
	}
	if err != nil {
		return j, fmt.Errorf("store: export job: %w", err)
	}
	return j, nil
}

// SaveExportFile also deletes the expired files: exports are what fills the table, so
// cleaning as they write keeps it bounded without a schedule of its own.
func (q *Queries) SaveExportFile(ctx context.Context, jobID, userID int64, f store.ExportFile, now, expires time.Time) error {
	if _, err := q.Exec(ctx, `DELETE FROM export_files WHERE expires_at <= $1`, now); err != nil {
		return fmt.Errorf("store: delete expired export files: %w", err)
	}
	_, err := q.Exec(ctx, `INSERT INTO export_files (job_id, user_id, file_name, content_type, data, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (job_id) DO UPDATE SET file_name = EXCLUDED.file_name, content_type = EXCLUDED.content_type,
			data = EXCLUDED.data, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
		jobID, userID, f.Name, f.ContentType, f.Data, now, expires)
	if err != nil {
		return fmt.Errorf("store: save export file: %w", err)
	}
	return nil
}

// ExportFileOf reads the file for its owner.
func (q *Queries) ExportFileOf(ctx context.Context, jobID, userID int64, now time.Time) (store.ExportFile, error) {
	var f store.ExportFile
	err := q.QueryRow(ctx, `SELECT file_name, content_type, data FROM export_files
		WHERE job_id = $1 AND user_id = $2 AND expires_at > $3`, jobID, userID, now).Scan(&f.Name, &f.ContentType, &f.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return f, store.ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("store: export file: %w", err)
	}
	return f, nil
}

package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vn-cchc/cchc/internal/store"
)

const commentColumns = `c.id, c.unit_id, c.period_id, c.author_id, coalesce(u.full_name, ''), coalesce(u.role, ''), c.body, c.created_at
	FROM report_comments c LEFT JOIN users u ON u.id = c.author_id`

func scanComment(r pgx.Row) (store.ReportComment, error) {
	var c store.ReportComment
	err := r.Scan(&c.ID, &c.UnitID, &c.PeriodID, &c.AuthorID, &c.AuthorName, &c.AuthorRole, &c.Body, &c.CreatedAt)
	return c, err
}

// InsertReportComment records a comment and returns it as stored; ErrNotFound when the
// unit, the period or the author does not exist.
func (q *Queries) InsertReportComment(ctx context.Context, c store.ReportComment) (store.ReportComment, error) {
	err := q.QueryRow(ctx, `INSERT INTO report_comments (unit_id, period_id, author_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`, c.UnitID, c.PeriodID, c.AuthorID, c.Body, c.CreatedAt).Scan(&c.ID, &c.CreatedAt)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" { // foreign_key_violation
		err = store.ErrNotFound
	}
	if err != nil {
		return store.ReportComment{}, fmt.Errorf("store: comment on unit %d period %d: %w", c.UnitID, c.PeriodID, err)
	}
	return c, nil
}

// pageCommentsSQL reads a report's latest comments, newest first (LoadReportPage).
const pageCommentsSQL = `SELECT ` + commentColumns + ` WHERE c.unit_id = $1 AND c.period_id = $2
	ORDER BY c.created_at DESC, c.id DESC LIMIT $3`

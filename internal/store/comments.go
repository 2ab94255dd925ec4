package store

import (
	"context"
	"time"
)

// ReportComment is a comment on a unit's report for a period.
type ReportComment struct {
	ID         int64
	UnitID     int64
	PeriodID   int64
	AuthorID   int64
	AuthorName string
	AuthorRole string
	Body       string
	CreatedAt  time.Time
}

// CommentsQueries are the statements of comments.go.
type CommentsQueries interface {
	// InsertReportComment records a comment and returns it as stored; ErrNotFound when the
	// unit, the period or the author does not exist.
	InsertReportComment(ctx context.Context, c ReportComment) (ReportComment, error)
}

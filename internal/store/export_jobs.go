package store

import (
	"context"
	"time"
)

// ExportJob is a background export as its owner sees it: River's state of the job, how many
// exports wait before it, and whether its file is there.
type ExportJob struct {
	ID       int64
	State    string // River's: available, running, completed, retryable, discarded, cancelled…
	Format   string
	Ahead    int    // exports queued before it (while it waits)
	Error    string // the last attempt's error, when it failed
	FileName string // set once the file is stored and not expired
}

// ExportFile is a built export kept for download.
type ExportFile struct {
	Name, ContentType string
	Data              []byte
}

// ExportJobsQueries are the statements of export_jobs.go.
type ExportJobsQueries interface {
	// ExportJob is the user's export job; ErrNotFound when it is not theirs or not an export.
	ExportJob(ctx context.Context, jobID, userID int64, now time.Time) (ExportJob, error)
	// SaveExportFile stores the job's file until expires, and deletes the files expired by now.
	SaveExportFile(ctx context.Context, jobID, userID int64, f ExportFile, now, expires time.Time) error
	// ExportFileOf is the job's file if it is the user's and not expired at now; else ErrNotFound.
	ExportFileOf(ctx context.Context, jobID, userID int64, now time.Time) (ExportFile, error)
}

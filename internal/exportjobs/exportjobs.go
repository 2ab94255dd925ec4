// Package exportjobs runs the big exports (a province's or the whole tree's report) as
// background work on River: the request queues a job and the user follows it on a page;
// the queue "exports" has EXPORT_WORKERS workers per instance, so at most that many exports
// (each one pool connection at a time) run at once whatever the number of requests, and the
// pool's other connections stay with the pages. The built file is kept in export_files for
// its owner until it expires. What builds the file is internal/server's export code, handed
// in by cmd/cchc: only instances serving users work this queue.
package exportjobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/vn-cchc/cchc/internal/store"
)

// Queue is the River queue of exports.
const Queue = "exports"

// Keep is how long a built file stays downloadable.
const Keep = 24 * time.Hour

// Args is one export: whose, which format, and the export form's query string as the
// user sent it (the worker reads it exactly as a download request would).
type Args struct {
	UserID int64  `json:"user_id"`
	Format string `json:"format"`
	Query  string `json:"query"`
}

// Kind names the job in River's table (internal/store/postgres reads it by this name).
func (Args) Kind() string { return "export" }

// InsertOpts: one attempt (a failed export is asked for again by the user, who sees why it
// failed), and while one is waiting or running the same user's same request is that job, so
// a double click queues nothing more.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true,
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateScheduled, rivertype.JobStateRetryable}}}
}

// Build makes the file of an export for its user (internal/server.Server.BuildExportFile).
type Build func(ctx context.Context, userID int64, format, query string) (store.ExportFile, error)

type worker struct {
	river.WorkerDefaults[Args]
	st    store.Store
	build Build
	now   func() time.Time
}

func (w *worker) Work(ctx context.Context, job *river.Job[Args]) error {
	f, err := w.build(ctx, job.Args.UserID, job.Args.Format, job.Args.Query)
	if err != nil {
		return fmt.Errorf("export %s: %w", job.Args.Format, err)
	}
	now := w.now()
	return w.st.SaveExportFile(ctx, job.ID, job.Args.UserID, f, now, now.Add(Keep))
}

// Register adds the export worker to River's set.
func Register(workers *river.Workers, st store.Store, build Build, now func() time.Time) {
	river.AddWorker(workers, &worker{st: st, build: build, now: now})
}

// Inserter is what queues jobs: River's client.
type Inserter interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Enqueuer queues exports for internal/server, which does not see River.
type Enqueuer struct{ Client Inserter }

// Enqueue queues the export, or finds the same one already waiting or running.
func (e Enqueuer) Enqueue(ctx context.Context, userID int64, format, query string) (int64, error) {
	res, err := e.Client.Insert(ctx, Args{UserID: userID, Format: format, Query: query}, nil)
	if err != nil {
		return 0, fmt.Errorf("exportjobs: enqueue: %w", err)
	}
	return res.Job.ID, nil
}

// Package jobs runs the portal's background work on River, a job queue kept in PostgreSQL:
// the same database, so a job is as durable as the data it works on and any number of
// instances share the queue (each job runs once; periodic jobs are scheduled by the one
// instance River elects leader). River's tables come from our migrations (river_queue,
// river_queue_current); River's own migrator never runs. Workers are registered by the
// packages that own the work (internal/notify, …); cmd/cchc wires them here.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Client is River's client on the portal's pool.
type Client = river.Client[pgx.Tx]

// Config is what a runner is built from.
type Config struct {
	Workers  *river.Workers
	Periodic []*river.PeriodicJob
	// MaxWorkers bounds the jobs one instance runs at once (they share its connection pool).
	MaxWorkers int
	// Queues are further queues worked beside the default one, each with its own bound
	// (exports: EXPORT_WORKERS).
	Queues map[string]int
	Log    *slog.Logger
	// Work false builds a client that only inserts (tests, tools): it runs nothing.
	Work bool
}

// New builds River's client on pool; Start runs it.
func New(pool *pgxpool.Pool, c Config) (*Client, error) {
	rc := &river.Config{
		Logger:       c.Log,
		Workers:      c.Workers,
		PeriodicJobs: c.Periodic,
		// finished jobs are kept a week for the administrator to see what ran
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
		JobTimeout:                  5 * time.Minute,
	}
	if c.Work {
		if c.MaxWorkers <= 0 {
			c.MaxWorkers = 4
		}
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: c.MaxWorkers}}
		for name, n := range c.Queues {
			rc.Queues[name] = river.QueueConfig{MaxWorkers: max(1, n)}
		}
	}
	client, err := river.NewClient(riverpgxv5.New(pool), rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: new client: %w", err)
	}
	return client, nil
}

// Stop lets running jobs finish within grace, then cancels what still runs (River
// retries it later on whichever instance is up).
func Stop(client *Client, grace time.Duration, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := client.Stop(ctx); err != nil {
		log.Warn("jobs: stop grace over, cancelling running jobs", "err", err)
		cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer ccancel()
		_ = client.StopAndCancel(cctx)
	}
}

// DailyAt is a periodic schedule at a time of day in the province (Asia/Ho_Chi_Minh),
// whatever the server's time zone.
type DailyAt struct{ Hour, Minute int }

// Next is the first time of day after current.
func (d DailyAt) Next(current time.Time) time.Time {
	t := current.In(domain.Location)
	next := time.Date(t.Year(), t.Month(), t.Day(), d.Hour, d.Minute, 0, 0, domain.Location)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// WeeklyAt is a periodic schedule on a weekday at a time of day in the province.
type WeeklyAt struct {
	Day          time.Weekday
	Hour, Minute int
}

// Next is the first such moment after current.
func (w WeeklyAt) Next(current time.Time) time.Time {
	next := DailyAt{w.Hour, w.Minute}.Next(current)
	for next.Weekday() != w.Day {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/exportjobs"
	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/notify"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// startJobs builds River's client with every worker and periodic job and starts it. It is
// started on a context that SIGTERM does not cancel: stopJobs lets running jobs finish.
// With exports (an instance serving users: the export code is the server's) it also works
// the exports queue, EXPORT_WORKERS at once.
func startJobs(ctx context.Context, cfg config.Config, st *postgres.Store, log *slog.Logger, exports exportjobs.Build) (*jobs.Client, error) {
	var mailer notify.Mailer
	if cfg.SMTPURL != "" {
		smtp, err := notify.NewSMTP(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, err
		}
		mailer = smtp
	}
	workers := river.NewWorkers()
	notify.Register(workers, notify.New(st, time.Now, log))
	notify.RegisterMail(workers, notify.NewMail(st, mailer, cfg.BaseURL, time.Now, log), notify.MailSchedule{})
	queues := map[string]int{}
	if exports != nil {
		exportjobs.Register(workers, st, exports, time.Now)
		queues[exportjobs.Queue] = cfg.ExportWorkers
	}
	client, err := jobs.New(st.Pool(), jobs.Config{Workers: workers, Periodic: append(notify.Periodic(), notify.MailPeriodic(notify.MailSchedule{})...),
		MaxWorkers: cfg.JobWorkers, Queues: queues, Log: log, Work: true})
	if err != nil {
		return nil, err
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, err
	}
	log.Info("background jobs running", "workers", cfg.JobWorkers)
	return client, nil
}

// worker runs the background jobs alone, for installations that keep them apart from the
// instances serving users (SERVE_JOBS=false there).
func worker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	st, err := openMigrated(ctx, cfg, cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer closeStore(st, log, 5*time.Second)
	client, err := startJobs(ctx, cfg, st, log, nil)
	if err != nil {
		return err
	}
	<-ctx.Done()
	log.Info("shutting down: waiting for running jobs", "grace", cfg.ShutdownGrace)
	jobs.Stop(client, cfg.ShutdownGrace, log)
	log.Info("stopped")
	return nil
}

// Command cchc is the CCHC plan tracking portal: one binary for serving, migrating,
// seeding and creating the first administrator.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/exportjobs"
	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

const usage = `cchc — Cổng theo dõi kế hoạch cải cách hành chính

Usage:
  cchc serve                      migrate, then serve on $ADDR (default :8080)
  cchc worker                     run the background jobs (reminders, notifications) without serving
  cchc migrate up                 apply pending migrations
  cchc migrate down N             roll back N migrations
  cchc migrate version            print the schema version
  cchc migrate force V            mark version V clean after fixing a failed migration by hand
  cchc seed demo                  load the demo data set once (not for production)
  cchc backup FILE                dump the database (pg_dump custom format)
  cchc restore FILE               restore a dump into $DATABASE_URL (best: a new, empty database)
  cchc seed scale [--units 3800 --targets 100 --periods 20 --tasks 10]
                                  generate a national-scale data set with COPY (benchmarks)
  cchc user create -username U -name "Họ tên" -role admin [-unit CODE]
                                  create a user with a one-time password, printed once
  cchc user set-password -username U [-one-time]
                                  set a password read from standard input (or issue a one-time one)
  cchc api-client create -name "Hệ thống báo cáo tỉnh" [-plans 2320/KH-SNV,…] [-unit CODE] [-submitted] [-expires dd/mm/yyyy]
                                  create an open-data API client; its token is printed once
  cchc api-client list            list the API clients with their scope and last use
  cchc api-client revoke -id N    revoke a client's token at once

Configuration comes from environment variables; see README.md.
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "cchc:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Print(usage)
		return nil
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch args[0] {
	case "serve":
		return serve(ctx, cfg, log)
	case "worker":
		return worker(ctx, cfg, log)
	case "migrate":
		return migrateCommand(cfg, args[1:])
	case "seed":
		return seedCommand(ctx, cfg, args[1:])
	case "user":
		return userCommand(ctx, cfg, args[1:])
	case "api-client":
		return apiClientCommand(ctx, cfg, args[1:])
	case "backup", "restore":
		return backupCommand(ctx, cfg, args[0], args[1:])
	}
	return fmt.Errorf("unknown command %q\n\n%s", args[0], usage)
}

func newLogger(cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// serve wires config → logger → pool → migrations → router → server and shuts down
// gracefully on SIGTERM: no new long work, requests in flight finish within
// SHUTDOWN_GRACE (what is left then is cut), then the process exits 0.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	st, err := openMigrated(ctx, cfg, cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer closeStore(st, log, 5*time.Second)
	opts := []server.Option{server.WithPoolStats("primary", poolStats(st.Pool()))}
	if cfg.DatabaseReadURL != "" {
		replica, err := postgres.OpenReplica(cfg.DatabaseReadURL, cfg.DBMaxConns)
		if err != nil {
			return err
		}
		defer closeStore(replica, log, 5*time.Second)
		router := postgres.NewReadRouter(ctx, st, replica, cfg.ReadMaxLag, log)
		defer router.Close()
		opts = append(opts, server.WithReadRouter(router), server.WithPoolStats("replica", poolStats(replica.Pool())))
		log.Info("dashboards and exports read the replica while it keeps up", "max_lag", cfg.ReadMaxLag)
	}
	srv, err := server.New(ctx, cfg, st, log, opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	// Running jobs get the same grace as requests, at the same time (stopJobs starts their
	// stop); the deferred wait keeps the pool open until they are done.
	stopJobs, jobsStopped := func() {}, make(chan struct{})
	close(jobsStopped)
	if cfg.ServeJobs {
		client, err := startJobs(ctx, cfg, st, log, srv.BuildExportFile)
		if err != nil {
			return err
		}
		srv.SetExportQueue(exportjobs.Enqueuer{Client: client})
		stopped := make(chan struct{})
		var once sync.Once
		stopJobs, jobsStopped = func() {
			once.Do(func() { go func() { jobs.Stop(client, cfg.ShutdownGrace, log); close(stopped) }() })
		}, stopped
		defer func() { stopJobs(); <-jobsStopped }()
	}
	httpServer := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// No ReadTimeout: request bodies get their deadline per route (BODY_READ_TIMEOUT for
		// forms, UPLOAD_READ_TIMEOUT where files are sent; internal/server/hardening.go).
		WriteTimeout: 5 * time.Minute,
		IdleTimeout:  2 * time.Minute,
	}
	errc := make(chan error, 2)
	go func() {
		log.Info("serving", "addr", cfg.Addr, "base_url", cfg.BaseURL)
		errc <- httpServer.ListenAndServe()
	}()
	if cfg.MetricsAddr != "" {
		// Prometheus scrapes here; this address is not behind the reverse proxy.
		metricsServer := &http.Server{Addr: cfg.MetricsAddr, Handler: srv.MetricsHandler(), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			log.Info("serving metrics", "addr", cfg.MetricsAddr)
			if err := metricsServer.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics: %w", err)
			}
		}()
		defer metricsServer.Close()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// New long work (downloads, exports) is refused from now on and /readyz answers 503;
	// Shutdown closes the listener and waits for the requests in flight, up to the grace.
	srv.Drain()
	stopJobs()
	log.Info("shutting down: waiting for requests in flight", "grace", cfg.ShutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	err = httpServer.Shutdown(shutdownCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		// The grace is what the operator allowed: what still runs is cut, and stopping at the
		// end of it is the planned outcome, not a failure.
		log.Warn("shutdown grace over: cutting the requests still running", "grace", cfg.ShutdownGrace)
		_ = httpServer.Close()
	} else if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// closeStore closes the pool, waiting at most wait for handlers cut at the end of the
// shutdown grace to give their connections back.
// openMigrated brings the schema up to date, then opens the pool: every command that
// works on the data starts this way.
func openMigrated(ctx context.Context, cfg config.Config, maxConns int32) (*postgres.Store, error) {
	if err := migrateUp(cfg); err != nil {
		return nil, err
	}
	return postgres.Open(ctx, cfg.DatabaseURL, maxConns)
}

func closeStore(st *postgres.Store, log *slog.Logger, wait time.Duration) {
	closed := make(chan struct{})
	go func() { st.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(wait):
		log.Warn("database connections still in use at exit", "waited", wait)
	}
}

// poolStats reads a pool's figures for the metrics page.
func poolStats(pool *pgxpool.Pool) func() server.PoolStats {
	return func() server.PoolStats {
		p := pool.Stat()
		return server.PoolStats{Max: p.MaxConns(), Total: p.TotalConns(), Acquired: p.AcquiredConns(), Idle: p.IdleConns(),
			Acquires: p.AcquireCount(), EmptyAcquires: p.EmptyAcquireCount(), CanceledAcquires: p.CanceledAcquireCount(),
			AcquireWait: p.AcquireDuration(), NewConns: p.NewConnsCount()}
	}
}

// Package server is the portal's HTTP layer: the chi router, middleware and one handler
// file per area. Handlers decode input, call one use case (or read through store.Store) and
// render web pages; the server never reaches the database driver (cmd/cchc wires it).
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/store"
)

// Server holds what every handler needs.
type Server struct {
	cfg      config.Config
	store    store.Store
	log      *slog.Logger
	sessions *scs.SessionManager
	sessDB   store.Sessions
	demo     bool
	now      func() time.Time
	dash     atomic.Pointer[dashCache] // rendered dashboards; nil when off
	exports  *exportGate               // bounds the exports running at once (export_gate.go)
	// exportQueue runs the big exports as background jobs (export_jobs.go); nil: in the request
	exportQueue ExportQueue
	draining    atomic.Bool // set at SIGTERM; see drain.go
	metrics     *metrics    // served on METRICS_ADDR by cmd/cchc; see metrics.go
	pools       map[string]func() PoolStats
	// readRouter sends dashboards and exports to a read replica when one is set (reads.go)
	readRouter ReadRouter

	accounts  *accounts.Service
	reporting *reporting.Service
	planning  *planning.Service
	opendata  *opendata.Service
	// the open-data API's per-client token buckets (this instance's) and call log
	apiLimiter *opendata.Limiter
	apiLog     *apiLogger
	// stopPrune ends the pruning of failed sign-ins (login_failures_prune.go).
	stopPrune func()
}

// Option adjusts a server built by New.
type Option func(*Server)

// WithClock makes the server read "today" from now instead of the system clock: deadlines,
// lateness, default years and lockouts all follow it, so tests and demos can stand on any day.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New builds a server. Call Close when done to stop the session cleanup.
func New(ctx context.Context, cfg config.Config, st store.Store, log *slog.Logger, opts ...Option) (*Server, error) {
	sm := scs.New()
	sessDB := st.Sessions(10*time.Minute, func(data []byte) int64 {
		_, values, err := sm.Codec.Decode(data)
		if err != nil {
			return 0
		}
		id, _ := values[sessUserID].(int64)
		return id
	})
	// An unchanged session is rewritten at most every tenth of the idle timeout (≤ 1 min), so
	// the timeout holds to within 10%; see session_store.go.
	sm.Store = newTouchThrottle(sessDB, min(time.Minute, cfg.SessionIdleTimeout/10))
	sm.IdleTimeout = cfg.SessionIdleTimeout
	sm.Lifetime = cfg.SessionLifetime
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	sm.Cookie.Persist = false // closing the browser ends the session on a shared office PC
	if cfg.TLS() {
		// __Host- binds the cookie to this exact origin: Secure, Path=/ and no Domain.
		sm.Cookie.Name = "__Host-cchc_session"
		sm.Cookie.Secure = true
	} else {
		sm.Cookie.Name = "cchc_session"
	}
	demo, err := st.Setting(ctx, "demo_data")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: st, log: log, sessions: sm, sessDB: sessDB, demo: demo == "true", now: time.Now,
		exports: newExportGate(cfg.ExportWorkers)}
	for _, opt := range opts {
		opt(s)
	}
	s.metrics = newMetrics(s.pools, s.readRouter)
	clock := func() time.Time { return s.now() }
	s.accounts = accounts.New(st, accounts.Policy{MaxFailures: cfg.LoginMaxFailures, Lockout: cfg.LoginLockout,
		MaxPerAddr: cfg.LoginMaxPerAddr, LockAfter: cfg.LoginLockAfter, PasswordMaxAge: cfg.PasswordMaxAge}, clock, log)
	s.planning = planning.New(st, clock)
	s.reporting = reporting.New(st, clock, log, reporting.Limits{Dir: cfg.UploadDir, FileMax: cfg.UploadMaxBytes,
		ReportMax: cfg.EvidenceReportMax, UnitQuota: cfg.EvidenceUnitQuota}, cfg.SeparationOfDuties)
	s.opendata = opendata.New(st, clock)
	s.apiLimiter = opendata.NewLimiter(cfg.APIRatePerMinute, cfg.APIRateBurst, clock)
	s.apiLog = newAPILogger(st, log, clock)
	s.SetDashboardCache(32 << 20)
	sm.ErrorFunc = s.sessionError
	s.startPruning()
	return s, nil
}

// Close stops background work.
func (s *Server) Close() {
	s.sessDB.StopCleanup()
	s.stopPrune()
	s.apiLog.close()
}

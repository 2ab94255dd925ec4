package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vn-cchc/cchc/internal/store"
)

// metrics are the portal's Prometheus series. They are kept in a registry of their own (not
// the global one) so two servers in one test process do not mix, and are served only by
// MetricsHandler, which cmd/cchc puts on METRICS_ADDR: never on the portal's router.
type metrics struct {
	reg              *prometheus.Registry
	requests         *prometheus.HistogramVec
	inFlight         prometheus.Gauge
	reportsSaved     prometheus.Counter
	reportsSubmitted prometheus.Counter
	exportsRunning   *prometheus.GaugeVec
	exports          *prometheus.CounterVec
}

// unmatchedRoute labels requests no route matched: the raw path is never a label (each
// distinct URL would be a series of its own, and a scan of random URLs would grow memory).
const unmatchedRoute = "unmatched"

// PoolStats is a snapshot of a database connection pool, for the metrics page: how many
// connections are open, busy and idle, and how often and how long requests waited for one.
type PoolStats struct {
	Max, Total, Acquired, Idle int32
	Acquires, EmptyAcquires    int64 // EmptyAcquires: acquires that had to wait or dial
	CanceledAcquires           int64
	AcquireWait                time.Duration // total time spent acquiring
	NewConns                   int64
}

// WithPoolStats reports a database pool's figures under the name ("primary") on the metrics
// page; cmd/cchc reads them from its pool.
func WithPoolStats(name string, stats func() PoolStats) Option {
	return func(s *Server) {
		if s.pools == nil {
			s.pools = map[string]func() PoolStats{}
		}
		s.pools[name] = stats
	}
}

// newMetrics registers the series; the pools (WithPoolStats) and the read replica's router
// are read at each scrape.
func newMetrics(pools map[string]func() PoolStats, rr ReadRouter) *metrics {
	var reads func() store.ReadStats
	if rr != nil {
		reads = rr.Stats
	}
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "cchc_http_request_duration_seconds",
			Help: "Time to answer a request, by method, route pattern (chi's, e.g. /reports/{unitID}/{periodID}) and status.",
			// from a cached dashboard (~1 ms) to a province's export (seconds)
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "cchc_http_requests_in_flight", Help: "Requests being answered now.",
		}),
		reportsSaved: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "cchc_reports_saved_total", Help: "Reports saved as drafts (a save that changed something).",
		}),
		reportsSubmitted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "cchc_reports_submitted_total", Help: "Reports submitted to the reform office.",
		}),
		exportsRunning: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "cchc_exports_running", Help: "Exports being built now, by format.",
		}, []string{"format"}),
		exports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cchc_exports_total", Help: "Exports started, by format.",
		}, []string{"format"}),
	}
	m.reg.MustRegister(m.requests, m.inFlight, m.reportsSaved, m.reportsSubmitted, m.exportsRunning, m.exports,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&poolCollector{pools: pools, reads: reads})
	return m
}

// observe times every request and labels it by the route pattern chi matched.
func (m *metrics) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := unmatchedRoute
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" && rc.RoutePattern() != "/*" {
			route = rc.RoutePattern()
		}
		m.requests.WithLabelValues(r.Method, route, strconv.Itoa(rec.status)).Observe(time.Since(start).Seconds())
	})
}

// exportStarted counts an export and marks it running until the returned func is called.
func (m *metrics) exportStarted(format string) (done func()) {
	m.exports.WithLabelValues(format).Inc()
	g := m.exportsRunning.WithLabelValues(format)
	g.Inc()
	return g.Dec
}

// MetricsHandler serves the metrics in Prometheus' text format. cmd/cchc serves it on
// METRICS_ADDR only.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
	return mux
}

// poolCollector reads each database pool's counters at scrape time.
type poolCollector struct {
	pools map[string]func() PoolStats // by pool name: "primary", "replica"
	reads func() store.ReadStats      // nil without a read replica
}

var (
	poolConns = prometheus.NewDesc("cchc_db_pool_connections",
		"Connections of the pool by state (acquired: in use; idle; total: open; max: the pool's bound).", []string{"pool", "state"}, nil)
	poolAcquires = prometheus.NewDesc("cchc_db_pool_acquires_total",
		"Connections taken from the pool.", []string{"pool"}, nil)
	poolWaits = prometheus.NewDesc("cchc_db_pool_empty_acquires_total",
		"Acquires that found no idle connection and waited or dialled: rising fast means DB_MAX_CONNS is the bottleneck.", []string{"pool"}, nil)
	poolCanceled = prometheus.NewDesc("cchc_db_pool_canceled_acquires_total",
		"Acquires given up because the request ended first.", []string{"pool"}, nil)
	poolWait = prometheus.NewDesc("cchc_db_pool_acquire_seconds_total",
		"Time spent acquiring connections.", []string{"pool"}, nil)
	poolNew = prometheus.NewDesc("cchc_db_pool_new_connections_total",
		"Connections opened.", []string{"pool"}, nil)
	replicaUsable = prometheus.NewDesc("cchc_db_replica_usable",
		"1 while the read replica answers as a standby at most READ_MAX_LAG behind the primary.", nil, nil)
	replicaLag = prometheus.NewDesc("cchc_db_replica_lag_seconds",
		"How far the read replica is behind the primary (-1 while it does not answer).", nil, nil)
	readsRouted = prometheus.NewDesc("cchc_db_reads_total",
		"Requests whose reads may lag (dashboards, exports), by where they went: replica; primary_own_write (the user's last write not replayed yet); primary_replica_behind (down or lagging).", []string{"target"}, nil)
)

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolAcquires, poolWaits, poolCanceled, poolWait, poolNew, replicaUsable, replicaLag, readsRouted} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, stats := range c.pools {
		st := stats()
		for state, n := range map[string]int32{"acquired": st.Acquired, "idle": st.Idle, "total": st.Total, "max": st.Max} {
			ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(n), name, state)
		}
		ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(st.Acquires), name)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(st.EmptyAcquires), name)
		ch <- prometheus.MustNewConstMetric(poolCanceled, prometheus.CounterValue, float64(st.CanceledAcquires), name)
		ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, st.AcquireWait.Seconds(), name)
		ch <- prometheus.MustNewConstMetric(poolNew, prometheus.CounterValue, float64(st.NewConns), name)
	}
	if c.reads == nil {
		return
	}
	r := c.reads()
	usable, lag := 0.0, r.Lag.Seconds()
	if r.Usable {
		usable = 1
	}
	if r.Lag < 0 {
		lag = -1
	}
	ch <- prometheus.MustNewConstMetric(replicaUsable, prometheus.GaugeValue, usable)
	ch <- prometheus.MustNewConstMetric(replicaLag, prometheus.GaugeValue, lag)
	for target, n := range map[string]int64{"replica": r.Replica, "primary_own_write": r.PrimaryOwnWrite, "primary_replica_behind": r.PrimaryReplicaBehind} {
		ch <- prometheus.MustNewConstMetric(readsRouted, prometheus.CounterValue, float64(n), target)
	}
}

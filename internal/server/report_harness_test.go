package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// The reporting tests share one database with the demo data. Each test makes its own
// unit with its own users and assignments, so tests do not see each other's reports.

type fixture struct {
	st      *postgres.Store
	pool    *pgxpool.Pool
	queries *atomic.Int64 // round trips to PostgreSQL through pool
	all     *atomic.Int64 // the same, sessions included
	sql     *sqlLog
	hash    string // password "demo"
	targets map[string]int64
	tasks   map[string]int64
	// periods made for the tests, so they do not depend on today's date
	open, late, closed store.Period
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
	unitSeq atomic.Int64
)

// countTracer counts round trips: each query and each batch. The session store's own
// reads and writes are left out: how often a session is written back is the session
// layer's business (it is throttled), not the cost of the page.
// all counts every round trip, sessions included, and log keeps their statements (the
// round-trips test prints them).
type countTracer struct {
	n, all *atomic.Int64
	log    *sqlLog
}

// sqlLog is the statements sent since the last take: a query's SQL, or "batch:" and the
// batch's statements, each after "· ".
type sqlLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *sqlLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) < 1000 {
		l.lines = append(l.lines, strings.Join(strings.Fields(s), " "))
	}
}

func (l *sqlLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

func (c countTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if !strings.Contains(d.SQL, " sessions ") {
		c.n.Add(1)
	}
	c.all.Add(1)
	c.log.add(d.SQL)
	return ctx
}
func (c countTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c countTracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.n.Add(1)
	c.all.Add(1)
	c.log.add("batch:")
	return ctx
}
func (c countTracer) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	c.log.add("· " + d.SQL)
}
func (c countTracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func getFixture(tb testing.TB) *fixture {
	tb.Helper()
	fixOnce.Do(func() { fix, fixErr = newFixture(testdb.URL(tb)) })
	if fixErr != nil {
		tb.Fatalf("fixture: %v", fixErr)
	}
	return fix
}

func newFixture(dbURL string) (*fixture, error) {
	ctx := context.Background()
	f := &fixture{queries: &atomic.Int64{}, all: &atomic.Int64{}, sql: &sqlLog{}, targets: map[string]int64{}, tasks: map[string]int64{}}
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 12
	cfg.ConnConfig.Tracer = countTracer{n: f.queries, all: f.all, log: f.sql}
	if f.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, err
	}
	f.st = postgres.New(f.pool)
	if _, err := seed.Demo(ctx, f.st, testdb.Now()); err != nil {
		return nil, err
	}
	if f.hash, err = password.Hash(seed.DemoPassword); err != nil {
		return nil, err
	}
	// the plan in force (the demo's successor of 2320/KH-SNV) is the one units report on
	rows, _ := f.pool.Query(ctx, `SELECT t.code, t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.code = $1`, seed.SuccessorCode)
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		f.targets[code] = id
	}
	rows, _ = f.pool.Query(ctx, `SELECT k.code, k.id FROM tasks k JOIN plans p ON p.id = k.plan_id WHERE p.code = $1`, seed.SuccessorCode)
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		f.tasks[code] = id
	}
	today := domain.StartOfDay(testdb.Now())
	mk := func(year int, kind domain.PeriodKind, deadline time.Time, closed bool) (store.Period, error) {
		p := store.Period{Year: year, Kind: kind, StartsOn: today.AddDate(0, -3, 0), EndsOn: today.AddDate(0, 1, 0), Deadline: deadline}
		if closed {
			now := testdb.Now()
			p.ClosedAt = &now
		}
		var err error
		p.ID, err = postgres.On(f.pool).UpsertPeriod(ctx, p)
		return p, err
	}
	if f.open, err = mk(2031, "q1", today.AddDate(0, 0, 20), false); err != nil {
		return nil, err
	}
	if f.late, err = mk(2031, "h1", today.AddDate(0, 0, -5), false); err != nil {
		return nil, err
	}
	if f.closed, err = mk(2031, "q3", today.AddDate(0, 0, -40), true); err != nil {
		return nil, err
	}
	return f, nil
}

// testUnit is a unit made for one test, with a staff member and a unit head.
type testUnit struct {
	ID         int64
	Code       string
	Staff      string
	Head       string
	targetCode []string
}

// newUnit makes a unit reporting on the given targets and tasks (codes of the plan in force).
func newUnit(t testing.TB, targets, tasks []string) testUnit {
	t.Helper()
	f := getFixture(t)
	ctx := context.Background()
	n := unitSeq.Add(1)
	u := testUnit{Code: fmt.Sprintf("T%d", n), Staff: fmt.Sprintf("staff%d", n), Head: fmt.Sprintf("head%d", n), targetCode: targets}
	err := f.st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		var err error
		if u.ID, err = tx.CreateUnit(ctx, store.UnitInput{Code: u.Code, Name: "Đơn vị thử nghiệm " + u.Code, Active: true}); err != nil {
			return err
		}
		for _, c := range targets {
			if err := tx.AssignTarget(ctx, f.targets[c], []int64{u.ID}); err != nil {
				return err
			}
		}
		for _, c := range tasks {
			if err := tx.AssignTask(ctx, f.tasks[c], []int64{u.ID}); err != nil {
				return err
			}
		}
		for name, role := range map[string]string{u.Staff: "staff", u.Head: "unit_head"} {
			if _, err := tx.CreateUser(ctx, store.UserInput{Username: name, FullName: "Người dùng " + name, Role: role, UnitID: u.ID, Active: true}, f.hash); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// portal is a test server; cfg tweaks the configuration (upload limit, upload directory).
type portal struct {
	srv *Server
	url string
}

func newPortal(t testing.TB, tweak func(*config.Config)) *portal {
	t.Helper()
	f := getFixture(t)
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "error"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := New(context.Background(), cfg, f.st, slog.New(slog.NewTextHandler(io.Discard, nil)), WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return &portal{srv: srv, url: ts.URL}
}

// login signs a demo user in on the portal: a servertest browser (cookies kept, redirects
// not followed, so tests see each 303) that landed on the home page.
func (p *portal) login(t testing.TB, username string) *servertest.Client {
	t.Helper()
	c := servertest.NewClient(t, p.url)
	res := c.Post("/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if res.Status != http.StatusSeeOther || res.Location != "/" {
		t.Fatalf("login %s: %d → %q", username, res.Status, res.Location)
	}
	return c
}

// reportForm builds the posted values of a report: values by target or task code
// ("CT01" → "85", "NV2" → "in_progress"), every other result of the unit empty.
func reportForm(t testing.TB, unit testUnit, version int, action string, values map[string]string) url.Values {
	f := getFixture(t)
	v := url.Values{"version": {fmt.Sprint(version)}, "action": {action}}
	for code, id := range f.targets {
		key := targetKey(id)
		if !hasCode(unit.targetCode, code) {
			continue
		}
		v.Set(key+"_narrative", values[code+".narrative"])
		if d, ok := values[code+".done"]; ok {
			v.Set(key+"_done", d)
			v.Set(key+"_done_on", values[code+".done_on"])
			continue
		}
		if num, ok := values[code+".num"]; ok {
			// a ratio target of the demo (CT04, CT06): its two counts
			v.Set(key+"_num", num)
			v.Set(key+"_den", values[code+".den"])
			continue
		}
		v.Set(key+"_value", values[code])
	}
	for code, id := range f.tasks {
		if p, ok := values[code]; ok {
			v.Set(taskKey(id)+"_progress", p)
			v.Set(taskKey(id)+"_narrative", values[code+".narrative"])
		}
	}
	return v
}

func hasCode(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reportRow reads a unit's report for a period straight from the database.
func reportRow(t testing.TB, unitID, periodID int64) (store.Report, bool) {
	t.Helper()
	f := getFixture(t)
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM reports WHERE unit_id = $1 AND period_id = $2`, unitID, periodID).Scan(&id); err != nil {
		return store.Report{}, false
	}
	r, err := f.st.ReportByID(context.Background(), id)
	if err != nil {
		t.Fatalf("report %d: %v", id, err)
	}
	return r, true
}

// storedValue reads a target's stored value in a unit's report.
func storedValue(t testing.TB, unitID, periodID int64, code string) *float64 {
	t.Helper()
	f := getFixture(t)
	var v *float64
	err := f.pool.QueryRow(context.Background(), `SELECT tr.value::float8 FROM target_results tr JOIN reports r ON r.id = tr.report_id
		WHERE r.unit_id = $1 AND r.period_id = $2 AND tr.target_id = $3`, unitID, periodID, f.targets[code]).Scan(&v)
	if err != nil {
		return nil
	}
	return v
}

func auditCount(t testing.TB, reportID int64, action string) int {
	t.Helper()
	var n int
	err := getFixture(t).pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE entity = 'report' AND entity_id = $1 AND action = $2`,
		fmt.Sprint(reportID), action).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func formURL(u testUnit, p store.Period) string { return reportURL(u.ID, p.ID) }

// minimalPDF is a tiny but real PDF.
var minimalPDF = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

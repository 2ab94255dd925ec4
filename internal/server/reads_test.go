package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// fakeRouter stands for postgres.ReadRouter: positions count up from 1000 at each write,
// and every choice records the reader's position.
type fakeRouter struct {
	st     store.Store
	mu     sync.Mutex
	pos    int64
	sinces []int64
}

func (f *fakeRouter) For(since int64) store.Store {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sinces = append(f.sinces, since)
	return f.st
}

func (f *fakeRouter) Position(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pos++
	return f.pos, nil
}

func (f *fakeRouter) Stats() store.ReadStats { return store.ReadStats{Usable: true, Replica: 7} }

func (f *fakeRouter) seen() (sinces []int64, writes int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int64(nil), f.sinces...), f.pos - 1000
}

// TestReadsFollowTheUsersOwnWrite: every successful change by a signed-in user records the
// primary's WAL position in the session, and the dashboards and exports (only they) ask
// the router where to read with the position of that user's last write, so a user who
// has just saved is not sent to a replica that has not replayed it.
func TestReadsFollowTheUsersOwnWrite(t *testing.T) {
	f := getFixture(t)
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "error"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	router := &fakeRouter{st: f.st, pos: 1000}
	srv, err := New(context.Background(), cfg, f.st, slog.New(slog.NewTextHandler(io.Discard, nil)), WithClock(testdb.Now), WithReadRouter(router))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	p := &portal{srv: srv, url: ts.URL}

	u := newUnit(t, threeTargets, twoTasks)
	anon := servertest.NewClient(t, p.url)
	anon.Post("/login", map[string][]string{"username": {u.Staff}, "password": {"sai mật khẩu"}})
	if _, writes := router.seen(); writes != 0 {
		t.Fatalf("a failed sign-in recorded %d write positions", writes)
	}

	staff := p.login(t, u.Staff) // signing in writes (session, audit): position 1001
	if r := staff.Get("/dashboard"); r.Status != http.StatusOK {
		t.Fatalf("dashboard: %d", r.Status)
	}
	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK {
		t.Fatalf("form: %d", r.Status)
	}
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "12,5"})); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	if r := staff.Get("/dashboard"); r.Status != http.StatusOK {
		t.Fatalf("dashboard after save: %d", r.Status)
	}
	director := p.login(t, "giamdoc") // 1003
	if r := director.Get("/exports/results.csv"); r.Status != http.StatusOK {
		t.Fatalf("export: %d", r.Status)
	}
	sinces, writes := router.seen()
	if writes != 3 {
		t.Errorf("positions taken: %d, want 3 (two sign-ins and a save)", writes)
	}
	// the report form is not among them: it always reads the primary
	if want := []int64{1001, 1002, 1003}; !slices.Equal(sinces, want) {
		t.Errorf("reads asked for positions %v, want the dashboards at 1001 then 1002 and the export at 1003", sinces)
	}
	if m := scrape(t, p); !strings.Contains(m, `cchc_db_reads_total{target="replica"} 7`) || !strings.Contains(m, "cchc_db_replica_usable 1") {
		t.Errorf("metrics lack the replica's figures")
	}
}

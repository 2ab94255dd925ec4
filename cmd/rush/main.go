// Command rush is the deadline rush: many unit users sign in, open their report form, save
// twice and submit within minutes, while the director keeps reloading the dashboard. It
// reports latencies and checks the database holds exactly what the successful responses
// promised: no 5xx, no lost and no duplicated writes. Run it with `make rush`.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vn-cchc/cchc/internal/bench"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:18080", "the portal under test")
	users := flag.Int("users", 500, "simulated unit users")
	concurrency := flag.Int("concurrency", 50, "users working at the same moment")
	limit := flag.Duration("limit", 5*time.Minute, "stop after this long")
	dashboard := flag.String("dashboard", "/dashboard", "page the director reloads")
	doc := flag.String("doc", "", "write the figures into this Markdown file between its bench:rush markers (make rush: docs/PERFORMANCE.md)")
	var o options
	flag.BoolVar(&o.tolerate, "tolerate", false, "an instance may die during the run (make cluster-test): a request without an answer or a 502/503/504 is counted and tried again; sessions lost and acknowledged writes missing still fail the run")
	flag.BoolVar(&o.insecure, "insecure", false, "accept the portal's TLS certificate unchecked (make cluster-test's own)")
	flag.StringVar(&o.summary, "summary", "", "write the figures as JSON to this file (make cluster-test reads them)")
	flag.Parse()
	if err := run(*base, *users, *concurrency, *limit, *dashboard, *doc, o); err != nil {
		fmt.Fprintln(os.Stderr, "rush:", err)
		os.Exit(1)
	}
}

// options are cmd/rush's settings for make cluster-test.
type options struct {
	tolerate, insecure bool
	summary            string
}

func run(base string, n, concurrency int, limit time.Duration, dashboard, doc string, o options) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	st, err := postgres.Open(ctx, os.Getenv("DATABASE_URL"), 4)
	if err != nil {
		return err
	}
	defer st.Close()
	period, err := openPeriod(ctx, st)
	if err != nil {
		return err
	}
	units, err := setup(ctx, st, n, period.ID)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	fmt.Printf("rush: %d unit users, %d at a time, period %d %s, director reloading %s\n", n, concurrency, period.Year, period.Kind, dashboard)

	unitStats, directorStats := newStats(), newStats()
	var directorDone sync.WaitGroup
	stopDirector := make(chan struct{})
	directorDone.Add(1)
	go func() {
		defer directorDone.Done()
		d := newBrowser(base, directorStats, o.insecure)
		a := d.do(ctx, "login", http.MethodPost, "/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}})
		for try := 1; try < tries && o.tolerate && a.transient(); try++ {
			time.Sleep(retryWait)
			a = d.do(ctx, "login", http.MethodPost, "/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}})
		}
		if a.status != http.StatusSeeOther {
			directorStats.fail("director login: %d", a.status)
			return
		}
		for {
			select {
			case <-stopDirector:
				return
			default:
			}
			switch a := d.do(ctx, "dashboard", http.MethodGet, dashboard, nil); {
			case a.toLogin():
				directorStats.lostSession("giamdoc")
				return
			case a.transient() && o.tolerate:
				time.Sleep(retryWait)
			case a.status != http.StatusOK:
				directorStats.fail("dashboard: %d %v", a.status, a.err)
			}
		}
	}()

	start := time.Now()
	var submitted atomic.Int64
	var sentMu sync.Mutex
	sent := map[int64]submission{}
	acked := map[int64]int{}       // writes the portal answered with success, by unit
	answerless := map[int64]bool{} // units whose submit was stored but its answer lost
	isSubmitted := func(ctx context.Context, unitID, periodID int64) bool {
		var status string
		err := st.Pool().QueryRow(ctx, `SELECT status FROM reports WHERE unit_id = $1 AND period_id = $2`, unitID, periodID).Scan(&status)
		return err == nil && status == "submitted"
	}
	work := make(chan rushUnit)
	var wg sync.WaitGroup
	for i := 0; i < concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				j := &journey{b: newBrowser(base, unitStats, o.insecure), u: u, periodID: period.ID, tolerate: o.tolerate, submitted: isSubmitted}
				result := j.run(ctx)
				sentMu.Lock()
				acked[u.ID] = j.acked
				switch result {
				case confirmed:
					submitted.Add(1)
					sent[u.ID] = j.sent
				case unanswered:
					answerless[u.ID] = true
					sent[u.ID] = j.sent
				}
				sentMu.Unlock()
			}
		}()
	}
	for _, u := range units {
		work <- u
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	close(stopDirector)
	directorDone.Wait()

	dbSubmitted, dbResults, dbVersions, wrong, err := verify(context.Background(), st, units, period.ID, sent)
	if err != nil {
		return err
	}
	v, err := checkWrites(context.Background(), st.Pool(), units, period.ID, acked)
	if err != nil {
		return err
	}
	v.submitted = dbSubmitted
	wrong = append(wrong, v.wrong...)
	report(unitStats, directorStats, elapsed, submitted.Load(), dbSubmitted, dbResults, dbVersions)
	for _, w := range wrong {
		fmt.Println("database differs:", w)
	}
	if doc != "" {
		md := markdown(unitStats, directorStats, n, concurrency, elapsed, submitted.Load(), dbSubmitted, dbResults, dbVersions, len(wrong))
		if err := bench.WriteSection(doc, "rush", md); err != nil {
			return err
		}
	}

	ackedWrites := 0
	for _, n := range acked {
		ackedWrites += n
	}
	fmt.Printf("writes: %d acknowledged, %d stored; units missing an acknowledged write: %d; submits stored without an answer: %d\n",
		ackedWrites, v.writes, v.short, len(answerless))
	if o.summary != "" {
		if err := writeSummary(o.summary, unitStats, directorStats, n, ackedWrites, v, len(wrong), submitted.Load(), len(answerless)); err != nil {
			return err
		}
	}

	fiveXX := 0
	for _, s := range []*stats{unitStats, directorStats} {
		for code, c := range s.statuses {
			if code >= 500 {
				fiveXX += c
			}
		}
	}
	lost := unitStats.sessionsLost + directorStats.sessionsLost
	if o.tolerate {
		// an instance was killed on purpose: its failures are counted, not judged, here
		fiveXX = 0
	}
	switch {
	case lost > 0:
		return fmt.Errorf("%d sessions were lost (users sent to sign in again)", lost)
	case v.short > 0:
		return fmt.Errorf("%d units miss writes the portal acknowledged", v.short)
	case int(submitted.Load())+len(answerless) != n:
		return fmt.Errorf("only %d of %d users could submit", int(submitted.Load())+len(answerless), n)
	case fiveXX > 0:
		return fmt.Errorf("%d responses were 5xx", fiveXX)
	case int64(dbSubmitted) != submitted.Load()+int64(len(answerless)):
		return fmt.Errorf("database holds %d submitted reports, the portal confirmed %d (and %d more were stored without an answer)", dbSubmitted, submitted.Load(), len(answerless))
	case len(wrong) > 0:
		return fmt.Errorf("%d reports in the database differ from what the portal confirmed", len(wrong))
	}
	return nil
}

func report(unit, director *stats, elapsed time.Duration, confirmed int64, dbSubmitted, dbResults, dbVersions int) {
	fmt.Printf("\n%-10s %8s %9s %9s %9s\n", "step", "count", "p50", "p95", "max")
	for _, step := range []string{"login", "form", "save", "submit"} {
		ds := unit.latencies[step]
		fmt.Printf("%-10s %8d %9s %9s %9s\n", step, len(ds), percentile(ds, .5).Round(time.Millisecond),
			percentile(ds, .95).Round(time.Millisecond), percentile(ds, 1).Round(time.Millisecond))
	}
	ds := director.latencies["dashboard"]
	fmt.Printf("%-10s %8d %9s %9s %9s\n", "dashboard", len(ds), percentile(ds, .5).Round(time.Millisecond),
		percentile(ds, .95).Round(time.Millisecond), percentile(ds, 1).Round(time.Millisecond))
	fmt.Printf("\nstatuses: unit users %v, director %v\n", unit.statuses, director.statuses)
	fmt.Printf("elapsed %s; submissions confirmed %d; in the database: %d submitted reports, %d results, versions sum %d\n",
		elapsed.Round(time.Millisecond), confirmed, dbSubmitted, dbResults, dbVersions)
	for _, e := range append(unit.errors, director.errors...) {
		fmt.Println("error:", e)
	}
}

// markdown is the run as docs/PERFORMANCE.md shows it.
func markdown(unit, director *stats, n, concurrency int, elapsed time.Duration, confirmed int64, dbSubmitted, dbResults, dbVersions, wrong int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Written by `make rush` on %s: %d unit users, %d at a time, against `cchc serve` with the demo data; "+
		"PostgreSQL and the load generator on the same machine.\n\n", time.Now().Format("02/01/2006 15:04"), n, concurrency)
	b.WriteString("| step | count | p50 | p95 | max |\n|---|---:|---:|---:|---:|\n")
	row := func(step string, ds []time.Duration) {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", step, len(ds), percentile(ds, .5).Round(time.Millisecond),
			percentile(ds, .95).Round(time.Millisecond), percentile(ds, 1).Round(time.Millisecond))
	}
	for _, step := range []string{"login", "form", "save", "submit"} {
		row(step, unit.latencies[step])
	}
	row("director's dashboard", director.latencies["dashboard"])
	fmt.Fprintf(&b, "\nElapsed %s. Statuses: unit users %v, director %v. Submissions confirmed %d; the database holds %d submitted "+
		"reports, %d results, versions summing to %d; reports differing from what their confirmed submit posted "+
		"(status, version, every value and narrative of the last round): %d.\n", elapsed.Round(time.Millisecond), unit.statuses,
		director.statuses, confirmed, dbSubmitted, dbResults, dbVersions, wrong)
	return b.String()
}

// writeSummary is the run as JSON, for make cluster-test.
func writeSummary(path string, unit, director *stats, users, acked int, v verified, wrong int, confirmed int64, answerless int) error {
	unit.mu.Lock()
	director.mu.Lock()
	steps := map[string]int{}
	for _, s := range []*stats{unit, director} {
		for k, n := range s.failedSteps {
			steps[k] += n
		}
	}
	out := map[string]any{
		"users":                                  users,
		"requests":                               unit.requests + director.requests,
		"failure_unix_ms":                        append(append([]int64{}, unit.failures...), director.failures...),
		"failures_by_step":                       steps,
		"sessions_lost":                          unit.sessionsLost + director.sessionsLost,
		"writes_acknowledged":                    acked,
		"writes_stored":                          v.writes,
		"units_with_acknowledged_writes_missing": v.short,
		"submits_confirmed":                      confirmed,
		"submits_stored_unacknowledged":          answerless,
		"submits_stored":                         v.submitted,
		"reports_differing":                      wrong,
	}
	director.mu.Unlock()
	unit.mu.Unlock()
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Command rush is the deadline rush: many unit users sign in, open their report form, save
// twice and submit within minutes, while the director keeps reloading the dashboard. It
// reports latencies and checks the database holds exactly what the successful responses
// promised: no 5xx, no lost and no duplicated writes. Run it with `make rush`.
package main

import (
	"context"
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
	flag.Parse()
	if err := run(*base, *users, *concurrency, *limit, *dashboard, *doc); err != nil {
		fmt.Fprintln(os.Stderr, "rush:", err)
		os.Exit(1)
	}
}

func run(base string, n, concurrency int, limit time.Duration, dashboard, doc string) error {
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
		d := newBrowser(base, directorStats)
		if status, _, _ := d.do(ctx, "login", http.MethodPost, "/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}}); status != http.StatusSeeOther {
			directorStats.fail("director login: %d", status)
			return
		}
		for {
			select {
			case <-stopDirector:
				return
			default:
			}
			if status, _, err := d.do(ctx, "dashboard", http.MethodGet, dashboard, nil); err != nil || status != http.StatusOK {
				directorStats.fail("dashboard: %d %v", status, err)
			}
		}
	}()

	start := time.Now()
	var submitted atomic.Int64
	var sentMu sync.Mutex
	sent := map[int64]submission{}
	work := make(chan rushUnit)
	var wg sync.WaitGroup
	for i := 0; i < concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				if s, ok := unitJourney(ctx, newBrowser(base, unitStats), u, period.ID); ok {
					submitted.Add(1)
					sentMu.Lock()
					sent[u.ID] = s
					sentMu.Unlock()
				}
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

	fiveXX := 0
	for _, s := range []*stats{unitStats, directorStats} {
		for code, c := range s.statuses {
			if code >= 500 {
				fiveXX += c
			}
		}
	}
	switch {
	case fiveXX > 0:
		return fmt.Errorf("%d responses were 5xx", fiveXX)
	case int64(dbSubmitted) != submitted.Load():
		return fmt.Errorf("database holds %d submitted reports, the portal confirmed %d", dbSubmitted, submitted.Load())
	case len(wrong) > 0:
		return fmt.Errorf("%d reports in the database differ from what the portal confirmed", len(wrong))
	case int(submitted.Load()) != n:
		return fmt.Errorf("only %d of %d users could submit", submitted.Load(), n)
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

// Command cchcbench is `make bench`: it generates the national data set if the database
// lacks it, then serves the portal and the TechEmpower "Fortunes" reference page in one
// process and measures, in the same run, the dashboard (one province, the whole country),
// a target drill-down, the report form and a save, printing p50/p95/p99 and each page's
// throughput as a ratio to Fortunes. See docs/PERFORMANCE.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vn-cchc/cchc/internal/bench"
	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/usecase"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "cchcbench:", err)
		os.Exit(1)
	}
}

func run() error {
	opt := seed.ScaleOptions{Provinces: 34}
	flag.IntVar(&opt.Units, "units", 3800, "reporting units to generate when the database has no scale data")
	flag.IntVar(&opt.Targets, "targets", 100, "targets to generate")
	flag.IntVar(&opt.Periods, "periods", 20, "periods to generate")
	flag.IntVar(&opt.Tasks, "tasks", 10, "tasks to generate")
	clients := flag.Int("clients", 8, "concurrent clients for the throughput runs")
	duration := flag.Duration("duration", 10*time.Second, "measured time of each throughput run")
	latency := flag.Duration("latency", 4*time.Second, "measured time of each single-client run")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured warm-up before each run")
	stormYear := flag.Int("storm-year", 2025, "the year of the national exports asked for beside \""+underExports+"\" (a smaller data set: its last year)")
	only := flag.String("only", "", "run only the pages whose name ends with this (and the reference)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured runs to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile (every allocation since the start) to this file at the end")
	doc := flag.String("doc", "", "write the figures into this Markdown file between its bench:pages markers (make bench: docs/PERFORMANCE.md)")
	flag.Parse()
	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		return fmt.Errorf("set DATABASE_URL (make bench does)")
	}
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string {
		// the API's rate limit is the client's, not the benchmark's concern: set far above the load
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "error", "DB_MAX_CONNS": "20",
			"API_RATE_PER_MINUTE": "1000000000", "API_RATE_BURST": "1000000"}[k]
	})
	if err != nil {
		return err
	}
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		return err
	}
	err = mg.Up()
	mg.Close()
	if err != nil {
		return err
	}
	st, err := postgres.Open(ctx, dbURL, 20)
	if err != nil {
		return err
	}
	defer st.Close()

	info, ok, err := seed.ExistingScale(ctx, st)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Printf("Generating the data set: %d units × %d targets × %d periods (+%d tasks)\n", opt.Units, opt.Targets, opt.Periods, opt.Tasks)
		opt.Log = func(format string, args ...any) { fmt.Printf("  "+format+"\n", args...) }
		if info, err = seed.Scale(ctx, st, opt, time.Now()); err != nil {
			return err
		}
	}
	fmt.Printf("Data set: %d units, %d targets, %d tasks, %d periods: %d reports, %d target results, %d task results (generated in %.0f s)\n",
		info.Units, info.Targets, info.Tasks, info.Periods, info.Reports, info.TargetResults, info.TaskResults, info.Seconds)

	if err := bench.SetupFortunes(ctx, st.Pool()); err != nil {
		return err
	}
	// the public page shows the plan once it is published; an API client reads it
	if err := st.SetPlanPublished(ctx, info.PlanID, true); err != nil {
		return err
	}
	apiClient, err := opendata.New(st, time.Now).CreateClient(ctx, usecase.CLI, opendata.ClientInput{Name: "cchcbench"})
	if err != nil {
		return err
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer srv.Close()
	mux := http.NewServeMux()
	mux.Handle("/fortunes", bench.FortunesHandler(st.Pool()))
	mux.Handle("/", srv.Handler())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln, mux) }()
	base := "http://" + ln.Addr().String()

	// the same portal without the rendered-dashboard cache: what every figure costs to compute
	uncached, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	defer uncached.Close()
	uncached.SetDashboardCache(0)
	ln2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln2, uncached.Handler()) }()
	base2 := "http://" + ln2.Addr().String()
	director2, err := login(base2, seed.ScaleDirector)
	if err != nil {
		return err
	}

	director, err := login(base, seed.ScaleDirector)
	if err != nil {
		return err
	}
	staff, err := login(base, seed.ScaleStaff)
	if err != nil {
		return err
	}
	staffUser, err := st.UserByUsername(ctx, seed.ScaleStaff)
	if err != nil {
		return err
	}
	anon := &http.Client{Transport: transport()}
	api := &http.Client{Transport: bearer{token: apiClient.Token, next: transport()}}
	period := info.PeriodIDs[len(info.PeriodIDs)-1]
	province := info.ProvinceIDs[len(info.ProvinceIDs)/2]
	dash := func(base string, scope int64) string {
		return fmt.Sprintf("%s/dashboard?plan=%d&period=%d&scope=%d", base, info.PlanID, period, scope)
	}
	save, err := saver(ctx, st, info, period)
	if err != nil {
		return err
	}
	var storm exportStorm
	pages := []struct {
		name string
		op   func(context.Context) error
	}{
		{"fortunes (reference)", bench.Get(anon, base+"/fortunes")},
		// the floor of any signed-in page: session and user lookups (and the session's
		// idle-timeout write) around a static form
		{"signed-in baseline (/account/password)", bench.Get(director, base+"/account/password")},
		// the home pages: a unit's staff (its open reports) and the director (submission progress)
		{"home page, unit staff", bench.Get(staff, base+"/")},
		{"home page, director", bench.Get(director, base+"/")},
		{"dashboard, one province", bench.Get(director, dash(base, province))},
		{"dashboard, whole country", bench.Get(director, dash(base, info.RootID))},
		{"dashboard, one province, no cache", bench.Get(director2, dash(base2, province))},
		{"dashboard, whole country, no cache", bench.Get(director2, dash(base2, info.RootID))},
		{"target drill-down, whole country", bench.Get(director, fmt.Sprintf("%s/dashboard/targets/%d?plan=%d&period=%d&scope=%d",
			base, info.TargetIDs[0], info.PlanID, period, info.RootID))},
		{"target drill-down, one province", bench.Get(director, fmt.Sprintf("%s/dashboard/targets/%d?plan=%d&period=%d&scope=%d",
			base, info.TargetIDs[0], info.PlanID, period, province))},
		// the unit's report form of the period: every target of the plan (100 at full scale)
		{formPage(info.Targets), bench.Get(staff, fmt.Sprintf("%s/reports/%d/%d", base, staffUser.UnitID, period))},
		{"report list (/reports)", bench.Get(staff, base+"/reports")},
		// issue 15: twenty national exports asked for at once and again as each ends, while
		// a unit's staff works; /readyz is asked beside them (printed after the tables)
		{underExports, bench.Get(staff, base+"/reports")},
		{"save 14 results (store, 1 tx)", save},
		// issue 5: one province's annual report from the national data set
		{"export XLSX (province, year 2025)", bench.Get(director, fmt.Sprintf("%s/exports/report.xlsx?plan=%d&year=2025&period=year&scope=%d",
			base, info.PlanID, province))},
		{"export PDF (province, year 2025)", bench.Get(director, fmt.Sprintf("%s/exports/report.pdf?plan=%d&year=2025&period=year&scope=%d",
			base, info.PlanID, province))},
		// issue 17: the public page of the published plan (no sign-in, cached by data version)
		// and one page of the open-data API's results (1000 rows, JSON)
		{"public page (/cong-khai)", bench.Get(anon, base+"/cong-khai")},
		{"API results page (1000 rows)", bench.Get(api, fmt.Sprintf("%s/api/v1/results?plan=%d&period=%d&limit=1000", base, info.PlanID, period))},
	}
	// load started beside a page's runs; the function returns what stops it
	around := map[string]func() (stop func()){
		underExports: func() func() {
			return storm.start(director, fmt.Sprintf("%s/exports/report.xlsx?plan=%d&year=%d&period=year&scope=%d", base, info.PlanID, *stormYear, info.RootID),
				base+"/readyz", 20)
		},
	}
	fmt.Printf("\nEach page: %v warm-up, then 1 client for %v (latency) and %d clients for %v (throughput). GOMAXPROCS=%d.\n\n",
		*warmup, *latency, *clients, *duration, runtimeProcs())
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10 // finer than the default 512 kB, for the pages' small allocations
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	startLoad := loadAverage()
	var lat, thr []bench.Result
	for _, p := range pages {
		if *only != "" && !strings.HasSuffix(p.name, *only) && p.name != pages[0].name {
			continue
		}
		stop := func() {}
		if start, ok := around[p.name]; ok {
			stop = start()
		}
		lat = append(lat, bench.Run(ctx, p.name, 1, *warmup, *latency, p.op))
		thr = append(thr, bench.Run(ctx, p.name, *clients, *warmup, *duration, p.op))
		stop()
	}
	// the reference again at the end: the mean of both runs absorbs drift during the run
	ref := bench.Run(ctx, "fortunes (reference, again)", *clients, *warmup, *duration, pages[0].op)
	thr = append(thr, ref)
	reference := (thr[0].RPS + ref.RPS) / 2
	fmt.Println("Latency, one client at a time:")
	bench.Print(os.Stdout, lat, lat[0].RPS)
	fmt.Printf("\nThroughput, %d clients (ratio = req/s ÷ mean Fortunes req/s %.0f):\n", *clients, reference)
	bench.Print(os.Stdout, thr, reference)
	if storm.exports.Load() > 0 {
		fmt.Println("\n" + storm.String())
	}
	goals := benchGoals(info.Targets)
	fmt.Println("\nGoals, judged on the throughput run:")
	for _, g := range goals {
		figure, met, found := g.Judge(thr, reference)
		fmt.Printf("  %-70s %8.3f  %s\n", g, figure, map[bool]string{true: "met", false: "NOT met"}[met && found])
	}
	if *doc != "" {
		var md strings.Builder
		fmt.Fprintf(&md, "Written by `make bench` on %s: data set %d units × %d targets × %d periods (%d reports, %d target results, generated in %.0f s); "+
			"GOMAXPROCS=%d, %s; PostgreSQL and the load generator on the same machine. Each page: %v warm-up, "+
			"then one client for %v and %d clients for %v. Ratios are throughput ÷ Fortunes throughput in the same run; "+
			"memory is the peak sampled every 10 ms during the measured phase (no forced GC), for the whole process "+
			"(portal, pool and load generator). Load average when the run started: %s (other work on the machine shares the cores).\n\n", time.Now().Format("02/01/2006 15:04"), info.Units, info.Targets, info.Periods,
			info.Reports, info.TargetResults, info.Seconds, runtimeProcs(), cpuModel(), *warmup, *latency, *clients, *duration, startLoad)
		md.WriteString("Latency, one client at a time:\n\n")
		bench.MarkdownTable(&md, lat, lat[0].RPS)
		fmt.Fprintf(&md, "\nThroughput, %d clients (Fortunes %.0f req/s, mean of the runs before and after):\n\n", *clients, reference)
		bench.MarkdownTable(&md, thr, reference)
		fmt.Fprintf(&md, "\nGoals, judged on the %d-client run (a goal is met only when the figure meets it; a page with errors meets none):\n\n", *clients)
		bench.MarkdownGoals(&md, goals, thr, reference)
		if storm.exports.Load() > 0 {
			fmt.Fprintf(&md, "\n%s\n", storm.String())
		}
		if err := bench.WriteSection(*doc, "pages", md.String()); err != nil {
			return err
		}
		fmt.Println("\nFigures written to", *doc)
	}
	return nil
}

// saver is one save of a unit's report: 14 results written with store.UpsertResults in one
// transaction, as the report form's save does; the summary triggers run as in production.
// Each call writes another unit's report of the period, with new values.
func saver(ctx context.Context, st *postgres.Store, info seed.ScaleInfo, period int64) (func(context.Context) error, error) {
	var reports []int64
	for _, u := range info.UnitSample {
		rows, err := st.UnitReports(ctx, u, store.Page{Size: 200})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.Period.ID == period && r.ReportID != 0 {
				reports = append(reports, r.ReportID)
			}
		}
	}
	if len(reports) == 0 {
		return nil, fmt.Errorf("no reports to save into")
	}
	var n atomic.Int64
	return func(ctx context.Context) error {
		i := n.Add(1)
		report := reports[int(i)%len(reports)]
		results := make([]store.TargetResult, 0, 14)
		for t := 0; t < 14 && t < len(info.TargetIDs); t++ {
			r := store.TargetResult{ReportID: report, TargetID: info.TargetIDs[t], Narrative: "Cập nhật số liệu"}
			if seed.ScaleTargetKind(t) == "milestone" {
				done := rand.IntN(2) == 0
				r.Done = &done
			} else {
				v := float64(rand.IntN(1000)) / 10
				r.Value = &v
			}
			results = append(results, r)
		}
		return st.InPgxTx(ctx, func(tx *postgres.Queries) error { return tx.UpsertResults(ctx, results, nil) })
	}, nil
}

func transport() *http.Transport {
	return &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, DisableCompression: true, ReadBufferSize: 64 << 10}
}

func login(base, username string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: transport()}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	resp, err = c.Get(base + "/dashboard")
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/dashboard" || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("login %s: landed on %s (%s)", username, resp.Request.URL.Path, resp.Status)
	}
	return c, nil
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// bearer sends the open-data API's token with every request.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// benchGoals are the figures the portal aims at; the uncached dashboards are judged beside
// the cached ones so a cache hit cannot hide what a page costs to compute.
func benchGoals(targets int) []bench.Goal {
	// issue 15's acceptance; the uncached dashboards are judged on the same ratio beside them
	goals := []bench.Goal{
		{Page: "home page, unit staff", Metric: "ratio", Value: 0.5},
		{Page: "home page, director", Metric: "ratio", Value: 0.5},
		{Page: formPage(targets), Metric: "ratio", Value: 0.25},
		{Page: "dashboard, one province", Metric: "ratio", Value: 0.4},
		{Page: "dashboard, whole country", Metric: "p95", AtMost: true, Value: 50},
		{Page: underExports, Metric: "p95", AtMost: true, Value: 200},
	}
	for _, page := range []string{"dashboard, one province, no cache", "dashboard, whole country, no cache"} {
		goals = append(goals, bench.Goal{Page: page, Metric: "ratio", Value: 0.4},
			bench.Goal{Page: page, Metric: "p95", AtMost: true, Value: 50})
	}
	return append(goals, bench.Goal{Page: "export XLSX (province, year 2025)", Metric: "p95", AtMost: true, Value: 2000},
		bench.Goal{Page: "export PDF (province, year 2025)", Metric: "p95", AtMost: true, Value: 2000})
}

// formPage names the report form's row by the targets it holds (every target of the plan).
func formPage(targets int) string { return fmt.Sprintf("report form (%d targets)", targets) }

// cpuModel names the processor for the figures' heading.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return runtime.GOARCH
}

// loadAverage is the machine's 1, 5 and 15-minute load, to say how busy it was.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

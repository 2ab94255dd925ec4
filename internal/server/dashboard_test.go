package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

type portal struct {
	t   *testing.T
	url string
	st  *postgres.Store
}

func startPortal(t *testing.T) portal {
	t.Helper()
	ctx := context.Background()
	// A database of its own: the package's other tests add units and reports that would
	// change the figures this test recomputes.
	dbURL := testdb.Extra(t)
	st, err := postgres.Open(ctx, dbURL, 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "warn"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return portal{t: t, url: ts.URL, st: st}
}

// client signs a demo user in: the servertest browser carrying the session.
func (p portal) client(username string) *servertest.Client {
	p.t.Helper()
	return servertest.NewClient(p.t, p.url).SignIn(username, seed.DemoPassword)
}

func (p portal) id(sql string, args ...any) int64 {
	p.t.Helper()
	var id int64
	if err := p.st.Pool().QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		p.t.Fatalf("%s: %v", sql, err)
	}
	return id
}

// history is a target's plan commitment, yearly commitments and observations, read from
// the raw results independently of the summaries.
type history struct {
	c     domain.Commitment
	sched []domain.CommitmentChange
	obs   []domain.Observation
}

// histories recomputes every target's history of a plan from the raw results, without the
// summaries: domain.Aggregate per period over the reports in the given statuses (growth
// targets also carry the units' own figures).
func (p portal) histories(planID int64, statuses []string) map[string]history {
	p.t.Helper()
	ctx := context.Background()
	targets, err := p.st.PlanTargets(ctx, planID)
	if err != nil {
		p.t.Fatal(err)
	}
	sched, err := p.st.PlanSchedules(ctx, planID)
	if err != nil {
		p.t.Fatal(err)
	}
	out := map[string]history{}
	for _, t := range targets {
		rows, err := p.st.Pool().Query(ctx, `SELECT pr.year, pr.kind, r.unit_id, tr.value::float8, tr.done, tr.numerator::float8, tr.denominator::float8
			FROM target_results tr JOIN reports r ON r.id = tr.report_id JOIN periods pr ON pr.id = r.period_id
			WHERE tr.target_id = $1 AND r.status = ANY($2) ORDER BY pr.ends_on`, t.ID, statuses)
		if err != nil {
			p.t.Fatal(err)
		}
		type key struct {
			y int
			k string
		}
		byPeriod := map[key][]domain.UnitValue{}
		units := map[key][]domain.UnitFigure{}
		var order []key
		for rows.Next() {
			var k key
			var uv domain.UnitValue
			var unit int64
			if err := rows.Scan(&k.y, &k.k, &unit, &uv.Value, &uv.Done, &uv.Num, &uv.Den); err != nil {
				p.t.Fatal(err)
			}
			if _, ok := byPeriod[k]; !ok {
				order = append(order, k)
			}
			byPeriod[k] = append(byPeriod[k], uv)
			if uv.Value != nil {
				units[k] = append(units[k], domain.UnitFigure{Unit: unit, Value: uv.Value})
			}
		}
		rows.Close()
		h := history{c: domain.Commitment{Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
			DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline}, sched: sched[t.ID]}
		for _, k := range order {
			v, d := domain.Aggregate(h.c.Kind, byPeriod[k])
			o := domain.Observation{Year: k.y, Slot: domain.PeriodKind(k.k).Slot(), Value: v, Done: d}
			if h.c.Kind == domain.KindGrowth {
				o.Units = units[k]
			}
			h.obs = append(h.obs, o)
		}
		out[t.Code] = h
	}
	return out
}

// expectedStatuses is every target's status as of a period by the rule (domain.Evaluate)
// on the raw results.
func (p portal) expectedStatuses(planID, periodID int64, statuses []string) map[string]string {
	p.t.Helper()
	var year int
	var kind string
	if err := p.st.Pool().QueryRow(context.Background(), `SELECT year, kind FROM periods WHERE id = $1`, periodID).Scan(&year, &kind); err != nil {
		p.t.Fatal(err)
	}
	want := map[string]string{}
	for code, h := range p.histories(planID, statuses) {
		want[code] = string(domain.Evaluate(h.c, h.sched, h.obs, year, domain.PeriodKind(kind).Slot()).Status)
	}
	return want
}

// statusesOnPage is each target row's status class (row-met…) by the code its first cell
// links to, on the dashboard's or the final evaluation's target table.
func statusesOnPage(r *servertest.Response) map[string]string {
	got := map[string]string{}
	r.Find(`tr[class^="row-"] > td.nowrap:first-child > a`).Each(func(_ int, a *goquery.Selection) {
		cls, _ := a.Closest("tr").Attr("class")
		got[servertest.Squash(a.Text())] = strings.TrimPrefix(cls, "row-")
	})
	return got
}

// targetRow is the text of the target table's row of a target code ("" when none).
func targetRow(r *servertest.Response, code string) string {
	row := r.Find(`table.targets tr[class^="row-"]`).FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return servertest.Squash(tr.Find("td.nowrap > a").First().Text()) == code
	})
	return servertest.Squash(row.Text())
}

// TestDashboardDemo: the ended plan 2320/KH-SNV opens on its final evaluation and the plan
// in force is the default, each target with the status the rule gives on the raw results;
// the dashboard stays current after an approval. Every expectation comes from the data the
// demo seeded on the tests' day (testdb.Now), none from the calendar.
func TestDashboardDemo(t *testing.T) {
	p := startPortal(t)
	ctx := context.Background()
	director := p.client("giamdoc")
	pred := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	succ := p.id(`SELECT id FROM plans WHERE code = $1`, seed.SuccessorCode)
	label := func(period int64) string {
		var year int
		var kind string
		if err := p.st.Pool().QueryRow(ctx, `SELECT year, kind FROM periods WHERE id = $1`, period).Scan(&year, &kind); err != nil {
			t.Fatal(err)
		}
		return domain.PeriodLabel(year, domain.PeriodKind(kind), "vi")
	}
	compare := func(what string, planID, period int64, statuses []string, page *servertest.Response) {
		t.Helper()
		got, want := statusesOnPage(page), p.expectedStatuses(planID, period, statuses)
		if len(got) != len(want) || len(want) < 14 {
			t.Fatalf("%s: dashboard shows %d targets (want %d): %v", what, len(got), len(want), got)
		}
		for code, w := range want {
			if got[code] != w {
				t.Errorf("%s %s: dashboard says %s, the rule on raw results says %s", what, code, got[code], w)
			}
		}
	}

	// the ended plan: its last period with approved reports, Năm 2025
	final := p.id(`SELECT r.period_id FROM reports r JOIN periods pr ON pr.id = r.period_id
		WHERE r.status = 'approved' AND pr.year <= 2025 ORDER BY pr.ends_on DESC LIMIT 1`)
	if l := label(final); l != "Năm 2025" {
		t.Fatalf("the ended plan's last approved period is %s, want Năm 2025", l)
	}
	// opened without a period, the ended plan opens on its final evaluation
	landing := func(path string) (string, *servertest.Response) {
		t.Helper()
		r := director.Follow(path)
		if r.Status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, r.Status)
		}
		return r.Request.URL.Path, r
	}
	// a period of another plan (left in the filters when the plan changed) is not one of
	// its periods: the same as none
	for _, path := range []string{"/dashboard?plan=" + itoa(pred),
		"/dashboard?plan=" + itoa(pred) + "&period=" + itoa(p.id(`SELECT min(id) FROM periods WHERE year = 2026`))} {
		if at, page := landing(path); at != "/dashboard/final" || page.Text("h1") != "Đánh giá cuối kỳ — 2320/KH-SNV" {
			t.Errorf("GET %s lands on %s, not the final evaluation of 2320/KH-SNV", path, at)
		}
	}
	// its last period, asked for, is the dashboard of Năm 2025, which says it is final
	page := director.Get("/dashboard?plan=" + itoa(pred) + "&period=" + itoa(final))
	if page.Status != http.StatusOK || page.Text(`select[name="period"] option[selected]`) != "Năm 2025" || !page.Has(`p.dash-lead a[href^="/dashboard/final?"]`) {
		t.Fatalf("GET /dashboard?plan=2320&period=Năm 2025 = %d, not on Năm 2025 with a link to the final evaluation", page.Status)
	}
	compare("2320/KH-SNV", pred, final, []string{"approved"}, page)
	for _, include := range []bool{false, true} {
		statuses, q := []string{"approved"}, ""
		if include {
			statuses, q = []string{"approved", "submitted"}, "&include=submitted"
		}
		for _, period := range []int64{final, p.id(`SELECT id FROM periods WHERE year = 2023 AND kind = 'year'`), p.id(`SELECT id FROM periods WHERE year = 2022 AND kind = 'h1'`)} {
			page := director.Get("/dashboard?plan=" + itoa(pred) + "&period=" + itoa(period) + q)
			compare(fmt.Sprintf("2320/KH-SNV period %d include=%v", period, include), pred, period, statuses, page)
		}
	}

	// the plan in force by default, on its newest period with approved reports (or, before
	// any, the latest that has begun)
	today := domain.StartOfDay(testdb.Now())
	cur := p.id(`SELECT coalesce((SELECT r.period_id FROM reports r JOIN periods pr ON pr.id = r.period_id
		WHERE r.status = 'approved' AND pr.year >= 2026 ORDER BY pr.ends_on DESC, pr.starts_on LIMIT 1),
		(SELECT id FROM periods WHERE year >= 2026 AND starts_on <= $1 ORDER BY ends_on DESC, starts_on LIMIT 1))`, today)
	page = director.Get("/dashboard")
	if page.Status != http.StatusOK || page.Text("p.dash-lead > a") != seed.SuccessorCode || page.Text(`select[name="period"] option[selected]`) != label(cur) {
		t.Fatalf("GET /dashboard = %d, not the plan in force on %s", page.Status, label(cur))
	}
	compare("plan in force", succ, cur, []string{"approved"}, page)
	var late int
	if err := p.st.Pool().QueryRow(ctx, `SELECT count(*) FROM reports r JOIN periods pr ON pr.id = r.period_id
		WHERE r.period_id = $1 AND r.status IN ('approved', 'submitted') AND dashboard_late(r.submitted_at, pr.deadline)`, cur).Scan(&late); err != nil {
		t.Fatal(err)
	}
	if !page.HasText(`section[aria-labelledby="h-discipline"] h3`, fmt.Sprintf("Nộp trễ hạn (%d)", late)) {
		t.Errorf("the dashboard's submission section lacks %q", fmt.Sprintf("Nộp trễ hạn (%d)", late))
	}
	if page.Text("h2#h-overdue") != "Nhiệm vụ quá hạn" {
		t.Errorf("the dashboard has no overdue tasks section")
	}
	if p.id(`SELECT count(DISTINCT r.period_id) FROM reports r JOIN periods pr ON pr.id = r.period_id
		WHERE r.status = 'approved' AND pr.year >= 2026 AND pr.ends_on <= (SELECT ends_on FROM periods WHERE id = $1)`, cur) >= 2 &&
		!page.Has("table.targets svg.spark") { // a trend needs two periods
		t.Error("the dashboard's target table has no trend line")
	}
	rows, err := p.st.Pool().Query(ctx, `SELECT DISTINCT k.code FROM task_results kr JOIN tasks k ON k.id = kr.task_id
		JOIN reports r ON r.id = kr.report_id WHERE r.period_id = $1 AND r.status = 'approved' AND kr.progress = 'overdue'`, cur)
	if err != nil {
		t.Fatal(err)
	}
	overdue, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	overdueCodes := page.Texts(`section[aria-labelledby="h-overdue"] td`)
	for _, code := range overdue {
		if !slices.Contains(overdueCodes, code) {
			t.Errorf("overdue task %s missing from the dashboard", code)
		}
	}

	// the reform office approves a submitted report: the next page view counts it, no job
	// in between. The report: the newest one awaiting review with a value for a target.
	var reportID, period, target int64
	var targetCode string
	if err := p.st.Pool().QueryRow(ctx, `SELECT r.id, r.period_id, t.id, t.code FROM reports r JOIN periods pr ON pr.id = r.period_id
		JOIN target_results tr ON tr.report_id = r.id AND tr.value IS NOT NULL JOIN targets t ON t.id = tr.target_id
		WHERE r.status = 'submitted' AND t.plan_id = $1 AND NOT EXISTS (SELECT 1 FROM target_results o JOIN reports ro ON ro.id = o.report_id
			WHERE o.target_id = t.id AND ro.period_id = r.period_id AND ro.status = 'approved' AND o.value IS NOT NULL)
		ORDER BY pr.ends_on DESC, t.position LIMIT 1`, succ).Scan(&reportID, &period, &target, &targetCode); err != nil {
		t.Fatalf("no submitted report on %s: %v", domain.FormatDate(today), err)
	}
	// what the target page says before: the last approved value, from an earlier period
	var earlier string
	var ey int
	var ek string
	err = p.st.Pool().QueryRow(ctx, `SELECT pr.year, pr.kind FROM target_results tr JOIN reports r ON r.id = tr.report_id
		JOIN periods pr ON pr.id = r.period_id WHERE tr.target_id = $1 AND r.status = 'approved' AND tr.value IS NOT NULL
		AND pr.ends_on < (SELECT ends_on FROM periods WHERE id = $2)
		ORDER BY pr.ends_on DESC LIMIT 1`, target, period).Scan(&ey, &ek)
	if err == nil {
		earlier = "(" + domain.PeriodLabel(ey, domain.PeriodKind(ek), "vi") + ")"
	}
	dashURL := "/dashboard?period=" + itoa(period)
	targetURL := "/dashboard/targets/" + itoa(target) + "?period=" + itoa(period)
	before := director.Get(targetURL)
	dashBefore := director.Get(dashURL)
	if again := director.Get(dashURL); again.Body != dashBefore.Body { // served from the cache, the same page
		t.Error("the same dashboard twice differs")
	}
	if _, err := p.st.Pool().Exec(ctx, `UPDATE reports SET status = 'approved', approved_at = $2 WHERE id = $1`, reportID, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	after := director.Get(targetURL)
	latest := `section[aria-labelledby="h-verdict"] dl.facts dd`
	if before.Body == after.Body || (earlier != "" && (!before.HasText(latest, earlier) || after.HasText(latest, earlier))) {
		t.Errorf("the target page did not take up the approval at once (earlier value %q)", earlier)
	}
	dashAfter := director.Get(dashURL)
	rowBefore, rowAfter := targetRow(dashBefore, targetCode), targetRow(dashAfter, targetCode)
	if rowBefore == "" || rowBefore == rowAfter || (earlier != "" && (!strings.Contains(rowBefore, earlier) || strings.Contains(rowAfter, earlier))) {
		t.Errorf("the (cached) dashboard did not take up the approval at once (%s, earlier value %q)", targetCode, earlier)
	}
}

// TestDashboardWhoSeesWhat: unit staff get their own unit's dashboard and nothing else.
func TestDashboardWhoSeesWhat(t *testing.T) {
	p := startPortal(t)
	staff := p.client("ttlt")
	snv, vps := p.id(`SELECT id FROM units WHERE code = 'SNV'`), p.id(`SELECT id FROM units WHERE code = 'VPS'`)
	ttlt := p.id(`SELECT id FROM units WHERE code = 'TTLT'`)
	inForce := `SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.code = $1 AND t.code = $2`
	ct05, ct10 := p.id(inForce, seed.SuccessorCode, "CT05"), p.id(inForce, seed.SuccessorCode, "CT10")
	page := staff.Get("/dashboard")
	got := statusesOnPage(page)
	if code := page.Status; code != http.StatusOK || len(got) != 3 || got["CT02"] == "" || got["CT10"] == "" || got["CT15"] == "" {
		t.Errorf("staff dashboard = %d with targets %v; want CT02, CT10 and CT15 only", code, got)
	}
	for path, want := range map[string]int{
		"/dashboard?scope=" + itoa(snv):                            http.StatusNotFound,
		"/dashboard?scope=" + itoa(ttlt):                           http.StatusOK,
		"/dashboard/units/" + itoa(vps):                            http.StatusNotFound,
		"/dashboard/units/" + itoa(ttlt):                           http.StatusOK,
		"/dashboard/targets/" + itoa(ct05):                         http.StatusNotFound,
		"/dashboard/targets/" + itoa(ct10):                         http.StatusOK,
		"/dashboard/targets/" + itoa(ct10) + "?scope=" + itoa(snv): http.StatusNotFound,
		"/dashboard?period=abc":                                    http.StatusNotFound,
	} {
		if code := staff.Get(path).Status; code != want {
			t.Errorf("staff GET %s = %d; want %d", path, code, want)
		}
	}
	for _, user := range []string{"giamdoc", "cchc", "admin"} {
		c := p.client(user)
		for _, path := range []string{"/dashboard?scope=" + itoa(vps), "/dashboard/units/" + itoa(vps), "/dashboard/targets/" + itoa(ct05)} {
			if code := c.Get(path).Status; code != http.StatusOK {
				t.Errorf("%s GET %s = %d", user, path, code)
			}
		}
		if !c.Get("/").Has(`nav a[href="/dashboard"]`) {
			t.Errorf("%s has no dashboard in the navigation", user)
		}
	}
	if !staff.Get("/").Has(`nav a[href="/dashboard"]`) {
		t.Error("staff have no dashboard in the navigation")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Staff of a unit that has units under it see their own unit's results on the dashboard,
// not those of the units below (whose reports the policy hides from them).
func TestDashboardStaffOfParentUnitSeeOnlyTheirOwnUnit(t *testing.T) {
	p := startPortal(t)
	ctx := context.Background()
	root := p.id(`SELECT id FROM units WHERE code = 'SNV'`)
	hash, err := password.Hash(seed.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.CreateUser(ctx, store.UserInput{Username: "so.chuyenvien", FullName: "Chuyên viên cấp Sở",
		Role: "staff", UnitID: root, Active: true}, hash); err != nil {
		t.Fatal(err)
	}
	// SNV itself reports on CT01 too, so its staff may open the target.
	// the ended plan's CT01, whose approved reports are the same on any day the demo is loaded
	pred := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	ct01 := p.id(`SELECT id FROM targets WHERE plan_id = $1 AND code = 'CT01'`, pred)
	if _, err := p.st.Pool().Exec(ctx, `INSERT INTO target_assignments (target_id, unit_id) VALUES ($1, $2)`, ct01, root); err != nil {
		t.Fatal(err)
	}
	var narrative string
	if err := p.st.Pool().QueryRow(ctx, `SELECT tr.narrative FROM target_results tr JOIN reports r ON r.id = tr.report_id
		JOIN units u ON u.id = r.unit_id WHERE u.code = 'VPS' AND tr.target_id = $1 AND r.status = 'approved' AND tr.narrative <> ''
		LIMIT 1`, ct01).Scan(&narrative); err != nil {
		t.Fatal(err)
	}
	c := p.client("so.chuyenvien")
	for _, path := range []string{fmt.Sprintf("/dashboard/targets/%d?plan=%d", ct01, pred), fmt.Sprintf("/dashboard?plan=%d", pred)} {
		page := c.Follow(path) // the ended plan's dashboard opens on its final evaluation
		if page.Status != http.StatusOK {
			t.Fatalf("%s: %d", path, page.Status)
		}
		if page.Mentions("Văn phòng Sở") {
			t.Errorf("%s shows a sub-unit (Văn phòng Sở) to staff of the parent unit, in %v", path, page.Where("Văn phòng Sở"))
		}
	}
	if c.Get(fmt.Sprintf("/dashboard/targets/%d?plan=%d", ct01, pred)).Mentions(narrative) {
		t.Error("a sub-unit's narrative is shown to staff of the parent unit")
	}
}

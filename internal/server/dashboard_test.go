package server_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

type portal struct {
	t   *testing.T
	url string
	st  *store.Store
}

func startPortal(t *testing.T) portal {
	t.Helper()
	ctx := context.Background()
	// A database of its own: the package's other tests add units and reports that would
	// change the figures this test recomputes.
	dbURL := testdb.Extra(t)
	st, err := store.Open(ctx, dbURL, 8)
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

// client signs a demo user in and returns a client carrying the session.
func (p portal) client(username string) *http.Client {
	p.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(p.url+"/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if err != nil {
		p.t.Fatal(err)
	}
	resp.Body.Close()
	return c
}

func (p portal) get(c *http.Client, path string) (int, string) {
	p.t.Helper()
	resp, err := c.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (p portal) id(sql string, args ...any) int64 {
	p.t.Helper()
	var id int64
	if err := p.st.Pool().QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		p.t.Fatalf("%s: %v", sql, err)
	}
	return id
}

var rowRe = regexp.MustCompile(`<tr class="row-([a-z_]+)"><td class="nowrap"><a href="[^"]*">(CT\d+)</a>`)

// expectedStatuses recomputes every target's status from the raw results, independently
// of the summaries: domain.Aggregate per period over the approved reports, then
// domain.EvaluateTarget as of the period.
func (p portal) expectedStatuses(periodID int64, statuses []string) map[string]string {
	p.t.Helper()
	ctx := context.Background()
	var year int
	var kind string
	if err := p.st.Pool().QueryRow(ctx, `SELECT year, kind FROM periods WHERE id = $1`, periodID).Scan(&year, &kind); err != nil {
		p.t.Fatal(err)
	}
	targets, err := p.st.PlanTargets(ctx, p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`))
	if err != nil {
		p.t.Fatal(err)
	}
	want := map[string]string{}
	for _, t := range targets {
		rows, err := p.st.Pool().Query(ctx, `SELECT pr.year, pr.kind, tr.value::float8, tr.done
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
		var order []key
		for rows.Next() {
			var k key
			var uv domain.UnitValue
			if err := rows.Scan(&k.y, &k.k, &uv.Value, &uv.Done); err != nil {
				p.t.Fatal(err)
			}
			if _, ok := byPeriod[k]; !ok {
				order = append(order, k)
			}
			byPeriod[k] = append(byPeriod[k], uv)
		}
		rows.Close()
		c := domain.Commitment{Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
			DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline}
		var obs []domain.Observation
		for _, k := range order {
			v, d := domain.Aggregate(c.Kind, byPeriod[k])
			obs = append(obs, domain.Observation{Year: k.y, Slot: domain.PeriodKind(k.k).Slot(), Value: v, Done: d})
		}
		want[t.Code] = string(domain.EvaluateTarget(c, obs, year, domain.PeriodKind(kind).Slot()).Status)
	}
	return want
}

func statusesOnPage(body string) map[string]string {
	got := map[string]string{}
	for _, m := range rowRe.FindAllStringSubmatch(body, -1) {
		got[m[2]] = m[1]
	}
	return got
}

// TestDashboardDemo: with the demo data the dashboard shows all 14 targets of 2320/KH-SNV,
// each with the status the rule gives on the raw results, and stays current after an approval.
func TestDashboardDemo(t *testing.T) {
	p := startPortal(t)
	director := p.client("giamdoc")
	latest := p.id(`SELECT r.period_id FROM reports r JOIN periods pr ON pr.id = r.period_id WHERE r.status = 'approved' ORDER BY pr.ends_on DESC LIMIT 1`)
	code, body := p.get(director, "/dashboard")
	if code != http.StatusOK {
		t.Fatalf("GET /dashboard = %d", code)
	}
	got, want := statusesOnPage(body), p.expectedStatuses(latest, []string{"approved"})
	if len(got) != 14 || len(want) != 14 {
		t.Fatalf("dashboard shows %d targets (want 14): %v", len(got), got)
	}
	for code, w := range want {
		if got[code] != w {
			t.Errorf("%s: dashboard says %s, the rule on raw results says %s", code, got[code], w)
		}
	}
	for _, s := range []string{"class=\"spark\"", "Nộp trễ hạn (1)", "Trung tâm Lưu trữ lịch sử tỉnh", "Nhiệm vụ quá hạn", "NV7"} {
		if !strings.Contains(body, s) {
			t.Errorf("dashboard lacks %q", s)
		}
	}

	// every past period gives the same answer as the rule, including submitted reports
	for _, include := range []bool{false, true} {
		statuses, q := []string{"approved"}, ""
		if include {
			statuses, q = []string{"approved", "submitted"}, "&include=submitted"
		}
		for _, period := range []int64{latest, p.id(`SELECT id FROM periods WHERE year = 2023 AND kind = 'year'`), p.id(`SELECT id FROM periods WHERE year = 2022 AND kind = 'h1'`)} {
			_, body := p.get(director, "/dashboard?period="+itoa(period)+q)
			got, want := statusesOnPage(body), p.expectedStatuses(period, statuses)
			for code, w := range want {
				if got[code] != w {
					t.Errorf("period %d include=%v %s: dashboard %s, rule %s", period, include, code, got[code], w)
				}
			}
		}
	}

	// the reform office approves TTLT's report: the next page view counts it, no job in between
	ttlt := p.id(`SELECT id FROM units WHERE code = 'TTLT'`)
	ct10 := p.id(`SELECT id FROM targets WHERE code = 'CT10'`)
	_, before := p.get(director, "/dashboard/targets/"+itoa(ct10)+"?period="+itoa(latest))
	dashURL := "/dashboard?period=" + itoa(latest)
	_, dashBefore := p.get(director, dashURL)
	if _, again := p.get(director, dashURL); again != dashBefore { // served from the cache, the same page
		t.Error("the same dashboard twice differs")
	}
	if _, err := p.st.Pool().Exec(context.Background(), `UPDATE reports SET status = 'approved', approved_at = now() WHERE unit_id = $1 AND period_id = $2`, ttlt, latest); err != nil {
		t.Fatal(err)
	}
	_, after := p.get(director, "/dashboard/targets/"+itoa(ct10)+"?period="+itoa(latest))
	if before == after || !strings.Contains(before, "(6 tháng đầu năm 2026)") || strings.Contains(after, "(6 tháng đầu năm 2026)") {
		t.Error("the target page did not take up the approval at once")
	}
	ct10Row := func(body string) string {
		i := strings.Index(body, ">CT10<")
		return body[i : i+2000]
	}
	_, dashAfter := p.get(director, dashURL)
	if !strings.Contains(ct10Row(dashBefore), "(6 tháng đầu năm 2026)") || strings.Contains(ct10Row(dashAfter), "(6 tháng đầu năm 2026)") {
		t.Error("the (cached) dashboard did not take up the approval at once")
	}
}

// TestDashboardWhoSeesWhat: unit staff get their own unit's dashboard and nothing else.
func TestDashboardWhoSeesWhat(t *testing.T) {
	p := startPortal(t)
	staff := p.client("ttlt")
	snv, vps := p.id(`SELECT id FROM units WHERE code = 'SNV'`), p.id(`SELECT id FROM units WHERE code = 'VPS'`)
	ttlt := p.id(`SELECT id FROM units WHERE code = 'TTLT'`)
	ct05, ct10 := p.id(`SELECT id FROM targets WHERE code = 'CT05'`), p.id(`SELECT id FROM targets WHERE code = 'CT10'`)
	code, body := p.get(staff, "/dashboard")
	got := statusesOnPage(body)
	if code != http.StatusOK || len(got) != 2 || got["CT02"] == "" || got["CT10"] == "" {
		t.Errorf("staff dashboard = %d with targets %v; want CT02 and CT10 only", code, got)
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
		if code, _ := p.get(staff, path); code != want {
			t.Errorf("staff GET %s = %d; want %d", path, code, want)
		}
	}
	for _, user := range []string{"giamdoc", "cchc", "admin"} {
		c := p.client(user)
		for _, path := range []string{"/dashboard?scope=" + itoa(vps), "/dashboard/units/" + itoa(vps), "/dashboard/targets/" + itoa(ct05)} {
			if code, _ := p.get(c, path); code != http.StatusOK {
				t.Errorf("%s GET %s = %d", user, path, code)
			}
		}
		if _, body := p.get(c, "/"); !strings.Contains(body, `href="/dashboard"`) {
			t.Errorf("%s has no dashboard in the navigation", user)
		}
	}
	if _, body := p.get(staff, "/"); !strings.Contains(body, `href="/dashboard"`) {
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
	if _, err := store.CreateUser(ctx, p.st.Pool(), store.UserInput{Username: "so.chuyenvien", FullName: "Chuyên viên cấp Sở",
		Role: "staff", UnitID: root, Active: true}, hash); err != nil {
		t.Fatal(err)
	}
	// SNV itself reports on CT01 too, so its staff may open the target.
	ct01 := p.id(`SELECT t.id FROM targets t JOIN plans pl ON pl.id = t.plan_id WHERE pl.code = '2320/KH-SNV' AND t.code = 'CT01'`)
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
	for _, path := range []string{fmt.Sprintf("/dashboard/targets/%d", ct01), "/dashboard"} {
		code, body := p.get(c, path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		if strings.Contains(body, "Văn phòng Sở") {
			t.Errorf("%s shows a sub-unit (Văn phòng Sở) to staff of the parent unit", path)
		}
	}
	_, body := p.get(c, fmt.Sprintf("/dashboard/targets/%d", ct01))
	if strings.Contains(html.UnescapeString(body), narrative) {
		t.Error("a sub-unit's narrative is shown to staff of the parent unit")
	}
}

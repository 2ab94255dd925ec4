package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
)

// TestOpenDataServesNoDraftOrUnapprovedFigure: a draft and a submitted-not-approved result,
// with numbers found nowhere else (987654 and 876543) and narratives, in both plans. Neither
// figure appears on the public page or in any API answer of a client without the submitted
// scope (JSON and CSV, every page); a client with it reads the submitted one, never the draft.
// The public page names no user either.
func TestOpenDataServesNoDraftOrUnapprovedFigure(t *testing.T) {
	p := startAPIPortal(t)
	ctx := context.Background()
	old := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	succ := p.id(`SELECT id FROM plans WHERE code <> '2320/KH-SNV' ORDER BY id DESC LIMIT 1`)
	root := p.id(`SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1`)
	var unitIDs [2]int64
	for i, code := range []string{"NHAP", "CHODUYET"} {
		id, err := p.st.CreateUnit(ctx, store.UnitInput{Code: code, Name: "Đơn vị thử " + code, ParentID: root, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		unitIDs[i] = id
	}
	write := func(plan, unit int64, status string, value int, narrative string) {
		t.Helper()
		period := p.id(`SELECT pr.id FROM periods pr, plans p WHERE p.id = $1 AND pr.year BETWEEN p.start_year AND p.end_year
			AND pr.starts_on >= p.issued_on AND pr.starts_on <= $2 ORDER BY pr.ends_on DESC LIMIT 1`, plan, "2025-12-31")
		if plan == succ {
			period = p.id(`SELECT pr.id FROM periods pr, plans p WHERE p.id = $1 AND pr.year BETWEEN p.start_year AND p.end_year
				ORDER BY pr.starts_on LIMIT 1`, plan)
		}
		report := p.id(`INSERT INTO reports (unit_id, period_id, status, submitted_at) VALUES ($1, $2, $3,
			CASE WHEN $3 = 'submitted' THEN now() END) RETURNING id`, unit, period, status)
		if _, err := p.st.Pool().Exec(ctx, `INSERT INTO target_results (report_id, target_id, value, narrative)
			SELECT $1, id, $2, $3 FROM targets WHERE plan_id = $4 AND kind IN ('percent', 'count')`, report, value, narrative, plan); err != nil {
			t.Fatal(err)
		}
	}
	for _, plan := range []int64{old, succ} {
		write(plan, unitIDs[0], "draft", 987654, "GIAITRINH-NHAP")
		write(plan, unitIDs[1], "submitted", 876543, "GIAITRINH-CHODUYET")
	}
	leaks := func(body string) []string {
		var found []string
		for _, s := range []string{"987654", "987.654", "876543", "876.543", "GIAITRINH"} {
			if strings.Contains(body, s) {
				found = append(found, s)
			}
		}
		return found
	}

	// the reform office publishes the plan in force too
	office := p.client("cchc")
	if res := office.Post("/plans/"+itoa(succ)+"/publish", url.Values{"published": {"1"}}); res.Status != http.StatusSeeOther ||
		res.Location != "/plans/"+itoa(succ) {
		t.Fatalf("publishing = %d to %s", res.Status, res.Location)
	}
	if !office.Get("/plans/" + itoa(succ)).Has(`dd.publish a[href="/cong-khai"]`) {
		t.Error("the plan's page does not say it is published")
	}

	succPlan, err := p.st.PlanByID(ctx, succ)
	if err != nil {
		t.Fatal(err)
	}
	anon := servertest.NewClient(t, p.url)
	for _, path := range []string{"/cong-khai", "/public"} {
		res := anon.Get(path)
		code, body := res.Status, res.Body
		if code != http.StatusOK {
			t.Fatalf("GET %s without signing in = %d", path, code)
		}
		if l := leaks(body); len(l) > 0 {
			t.Errorf("%s shows %v", path, l)
		}
		for _, u := range seed.DemoUsers {
			if u.Username != "admin" && strings.Contains(body, u.FullName) {
				t.Errorf("%s names the user %s", path, u.FullName)
			}
		}
		if strings.Contains(body, "@") && strings.Contains(body, "mailto") {
			t.Errorf("%s has an e-mail address", path)
		}
		for _, want := range []string{"2320/KH-SNV", succPlan.Code, "CT05", "CT14"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
	}

	_, approvedOnly := p.newClient(opendata.ClientInput{Name: "Báo chí"})
	_, withSubmitted := p.newClient(opendata.ClientInput{Name: "Văn phòng UBND tỉnh", IncludeSubmitted: true})
	lists := []string{"/api/v1/plans", "/api/v1/areas", "/api/v1/targets", "/api/v1/tasks", "/api/v1/units", "/api/v1/periods",
		"/api/v1/results?limit=1000", "/api/v1/plans/" + itoa(old) + "/verdicts", "/api/v1/plans/" + itoa(succ) + "/verdicts"}
	for _, path := range lists {
		for _, b := range p.all(approvedOnly, path) {
			if l := leaks(b); len(l) > 0 {
				t.Errorf("%s shows a client without the submitted scope %v", path, l)
			}
		}
	}
	csvPage := p.call(approvedOnly, "/api/v1/results?limit=1000", map[string]string{"Accept": "text/csv"})
	for csvPage.code == http.StatusOK {
		if l := leaks(csvPage.body); len(l) > 0 {
			t.Errorf("results CSV shows %v", l)
		}
		next := csvPage.header.Get("Link")
		if next == "" {
			break
		}
		next = strings.TrimPrefix(strings.Split(next, ">")[0], "<")
		csvPage = p.call(approvedOnly, next, map[string]string{"Accept": "text/csv"})
	}
	wantProblem(t, "include=submitted without the scope",
		p.call(approvedOnly, "/api/v1/plans/"+itoa(succ)+"/verdicts?include=submitted", nil), http.StatusForbidden)

	// with the submitted scope: the submitted figure is there, marked so; the draft never
	var all strings.Builder
	for _, b := range p.all(withSubmitted, "/api/v1/results?limit=1000") {
		all.WriteString(b)
	}
	if !strings.Contains(all.String(), `"value":876543,`) || !strings.Contains(all.String(), `"report_status":"submitted"`) {
		t.Error("a client with the submitted scope does not read the submitted result")
	}
	if strings.Contains(all.String(), "987654") || strings.Contains(all.String(), "GIAITRINH") {
		t.Error("a client with the submitted scope reads a draft or a narrative")
	}
}

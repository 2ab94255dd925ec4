package plantest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/seed"
)

// TestSuccessorPlan: the reform office drafts the next plan from an ended one — targets,
// tasks and units copied, each target linked to the one it continues, the chosen ones
// carried over — and activating the draft opens its periods. A plan in force, or one
// already succeeded, cannot be succeeded; other roles cannot at all.
func TestSuccessorPlan(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)

	// 2320/KH-SNV already has its successor; the plan in force has not ended
	for code, want := range map[string]string{"2320/KH-SNV": "đã có kế hoạch tiếp nối", seed.SuccessorCode: "Chỉ lập kế hoạch tiếp nối khi kế hoạch đã kết thúc"} {
		res := c.get(fmt.Sprintf("/plans/%d/successor", planID(t, s, code)))
		if res.status != http.StatusConflict || !strings.Contains(res.body, want) {
			t.Errorf("successor of %s: %d", code, res.status)
		}
	}
	if res := signIn(t, "giamdoc").get(fmt.Sprintf("/plans/%d/successor", planID(t, s, "2320/KH-SNV"))); res.status != http.StatusForbidden {
		t.Errorf("the director drafting a successor: %d", res.status)
	}

	// an ended plan of 2011–2015 with two targets and a task
	res := c.post("/plans", url.Values{"code": {"11/KH-CU"}, "title": {"Kế hoạch cải cách hành chính giai đoạn 2011-2015"},
		"issued_on": {"01/12/2010"}, "issued_by": {"Giám đốc Sở Nội vụ"}, "start_year": {"2011"}, "end_year": {"2015"}, "basis": {"Nghị quyết 30c/NQ-CP"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: %d", res.status)
	}
	base := res.location
	for _, code := range []string{"CT01", "CT02"} {
		if res := c.post(base+"/targets", targetForm(code, "90", "")); res.status != http.StatusSeeOther {
			t.Fatalf("target %s: %d\n%s", code, res.status, res.body)
		}
	}
	task := url.Values{"area": {"tthc"}, "code": {"NV1"}, "text": {"Rà soát thủ tục hành chính"}, "lead": {"VPS"}, "cooperating": {"TTLT"},
		"deadline_note": {"Hằng năm"}, "units": {"VPS"}}
	if res := c.post(base+"/tasks", task); res.status != http.StatusSeeOther {
		t.Fatalf("task: %d\n%s", res.status, res.body)
	}
	if page := c.get(base); strings.Contains(page.body, base+"/successor") {
		t.Error("a draft offers a successor")
	}
	for _, move := range []string{"activate", "close"} {
		if res := c.post(base+"/status", url.Values{"action": {move}}); res.status != http.StatusSeeOther {
			t.Fatalf("%s: %d", move, res.status)
		}
	}
	page := c.get(base)
	if !strings.Contains(page.body, `href="`+base+`/successor"`) || !strings.Contains(page.body, "Đã kết thúc") {
		t.Fatalf("the ended plan offers no successor")
	}
	form := c.get(base + "/successor")
	if form.status != http.StatusOK || !strings.Contains(form.body, `value="Kế hoạch cải cách hành chính giai đoạn 2016-2020"`) ||
		!strings.Contains(form.body, `value="2016"`) || !strings.Contains(form.body, `value="2020"`) || !strings.Contains(form.body, "Chỉ tiêu chuyển tiếp") {
		t.Fatalf("successor form: %d", form.status)
	}
	old := map[string]int64{}
	targets, _ := s.PlanTargets(ctx, planID(t, s, "11/KH-CU"))
	for _, tg := range targets {
		old[tg.Code] = tg.ID
	}
	in := url.Values{"code": {"16/KH-MOI"}, "title": {"Kế hoạch cải cách hành chính giai đoạn 2016-2020"}, "issued_on": {"01/12/2015"},
		"issued_by": {"Giám đốc Sở Nội vụ"}, "start_year": {"2015"}, "end_year": {"2020"}, "carried": {fmt.Sprint(old["CT02"])}}
	// overlapping the ended plan's years: refused, nothing lost
	res = c.post(base+"/successor", in)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "phải bắt đầu sau năm cuối của 11/KH-CU (2015)") ||
		!strings.Contains(res.body, `value="16/KH-MOI"`) {
		t.Fatalf("overlapping successor: %d", res.status)
	}
	in.Set("start_year", "2016")
	res = c.post(base+"/successor", in)
	if res.status != http.StatusSeeOther {
		t.Fatalf("successor: %d\n%s", res.status, res.body)
	}
	next := res.location
	succ := planID(t, s, "16/KH-MOI")
	links, err := s.TargetLinks(ctx, succ)
	if err != nil || len(links) != 2 {
		t.Fatalf("links = %v, %v", links, err)
	}
	newTargets, _ := s.PlanTargets(ctx, succ)
	for _, tg := range newTargets {
		l := links[tg.ID]
		if l.ContinuesID != old[tg.Code] || l.CarriedOver != (tg.Code == "CT02") || len(tg.Units) != 2 {
			t.Errorf("%s: continues %d (want %d), carried %v, units %v", tg.Code, l.ContinuesID, old[tg.Code], l.CarriedOver, tg.Units)
		}
	}
	if tasks, _ := s.PlanTasks(ctx, succ); len(tasks) != 1 || tasks[0].LeadUnitCode != "VPS" || len(tasks[0].Cooperating) != 1 {
		t.Errorf("tasks = %+v", tasks)
	}
	page = c.get(next)
	for _, want := range []string{"Dự thảo", "Tiếp nối kế hoạch", "11/KH-CU (2011–2015)", "Chuyển tiếp từ 11/KH-CU, CT02", "Tiếp nối 11/KH-CU, CT01"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("successor page lacks %q", want)
		}
	}
	if page := c.get(base); !strings.Contains(page.body, "16/KH-MOI (2016–2020)") || strings.Contains(page.body, base+"/successor\"") {
		t.Error("the ended plan does not link to its successor, or still offers one")
	}
	if res := c.post(base+"/successor", in); res.status != http.StatusConflict {
		t.Errorf("a second successor: %d", res.status)
	}
	// the draft is edited like any plan, then activated: its periods open
	if res := c.post(next+"/targets/"+fmt.Sprint(newTargets[0].ID), targetForm(newTargets[0].Code, "95", "")); res.status != http.StatusSeeOther {
		t.Errorf("editing a copied target: %d\n%s", res.status, res.body)
	}
	before, _ := s.ListPeriods(ctx, 2016, 2020)
	res = c.post(next+"/status", url.Values{"action": {"activate"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("activate: %d", res.status)
	}
	after, _ := s.ListPeriods(ctx, 2016, 2020)
	if len(before) != 0 || len(after) != 20 {
		t.Errorf("periods of 2016–2020: %d before, %d after activation; want 0 and 20", len(before), len(after))
	}
	if page := c.get(next); !strings.Contains(page.body, "Đã mở 20 kỳ báo cáo của kế hoạch.") {
		t.Error("activation does not say it opened the periods")
	}
}

package plantest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
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
		res := c.Get(fmt.Sprintf("/plans/%d/successor", planID(t, s, code)))
		if res.Status != http.StatusConflict || !res.HasText("main .card p", want) {
			t.Errorf("successor of %s: %d", code, res.Status)
		}
	}
	if res := signIn(t, "giamdoc").Get(fmt.Sprintf("/plans/%d/successor", planID(t, s, "2320/KH-SNV"))); res.Status != http.StatusForbidden {
		t.Errorf("the director drafting a successor: %d", res.Status)
	}

	// an ended plan of 2011–2015 with two targets and a task
	res := c.Post("/plans", url.Values{"code": {"11/KH-CU"}, "title": {"Kế hoạch cải cách hành chính giai đoạn 2011-2015"},
		"issued_on": {"01/12/2010"}, "issued_by": {"Giám đốc Sở Nội vụ"}, "start_year": {"2011"}, "end_year": {"2015"}, "basis": {"Nghị quyết 30c/NQ-CP"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create: %d", res.Status)
	}
	base := res.Location
	for _, code := range []string{"CT01", "CT02"} {
		if res := c.Post(base+"/targets", targetForm(code, "90", "")); res.Status != http.StatusSeeOther {
			t.Fatalf("target %s: %d\n%s", code, res.Status, res.Body)
		}
	}
	task := url.Values{"area": {"tthc"}, "code": {"NV1"}, "text": {"Rà soát thủ tục hành chính"}, "lead": {"VPS"}, "cooperating": {"TTLT"},
		"deadline_note": {"Hằng năm"}, "units": {"VPS"}}
	if res := c.Post(base+"/tasks", task); res.Status != http.StatusSeeOther {
		t.Fatalf("task: %d\n%s", res.Status, res.Body)
	}
	if page := c.Get(base); page.Has(`[href="` + base + `/successor"], [action="` + base + `/successor"]`) {
		t.Error("a draft offers a successor")
	}
	for _, move := range []string{"activate", "close"} {
		if res := c.Post(base+"/status", url.Values{"action": {move}}); res.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d", move, res.Status)
		}
	}
	page := c.Get(base)
	if !page.Has(`a[href="`+base+`/successor"]`) || !page.HasText(".facts .badge", "Đã kết thúc") {
		t.Fatalf("the ended plan offers no successor")
	}
	form := c.Get(base + "/successor")
	if form.Status != http.StatusOK || form.Value("title") != "Kế hoạch cải cách hành chính giai đoạn 2016-2020" ||
		form.Value("start_year") != "2016" || form.Value("end_year") != "2020" || !form.HasText("#f-carried legend", "Chỉ tiêu chuyển tiếp") {
		t.Fatalf("successor form: %d", form.Status)
	}
	old := map[string]int64{}
	targets, _ := s.PlanTargets(ctx, planID(t, s, "11/KH-CU"))
	for _, tg := range targets {
		old[tg.Code] = tg.ID
	}
	in := url.Values{"code": {"16/KH-MOI"}, "title": {"Kế hoạch cải cách hành chính giai đoạn 2016-2020"}, "issued_on": {"01/12/2015"},
		"issued_by": {"Giám đốc Sở Nội vụ"}, "start_year": {"2015"}, "end_year": {"2020"}, "carried": {fmt.Sprint(old["CT02"])}}
	// overlapping the ended plan's years: refused, nothing lost
	res = c.Post(base+"/successor", in)
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("#e-start_year.field-error", "phải bắt đầu sau năm cuối của 11/KH-CU (2015)") ||
		res.Value("code") != "16/KH-MOI" {
		t.Fatalf("overlapping successor: %d", res.Status)
	}
	in.Set("start_year", "2016")
	res = c.Post(base+"/successor", in)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("successor: %d\n%s", res.Status, res.Body)
	}
	next := res.Location
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
	page = c.Get(next)
	for sel, want := range map[string]string{".facts .badge": "Dự thảo", ".facts dt": "Tiếp nối kế hoạch", ".facts dd a": "11/KH-CU (2011–2015)",
		"table.plan-items td .badge-carried": "Chuyển tiếp từ 11/KH-CU, CT02", "table.plan-items td .small": "Tiếp nối 11/KH-CU, CT01"} {
		if !page.HasText(sel, want) {
			t.Errorf("successor page lacks %q in %s", want, sel)
		}
	}
	if page := c.Get(base); !page.HasText(".facts dd a", "16/KH-MOI (2016–2020)") || page.Has(`[href="`+base+`/successor"]`) {
		t.Error("the ended plan does not link to its successor, or still offers one")
	}
	if res := c.Post(base+"/successor", in); res.Status != http.StatusConflict {
		t.Errorf("a second successor: %d", res.Status)
	}
	// the draft is edited like any plan, then activated: its periods open
	if res := c.Post(next+"/targets/"+fmt.Sprint(newTargets[0].ID), targetForm(newTargets[0].Code, "95", "")); res.Status != http.StatusSeeOther {
		t.Errorf("editing a copied target: %d\n%s", res.Status, res.Body)
	}
	before, _ := s.ListPeriods(ctx, 2016, 2020)
	res = c.Post(next+"/status", url.Values{"action": {"activate"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("activate: %d", res.Status)
	}
	after, _ := s.ListPeriods(ctx, 2016, 2020)
	if len(before) != 0 || len(after) != 20 {
		t.Errorf("periods of 2016–2020: %d before, %d after activation; want 0 and 20", len(before), len(after))
	}
	if page := c.Get(next); !page.HasText(".flash", "Đã mở 20 kỳ báo cáo của kế hoạch.") {
		t.Error("activation does not say it opened the periods")
	}
}

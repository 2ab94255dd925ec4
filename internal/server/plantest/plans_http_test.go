package plantest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

func planID(t *testing.T, s *postgres.Store, code string) int64 {
	t.Helper()
	id, err := s.PlanIDByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("plan %s: %v", code, err)
	}
	return id
}

func idFromLocation(t *testing.T, loc string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/plans/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q is not a plan", loc)
	}
	return id
}

func countPlans(t *testing.T, s *postgres.Store) int {
	t.Helper()
	var n int
	if err := s.Pool().QueryRow(context.Background(), `SELECT count(*) FROM plans`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExport2320ImportsAsTheSamePlan is the round trip of the acceptance criteria:
// 2320/KH-SNV exported to the template and imported as a new plan gives the same
// targets, tasks and assignments.
func TestExport2320ImportsAsTheSamePlan(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	orig := planID(t, s, "2320/KH-SNV")
	res := c.Get(fmt.Sprintf("/plans/%d/template.xlsx", orig))
	if res.Status != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "ke-hoach-2320-KH-SNV.xlsx") {
		t.Fatalf("export: %d %v", res.Status, res.Header)
	}
	res = upload(c, "ke-hoach-2320-KH-SNV.xlsx", res.Raw, "2320/KH-SNV-SAO")
	if res.Status != http.StatusSeeOther {
		t.Fatalf("import: status %d\n%s", res.Status, res.Body)
	}
	copyID := idFromLocation(t, res.Location)
	want, err := s.PlanSpec(ctx, orig)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.PlanSpec(ctx, copyID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Targets) != 14 || len(got.Tasks) != 7 {
		t.Fatalf("imported %d targets and %d tasks", len(got.Targets), len(got.Tasks))
	}
	for i := range want.Targets {
		if !reflect.DeepEqual(got.Targets[i], want.Targets[i]) {
			t.Errorf("target %d:\n got %+v\nwant %+v", i, got.Targets[i], want.Targets[i])
		}
	}
	for i := range want.Tasks {
		if !reflect.DeepEqual(got.Tasks[i], want.Tasks[i]) {
			t.Errorf("task %d:\n got %+v\nwant %+v", i, got.Tasks[i], want.Tasks[i])
		}
	}
	want.Header.Code = "2320/KH-SNV-SAO"
	if !reflect.DeepEqual(got.Header, want.Header) {
		t.Errorf("header:\n got %+v\nwant %+v", got.Header, want.Header)
	}
	p, _ := s.PlanByID(ctx, copyID)
	if p.Status != "draft" {
		t.Errorf("imported plan status %q; want draft", p.Status)
	}
	// The same file again: the number is taken, the preview says so, nothing is written.
	before := countPlans(t, s)
	res = upload(c, "ke-hoach-2320-KH-SNV.xlsx", c.Get(fmt.Sprintf("/plans/%d/template.xlsx", orig)).Raw, "")
	if res.Status != http.StatusUnprocessableEntity || !res.HasText(".import-sheet .row-problems li", `Số hiệu kế hoạch "2320/KH-SNV" đã có trong hệ thống`) {
		t.Errorf("re-import of an existing number: %d", res.Status)
	}
	if countPlans(t, s) != before {
		t.Error("a refused import wrote a plan")
	}
}

func TestImportWithProblemsWritesNothing(t *testing.T) {
	c := signIn(t, "cchc")
	_, s := portal(t)
	tmpl := c.Get("/plans/template.xlsx")
	if tmpl.Status != http.StatusOK {
		t.Fatalf("template: %d", tmpl.Status)
	}
	f, err := excelize.OpenReader(bytes.NewReader(tmpl.Raw))
	if err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]any{"B2": "77/KH-THU", "B3": "Kế hoạch thử", "B4": "05/01/2027", "B6": 2027, "B7": 2031} {
		_ = f.SetCellValue("Kế hoạch", cell, v)
	}
	_ = f.SetSheetRow("Chỉ tiêu", "A2", &[]any{"CT01", "tthc", "Tỷ lệ hồ sơ trực tuyến", "Tỷ lệ (%)", "≥", nil, "%", nil, nil, "x"})
	_ = f.SetSheetRow("Phân công", "A2", &[]any{"Chỉ tiêu", "CT01", "KHONGCO"})
	var buf bytes.Buffer
	_, _ = f.WriteTo(&buf)
	before := countPlans(t, s)
	res := upload(c, "thu.xlsx", buf.Bytes(), "")
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.Status)
	}
	for sel, want := range map[string]string{"#import-problems h2": "còn 2 lỗi", "#import-problems p": "Chưa có dữ liệu nào được ghi",
		".import-rows tr.has-problem .row-problems li":  "Vui lòng nhập giá trị chỉ tiêu.",
		".import-rows tr.has-problem .row-problems li ": `Không có đơn vị mã "KHONGCO".`} {
		if !res.HasText(sel, want) {
			t.Errorf("preview lacks %q in %s", want, sel)
		}
	}
	if countPlans(t, s) != before {
		t.Error("a refused import wrote a plan")
	}
	res = upload(c, "ghi-chu.txt", []byte("không phải Excel"), "")
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("#e-file.field-error", "không phải tệp Excel .xlsx") {
		t.Errorf("a text file: %d", res.Status)
	}
}

func TestOnlyTheReformOfficeChangesPlans(t *testing.T) {
	_, s := portal(t)
	id := planID(t, s, seed.SuccessorCode) // the plan in force; 2320/KH-SNV has ended and is read-only
	for _, user := range []string{"vanphong", "giamdoc", "admin"} {
		c := signIn(t, user)
		if res := c.Get(fmt.Sprintf("/plans/%d", id)); res.Status != http.StatusOK || res.HasText("main a.button", "Thêm chỉ tiêu") {
			t.Errorf("%s reading the plan: %d (or sees the edit controls)", user, res.Status)
		}
		for _, path := range []string{"/plans/new", "/periods", "/plans/import", fmt.Sprintf("/plans/%d/assignments", id)} {
			if res := c.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("%s GET %s: %d; want 403", user, path, res.Status)
			}
		}
		if res := c.Post(fmt.Sprintf("/plans/%d/status", id), url.Values{"action": {"close"}}); res.Status != http.StatusForbidden {
			t.Errorf("%s closing the plan: %d; want 403", user, res.Status)
		}
	}
	c := signIn(t, "cchc")
	if res := c.Get(fmt.Sprintf("/plans/%d", id)); !res.HasText("main .actions a.button", "Thêm chỉ tiêu") || !res.Has(`nav a[href="/periods"]`) {
		t.Error("the reform office does not see the plan's controls or the periods menu")
	}
	if res := c.Get("/plans/999999/edit"); res.Status != http.StatusNotFound {
		t.Errorf("unknown plan: %d", res.Status)
	}
}

func targetForm(code, value, schedule string) url.Values {
	return url.Values{"area": {"tthc"}, "code": {code}, "text": {"Mức độ hài lòng của người dân"}, "kind": {"percent"}, "op": {">="},
		"value": {value}, "measure_unit": {"%"}, "each_year": {"1"}, "schedule": {schedule}, "units": {"VPS", "CCHC"}}
}

func TestCommitmentChangesKeepHistory(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	id := planID(t, s, seed.SuccessorCode) // the plan in force
	// a yearly percentage target with results, CT14 where the day's data have some, and the
	// years the demo holds its results in, as the data say
	var tg store.Target
	var first, last int
	if err := s.Pool().QueryRow(ctx, `SELECT t.id, min(p.year), max(p.year) FROM targets t JOIN target_results tr ON tr.target_id = t.id
		JOIN reports r ON r.id = tr.report_id JOIN periods p ON p.id = r.period_id
		WHERE t.plan_id = $1 AND t.kind = 'percent' AND t.each_year GROUP BY t.id, t.code ORDER BY t.code = 'CT14' DESC, t.code LIMIT 1`, id).Scan(&tg.ID, &first, &last); err != nil {
		t.Fatalf("no yearly target with results: %v", err)
	}
	targets, _ := s.PlanTargets(ctx, id)
	for _, x := range targets {
		if x.ID == tg.ID {
			tg = x
		}
	}
	base := *tg.Value
	form := func(value float64, schedule string) url.Values {
		return url.Values{"area": {tg.AreaKey}, "code": {tg.Code}, "text": {tg.Text}, "kind": {"percent"}, "op": {string(tg.Op)},
			"value": {strconv.FormatFloat(value, 'f', -1, 64)}, "measure_unit": {"%"}, "each_year": {"1"}, "schedule": {schedule}, "units": tg.Units}
	}
	path := fmt.Sprintf("/plans/%d/targets/%d", id, tg.ID)
	page := c.Get(path)
	if page.Status != http.StatusOK || !page.HasText("main > .notice", "Chỉ tiêu đã có kết quả báo cáo các năm "+strconv.Itoa(first)) ||
		!page.HasText("main > .notice", fmt.Sprintf("Để thay đổi chỉ tiêu từ năm %d", last+1)) {
		t.Fatalf("%s edit form: %d, no note about results of %d–%d", tg.Code, page.Status, first, last)
	}
	lower := base - 5
	res := c.Post(path, form(lower, ""))
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("#e-schedule.field-error", "Thay đổi này làm đổi chỉ tiêu của năm "+strconv.Itoa(first)) ||
		res.Value("value") != fmt.Sprint(lower) {
		t.Fatalf("changing the base after results: %d\n", res.Status)
	}
	from := last + 1
	if res := c.Post(path, form(base, fmt.Sprintf("%d: ≥ %v", from, lower))); res.Status != http.StatusSeeOther {
		t.Fatalf("amendment from %d: %d\n%s", from, res.Status, res.Body)
	}
	sched, err := s.TargetSchedule(ctx, tg.ID)
	if err != nil {
		t.Fatal(err)
	}
	for year, want := range map[int]float64{first: base, last: base, from: lower} {
		if v := domain.CommitmentInForce(tg.Commitment(), sched, year).Value; v == nil || *v != want {
			t.Errorf("%d: commitment %v; want %v", year, v, want)
		}
	}
	entries, _, err := s.ListAudit(ctx, store.AuditFilter{Action: "target.update", EntityID: fmt.Sprint(tg.ID)}, store.Page{})
	if err != nil || len(entries) != 1 || !strings.Contains(string(entries[0].After), fmt.Sprintf("%d: ≥ %v", from, lower)) || !strings.Contains(string(entries[0].Before), `"schedule": ""`) {
		t.Errorf("audit of the amendment: %+v, %v", entries, err)
	}
	if page := c.Get(path); !page.HasText(".card table td", fmt.Sprintf("≥ %v%% — mỗi năm", lower)) {
		t.Errorf("the target page does not show the %d commitment", from)
	}
}

func TestTargetFormKeepsWhatWasTyped(t *testing.T) {
	c := signIn(t, "cchc")
	res := c.Post("/plans", url.Values{"code": {"88/KH-THU"}, "title": {"Kế hoạch thử nghiệm biểu mẫu"}, "issued_on": {"31/02/2027"},
		"start_year": {"2027"}, "end_year": {"2031"}, "basis": {"Quyết định 1\nQuyết định 2"}})
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("#e-issued_on.field-error", "Ngày ban hành không hợp lệ") ||
		res.Value("title") != "Kế hoạch thử nghiệm biểu mẫu" || res.Value("basis") != "Quyết định 1\nQuyết định 2" {
		t.Fatalf("plan form with a bad date: %d", res.Status)
	}
	res = c.Post("/plans", url.Values{"code": {"88/KH-THU"}, "title": {"Kế hoạch thử nghiệm biểu mẫu"}, "issued_on": {"02/01/2027"},
		"start_year": {"2027"}, "end_year": {"2031"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create plan: %d", res.Status)
	}
	base := res.Location
	res = c.Post(base+"/targets", targetForm("CT01", "mười hai", ""))
	if res.Status != http.StatusUnprocessableEntity || res.Value("value") != "mười hai" || !res.HasText("#e-value.field-error", "không phải là số") {
		t.Fatalf("target with a bad value: %d", res.Status)
	}
	if res := c.Post(base+"/targets", targetForm("CT01", "12,5", "")); res.Status != http.StatusSeeOther {
		t.Fatalf("target: %d\n%s", res.Status, res.Body)
	}
	if res := c.Post(base+"/targets", targetForm("CT01", "20", "")); res.Status != http.StatusUnprocessableEntity ||
		!res.HasText("#e-code.field-error", "Kế hoạch đã có chỉ tiêu mang mã này") {
		t.Errorf("duplicate target code: %d", res.Status)
	}
	task := url.Values{"area": {"chi-dao"}, "code": {"NV1"}, "text": {"Tuyên truyền"}, "lead": {"CCHC"}, "cooperating": {"VPS", "CCHC"},
		"deadline": {"31/12/2027"}, "output": {"Kế hoạch"}, "units": {"CCHC"}}
	if res := c.Post(base+"/tasks", task); res.Status != http.StatusSeeOther {
		t.Fatalf("task: %d\n%s", res.Status, res.Body)
	}
	page := c.Get(base)
	for sel, want := range map[string]string{"table.plan-items td": "≥ 12,5% — mỗi năm", "table.plan-items td.units": "CCHC, VPS",
		"table.plan-items td ": "31/12/2027", ".facts .badge": "Dự thảo"} {
		if !page.HasText(sel, want) {
			t.Errorf("plan page lacks %q in %s", want, sel)
		}
	}
	// Activate then close: the plan becomes read-only.
	for _, move := range []string{"activate", "close"} {
		if res := c.Post(base+"/status", url.Values{"action": {move}}); res.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d", move, res.Status)
		}
	}
	if res := c.Post(base+"/targets", targetForm("CT02", "50", "")); res.Status != http.StatusConflict ||
		!res.HasText("main .card p", "Kế hoạch đã kết thúc nên không sửa được") {
		t.Errorf("adding a target to a closed plan: %d", res.Status)
	}
	if res := c.Post(base+"/status", url.Values{"action": {"activate"}}); res.Status != http.StatusConflict {
		t.Errorf("activating a closed plan: %d", res.Status)
	}
	if res := c.Post(base+"/status", url.Values{"action": {"reopen"}}); res.Status != http.StatusSeeOther {
		t.Errorf("reopening: %d", res.Status)
	}
}

func TestGeneratePeriodsTwiceNeverDuplicates(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	gen := func(year, day string, kinds ...string) *servertest.Response {
		return c.Post("/periods/generate", url.Values{"year": {year}, "day": {day}, "kinds": kinds})
	}
	before2026, _ := s.ListPeriods(ctx, 2026, 2026)
	if res := gen("2026", "10", "q1", "h1", "q3", "year"); res.Status != http.StatusSeeOther {
		t.Fatalf("generate 2026: %d", res.Status)
	}
	after2026, _ := s.ListPeriods(ctx, 2026, 2026)
	if !reflect.DeepEqual(before2026, after2026) {
		t.Errorf("regenerating the demo's 2026 periods changed them:\n%+v\n%+v", before2026, after2026)
	}
	if res := gen("2028", "12", "q1", "h1", "q3", "year"); res.Status != http.StatusSeeOther {
		t.Fatalf("generate 2028: %d", res.Status)
	}
	if res := gen("2028", "8", "q1", "h1", "q3", "year", "q2"); res.Status != http.StatusSeeOther {
		t.Fatalf("regenerate 2028: %d", res.Status)
	}
	ps, _ := s.ListPeriods(ctx, 2028, 2028)
	if len(ps) != 5 {
		t.Fatalf("2028 has %d periods; want 5", len(ps))
	}
	for _, p := range ps {
		start, end := domain.DataWindow(2028, domain.PeriodKind(p.Kind))
		if !p.StartsOn.Equal(start) && domain.FormatDate(p.StartsOn) != domain.FormatDate(start) || domain.FormatDate(p.EndsOn) != domain.FormatDate(end) ||
			domain.FormatDate(p.Deadline) != domain.FormatDate(domain.DefaultDeadline(2028, domain.PeriodKind(p.Kind), 8)) {
			t.Errorf("%s 2028: %s–%s deadline %s", p.Kind, domain.FormatDate(p.StartsOn), domain.FormatDate(p.EndsOn), domain.FormatDate(p.Deadline))
		}
	}
	if page := c.Get("/periods?show=2028"); !page.HasText("main table td", "15/12/2027 – 14/03/2028") || page.Value("day") != "8" {
		t.Error("periods page does not show the 2028 Q1 window or the last deadline day")
	}
	if res := gen("20x8", "40"); res.Status != http.StatusUnprocessableEntity || !res.HasText("#f-kinds .field-error", "Chọn ít nhất một kỳ báo cáo") ||
		res.Value("year") != "20x8" {
		t.Errorf("bad generate form: %d", res.Status)
	}
	// Close, change the deadline, reopen — each audited.
	q1 := ps[0]
	// 2028's deadline is ahead: closing takes both confirmations
	if res := c.Post(fmt.Sprintf("/periods/%d/close", q1.ID), url.Values{"closed": {"1"}, "confirm": {"1"}, "early": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("close: %d", res.Status)
	}
	if res := gen("2028", "8", "q1"); res.Status != http.StatusSeeOther {
		t.Fatal("regenerate with a closed period")
	}
	if p, _ := s.PeriodByID(ctx, q1.ID); !p.Closed() {
		t.Error("regenerating reopened a closed period")
	}
	if res := c.Post(fmt.Sprintf("/periods/%d", q1.ID), url.Values{"deadline": {"01/12/2027"}}); res.Status != http.StatusUnprocessableEntity ||
		!res.HasText("#e-deadline.field-error", "Hạn nộp không được trước ngày bắt đầu lấy số liệu (15/12/2027)") {
		t.Errorf("deadline before the window: %d", res.Status)
	}
	if res := c.Post(fmt.Sprintf("/periods/%d", q1.ID), url.Values{"deadline": {"5/3/2028"}}); res.Status != http.StatusSeeOther {
		t.Errorf("deadline: %d", res.Status)
	}
	if res := c.Post(fmt.Sprintf("/periods/%d/close", q1.ID), url.Values{"closed": {"0"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", res.Status)
	}
	p, _ := s.PeriodByID(ctx, q1.ID)
	if p.Closed() || domain.FormatDate(p.Deadline) != "05/03/2028" {
		t.Errorf("after reopen: %+v", p)
	}
	for _, action := range []string{"period.close", "period.deadline", "period.reopen", "period.generate"} {
		entries, _, _ := s.ListAudit(ctx, store.AuditFilter{Action: action, EntityID: fmt.Sprint(q1.ID)}, store.Page{})
		if len(entries) == 0 || entries[0].After == nil {
			t.Errorf("no audit entry %s for the period", action)
		}
	}
}

func TestAssignmentMatrix(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	res := c.Post("/plans", url.Values{"code": {"99/KH-MT"}, "title": {"Kế hoạch thử ma trận"}, "issued_on": {"02/01/2027"},
		"start_year": {"2027"}, "end_year": {"2031"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create plan: %d", res.Status)
	}
	base := res.Location
	id := idFromLocation(t, base)
	for _, code := range []string{"A1", "A2"} {
		if res := c.Post(base+"/targets", targetForm(code, "50", "")); res.Status != http.StatusSeeOther {
			t.Fatalf("target %s: %d", code, res.Status)
		}
	}
	page := c.Get(base + "/assignments")
	if page.Status != http.StatusOK || !page.HasText("table.plan-matrix td.cell label.sr-only", "A1 – Văn phòng Sở") {
		t.Fatalf("matrix: %d", page.Status)
	}
	targets, _ := s.PlanTargets(ctx, id)
	units, _ := s.UnitIDsByCode(ctx)
	cell := func(target int, unit string) string { return fmt.Sprintf("%d:%d", targets[target].ID, units[unit]) }
	if res := c.Post(base+"/assignments", url.Values{"t": {cell(0, "TTLT"), cell(1, "VPS"), cell(1, "TTS")}}); res.Status != http.StatusSeeOther {
		t.Fatalf("save matrix: %d", res.Status)
	}
	spec, _ := s.PlanSpec(ctx, id)
	if !reflect.DeepEqual(spec.Targets[0].Units, []string{"TTLT"}) || !reflect.DeepEqual(spec.Targets[1].Units, []string{"TTS", "VPS"}) {
		t.Errorf("after the matrix: %v %v", spec.Targets[0].Units, spec.Targets[1].Units)
	}
	if res := c.Post(base+"/assignments", url.Values{"t": {"x:y"}}); res.Status != http.StatusBadRequest {
		t.Errorf("garbage pair: %d", res.Status)
	}
	// Move A2 up, retire it, and restore it.
	a2 := fmt.Sprintf("%s/targets/%d", base, targets[1].ID)
	c.Post(a2+"/move", url.Values{"dir": {"up"}})
	c.Post(a2+"/retire", url.Values{"retired": {"1"}})
	now, _ := s.PlanTargets(ctx, id)
	if len(now) != 1 || now[0].Code != "A1" {
		t.Errorf("after retiring A2: %+v", now)
	}
	c.Post(a2+"/retire", url.Values{"retired": {"0"}})
	now, _ = s.PlanTargets(ctx, id)
	if len(now) != 2 || now[0].Code != "A2" {
		t.Errorf("after restoring A2 (moved up first): %v, %v", now[0].Code, now[1].Code)
	}
	for action, want := range map[string][2]string{
		"target.move":    {`"position": 2`, `"position": 1`},
		"target.retire":  {`"retired": false`, `"retired": true`},
		"target.restore": {`"retired": true`, `"retired": false`},
	} {
		entries, _, _ := s.ListAudit(ctx, store.AuditFilter{Action: action, EntityID: fmt.Sprint(targets[1].ID)}, store.Page{})
		if len(entries) != 1 || !strings.Contains(string(entries[0].Before), want[0]) || !strings.Contains(string(entries[0].After), want[1]) {
			t.Errorf("audit of %s: %+v", action, entries)
		}
	}
	entries, _, _ := s.ListAudit(ctx, store.AuditFilter{Action: "plan.assign", EntityID: fmt.Sprint(id)}, store.Page{})
	if len(entries) != 1 || !strings.Contains(string(entries[0].Before), `"A2": ["CCHC", "VPS"]`) || !strings.Contains(string(entries[0].After), `"A2": ["TTS", "VPS"]`) {
		t.Errorf("audit of the matrix: %+v", entries)
	}
}

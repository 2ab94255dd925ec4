package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

var (
	threeTargets = []string{"CT01", "CT11", "CT12"} // percent, milestone, percent
	twoTasks     = []string{"NV2", "NV4"}
)

// complete is a full, valid report for a unit with threeTargets and twoTasks.
func complete() map[string]string {
	return map[string]string{"CT01": "98,5", "CT11.done": "1", "CT11.done_on": "10/11/2031", "CT12": "100",
		"NV2": "in_progress", "NV4": "done", "CT01.narrative": "Đã tiếp nhận toàn bộ hồ sơ qua Cổng dịch vụ công."}
}

func TestSaveDraftAcceptsBothDecimalMarks(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)

	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK || !r.HasText(".report-header .facts .badge", "Chưa bắt đầu") {
		t.Fatalf("form: %d", r.Status)
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Fatal("opening the form must not create the report")
	}
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "12,5", "CT12": "12.5"}))
	if res.Status != http.StatusSeeOther || res.Location != formURL(u, f.open) {
		t.Fatalf("save: %d → %q\n%s", res.Status, res.Location, res.Body)
	}
	for _, code := range []string{"CT01", "CT12"} {
		if v := storedValue(t, u.ID, f.open.ID, code); v == nil || *v != 12.5 {
			t.Errorf("%s stored %v, want 12.5", code, v)
		}
	}
	rep, ok := reportRow(t, u.ID, f.open.ID)
	if !ok || rep.Status != "draft" {
		t.Fatalf("report after first save: %+v %v", rep, ok)
	}
	// The form comes back with the values as a Vietnamese user types them, and the flash.
	form := staff.Get(formURL(u, f.open))
	if form.Value(targetKey(f.targets["CT01"])+"_value") != "12,5" || !form.HasText(".flash", "Đã lưu nháp lúc") {
		t.Errorf("form after save lacks the prefilled 12,5 or the flash")
	}
}

func TestBadValueKeepsEverythingTyped(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	vals := map[string]string{"CT01": "150", "CT12": "mười", "CT01.narrative": "Giải trình không được mất", "NV2": "done"}
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", vals))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.Status)
	}
	ct01, ct12 := targetKey(f.targets["CT01"]), targetKey(f.targets["CT12"])
	for sel, want := range map[string]string{"#e-" + ct01 + "_value.field-error": "Tỷ lệ phải từ 0 đến 100",
		"#e-" + ct12 + "_value.field-error": `Giá trị "mười" không phải là số`, "#error-summary li": "CT01: Tỷ lệ phải từ 0 đến 100"} {
		if !res.HasText(sel, want) {
			t.Errorf("422 page lacks %q in %s", want, sel)
		}
	}
	for name, want := range map[string]string{ct01 + "_value": "150", ct12 + "_value": "mười", ct01 + "_narrative": "Giải trình không được mất",
		taskKey(f.tasks["NV2"]) + "_progress": "done"} {
		if got := res.Value(name); got != want {
			t.Errorf("422 page: %s shows %q, want %q as typed", name, got, want)
		}
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Error("a refused save must write nothing")
	}
}

func TestSubmitListsWhatIsMissing(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", map[string]string{"CT01": "90", "CT11.done": "1"}))
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.Status)
	}
	for _, want := range []string{"CT12: Chưa nhập kết quả.", "CT11: Nhập ngày hoàn thành", "NV2: Chưa chọn tiến độ thực hiện.", "NV4: Chưa chọn tiến độ thực hiện."} {
		if !res.HasText("#error-summary li", want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if res.Value(targetKey(f.targets["CT01"])+"_value") != "90" {
		t.Error("page lost the typed 90")
	}
	// What was typed is kept as a draft (issue 13), not submitted.
	draft, ok := reportRow(t, u.ID, f.open.ID)
	if !ok || draft.Status != "draft" {
		t.Fatalf("an incomplete submission must be kept as a draft: %+v %v", draft, ok)
	}
	// Complete, it goes through, on time.
	res = staff.PostMultipart(formURL(u, f.open), reportForm(t, u, draft.Version, "submit", complete()))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("complete submit: %d\n%s", res.Status, res.Body)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	if rep.Status != "submitted" || rep.SubmittedAt == nil {
		t.Fatalf("report %+v", rep)
	}
	view := staff.Get(formURL(u, f.open))
	if !view.HasText(".flash", "Đã nộp báo cáo") || view.Has(`[name="version"]`) {
		t.Error("a submitted report shows read-only with the flash")
	}
	if !view.HasText(".result .shown-value", "Đã hoàn thành (10/11/2031)") || !view.HasText(".result .shown-value", "98,5%") {
		t.Error("the milestone's date or the value does not read back as typed")
	}
}

func TestLateSubmissionIsMarked(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	res := staff.PostMultipart(formURL(u, f.late), reportForm(t, u, 0, "submit", complete()))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("late submit refused: %d", res.Status)
	}
	if !staff.Get(formURL(u, f.late)).HasText(".flash", "nộp muộn") {
		t.Error("flash does not say the report is late")
	}
	rep, _ := reportRow(t, u.ID, f.late.ID)
	var late bool
	if err := f.pool.QueryRow(context.Background(), `SELECT (after->>'late')::boolean FROM audit_log WHERE entity_id = $1 AND action = 'report.submit'`,
		fmt.Sprint(rep.ID)).Scan(&late); err != nil || !late {
		t.Errorf("audit after.late = %v, %v", late, err)
	}
	cchc := p.login(t, "cchc")
	// the matrix lists 100 units a page, and this package's tests make many
	var row string
	for n := 1; n <= 10 && row == ""; n++ {
		row = cchc.Get(fmt.Sprintf("/review/matrix?year=2031&page=%d", n)).Find("main table tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
			return servertest.Squash(tr.Find("th").Text()) == "Đơn vị thử nghiệm "+u.Code
		}).Text()
	}
	if !strings.Contains(row, "Trễ hạn") || !strings.Contains(row, "Đã nộp") {
		t.Errorf("matrix row does not mark the late submission: %s", row)
	}
}

func TestDoubleSubmitIsOneSubmission(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "80"})); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	form := reportForm(t, u, rep.Version, "submit", complete())
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = staff.PostMultipart(formURL(u, f.open), form).Status
		}()
	}
	wg.Wait()
	if codes[0] != http.StatusSeeOther || codes[1] != http.StatusSeeOther {
		t.Fatalf("double submit answered %v, want two redirects", codes)
	}
	if n := auditCount(t, rep.ID, "report.submit"); n != 1 {
		t.Errorf("%d submissions recorded, want 1", n)
	}
	after, _ := reportRow(t, u.ID, f.open.ID)
	if after.Status != "submitted" || after.Version != rep.Version+1 {
		t.Errorf("report %s v%d, want submitted v%d", after.Status, after.Version, rep.Version+1)
	}
}

func TestConcurrentSavesOneWinsOtherSeesConflict(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	a, b := p.login(t, u.Staff), p.login(t, u.Head)
	if r := a.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "70"})); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	var wg sync.WaitGroup
	res := make([]*servertest.Response, 2)
	for i, who := range []*servertest.Client{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vals := map[string]string{"CT01": []string{"81,5", "92,25"}[i], "CT12": "50"}
			res[i] = who.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, "save", vals))
		}()
	}
	wg.Wait()
	win, lose := 0, 1
	if res[1].Status == http.StatusSeeOther {
		win, lose = 1, 0
	}
	if res[win].Status != http.StatusSeeOther || res[lose].Status != http.StatusConflict {
		t.Fatalf("answers %d and %d, want one 303 and one 409", res[0].Status, res[1].Status)
	}
	mine, theirs := []string{"81,5%", "92,25%"}[lose], []string{"81,5%", "92,25%"}[win]
	for sel, want := range map[string]string{"#conflict h2": "Báo cáo đã được thay đổi trong lúc bạn nhập", "#conflict td.mine": mine,
		"#conflict td.stored": theirs, "#conflict th": "Giá trị bạn nhập", "#conflict th ": "Giá trị đã lưu gần nhất"} {
		if !res[lose].HasText(sel, want) {
			t.Errorf("conflict page lacks %q in %s", want, sel)
		}
	}
	if got := res[lose].Value(targetKey(f.targets["CT01"]) + "_value"); got != strings.TrimSuffix(mine, "%") {
		t.Errorf("conflict page's form shows %q, not the value typed", got)
	}
	stored := storedValue(t, u.ID, f.open.ID, "CT01")
	if want := []float64{81.5, 92.25}[win]; stored == nil || *stored != want {
		t.Errorf("stored %v, want the winner's %v (never a silent overwrite)", stored, want)
	}
	// Having seen both, the loser saves on the newer version and it goes through.
	now, _ := reportRow(t, u.ID, f.open.ID)
	who := []*servertest.Client{a, b}[lose]
	if r := who.PostMultipart(formURL(u, f.open), reportForm(t, u, now.Version, "save", map[string]string{"CT01": "88", "CT12": "50"})); r.Status != http.StatusSeeOther {
		t.Errorf("deliberate re-save: %d", r.Status)
	}
}

func TestApprovedReportIsLockedUntilReopened(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff, cchc := p.login(t, u.Staff), p.login(t, "cchc")
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	// Returning needs a comment.
	r := cchc.Post(fmt.Sprintf("/review/%d/return", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}})
	if r.Status != http.StatusUnprocessableEntity || !r.HasText("#e-comment.field-error", "Vui lòng nhập ý kiến") {
		t.Fatalf("return without comment: %d", r.Status)
	}
	if r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.Status)
	}
	approved, _ := reportRow(t, u.ID, f.open.ID)
	if approved.Status != "approved" {
		t.Fatalf("status %s", approved.Status)
	}
	// The unit can change nothing: values, files.
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, approved.Version, "save", map[string]string{"CT01": "10"}),
		servertest.File{Field: targetKey(f.targets["CT01"]) + "_file", Name: "bổ sung.pdf", Content: minimalPDF})
	if res.Status != http.StatusConflict || !res.HasText("#conflict p", "Báo cáo đã được duyệt và bị khóa") || !res.HasText("#conflict td.mine", "10%") {
		t.Fatalf("save on approved: %d", res.Status)
	}
	if v := storedValue(t, u.ID, f.open.ID, "CT01"); v == nil || *v != 98.5 {
		t.Errorf("approved value changed to %v", v)
	}
	var files int
	_ = f.pool.QueryRow(context.Background(), `SELECT count(*) FROM evidence WHERE report_id = $1`, rep.ID).Scan(&files)
	if files != 0 {
		t.Errorf("%d files stored on an approved report", files)
	}
	// Reopening is the reform office's own, audited action, with a reason.
	if r := cchc.Post(fmt.Sprintf("/review/%d/reopen", rep.ID), url.Values{"version": {fmt.Sprint(approved.Version)}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("reopen without reason: %d", r.Status)
	}
	if r := staff.Post(fmt.Sprintf("/review/%d/reopen", rep.ID), url.Values{"version": {fmt.Sprint(approved.Version)}, "comment": {"x"}}); r.Status != http.StatusForbidden {
		t.Errorf("staff reopen: %d", r.Status)
	}
	r = cchc.Post(fmt.Sprintf("/review/%d/reopen", rep.ID), url.Values{"version": {fmt.Sprint(approved.Version)}, "comment": {"Bổ sung số liệu CT01 theo báo cáo của UBND tỉnh."}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("reopen: %d", r.Status)
	}
	if n := auditCount(t, rep.ID, "report.reopen"); n != 1 {
		t.Errorf("reopen audited %d times", n)
	}
	form := staff.Get(formURL(u, f.open))
	if !form.HasText(".return-comment .comment-text", "Bổ sung số liệu CT01 theo báo cáo của UBND tỉnh.") || !form.Has(`[name="version"]`) {
		t.Error("after reopening the unit sees the reason and an editable form")
	}
}

func TestClosedPeriodAcceptsNothing(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff, cchc := p.login(t, u.Staff), p.login(t, "cchc")
	for _, action := range []string{"save", "submit"} {
		res := staff.PostMultipart(formURL(u, f.closed), reportForm(t, u, 0, action, complete()))
		if res.Status != http.StatusConflict || !res.HasText("main", "đã khóa kỳ báo cáo") {
			t.Errorf("%s in a closed period: %d", action, res.Status)
		}
	}
	if _, ok := reportRow(t, u.ID, f.closed.ID); ok {
		t.Error("a closed period got a report")
	}
	form := staff.Get(formURL(u, f.closed))
	if form.Has(`[name="version"]`) || !form.HasText("main > .notice", "đã khóa kỳ báo cáo") {
		t.Error("a closed period's form must be read-only and say why")
	}
	// A report submitted before the period closed can be neither approved nor returned.
	if r := staff.PostMultipart(formURL(u, f.late), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.late.ID)
	if _, err := f.pool.Exec(context.Background(), `UPDATE periods SET closed_at = now() WHERE id = $1`, f.late.ID); err != nil {
		t.Fatal(err)
	}
	defer f.pool.Exec(context.Background(), `UPDATE periods SET closed_at = NULL WHERE id = $1`, f.late.ID)
	r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}})
	if r.Status != http.StatusConflict || !r.HasText("main > .notice", "Kỳ báo cáo đã khóa") {
		t.Errorf("approve in a closed period: %d", r.Status)
	}
	if now, _ := reportRow(t, u.ID, f.late.ID); now.Status != "submitted" {
		t.Errorf("status %s", now.Status)
	}
}

func TestReturnedCommentShownAndResubmitted(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff, cchc := p.login(t, u.Staff), p.login(t, "cchc")
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", complete())); r.Status != http.StatusSeeOther {
		t.Fatal(r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	if !cchc.Get("/review").HasText("main table td", "Đơn vị thử nghiệm "+u.Code) {
		t.Error("the submitted report is not in the inbox")
	}
	comment := "Đề nghị bổ sung tài liệu kiểm chứng cho chỉ tiêu CT01."
	if r := cchc.Post(fmt.Sprintf("/review/%d/return", rep.ID), url.Values{"version": {fmt.Sprint(rep.Version)}, "comment": {comment}}); r.Status != http.StatusSeeOther {
		t.Fatalf("return: %d", r.Status)
	}
	// document order: the return comment comes before the first result
	form := staff.Get(formURL(u, f.open))
	if top := form.Find("section.return-comment, article.result").First(); !top.Is("section.return-comment") ||
		!strings.Contains(servertest.Squash(top.Find("p.comment-text").Text()), comment) {
		t.Error("the return comment is not at the top of the unit's form")
	}
	ret, _ := reportRow(t, u.ID, f.open.ID)
	vals := complete()
	vals["CT01"] = "99"
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, ret.Version, "submit", vals),
		servertest.File{Field: targetKey(f.targets["CT01"]) + "_file", Name: "Báo cáo bổ sung.pdf", Content: minimalPDF})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d\n%s", res.Status, res.Body)
	}
	again, _ := reportRow(t, u.ID, f.open.ID)
	if again.Status != "submitted" {
		t.Errorf("status %s", again.Status)
	}
	if r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(again.Version)}}); r.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d", r.Status)
	}
	// A stale click on approve (same version again) is answered as already done.
	if r := cchc.Post(fmt.Sprintf("/review/%d/approve", rep.ID), url.Values{"version": {fmt.Sprint(again.Version)}}); r.Status != http.StatusSeeOther {
		t.Errorf("repeated approve: %d", r.Status)
	}
	if n := auditCount(t, rep.ID, "report.approve"); n != 1 {
		t.Errorf("approved %d times", n)
	}
	review := cchc.Get(fmt.Sprintf("/review/%d", rep.ID))
	for sel, want := range map[string]string{".report-header .badge": "Đã duyệt", ".evidence-list li a": "Báo cáo bổ sung.pdf",
		".review-actions button": "Mở lại báo cáo", ".result .badge": "Đạt"} {
		if !review.HasText(sel, want) {
			t.Errorf("review page lacks %q in %s", want, sel)
		}
	}
}

func TestHistoryAndAuditRecordBeforeAndAfter(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	_ = staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", map[string]string{"CT01": "70"}))
	rep, _ := reportRow(t, u.ID, f.open.ID)
	_ = staff.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, "save", map[string]string{"CT01": "75,5", "NV2": "in_progress"}))
	var before, after json.RawMessage
	err := f.pool.QueryRow(context.Background(), `SELECT before, after FROM audit_log WHERE entity = 'report' AND entity_id = $1
		ORDER BY id DESC LIMIT 1`, fmt.Sprint(rep.ID)).Scan(&before, &after)
	if err != nil {
		t.Fatal(err)
	}
	var b, a reportAudit
	_ = json.Unmarshal(before, &b)
	_ = json.Unmarshal(after, &a)
	key := targetKey(f.targets["CT01"])
	if *b.Results[key].Value != 70 || *a.Results[key].Value != 75.5 || a.Results[key].Code != "CT01" {
		t.Errorf("audit before %s after %s", before, after)
	}
	if _, ok := a.Results[targetKey(f.targets["CT12"])]; ok {
		t.Error("an unchanged result is recorded as changed")
	}
	form := staff.Get(formURL(u, f.open))
	for sel, want := range map[string]string{".result details.history summary": "Lịch sử thay đổi (2)", ".result details.history li": "Kết quả: 70% → 75,5%",
		".result details.history li ": "Kết quả: Chưa nhập → 70%", ".result details.history li  ": "Người dùng " + u.Staff, "#h-history": "Lịch sử báo cáo"} {
		if !form.HasText(sel, want) {
			t.Errorf("history lacks %q in %s", want, sel)
		}
	}
	// Saving the same values again changes nothing and records nothing.
	now, _ := reportRow(t, u.ID, f.open.ID)
	r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, now.Version, "save", map[string]string{"CT01": "75.5", "NV2": "in_progress"}))
	if r.Status != http.StatusSeeOther || auditCount(t, rep.ID, "report.save") != 2 {
		t.Errorf("an unchanged save was recorded")
	}
}

func TestStatusLabelsAreVietnamese(t *testing.T) {
	if got := domain.ReportStatus("returned").Label("vi"); got != "Bị trả lại" {
		t.Fatal(got)
	}
}

// Two first saves at once (a double-click on a report not yet started) make one report.
func TestConcurrentFirstSavesMakeOneReport(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	form := reportForm(t, u, 0, "save", map[string]string{"CT01": "60"})
	var wg sync.WaitGroup
	codes := make([]int, 3)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = staff.PostMultipart(formURL(u, f.open), form).Status
		}()
	}
	wg.Wait()
	for _, c := range codes {
		if c != http.StatusSeeOther {
			t.Fatalf("answers %v, want all redirects", codes)
		}
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	if n := auditCount(t, rep.ID, "report.save"); n != 1 {
		t.Errorf("%d saves recorded, want 1", n)
	}
}

// TestHostileTextInReportStoredAndShownLiterally: SQL and script typed into a narrative
// and an evidence document number are stored as typed and shown escaped, on the unit's
// form and on the reform office's review page.
func TestHostileTextInReportStoredAndShownLiterally(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	hostile := `</textarea><script>alert("x")</script>'; DROP TABLE reports; --`
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "50", "CT01.narrative": hostile})
	if res := staff.PostMultipart(formURL(u, f.open), vals); res.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", res.Status)
	}
	var stored string
	if err := f.pool.QueryRow(context.Background(), `SELECT tr.narrative FROM target_results tr JOIN reports r ON r.id = tr.report_id
		WHERE r.unit_id = $1 AND r.period_id = $2 AND tr.narrative <> ''`, u.ID, f.open.ID).Scan(&stored); err != nil || stored != hostile {
		t.Fatalf("stored narrative %q, %v", stored, err)
	}
	// escaped, the narrative is the whole text of its textarea; unescaped, the textarea would
	// end early and a script element follow
	form := staff.Get(formURL(u, f.open))
	if form.Has(`script:contains("alert")`) || !form.HasValue(hostile) {
		t.Errorf("the form does not show the narrative escaped: %v", form.Where("DROP TABLE"))
	}
}

// TestPeriodNotStartedAcceptsNothing: a report cannot be saved or submitted before its
// period's data window opens.
func TestPeriodNotStartedAcceptsNothing(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	start := time.Date(2098, 12, 15, 0, 0, 0, 0, domain.Location)
	id, err := postgres.On(f.pool).UpsertPeriod(context.Background(), store.Period{Year: 2099, Kind: "h1", StartsOn: start,
		EndsOn: time.Date(2099, 6, 14, 0, 0, 0, 0, domain.Location), Deadline: time.Date(2099, 6, 10, 0, 0, 0, 0, domain.Location)})
	if err != nil {
		t.Fatal(err)
	}
	future := store.Period{ID: id}
	// Every value filled in, so that the period's start is the only reason to refuse a submit.
	for _, action := range []string{"save", "submit"} {
		res := staff.PostMultipart(formURL(u, future), reportForm(t, u, 0, action, complete()))
		if res.Status == http.StatusSeeOther || !res.HasText("#conflict p", "Kỳ báo cáo chưa bắt đầu") {
			t.Errorf("%s before the period starts: %d, not refused with the period's reason", action, res.Status)
		}
	}
	if _, ok := reportRow(t, u.ID, id); ok {
		t.Error("a report was written for a period that has not started")
	}
}

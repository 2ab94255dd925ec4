//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestE2EQuarterlyReporting is a quarter's report from both sides: vanphong opens the open
// annual period (not started in the demo), types a bad value and sees the message with
// nothing lost, fixes it, attaches a PDF and submits; cchc returns it with a comment;
// vanphong sees the comment, fixes and resubmits; cchc approves and the report is locked.
func TestE2EQuarterlyReporting(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	// the period VPS reports on today: the newest open one it has not begun (the demo leaves
	// it to vanphong), as the data seeded on the tests' day says
	today := domain.StartOfDay(testdb.Now())
	var year int
	var kind string
	if err := testdb.Store(t).Pool().QueryRow(context.Background(), `SELECT p.year, p.kind FROM periods p
		WHERE p.starts_on <= $1 AND p.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM reports r JOIN units u ON u.id = r.unit_id
			WHERE r.period_id = p.id AND u.code = 'VPS') ORDER BY p.ends_on DESC LIMIT 1`, today).Scan(&year, &kind); err != nil {
		t.Fatalf("no open period for VPS on %s: %v", domain.FormatDate(today), err)
	}
	label := domain.PeriodLabel(year, domain.PeriodKind(kind), "vi")
	day := domain.FormatDate(today)
	pdf := filepath.Join(t.TempDir(), "Báo cáo kết quả CCHC "+label+" - Văn phòng Sở.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	// 1. vanphong opens the period from the unit's list of reports.
	run("login vanphong", login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(base+"/reports"),
		chromedp.Click(chromedp.Search(`//a[normalize-space()="`+label+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("form.report-form")))
	formURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, "h1"); h != "Báo cáo kết quả CCHC "+label+" — Văn phòng Sở" {
		t.Errorf("title %q", h)
	}
	shot(t, ctx, "report-01-form")

	key := func(code string) string {
		t.Helper()
		k, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("article.result")).
			find(a => a.querySelector(".code").textContent.trim() === "`+code+`").id.slice(2)`))
		if err != nil || k == "" {
			t.Fatalf("result %s not on the form: %v", code, err)
		}
		return k
	}
	field := func(code, name string) string { return "#f-" + key(code) + "_" + name }

	// 2. Every value typed, one of them out of range; saving shows the message, keeps the rest.
	// CT04, CT06 and CT15 are ratios of two counts: the unit enters both, and more TTHC
	// done online than there are TTHC is the value out of range.
	values := map[string]string{"CT01": "100", "CT02": "99,5", "CT03": "99.5", "CT14": "91,2"}
	counts := map[string][2]string{"CT04": {"120", "120"}, "CT06": {"250", "200"}, "CT15": {"490", "500"}}
	var steps []chromedp.Action[chromedp.Void]
	for code, v := range values {
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(field(code, "value")), v))
	}
	for code, nd := range counts {
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(field(code, "num")), nd[0]),
			chromedp.SendKeys(chromedp.CSS(field(code, "den")), nd[1]))
	}
	steps = append(steps,
		chromedp.Click(chromedp.CSS(field("CT11", "done"))),
		chromedp.SendKeys(chromedp.CSS(field("CT11", "done_on")), day),
		chromedp.SendKeys(chromedp.CSS(field("CT06", "narrative")), "Người dân vẫn quen nộp hồ sơ trực tiếp tại bộ phận một cửa."),
	)
	for _, code := range []string{"NV1", "NV2", "NV3", "NV4"} {
		steps = append(steps, chromedp.SetValue(chromedp.CSS(field(code, "progress")), "in_progress"))
	}
	steps = append(steps, chromedp.SetValue(chromedp.CSS(field("NV7", "progress")), "overdue"),
		chromedp.SendKeys(chromedp.CSS(field("NV7", "narrative")), "Chưa được bố trí kinh phí nâng cấp hạ tầng."),
		chromedp.Click(chromedp.CSS(`button[name=action][value=save]`)),
		chromedp.WaitVisible(chromedp.CSS("#error-summary")))
	run("save with a bad value", steps...)
	if msg := text(t, ctx, "#e-"+key("CT06")+"_num"); !strings.Contains(msg, "không được lớn hơn") {
		t.Errorf("message next to CT06: %q", msg)
	}
	for code, v := range values {
		if got := value(t, ctx, field(code, "value")); got != v {
			t.Errorf("%s: typed %q, form shows %q", code, v, got)
		}
	}
	for code, nd := range counts {
		if num, den := value(t, ctx, field(code, "num")), value(t, ctx, field(code, "den")); num != nd[0] || den != nd[1] {
			t.Errorf("%s: typed %s/%s, form shows %s/%s", code, nd[0], nd[1], num, den)
		}
	}
	if got := value(t, ctx, field("NV7", "narrative")); got != "Chưa được bố trí kinh phí nâng cấp hạ tầng." {
		t.Errorf("narrative lost: %q", got)
	}
	shot(t, ctx, "report-02-bad-value")

	// 3. Fixed, with the evidence attached, submitted.
	run("fix, attach and submit",
		chromedp.Clear(chromedp.CSS(field("CT06", "num"))),
		chromedp.SendKeys(chromedp.CSS(field("CT06", "num")), "95"), // 95/200 = 47,5%
		chromedp.Click(chromedp.CSS("#r-"+key("CT01")+" details.attach summary")),
		chromedp.SetUploadFiles(chromedp.CSS(field("CT01", "file")), []string{pdf}),
		chromedp.SendKeys(chromedp.CSS(field("CT01", "doc_number")), "125/BC-VPS"),
		chromedp.SendKeys(chromedp.CSS(field("CT01", "doc_date")), day),
		chromedp.SendKeys(chromedp.CSS(field("CT01", "doc_issuer")), "Văn phòng Sở"),
		chromedp.Click(chromedp.CSS(`button[name=action][value=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	if f := text(t, ctx, ".flash"); !strings.Contains(f, "Đã nộp báo cáo "+label) {
		t.Errorf("flash %q", f)
	}
	if body := text(t, ctx, "main"); !strings.Contains(body, "Báo cáo kết quả CCHC "+label+" - Văn phòng Sở.pdf") || !strings.Contains(body, "Số 125/BC-VPS") {
		t.Error("the attached PDF is not listed with its document number")
	}
	shot(t, ctx, "report-03-submitted")

	// 4. cchc finds it in the inbox and returns it with a comment.
	comment := "Đề nghị giải trình rõ hơn nguyên nhân chỉ tiêu CT06 chưa đạt 50% và đề xuất giải pháp."
	run("cchc returns", logout(), login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(base+"/review"),
		chromedp.Click(chromedp.Search(`//tr[td[.="Văn phòng Sở"] and td[.="`+label+`"]]//a`)),
		chromedp.WaitVisible(chromedp.CSS("#f-comment")))
	shot(t, ctx, "report-04-review")
	run("return", chromedp.SendKeys(chromedp.CSS("#f-comment"), comment),
		chromedp.Click(chromedp.Search(`//button[.="Trả lại để đơn vị chỉnh sửa"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	shot(t, ctx, "report-05-returned")

	// 5. vanphong sees the comment at the top, fixes and resubmits.
	run("vanphong fixes", logout(), login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(formURL), chromedp.WaitVisible(chromedp.CSS(".return-comment")))
	if c := text(t, ctx, ".return-comment"); !strings.Contains(c, comment) {
		t.Errorf("return comment %q", c)
	}
	shot(t, ctx, "report-06-returned-form")
	run("resubmit",
		chromedp.SendKeys(chromedp.CSS(field("CT06", "narrative")), " Sở đã chỉ đạo hướng dẫn trực tiếp tại bộ phận một cửa."),
		chromedp.Click(chromedp.CSS(`button[name=action][value=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	shot(t, ctx, "report-07-resubmitted")

	// 6. cchc approves; the unit's report is locked.
	run("cchc approves", logout(), login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(base+"/review"),
		chromedp.Click(chromedp.Search(`//tr[td[.="Văn phòng Sở"] and td[.="`+label+`"]]//a`)),
		chromedp.WaitVisible(chromedp.Search(`//button[.="Phê duyệt báo cáo"]`)),
		chromedp.Click(chromedp.Search(`//button[.="Phê duyệt báo cáo"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	shot(t, ctx, "report-08-approved")
	run("locked", logout(), login(base, "vanphong", seed.DemoPassword), chromedp.Navigate(formURL), chromedp.WaitVisible(chromedp.CSS(".notice")))
	if n := text(t, ctx, ".notice"); !strings.Contains(n, "đã được phê duyệt và bị khóa") {
		t.Errorf("notice %q", n)
	}
	if forms := count(t, ctx, "form.report-form"); forms != 0 {
		t.Error("an approved report still shows the form")
	}
	shot(t, ctx, "report-09-locked")
	run("logout", logout())
}

//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/seed"
)

const e2ePlanCode = "15/KH-SNV"

// TestE2EPlanImportJourney is the reform office entering a new plan from the template:
// cchc downloads the template, fills it (3 areas, 5 targets, 3 tasks, 3 units incl.
// VPS), uploads a version with two mistakes and sees both with nothing written, uploads
// the corrected file, activates the plan, generates the 2026 periods (they exist in
// the demo: nothing is duplicated), and vanphong then sees the targets given to VPS.
func TestE2EPlanImportJourney(t *testing.T) {
	base, st := isolatedPortal(t)
	ctx := browser(t)
	dir := t.TempDir()

	if err := chromedp.Do(ctx, login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(base+"/plans"),
		chromedp.Click(chromedp.CSS(`a[href="/plans/import"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-file")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "plan-import-form")

	template := download(t, ctx, dir, `a[href="/plans/template.xlsx"]`)
	bad := filepath.Join(dir, "ke-hoach-co-loi.xlsx")
	good := filepath.Join(dir, "ke-hoach.xlsx")
	fillPlan(t, template, bad, true)
	fillPlan(t, template, good, false)

	// The version with two mistakes: both shown next to their rows, nothing written.
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{bad}),
		chromedp.Click(chromedp.CSS(`form[action="/plans/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-problems")),
	); err != nil {
		t.Fatal(err)
	}
	summary := text(t, ctx, "#import-problems")
	body := text(t, ctx, "main")
	for _, want := range []string{"còn 2 lỗi", "Chưa có dữ liệu nào được ghi",
		"Giá trị chỉ tiêu: Vui lòng nhập giá trị chỉ tiêu.", `Mã đơn vị báo cáo: Không có đơn vị mã "PNV".`} {
		if !strings.Contains(summary+body, want) {
			t.Errorf("refused upload does not say %q", want)
		}
	}
	shot(t, ctx, "plan-import-problems")
	if _, err := st.PlanIDByCode(context.Background(), e2ePlanCode); err == nil {
		t.Fatal("the refused upload wrote the plan")
	}

	// The corrected file is written and opens as a draft.
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{good}),
		chromedp.Click(chromedp.CSS(`form[action="/plans/import"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if flash := text(t, ctx, ".flash"); !strings.Contains(flash, "Đã nhập kế hoạch "+e2ePlanCode+": 5 chỉ tiêu, 3 nhiệm vụ, 11 lượt phân công") {
		t.Errorf("after import: %q", flash)
	}
	if h1 := text(t, ctx, "h1"); !strings.HasPrefix(h1, e2ePlanCode) {
		t.Errorf("after import the page is %q", h1)
	}
	shot(t, ctx, "plan-imported")
	// CT02 is a ratio of two counts, named in the template's own columns
	var num, den string
	if err := st.Pool().QueryRow(context.Background(), `SELECT t.numerator_label, t.denominator_label FROM targets t JOIN plans p ON p.id = t.plan_id
		WHERE p.code = $1 AND t.code = 'CT02'`, e2ePlanCode).Scan(&num, &den); err != nil || num != "hồ sơ giải quyết đúng hạn" || den != "hồ sơ tiếp nhận" {
		t.Errorf("CT02 imported as %q / %q (%v); want its numerator and denominator", num, den, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name=action][value=activate]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[name=action][value=close]`)),
	); err != nil {
		t.Fatal(err)
	}
	if flash := text(t, ctx, ".flash"); !strings.Contains(flash, "Đang thực hiện") {
		t.Errorf("after activating: %q", flash)
	}

	// Generate 2026: the demo has its periods already, so they are updated, not duplicated.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[href="/periods"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-year")),
		chromedp.SetValue(chromedp.CSS("#f-year"), "2026"),
		chromedp.SetValue(chromedp.CSS("#f-day"), "10"),
		chromedp.Click(chromedp.CSS(`form[action="/periods/generate"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if flash := text(t, ctx, ".flash"); !strings.Contains(flash, "Kỳ báo cáo năm 2026: tạo mới 0, cập nhật 4.") {
		t.Errorf("after generating 2026: %q", flash)
	}
	periods, err := st.ListPeriods(context.Background(), 2026, 2026)
	if err != nil || len(periods) != 4 {
		t.Errorf("2026 has %d periods after generating (%v); want 4", len(periods), err)
	}
	if table := text(t, ctx, "table"); !strings.Contains(table, "Quý I/2026") || !strings.Contains(table, "15/12/2025 – 14/03/2026") {
		t.Errorf("periods table: %q", table)
	}
	shot(t, ctx, "plan-periods-2026")
	if err := chromedp.Do(ctx, logout()); err != nil {
		t.Fatal(err)
	}

	// vanphong sees the new plan's targets given to VPS.
	if err := chromedp.Do(ctx, login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(base+"/plans"),
		chromedp.Click(chromedp.Search("//a[text()='"+e2ePlanCode+"']")),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	); err != nil {
		t.Fatal(err)
	}
	page := text(t, ctx, "main")
	for _, want := range []string{"Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "≥ 80% — mỗi năm", "VPS",
		"Số hóa hồ sơ lưu trữ", "Đang thực hiện"} {
		if !strings.Contains(page, want) {
			t.Errorf("vanphong's view of the plan lacks %q", want)
		}
	}
	if strings.Contains(page, "Thêm chỉ tiêu") {
		t.Error("vanphong sees the reform office's controls")
	}
	shot(t, ctx, "plan-vanphong")
	// ... and in the 2026 Q1 report form of the unit.
	vps, err := st.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	var q1 int64
	for _, p := range periods {
		if p.Kind == "q1" {
			q1 = p.ID
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/reports/%d/%d", base, vps.UnitID, q1)), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	form := text(t, ctx, "main")
	for _, want := range []string{"Quý I/2026", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "Số hóa hồ sơ lưu trữ"} {
		if !strings.Contains(form, want) {
			t.Errorf("vanphong's 2026 Q1 form lacks %q", want)
		}
	}
	shot(t, ctx, "plan-vanphong-q1-form")
}

// fillPlan fills the downloaded template as a clerk would: plan 15/KH-SNV for 2026–2030
// with 3 areas, 5 targets, 3 tasks and assignments to VPS, TTLT and CCHC. With mistakes,
// one target lacks its value and one assignment names a unit that does not exist.
func fillPlan(t *testing.T, template, out string, mistakes bool) {
	t.Helper()
	f, err := excelize.OpenFile(template)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan := map[string]any{"B2": e2ePlanCode, "B3": "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2026–2030", "B4": "05/01/2026",
		"B5": "Giám đốc Sở Nội vụ", "B6": 2026, "B7": 2030, "B8": "Xây dựng nền hành chính phục vụ, chuyên nghiệp, hiện đại.",
		"B9": "Quyết định số 282/QĐ-TTg ngày 14/02/2026 của Thủ tướng Chính phủ", "B10": "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"}
	for cell, v := range plan {
		if err := f.SetCellValue("Kế hoạch", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	value80 := any(80)
	if mistakes {
		value80 = nil
	}
	rows := map[string][][]any{
		"Chỉ tiêu": {
			{"CT01", "tthc", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "Tỷ lệ (%)", "≥", value80, "%", 45, nil, "x"},
			{"CT02", "tthc", "Tỷ lệ hồ sơ giải quyết đúng hạn", "Tỷ lệ (%)", "≥", 98, "%", nil, nil, "x", nil, "hồ sơ giải quyết đúng hạn", "hồ sơ tiếp nhận"},
			{"CT03", "so-hoa", "Số hóa hồ sơ lưu trữ", "Mức tăng (điểm % mỗi năm)", "≥", 15, "%", nil, nil, "x", "2028: ≥ 20"},
			{"CT04", "so-hoa", "Kết nối hệ thống quản lý văn bản với trục liên thông quốc gia", "Mốc hoàn thành", nil, nil, nil, nil, 2027},
			{"CT05", "chi-dao", "Số cuộc kiểm tra công tác cải cách hành chính", "Số lượng", "≥", 4, "cuộc", nil, nil, "x"},
		},
		"Nhiệm vụ": {
			{"NV1", "chi-dao", "Ban hành kế hoạch cải cách hành chính hằng năm", "CCHC", "VPS", nil, "Tháng 12 hằng năm", "Kế hoạch CCHC năm"},
			{"NV2", "tthc", "Rà soát, đơn giản hóa thủ tục hành chính", "VPS", "CCHC, TTLT", "31/12/2027", nil, "Báo cáo rà soát"},
			{"NV3", "so-hoa", "Số hóa tài liệu lưu trữ lịch sử", "TTLT", nil, "30/06/2028", nil, "Cơ sở dữ liệu tài liệu số"},
		},
		"Phân công": {
			{"Chỉ tiêu", "CT01", "VPS"}, {"Chỉ tiêu", "CT01", "TTLT"}, {"Chỉ tiêu", "CT02", "VPS"}, {"Chỉ tiêu", "CT03", "TTLT"},
			{"Chỉ tiêu", "CT03", "VPS"}, {"Chỉ tiêu", "CT04", "VPS"}, {"Chỉ tiêu", "CT05", "CCHC"},
			{"Nhiệm vụ", "NV1", "CCHC"}, {"Nhiệm vụ", "NV2", "VPS"}, {"Nhiệm vụ", "NV2", "CCHC"}, {"Nhiệm vụ", "NV3", "TTLT"},
		},
	}
	if mistakes {
		rows["Phân công"][6][2] = "PNV"
	}
	for sheet, rs := range rows {
		for i, r := range rs {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := f.SetSheetRow(sheet, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

// TestE2EPlanForms enters a plan by hand: the plan form, a target whose mistakes are
// shown next to the fields with everything typed kept, a task, the assignment matrix,
// and the commitment history of a target that has results.
func TestE2EPlanForms(t *testing.T) {
	base, _ := isolatedPortal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(base+"/plans/new"),
		chromedp.WaitVisible(chromedp.CSS("#f-code")),
		chromedp.SendKeys(chromedp.CSS("#f-code"), "16/KH-SNV"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Kế hoạch thí điểm chuyển đổi số"),
		chromedp.SendKeys(chromedp.CSS("#f-issued_on"), "12/3/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-basis"), "Quyết định số 282/QĐ-TTg\nNghị quyết số 76/NQ-CP"),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "plan-form")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/plans"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Click(chromedp.Search("//a[text()='Thêm chỉ tiêu']")),
		chromedp.WaitVisible(chromedp.CSS("#f-code")),
		chromedp.SetValue(chromedp.CSS("#f-area"), "so-hoa"),
		chromedp.SendKeys(chromedp.CSS("#f-code"), "CT01"),
		chromedp.SendKeys(chromedp.CSS("#f-text"), "Tỷ lệ văn bản điện tử có chữ ký số"),
		chromedp.SetValue(chromedp.CSS("#f-value"), "120"),
		chromedp.SendKeys(chromedp.CSS("#f-schedule"), "2028 ≥ 95"),
		chromedp.Click(chromedp.CSS("#f-units-1")),
		chromedp.Click(chromedp.CSS(`form[action$="/targets"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	); err != nil {
		t.Fatal(err)
	}
	summary := text(t, ctx, ".error-summary")
	for _, want := range []string{"Tỷ lệ phải từ 0 đến 100", "Không đọc được \"2028 ≥ 95\"", "Nhập năm hoàn thành"} {
		if !strings.Contains(summary, want) {
			t.Errorf("target errors lack %q: %q", want, summary)
		}
	}
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-text")))
	if err != nil || kept != "Tỷ lệ văn bản điện tử có chữ ký số" {
		t.Errorf("typed text kept = %q, %v", kept, err)
	}
	shot(t, ctx, "plan-target-errors")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#f-value"), "90"),
		chromedp.SetValue(chromedp.CSS("#f-schedule"), "2028: ≥ 95"),
		chromedp.Click(chromedp.CSS("#f-each_year")),
		chromedp.Click(chromedp.CSS(`form[action$="/targets"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if flash := text(t, ctx, ".flash"); !strings.Contains(flash, "Đã lưu chỉ tiêu CT01") {
		t.Errorf("after saving the target: %q", flash)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search("//a[text()='Thêm nhiệm vụ']")),
		chromedp.WaitVisible(chromedp.CSS("#f-lead")),
		chromedp.SetValue(chromedp.CSS("#f-area"), "so-hoa"),
		chromedp.SendKeys(chromedp.CSS("#f-code"), "NV1"),
		chromedp.SendKeys(chromedp.CSS("#f-text"), "Triển khai chữ ký số cho công chức"),
		chromedp.SetValue(chromedp.CSS("#f-lead"), "VPS"),
		chromedp.Click(chromedp.CSS("#f-cooperating-2")),
		chromedp.SendKeys(chromedp.CSS("#f-deadline"), "30/9/2026"),
		chromedp.Click(chromedp.CSS("#f-units-1")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "plan-task-form")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action$="/tasks"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Click(chromedp.Search("//a[text()='Phân công đơn vị báo cáo']")),
		chromedp.WaitVisible(chromedp.CSS("table.plan-matrix")),
	); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "plan-matrix")
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.plan-matrix input:checked").length`))
	if err != nil || checked != 2 {
		t.Errorf("matrix shows %d assignments (%v); want 2", checked, err)
	}
	// A target with years of results shows which commitment held each year: CT14 of the plan
	// in force, reported on since its first year, 2026.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/plans"),
		chromedp.Click(chromedp.Search("//a[text()='"+seed.SuccessorCode+"']")),
		chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.Click(chromedp.CSS(`a[aria-label="Sửa CT14"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-schedule")),
	); err != nil {
		t.Fatal(err)
	}
	if note := text(t, ctx, ".notice"); !strings.Contains(note, "đã có kết quả báo cáo các năm 2026") {
		t.Errorf("CT14 note: %q", note)
	}
	shot(t, ctx, "plan-target-history")
}

package planxlsx_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planxlsx"
)

var lists = planxlsx.Lists{
	Areas: []planxlsx.Item{{"chi-dao", "Công tác chỉ đạo, điều hành"}, {"tthc", "Cải cách thủ tục hành chính"}, {"so-hoa", "Chính quyền số"}},
	Units: []planxlsx.Item{{"VPS", "Văn phòng Sở"}, {"TTLT", "Trung tâm Lưu trữ lịch sử"}, {"CCHC", "Phòng Cải cách hành chính"}},
}

var refs = domain.Refs{
	Areas: map[string]bool{"chi-dao": true, "tthc": true, "so-hoa": true},
	Units: map[string]bool{"VPS": true, "TTLT": true, "CCHC": true},
}

func ptr(f float64) *float64 { return &f }

func sampleSpec() domain.PlanSpec {
	deadline := time.Date(2027, 6, 30, 0, 0, 0, 0, domain.Location)
	return domain.PlanSpec{
		Header: domain.PlanHeader{Code: "15/KH-SNV", Title: "Kế hoạch cải cách hành chính giai đoạn 2026–2030",
			IssuedOn: time.Date(2026, 1, 5, 0, 0, 0, 0, domain.Location), IssuedBy: "Giám đốc Sở Nội vụ", StartYear: 2026, EndYear: 2030,
			Basis: []string{"Quyết định số 282/QĐ-TTg", "Nghị quyết số 76/NQ-CP"}, Goal: "Xây dựng nền hành chính phục vụ.\nLấy người dân làm trung tâm."},
		Targets: []domain.TargetSpec{
			{Code: "CT01", Area: "tthc", Text: "Tỷ lệ hồ sơ trực tuyến toàn trình", Kind: domain.KindPercent, Op: domain.OpGE, Value: ptr(80.5),
				MeasureUnit: "%", Baseline: ptr(42), EachYear: true, Schedule: []domain.CommitmentChange{{FromYear: 2028, Op: domain.OpGE, Value: 90}},
				Units: []string{"TTLT", "VPS"}, Ratio: domain.Ratio{Numerator: "hồ sơ trực tuyến toàn trình", Denominator: "hồ sơ tiếp nhận"}},
			{Code: "CT02", Area: "so-hoa", Text: "Số hóa kết quả giải quyết TTHC", Kind: domain.KindGrowth, Op: domain.OpGE, Value: ptr(20),
				MeasureUnit: "%", EachYear: true, Units: []string{"VPS"}},
			{Code: "CT03", Area: "chi-dao", Text: "Ban hành đề án", Kind: domain.KindMilestone, DeadlineYear: 2027, Units: []string{"CCHC"}},
			{Code: "CT04", Area: "tthc", Text: "Số thủ tục được đơn giản hóa", Kind: domain.KindCount, Op: domain.OpGT, Value: ptr(1200),
				MeasureUnit: "thủ tục", DeadlineYear: 2030},
		},
		Tasks: []domain.TaskSpec{
			{Code: "NV1", Area: "chi-dao", Text: "Tuyên truyền cải cách hành chính", Lead: "CCHC", Cooperating: []string{"TTLT", "VPS"},
				DeadlineNote: "Hằng năm", Output: "Kế hoạch tuyên truyền", Units: []string{"CCHC", "VPS"}},
			{Code: "NV2", Area: "tthc", Text: "Rà soát thủ tục hành chính", Lead: "VPS", Deadline: &deadline, Output: "Báo cáo rà soát",
				Units: []string{"VPS"}},
		},
	}
}

func roundTrip(t *testing.T, spec domain.PlanSpec) (planxlsx.Import, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := planxlsx.Write(&buf, spec, lists); err != nil {
		t.Fatal(err)
	}
	raw, err := planxlsx.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return planxlsx.Check(raw, refs), buf.Bytes()
}

// comparable makes specs comparable with DeepEqual: dates as text, no nil-vs-empty slices.
func comparable(s domain.PlanSpec) domain.PlanSpec {
	s.Header.IssuedOn = time.Date(s.Header.IssuedOn.Year(), s.Header.IssuedOn.Month(), s.Header.IssuedOn.Day(), 0, 0, 0, 0, time.UTC)
	for i := range s.Targets {
		t := &s.Targets[i]
		if len(t.Units) == 0 {
			t.Units = nil
		}
		if len(t.Schedule) == 0 {
			t.Schedule = nil
		}
	}
	for i := range s.Tasks {
		t := &s.Tasks[i]
		if len(t.Units) == 0 {
			t.Units = nil
		}
		if len(t.Cooperating) == 0 {
			t.Cooperating = nil
		}
		if t.Deadline != nil {
			d := time.Date(t.Deadline.Year(), t.Deadline.Month(), t.Deadline.Day(), 0, 0, 0, 0, time.UTC)
			t.Deadline = &d
		}
	}
	return s
}

func problems(im planxlsx.Import) []string {
	var out []string
	for _, s := range im.Sheets {
		for _, p := range s.Problems {
			out = append(out, s.Name+": "+p.Text(domain.LangVI))
		}
		for _, r := range s.Rows {
			for _, p := range r.Problems {
				out = append(out, s.Name+" dòng "+fmt.Sprintf("%02d", r.Line)+" ["+p.Column+"]: "+p.Text(domain.LangVI))
			}
		}
	}
	return out
}

func TestWriteThenReadGivesTheSamePlan(t *testing.T) {
	spec := sampleSpec()
	im, _ := roundTrip(t, spec)
	if !im.Valid() {
		t.Fatalf("problems: %v", problems(im))
	}
	if got, want := comparable(im.Spec), comparable(spec); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	if n := len(im.Sheets[1].Rows); n != 4 {
		t.Errorf("targets preview has %d rows", n)
	}
}

func TestTemplateHasVietnameseHeadersAndDropDowns(t *testing.T) {
	var buf bytes.Buffer
	if err := planxlsx.Write(&buf, domain.PlanSpec{}, lists); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Kế hoạch", "Chỉ tiêu", "Nhiệm vụ", "Phân công", "Danh mục"}) {
		t.Errorf("sheets = %v", got)
	}
	if v, _ := f.GetCellValue("Chỉ tiêu", "C1"); v != "Nội dung chỉ tiêu" {
		t.Errorf("targets C1 = %q", v)
	}
	dvs, err := f.GetDataValidations("Chỉ tiêu")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for sqref, src := range map[string]string{"B2:B1000": "$A$2:$A$4", "D2:D1000": "$D$2:$D$5", "E2:E1000": "$F$2:$F$6", "J2:J1000": "$K$2:$K$2"} {
		if !strings.Contains(lists[sqref], src) {
			t.Errorf("drop-down on %s = %q; want a list from %s (all: %v)", sqref, lists[sqref], src, lists)
		}
	}
	dvs, _ = f.GetDataValidations("Phân công")
	if len(dvs) != 2 {
		t.Errorf("assignments sheet has %d drop-downs; want kind and unit", len(dvs))
	}
	if v, _ := f.GetCellValue("Danh mục", "H3"); v != "TTLT" {
		t.Errorf("unit list H3 = %q", v)
	}
	if v, _ := f.GetCellValue("Danh mục", "D5"); v != "Mốc hoàn thành" {
		t.Errorf("kind list D5 = %q", v)
	}
	// The blank template is refused only for what the plan must have.
	raw, err := planxlsx.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	im := planxlsx.Check(raw, refs)
	got := problems(im)
	if len(got) != 5 || !strings.Contains(strings.Join(got, "\n"), "Vui lòng nhập tên kế hoạch") {
		t.Errorf("blank template problems: %v", got)
	}
}

// edit writes spec, applies changes to the workbook as a clerk would, and checks it.
func edit(t *testing.T, spec domain.PlanSpec, change func(f *excelize.File)) planxlsx.Import {
	t.Helper()
	var buf bytes.Buffer
	if err := planxlsx.Write(&buf, spec, lists); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	change(f)
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	raw, err := planxlsx.Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	return planxlsx.Check(raw, refs)
}

func TestCheckFindsEveryRowsProblems(t *testing.T) {
	set := func(sheet, cell string, v any) func(f *excelize.File) {
		return func(f *excelize.File) { _ = f.SetCellValue(sheet, cell, v) }
	}
	tests := []struct {
		name   string
		change func(f *excelize.File)
		want   []string
	}{
		{"unknown unit code", set("Phân công", "C2", "PNV"), []string{`Phân công dòng 02 [Mã đơn vị báo cáo]: Không có đơn vị mã "PNV".`}},
		{"missing value", set("Chỉ tiêu", "F3", ""), []string{`Chỉ tiêu dòng 03 [Giá trị chỉ tiêu]: Vui lòng nhập giá trị chỉ tiêu.`}},
		{"duplicate target code", set("Chỉ tiêu", "A3", "ct01"), []string{`Chỉ tiêu dòng 03 [Mã chỉ tiêu]: Mã chỉ tiêu "ct01" trùng với dòng 2.`,
			`Phân công dòng 04 [Mã chỉ tiêu/nhiệm vụ]: Không có chỉ tiêu mã "CT02" trong trang "Chỉ tiêu".`}},
		{"duplicate task code", set("Nhiệm vụ", "A3", "NV1"), []string{`Nhiệm vụ dòng 03 [Mã nhiệm vụ]: Mã nhiệm vụ "NV1" trùng với dòng 2.`,
			`Phân công dòng 08 [Mã chỉ tiêu/nhiệm vụ]: Không có nhiệm vụ mã "NV2" trong trang "Nhiệm vụ".`}},
		{"unknown area", set("Nhiệm vụ", "B2", "tai-chinh"), []string{`Nhiệm vụ dòng 02 [Lĩnh vực (mã)]: Không có lĩnh vực mã "tai-chinh".`}},
		{"unknown lead unit", set("Nhiệm vụ", "D3", "XYZ"), []string{`Nhiệm vụ dòng 03 [Đơn vị chủ trì (mã)]: Không có đơn vị mã "XYZ".`}},
		{"bad date", set("Nhiệm vụ", "F3", "31/06/2027"), []string{`Nhiệm vụ dòng 03 [Thời hạn (dd/mm/yyyy)]: Thời hạn không hợp lệ, nhập theo dạng dd/mm/yyyy.`}},
		{"assignment to an unknown code", set("Phân công", "B2", "CT99"), []string{`Phân công dòng 02 [Mã chỉ tiêu/nhiệm vụ]: Không có chỉ tiêu mã "CT99" trong trang "Chỉ tiêu".`}},
		{"repeated assignment", set("Phân công", "C3", "TTLT"), []string{`Phân công dòng 03 []: Dòng này trùng với dòng 2.`}},
		{"missing plan title", set("Kế hoạch", "B3", ""), []string{`Kế hoạch dòng 03 [Nội dung]: Vui lòng nhập tên kế hoạch.`}},
		{"missing column", func(f *excelize.File) { _ = f.SetCellValue("Chỉ tiêu", "K1", "Ghi chú") },
			[]string{`Chỉ tiêu: Trang "Chỉ tiêu" thiếu cột "Chỉ tiêu theo năm (2024: ≥ 95; 2025: ≥ 100)".`}},
		// a workbook of the earlier template: "Giá trị cam kết" and no ratio columns
		{"the earlier template's headers", func(f *excelize.File) {
			_ = f.SetCellValue("Chỉ tiêu", "F1", "Giá trị cam kết")
			_ = f.SetCellValue("Chỉ tiêu", "K1", "Cam kết theo năm (2024: ≥ 95; 2025: ≥ 100)")
			_ = f.RemoveCol("Chỉ tiêu", "M")
			_ = f.RemoveCol("Chỉ tiêu", "L")
		}, nil},
		{"a ratio named by its numerator alone", set("Chỉ tiêu", "L3", "hồ sơ đúng hạn"),
			[]string{`Chỉ tiêu dòng 03 [Tỷ lệ theo số đếm: mẫu số (ví dụ: hồ sơ tiếp nhận)]: Nhập tên của mẫu số (ví dụ: hồ sơ tiếp nhận) hoặc bỏ trống cả hai.`}},
		{"missing sheet", func(f *excelize.File) { _ = f.DeleteSheet("Nhiệm vụ") }, []string{
			`Nhiệm vụ: Tệp không có trang "Nhiệm vụ". Hãy dùng tệp mẫu tải từ cổng.`,
			`Phân công dòng 06 [Mã chỉ tiêu/nhiệm vụ]: Không có nhiệm vụ mã "NV1" trong trang "Nhiệm vụ".`,
			`Phân công dòng 07 [Mã chỉ tiêu/nhiệm vụ]: Không có nhiệm vụ mã "NV1" trong trang "Nhiệm vụ".`,
			`Phân công dòng 08 [Mã chỉ tiêu/nhiệm vụ]: Không có nhiệm vụ mã "NV2" trong trang "Nhiệm vụ".`}},
		{"a date typed into a date cell", func(f *excelize.File) {
			style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
			_ = f.SetCellStyle("Nhiệm vụ", "F3", "F3", style)
			_ = f.SetCellValue("Nhiệm vụ", "F3", time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC))
		}, nil},
		{"a number typed as text with a decimal comma", set("Chỉ tiêu", "F2", "80,5"), nil},
		{"blank rows between records are skipped", func(f *excelize.File) { _ = f.InsertRows("Chỉ tiêu", 3, 2) }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			im := edit(t, sampleSpec(), tc.change)
			if got := problems(im); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tc.want)
			}
			if im.Valid() != (len(tc.want) == 0) {
				t.Errorf("Valid() = %v", im.Valid())
			}
		})
	}
}

func TestReadRefusesWhatIsNotAWorkbook(t *testing.T) {
	if _, err := planxlsx.Read(strings.NewReader("Mã,Nội dung\nCT01,Hài lòng\n")); err == nil {
		t.Error("a CSV file was read as a workbook")
	}
}

func TestAddPlanProblem(t *testing.T) {
	im, _ := roundTrip(t, sampleSpec())
	im.AddPlanProblem("code", domain.Problem{Field: "code", Msg: i18n.M("plan.import.code_taken", "2320/KH-SNV")})
	want := `Kế hoạch dòng 02 [Nội dung]: Số hiệu kế hoạch "2320/KH-SNV" đã có trong hệ thống. Đổi số hiệu trong tệp, hoặc nhập số hiệu mới ở ô "Số hiệu kế hoạch mới".`
	if got := problems(im); !reflect.DeepEqual(got, []string{want}) {
		t.Errorf("problems = %v", got)
	}
}

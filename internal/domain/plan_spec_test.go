package domain_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

var refs = domain.Refs{
	Areas: map[string]bool{"tthc": true, "so-hoa": true},
	Units: map[string]bool{"VPS": true, "TTLT": true, "CCHC": true},
}

func fields(ps []domain.Problem) []string {
	var out []string
	for _, p := range ps {
		if vi, en := p.Text(domain.LangVI), p.Text(domain.LangEN); vi == "" || en == "" || vi == p.Msg.Key || en == p.Msg.Key {
			out = append(out, "EMPTY-MESSAGE:"+p.Field)
		}
		out = append(out, p.Field)
	}
	return out
}

func TestParsePlan(t *testing.T) {
	ok := domain.PlanText{Code: " 15/KH-SNV ", Title: "Kế hoạch  CCHC 2026–2030", IssuedOn: "05/01/2026", IssuedBy: "Giám đốc Sở",
		StartYear: "2026", EndYear: "2030", Basis: "Quyết định 282/QĐ-TTg\n\n  Nghị quyết 76/NQ-CP  \n", Goal: "Mục tiêu"}
	h, ps := domain.ParsePlan(ok)
	if len(ps) != 0 || h.Code != "15/KH-SNV" || h.Title != "Kế hoạch CCHC 2026–2030" || h.StartYear != 2026 || h.EndYear != 2030 ||
		domain.FormatDate(h.IssuedOn) != "05/01/2026" || !reflect.DeepEqual(h.Basis, []string{"Quyết định 282/QĐ-TTg", "Nghị quyết 76/NQ-CP"}) {
		t.Fatalf("ParsePlan(ok) = %+v, %v", h, ps)
	}
	tests := []struct {
		name   string
		edit   func(*domain.PlanText)
		fields []string
	}{
		{"missing code", func(p *domain.PlanText) { p.Code = "  " }, []string{"code"}},
		{"long code", func(p *domain.PlanText) { p.Code = strings.Repeat("K", 61) }, []string{"code"}},
		{"formula code", func(p *domain.PlanText) { p.Code = "=HYPERLINK(\"http://x\")" }, []string{"code"}},
		{"missing title", func(p *domain.PlanText) { p.Title = "" }, []string{"title"}},
		{"bad date", func(p *domain.PlanText) { p.IssuedOn = "31/02/2026" }, []string{"issued_on"}},
		{"missing date", func(p *domain.PlanText) { p.IssuedOn = "" }, []string{"issued_on"}},
		{"bad years", func(p *domain.PlanText) { p.StartYear, p.EndYear = "26", "hai nghìn" }, []string{"start_year", "end_year"}},
		{"end before start", func(p *domain.PlanText) { p.EndYear = "2025" }, []string{"end_year"}},
	}
	for _, tc := range tests {
		in := ok
		tc.edit(&in)
		_, ps := domain.ParsePlan(in)
		if got := fields(ps); !reflect.DeepEqual(got, tc.fields) {
			t.Errorf("%s: problems %v; want %v", tc.name, got, tc.fields)
		}
	}
}

func TestParseTarget(t *testing.T) {
	ok := domain.TargetText{Code: "CT01", Area: " TTHC ", Text: "Tỷ lệ hồ sơ trực tuyến", Kind: "Tỷ lệ (%)", Op: "≥", Value: "80,5",
		MeasureUnit: "%", Baseline: "40", EachYear: "x", Schedule: "2028: ≥ 90"}
	spec, ps := domain.ParseTarget(ok, refs)
	if len(ps) != 0 || spec.Area != "tthc" || spec.Kind != domain.KindPercent || spec.Op != domain.OpGE || *spec.Value != 80.5 ||
		*spec.Baseline != 40 || !spec.EachYear || spec.DeadlineYear != 0 || len(spec.Schedule) != 1 {
		t.Fatalf("ParseTarget(ok) = %+v, %v", spec, ps)
	}
	tests := []struct {
		name   string
		edit   func(*domain.TargetText)
		fields []string
	}{
		{"kind by code", func(x *domain.TargetText) { x.Kind = "count"; x.Value = "12"; x.Schedule = "" }, nil},
		{"kind by English label", func(x *domain.TargetText) { x.Kind = "growth (points a year)" }, nil},
		{"blank comparison means at least", func(x *domain.TargetText) { x.Op = "" }, nil},
		{"missing code", func(x *domain.TargetText) { x.Code = "" }, []string{"code"}},
		{"formula code", func(x *domain.TargetText) { x.Code = "=cmd|'/C calc'!A0" }, []string{"code"}},
		{"at-sign code", func(x *domain.TargetText) { x.Code = "@SUM(A1)" }, []string{"code"}},
		{"minus code", func(x *domain.TargetText) { x.Code = "-2+3" }, []string{"code"}},
		{"unknown area", func(x *domain.TargetText) { x.Area = "tai-chinh" }, []string{"area"}},
		{"missing text", func(x *domain.TargetText) { x.Text = " " }, []string{"text"}},
		{"unknown kind", func(x *domain.TargetText) { x.Kind = "tỷ số" }, []string{"kind"}},
		{"missing kind", func(x *domain.TargetText) { x.Kind = "" }, []string{"kind"}},
		{"bad comparison", func(x *domain.TargetText) { x.Op = "=>" }, []string{"op"}},
		{"missing value", func(x *domain.TargetText) { x.Value = "" }, []string{"value"}},
		{"value not a number", func(x *domain.TargetText) { x.Value = "tám mươi" }, []string{"value"}},
		{"percentage over 100", func(x *domain.TargetText) { x.Value = "120" }, []string{"value"}},
		{"fractional count", func(x *domain.TargetText) { x.Kind = "Số lượng"; x.Value = "2,5"; x.Schedule = "" }, []string{"value"}},
		{"bad baseline", func(x *domain.TargetText) { x.Baseline = "1.2.3" }, []string{"baseline"}},
		{"neither deadline nor each year", func(x *domain.TargetText) { x.EachYear = "" }, []string{"deadline_year"}},
		{"deadline year", func(x *domain.TargetText) { x.EachYear = ""; x.DeadlineYear = "2030" }, nil},
		{"bad deadline year", func(x *domain.TargetText) { x.DeadlineYear = "30" }, []string{"deadline_year"}},
		{"bad each-year mark", func(x *domain.TargetText) { x.EachYear = "hằng tháng" }, []string{"each_year", "deadline_year"}},
		{"bad schedule", func(x *domain.TargetText) { x.Schedule = "2028 90" }, []string{"schedule"}},
		{"schedule value out of range", func(x *domain.TargetText) { x.Schedule = "2028: ≥ 190" }, []string{"schedule"}},
		{"milestone needs no value", func(x *domain.TargetText) { x.Kind = "Mốc hoàn thành"; x.Value = ""; x.Op = ""; x.Schedule = "" }, nil},
		{"milestone with a schedule", func(x *domain.TargetText) { x.Kind = "milestone" }, []string{"schedule"}},
	}
	for _, tc := range tests {
		in := ok
		tc.edit(&in)
		spec, ps := domain.ParseTarget(in, refs)
		if got := fields(ps); !reflect.DeepEqual(got, tc.fields) {
			t.Errorf("%s: problems %v; want %v", tc.name, got, tc.fields)
		}
		if spec.Kind == domain.KindMilestone && (spec.Value != nil || spec.Op != "") {
			t.Errorf("%s: milestone keeps a value: %+v", tc.name, spec)
		}
	}
}

func TestParseTask(t *testing.T) {
	ok := domain.TaskText{Code: "NV1", Area: "tthc", Text: "Rà soát thủ tục", Lead: "vps", Cooperating: "TTLT, cchc; VPS TTLT",
		Deadline: "31/12/2026", DeadlineNote: "", Output: "Báo cáo rà soát"}
	spec, ps := domain.ParseTask(ok, refs)
	if len(ps) != 0 || spec.Lead != "VPS" || !slices.Equal(spec.Cooperating, []string{"CCHC", "TTLT"}) ||
		spec.Deadline == nil || domain.FormatDate(*spec.Deadline) != "31/12/2026" {
		t.Fatalf("ParseTask(ok) = %+v, %v", spec, ps)
	}
	tests := []struct {
		name   string
		edit   func(*domain.TaskText)
		fields []string
	}{
		{"no deadline", func(x *domain.TaskText) { x.Deadline = ""; x.DeadlineNote = "Hằng năm" }, nil},
		{"missing lead", func(x *domain.TaskText) { x.Lead = "" }, []string{"lead"}},
		{"unknown lead", func(x *domain.TaskText) { x.Lead = "PNV" }, []string{"lead"}},
		{"unknown cooperating units", func(x *domain.TaskText) { x.Cooperating = "TTLT, XYZ, ABC" }, []string{"cooperating", "cooperating"}},
		{"bad deadline", func(x *domain.TaskText) { x.Deadline = "2026" }, []string{"deadline"}},
		{"missing code and text", func(x *domain.TaskText) { x.Code, x.Text = "", "" }, []string{"code", "text"}},
		{"formula code", func(x *domain.TaskText) { x.Code = "+1+cmd|' /C calc'!A0" }, []string{"code"}},
		{"missing area", func(x *domain.TaskText) { x.Area = "" }, []string{"area"}},
	}
	for _, tc := range tests {
		in := ok
		tc.edit(&in)
		_, ps := domain.ParseTask(in, refs)
		if got := fields(ps); !reflect.DeepEqual(got, tc.fields) {
			t.Errorf("%s: problems %v; want %v", tc.name, got, tc.fields)
		}
	}
}

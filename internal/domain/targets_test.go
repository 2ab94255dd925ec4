package domain_test

import (
	"errors"
	"math"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func num(f float64) *float64 { return &f }

func TestComparison(t *testing.T) {
	tests := []struct {
		c            domain.Comparison
		actual, want float64
		holds        bool
	}{
		{domain.OpGE, 80, 80, true},
		{domain.OpGE, 79.99999999999, 80, true}, // averaging noise
		{domain.OpGE, 79.9, 80, false},
		{domain.OpGT, 30, 30, false},
		{domain.OpGT, 30.01, 30, true},
		{domain.OpLE, 5, 5, true},
		{domain.OpLE, 5.1, 5, false},
		{domain.OpLT, 5, 5, false},
		{domain.OpLT, 4.9, 5, true},
		{domain.OpEQ, 100, 100, true},
		{domain.OpEQ, 99, 100, false},
		{domain.OpGE, math.NaN(), 0, false},
		{"~", 1, 1, false},
	}
	for _, tc := range tests {
		if got := tc.c.Holds(tc.actual, tc.want); got != tc.holds {
			t.Errorf("%v %s %v = %v; want %v", tc.actual, tc.c, tc.want, got, tc.holds)
		}
	}
	symbols := map[domain.Comparison]string{domain.OpGE: "≥", domain.OpGT: ">", domain.OpLE: "≤", domain.OpLT: "<", domain.OpEQ: "="}
	for c, sym := range symbols {
		if c.Symbol() != sym || !c.Valid() {
			t.Errorf("%s.Symbol() = %q; want %q", c, c.Symbol(), sym)
		}
		if p, ok := domain.ParseComparison(sym); !ok || p != c {
			t.Errorf("ParseComparison(%q) = %q, %v", sym, p, ok)
		}
		if p, ok := domain.ParseComparison(string(c)); !ok || p != c {
			t.Errorf("ParseComparison(%q) = %q, %v", c, p, ok)
		}
	}
	if _, ok := domain.ParseComparison("=>"); ok || domain.Comparison("=>").Valid() {
		t.Error("=> accepted")
	}
}

func TestCommitmentText(t *testing.T) {
	tests := []struct {
		name   string
		c      domain.Commitment
		vi, en string
	}{
		{"CT05 percent each year",
			domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(80), Unit: "%", EachYear: true},
			"≥ 80% — mỗi năm", "≥ 80% — every year"},
		{"CT10 percent by year",
			domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGT, Value: num(30), DeadlineYear: 2023},
			"> 30% — đến năm 2023", "> 30% — by 2023"},
		{"CT02 growth",
			domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: num(20), EachYear: true},
			"tăng ≥ 20 điểm % mỗi năm", "+≥ 20 pts a year"},
		{"growth with a deadline",
			domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: num(12.5), DeadlineYear: 2025},
			"tăng ≥ 12,5 điểm % mỗi năm — đến năm 2025", "+≥ 12,5 pts a year — by 2025"},
		{"CT07 milestone by year",
			domain.Commitment{Kind: domain.KindMilestone, DeadlineYear: 2025},
			"Hoàn thành — đến năm 2025", "Done — by 2025"},
		{"CT08 milestone each year",
			domain.Commitment{Kind: domain.KindMilestone, EachYear: true},
			"Hoàn thành — hằng năm", "Done — every year"},
		{"count with unit",
			domain.Commitment{Kind: domain.KindCount, Op: domain.OpGE, Value: num(12), Unit: "văn bản", EachYear: true},
			"≥ 12 văn bản — mỗi năm", "≥ 12 văn bản — every year"},
		{"count without unit, large",
			domain.Commitment{Kind: domain.KindCount, Op: domain.OpLE, Value: num(1500), DeadlineYear: 2024},
			"≤ 1.500 — đến năm 2024", "≤ 1.500 — by 2024"},
		{"blank operator reads as at least",
			domain.Commitment{Kind: domain.KindPercent, Value: num(90), EachYear: true},
			"≥ 90% — mỗi năm", "≥ 90% — every year"},
		{"no time frame",
			domain.Commitment{Kind: domain.KindPercent, Op: domain.OpEQ, Value: num(100)},
			"= 100%", "= 100%"},
		{"no value",
			domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, EachYear: true},
			"Chưa đặt giá trị — mỗi năm", "No value set — every year"},
	}
	for _, tc := range tests {
		if got := tc.c.Text(domain.LangVI); got != tc.vi {
			t.Errorf("%s: vi %q; want %q", tc.name, got, tc.vi)
		}
		if got := tc.c.Text(domain.LangEN); got != tc.en {
			t.Errorf("%s: en %q; want %q", tc.name, got, tc.en)
		}
	}
}

func TestValidateValue(t *testing.T) {
	tests := []struct {
		kind domain.TargetKind
		v    float64
		msg  string // "" means valid
	}{
		{domain.KindPercent, 0, ""},
		{domain.KindPercent, 100, ""},
		{domain.KindPercent, 72.5, ""},
		{domain.KindPercent, -0.1, "Tỷ lệ phải từ 0 đến 100"},
		{domain.KindPercent, 100.01, "Tỷ lệ phải từ 0 đến 100"},
		{domain.KindPercent, math.NaN(), "Tỷ lệ phải từ 0 đến 100"},
		{domain.KindCount, 0, ""},
		{domain.KindCount, 12, ""},
		{domain.KindCount, 1.5, "Số lượng phải là số nguyên không âm"},
		{domain.KindCount, -1, "Số lượng phải là số nguyên không âm"},
		{domain.KindCount, math.Inf(1), "Số lượng phải là số nguyên không âm"},
		{domain.KindGrowth, -100, ""},
		{domain.KindGrowth, 100, ""},
		{domain.KindGrowth, -12.5, ""},
		{domain.KindGrowth, 101, "Mức tăng phải từ -100 đến 100 điểm %"},
		{domain.KindMilestone, 1, ""},
		{"score", 1, "Loại chỉ tiêu không hợp lệ"},
	}
	for _, tc := range tests {
		err := domain.ValidateValue(tc.kind, tc.v)
		if tc.msg == "" {
			if err != nil {
				t.Errorf("ValidateValue(%s, %v) = %v; want nil", tc.kind, tc.v, err)
			}
			continue
		}
		var ve *domain.ValueError
		if !errors.As(err, &ve) || ve.Message() != tc.msg || ve.Msg().Text(i18n.EN) == "" {
			t.Errorf("ValidateValue(%s, %v) = %v; want %q", tc.kind, tc.v, err, tc.msg)
		}
	}
}

func TestTargetKinds(t *testing.T) {
	for _, k := range domain.AllTargetKinds() {
		if !k.Valid() || k.Label("vi") == string(k) || k.Label("en") == string(k) {
			t.Errorf("kind %s: valid %v, labels %q %q", k, k.Valid(), k.Label("vi"), k.Label("en"))
		}
	}
	if domain.TargetKind("x").Valid() {
		t.Error("unknown kind valid")
	}
}

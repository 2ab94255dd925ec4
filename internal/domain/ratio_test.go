package domain_test

import (
	"errors"
	"math"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

var onTime = domain.Ratio{Numerator: "hồ sơ đúng hạn", Denominator: "hồ sơ tiếp nhận"}

func rv(num, den float64) domain.UnitValue {
	return domain.UnitValue{Value: num2(domain.Percent(num, den)), Num: num2(num), Den: num2(den)}
}

func num2(f float64) *float64 { return &f }

// TestRatioAggregationBySums: a department-wide ratio is Σ numerators / Σ denominators,
// whichever way the units are grouped; a plain percentage stays the mean; a mix (a unit
// that gave only a percentage) falls back to the mean, as the basis then says.
func TestRatioAggregationBySums(t *testing.T) {
	tests := []struct {
		name   string
		values []domain.UnitValue
		want   float64
		basis  string
	}{
		{"sums, not the mean of 90% and 10%", []domain.UnitValue{rv(90, 100), rv(1, 10)}, 91.0 / 110 * 100,
			"Tổng hồ sơ đúng hạn / tổng hồ sơ tiếp nhận của 2 đơn vị (91/110)"},
		{"a unit without a report is left out", []domain.UnitValue{rv(1170, 1200), {}, rv(30, 300)}, 1200.0 / 1500 * 100,
			"Tổng hồ sơ đúng hạn / tổng hồ sơ tiếp nhận của 2 đơn vị (1.200/1.500)"},
		{"plain percentages are a mean", []domain.UnitValue{{Value: num2(90)}, {Value: num2(11)}}, 50.5,
			"Trung bình cộng tỷ lệ của 2 đơn vị"},
		{"a unit with only a percentage makes it a mean", []domain.UnitValue{rv(90, 100), {Value: num2(10)}}, 50,
			"Trung bình cộng tỷ lệ của 2 đơn vị"},
	}
	for _, tc := range tests {
		v, _ := domain.Aggregate(domain.KindPercent, tc.values)
		if v == nil || math.Abs(*v-tc.want) > 1e-9 {
			t.Errorf("%s: Aggregate = %v; want %v", tc.name, v, tc.want)
		}
		tl := domain.TallyOf(tc.values)
		if r, _ := tl.Result(domain.KindPercent); r == nil || math.Abs(*r-tc.want) > 1e-9 {
			t.Errorf("%s: Tally.Result = %v; want %v", tc.name, r, tc.want)
		}
		if got := tl.Basis(domain.KindPercent, onTime, domain.LangVI); got != tc.basis {
			t.Errorf("%s: Basis = %q; want %q", tc.name, got, tc.basis)
		}
	}
	// two provinces' tallies add up to the tally of all their units
	a, b := domain.TallyOf([]domain.UnitValue{rv(90, 100)}), domain.TallyOf([]domain.UnitValue{rv(1, 10)})
	if r, _ := a.Add(b).Result(domain.KindPercent); math.Abs(*r-91.0/110*100) > 1e-9 {
		t.Errorf("added tallies = %v", *r)
	}
	if got := domain.TallyOf([]domain.UnitValue{{Value: num2(97)}}).Basis(domain.KindPercent, domain.Ratio{}, domain.LangVI); got != "Tỷ lệ do 1 đơn vị báo cáo" {
		t.Errorf("one unit's percentage: %q", got)
	}
	if got := domain.TallyOf([]domain.UnitValue{{Value: num2(3)}, {Value: num2(4)}}).Basis(domain.KindCount, domain.Ratio{}, domain.LangVI); got != "Tổng của 2 đơn vị" {
		t.Errorf("count basis = %q", got)
	}
}

func TestValidateRatio(t *testing.T) {
	tests := []struct {
		num, den *float64
		field    string
		msg      string
	}{
		{nil, nil, "", ""},
		{num2(45), num2(50), "", ""},
		{num2(0), num2(50), "", ""},
		{num2(50), num2(50), "", ""},
		{num2(45), nil, "den", "Nhập cả số hồ sơ đúng hạn và số hồ sơ tiếp nhận"},
		{nil, num2(50), "num", "Nhập cả số hồ sơ đúng hạn và số hồ sơ tiếp nhận"},
		{num2(4.5), num2(50), "num", "Số lượng phải là số nguyên không âm"},
		{num2(4), num2(-5), "den", "Số lượng phải là số nguyên không âm"},
		{num2(0), num2(0), "den", "Số hồ sơ tiếp nhận phải lớn hơn 0"},
		{num2(51), num2(50), "num", "Số hồ sơ đúng hạn không được lớn hơn số hồ sơ tiếp nhận"},
	}
	for _, tc := range tests {
		err := domain.ValidateRatio(onTime, tc.num, tc.den)
		var re *domain.RatioError
		switch {
		case tc.msg == "" && err != nil:
			t.Errorf("%v/%v: %v", tc.num, tc.den, err)
		case tc.msg != "" && (!errors.As(err, &re) || re.Field != tc.field || re.Message() != tc.msg || re.Msg().Text(i18n.EN) == ""):
			t.Errorf("%v/%v: %v; want %s: %q", tc.num, tc.den, err, tc.field, tc.msg)
		}
	}
}

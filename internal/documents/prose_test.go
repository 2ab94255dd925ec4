package documents

import (
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/store"
)

func f(v float64) *float64 { return &v }

// yearsOf builds a target's annual reports for the closing report from its yearly values,
// each judged by domain.Evaluate on the values up to that year, as export.Build does.
func yearsOf(t export.TargetRow, values map[int]float64, from, to int) []*export.Report {
	var obs []domain.Observation
	var out []*export.Report
	for y := from; y <= to; y++ {
		row := t
		if v, ok := values[y]; ok {
			obs = append(obs, domain.Observation{Year: y, Slot: 4, Value: f(v)})
			row.Cells = []export.Cell{{Value: f(v), Units: 1}}
		} else {
			row.Cells = []export.Cell{{}}
		}
		row.Eval = domain.Evaluate(t.Commitment, nil, obs, y, 4)
		out = append(out, &export.Report{Params: export.Params{Year: y, Kind: domain.PeriodYear}, Plan: store.Plan{StartYear: from, EndYear: to},
			Targets: []export.TargetRow{row}})
	}
	return out
}

// TestClosingReportProse: each verdict of the closing report in the words an official
// writes, in the plan's words: met late, met and not maintained, missed, met; and a growth
// stated as its yearly increase, not the level reached.
func TestClosingReportProse(t *testing.T) {
	tests := []struct {
		name   string
		c      domain.Commitment
		kind   domain.TargetKind
		values map[int]float64
		want   []string
		never  []string
	}{
		{"late then met (CT10)", domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGT, Value: f(30), Unit: "%", DeadlineYear: 2023}, domain.KindPercent,
			map[int]float64{2022: 24, 2023: 29, 2024: 32.5, 2025: 33},
			[]string{"năm 2023 đạt 29%", "đến hết năm 2023 (thời hạn của Kế hoạch) đạt 29%, không đạt chỉ tiêu trên 30%; đến năm 2024 đạt 32,5%, đạt chỉ tiêu nhưng trễ hạn."},
			[]string{"đạt, trễ hạn chỉ tiêu"}},
		{"met then lost (CT12)", domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: f(100), Unit: "%", DeadlineYear: 2023}, domain.KindPercent,
			map[int]float64{2022: 82, 2023: 100, 2024: 100, 2025: 98.7},
			[]string{"đạt chỉ tiêu 100% trong thời hạn năm 2023 của Kế hoạch nhưng không duy trì được: năm 2025 còn 98,7%."},
			[]string{"đến năm 2023 không duy trì được"}},
		{"missed (CT13)", domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: f(50), Unit: "%", DeadlineYear: 2023}, domain.KindPercent,
			map[int]float64{2022: 22, 2023: 35, 2024: 40, 2025: 43},
			[]string{"đến hết năm 2023 (thời hạn của Kế hoạch) đạt 35%, không đạt chỉ tiêu tối thiểu 50%."}, nil},
		{"each year, never met (CT06)", domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: f(50), Unit: "%", EachYear: true}, domain.KindPercent,
			map[int]float64{2022: 22, 2023: 31, 2024: 38, 2025: 44},
			[]string{"không năm nào đạt chỉ tiêu tối thiểu 50% hằng năm (4 năm được đánh giá)."}, []string{"0/4"}},
		{"capped growth (CT02)", domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: f(20), Unit: "%", EachYear: true}, domain.KindGrowth,
			map[int]float64{2022: 40, 2023: 61, 2024: 83, 2025: 96},
			[]string{"năm 2023 tăng 21 điểm phần trăm (từ 40% lên 61%)", "năm 2025 tăng 13 điểm phần trăm (từ 83% lên 96%)",
				"đạt chỉ tiêu tăng tối thiểu 20 điểm phần trăm mỗi năm trong 2/3 năm được đánh giá (năm 2023, 2024); năm 2025 không đạt mức tăng cần thiết 17 điểm phần trăm (chỉ tiêu tăng tối thiểu 20 điểm phần trăm mỗi năm, còn 17 điểm phần trăm là đạt 100%)."},
			[]string{"năm 2025 đạt 96%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := export.TargetRow{Code: "CT99", Text: "Chỉ tiêu thử", Kind: tc.kind, MeasureUnit: "%", Commitment: tc.c, Base: tc.c}
			years := yearsOf(row, tc.values, 2021, 2025)
			last := years[len(years)-1]
			c := composer{r: last, kind: KindFinal, years: years}
			got := c.path(last.Targets[0])
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("closing report says\n%s\nwant %q", got, w)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(got, n) {
					t.Errorf("closing report says %q:\n%s", n, got)
				}
			}
		})
	}
}

// TestPeriodReportProse: the annual report states a growth's increase and what it needed,
// a ratio's basis (Σ numerators / Σ denominators of how many units), and a target met
// late against its deadline.
func TestPeriodReportProse(t *testing.T) {
	growth := domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: f(20), Unit: "%", EachYear: true}
	g := export.TargetRow{Code: "CT02", Text: "Số hóa kết quả giải quyết TTHC", Kind: domain.KindGrowth, MeasureUnit: "%", Commitment: growth,
		Cells: []export.Cell{{Value: f(96), Units: 2, Basis: "Trung bình cộng tỷ lệ của 2 đơn vị"}}}
	g.Eval = domain.Evaluate(growth, nil, []domain.Observation{{Year: 2024, Slot: 4, Value: f(83)}, {Year: 2025, Slot: 4, Value: f(96)}}, 2025, 4)
	ratio := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: f(50), Unit: "%", EachYear: true}
	rt := export.TargetRow{Code: "CT06", Text: "Tỷ lệ hồ sơ giải quyết trực tuyến", Kind: domain.KindPercent, MeasureUnit: "%", Commitment: ratio,
		Ratio: domain.Ratio{Numerator: "hồ sơ trực tuyến", Denominator: "hồ sơ tiếp nhận"},
		Cells: []export.Cell{{Value: f(44), Units: 1, Basis: "Tổng hồ sơ trực tuyến / tổng hồ sơ tiếp nhận của 1 đơn vị (5.280/12.000)"}}}
	rt.Eval = domain.Evaluate(ratio, nil, []domain.Observation{{Year: 2025, Slot: 4, Value: f(44)}}, 2025, 4)
	late := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGT, Value: f(30), Unit: "%", DeadlineYear: 2023}
	lt := export.TargetRow{Code: "CT10", Text: "Mức tự bảo đảm chi thường xuyên", Kind: domain.KindPercent, MeasureUnit: "%", Commitment: late,
		Cells: []export.Cell{{Value: f(33), Units: 1}}}
	lt.Eval = domain.Evaluate(late, nil, []domain.Observation{{Year: 2023, Slot: 4, Value: f(29)}, {Year: 2024, Slot: 4, Value: f(32.5)}, {Year: 2025, Slot: 4, Value: f(33)}}, 2025, 4)
	r := &export.Report{Params: export.Params{Year: 2025, Kind: domain.PeriodYear}, Columns: []export.Column{{Kind: domain.PeriodYear}}}
	for _, tc := range []struct {
		row  export.TargetRow
		want string
	}{
		{g, "(chỉ tiêu CT02): năm 2025 tăng 13 điểm phần trăm (từ 83% lên 96%, trung bình cộng tỷ lệ của 2 đơn vị), không đạt mức tăng cần thiết 17 điểm phần trăm (chỉ tiêu tăng tối thiểu 20 điểm phần trăm mỗi năm, còn 17 điểm phần trăm là đạt 100%)."},
		{rt, "(chỉ tiêu CT06): năm 2025 đạt 44% (tổng hồ sơ trực tuyến / tổng hồ sơ tiếp nhận của 1 đơn vị: 5.280/12.000), chưa đạt chỉ tiêu tối thiểu 50% hằng năm của Kế hoạch (không đạt)."},
		{lt, "(chỉ tiêu CT10): năm 2025 đạt 33%, đạt chỉ tiêu trên 30% nhưng trễ hạn so với thời hạn năm 2023 của Kế hoạch."},
	} {
		if got := targetSentence(r, tc.row); !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n got %s\nwant …%s", tc.row.Code, got, tc.want)
		}
	}
}

package domain_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func ov(year, slot int, v float64) domain.Observation {
	return domain.Observation{Year: year, Slot: slot, Value: &v}
}

func od(year, slot int, done bool) domain.Observation {
	return domain.Observation{Year: year, Slot: slot, Done: &done}
}

// Targets of plan 2320/KH-SNV (data/plan-2320-KH-SNV.json).
var (
	ct01 = domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(100), Unit: "%", EachYear: true}
	ct02 = domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: num(20), EachYear: true}
	ct05 = domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(80), Unit: "%", EachYear: true}
	ct07 = domain.Commitment{Kind: domain.KindMilestone, DeadlineYear: 2025}
	ct08 = domain.Commitment{Kind: domain.KindMilestone, EachYear: true}
	ct10 = domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGT, Value: num(30), DeadlineYear: 2023}
)

type at struct{ year, slot int }

func TestEvaluateTarget(t *testing.T) {
	withBaseline := ct02
	withBaseline.Baseline = num(30)
	fewerErrors := domain.Commitment{Kind: domain.KindCount, Op: domain.OpLE, Value: num(5), Unit: "hồ sơ trễ hạn", EachYear: true}
	docs := domain.Commitment{Kind: domain.KindCount, Op: domain.OpGE, Value: num(12), Unit: "văn bản", DeadlineYear: 2025}

	tests := []struct {
		name      string
		c         domain.Commitment
		hist      []domain.Observation
		asOf      at
		want      domain.TargetStatus
		latest    *at      // nil: Latest must be nil
		projected *float64 // nil: Projected must be nil
		reason    string   // exact Vietnamese reason; "" skips
		reasonEN  string   // exact English reason; "" skips
	}{
		// Any kind: nothing usable.
		{name: "no history", c: ct05, asOf: at{2025, 2}, want: domain.StatusNoData,
			reason: "Chưa có số liệu báo cáo.", reasonEN: "No reported data yet."},
		{name: "only reports after the as-of point", c: ct05, hist: []domain.Observation{ov(2025, 3, 90)}, asOf: at{2025, 2},
			want: domain.StatusNoData},
		{name: "reports without values", c: ct05, hist: []domain.Observation{{Year: 2025, Slot: 1}, od(2025, 2, true)}, asOf: at{2025, 2},
			want: domain.StatusNoData},
		{name: "invalid slots are ignored", c: ct05, hist: []domain.Observation{ov(2025, 0, 90), ov(2025, 5, 90)}, asOf: at{2025, 4},
			want: domain.StatusNoData},
		{name: "no committed value", c: domain.Commitment{Kind: domain.KindPercent, EachYear: true}, hist: []domain.Observation{ov(2025, 1, 50)},
			asOf: at{2025, 1}, want: domain.StatusNoData, reason: "Chỉ tiêu chưa có giá trị."},
		{name: "unknown kind", c: domain.Commitment{Kind: "score", Value: num(1)}, hist: []domain.Observation{ov(2025, 1, 50)},
			asOf: at{2025, 1}, want: domain.StatusNoData, reason: "Loại chỉ tiêu không xác định."},

		// Percent each year (CT05 ≥ 80% each year).
		{name: "CT05 nothing this year", c: ct05, hist: []domain.Observation{ov(2024, 4, 90)}, asOf: at{2025, 2},
			want: domain.StatusNoData, reason: "Chưa có số liệu báo cáo năm 2025.", reasonEN: "No data reported for 2025 yet."},
		{name: "CT05 met in Q1 is on track until the year ends", c: ct05, hist: []domain.Observation{ov(2024, 4, 70), ov(2025, 1, 85)}, asOf: at{2025, 1},
			want: domain.StatusOnTrack, latest: &at{2025, 1},
			reason:   "Quý I/2025 đạt 85%, đã đạt ≥ 80%; kết quả năm 2025 được đánh giá khi hết năm — đúng tiến độ.",
			reasonEN: "Latest value 85% meets ≥ 80%; the year 2025 is judged when it ends — on track."},
		{name: "CT05 met at the year end", c: ct05, hist: []domain.Observation{ov(2025, 1, 60), ov(2025, 4, 85)}, asOf: at{2025, 4},
			want: domain.StatusMet, latest: &at{2025, 4},
			reason: "Năm 2025 đạt 85%, đạt chỉ tiêu ≥ 80%.", reasonEN: "2025 reached 85%, meeting ≥ 80%."},
		{name: "CT05 year end short", c: ct05, hist: []domain.Observation{ov(2025, 1, 60), ov(2025, 2, 65), ov(2025, 3, 70), ov(2025, 4, 72.5)},
			asOf: at{2025, 4}, want: domain.StatusMissed, latest: &at{2025, 4},
			reason: "Hết năm 2025, giá trị 72,5% chưa đạt chỉ tiêu ≥ 80%.", reasonEN: "Year 2025 ended at 72,5%, short of ≥ 80%."},
		{name: "CT05 year end with Q4 not yet reported", c: ct05, hist: []domain.Observation{ov(2025, 3, 75)}, asOf: at{2025, 4},
			want: domain.StatusMissed, latest: &at{2025, 3}},
		{name: "CT05 mid-year trend reaches it", c: ct05, hist: []domain.Observation{ov(2025, 2, 70), ov(2025, 1, 60)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}, projected: num(90),
			reason:   "Quý II/2025 đạt 70%, chưa đạt ≥ 80%; theo xu hướng dự kiến đạt 90% vào cuối năm 2025 — đúng tiến độ.",
			reasonEN: "Latest value 70% is short of ≥ 80%; the trend projects 90% by the end of 2025 — on track."},
		{name: "CT05 mid-year trend falls short", c: ct05, hist: []domain.Observation{ov(2025, 2, 66.9), ov(2025, 3, 72.5), ov(2024, 4, 10)}, asOf: at{2025, 3},
			want: domain.StatusAtRisk, latest: &at{2025, 3}, projected: num(78.1),
			reason:   "Quý III/2025 đạt 72,5%, chưa đạt ≥ 80%; theo xu hướng dự kiến đạt 78,1% vào cuối năm 2025 — có nguy cơ không đạt.",
			reasonEN: "Latest value 72,5% is short of ≥ 80%; the trend projects 78,1% by the end of 2025 — at risk."},
		{name: "CT05 single report this year", c: ct05, hist: []domain.Observation{ov(2024, 4, 50), ov(2025, 1, 70)}, asOf: at{2025, 2},
			want: domain.StatusAtRisk, latest: &at{2025, 1},
			reason: "Quý I/2025 đạt 70%, chưa đạt ≥ 80%; chưa đủ số liệu trong năm để tính xu hướng — có nguy cơ không đạt."},
		{name: "CT05 a later report does not leak into the past", c: ct05, hist: []domain.Observation{ov(2025, 3, 95), ov(2025, 1, 60), ov(2025, 2, 61)},
			asOf: at{2025, 2}, want: domain.StatusAtRisk, latest: &at{2025, 2}, projected: num(63)},
		{name: "CT01 projection is capped at 100%", c: ct01, hist: []domain.Observation{ov(2025, 1, 60), ov(2025, 2, 95)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}, projected: num(100)},
		{name: "count at most, each year", c: fewerErrors, hist: []domain.Observation{ov(2025, 1, 3)}, asOf: at{2025, 1},
			want: domain.StatusOnTrack, latest: &at{2025, 1},
			reason: "Quý I/2025 đạt 3 hồ sơ trễ hạn, đã đạt ≤ 5 hồ sơ trễ hạn; kết quả năm 2025 được đánh giá khi hết năm — đúng tiến độ."},
		{name: "count at most, improving", c: fewerErrors, hist: []domain.Observation{ov(2025, 1, 12), ov(2025, 2, 9)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}, projected: num(3)},
		{name: "count projection not below zero", c: fewerErrors, hist: []domain.Observation{ov(2025, 1, 30), ov(2025, 2, 10)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}, projected: num(0)},
		{name: "as-of slot out of range is clamped to year end", c: ct05, hist: []domain.Observation{ov(2025, 2, 70)}, asOf: at{2025, 9},
			want: domain.StatusMissed, latest: &at{2025, 2}},

		// Percent by a deadline year (CT10 > 30% by 2023).
		{name: "CT10 met early", c: ct10, hist: []domain.Observation{ov(2022, 1, 20), ov(2022, 2, 35)}, asOf: at{2022, 2},
			want: domain.StatusOnTrack, latest: &at{2022, 2}, reason: "Quý II/2022 đạt 35%, đã đạt > 30%; cần giữ mức này đến hạn năm 2023 — đúng tiến độ."},
		{name: "CT10 met after the deadline is met late", c: ct10, hist: []domain.Observation{ov(2023, 4, 25), ov(2024, 2, 31)}, asOf: at{2024, 2},
			want: domain.StatusMetLate, latest: &at{2024, 2},
			reason:   "Đến hạn năm 2023 chỉ đạt 25%, chưa đạt chỉ tiêu > 30%; quý II/2024 đạt 31%, trễ hạn.",
			reasonEN: "By the 2023 deadline it reached only 25%, short of > 30%; Q2 2024 reached 31%, late."},
		{name: "CT10 exactly 30 is not above 30", c: ct10, hist: []domain.Observation{ov(2023, 4, 30)}, asOf: at{2023, 4},
			want: domain.StatusMissed, latest: &at{2023, 4}},
		{name: "CT10 deadline year ended", c: ct10, hist: []domain.Observation{ov(2023, 1, 20), ov(2023, 4, 25)}, asOf: at{2023, 4},
			want: domain.StatusMissed, latest: &at{2023, 4},
			reason:   "Đến hạn năm 2023 chỉ đạt 25%, chưa đạt chỉ tiêu > 30%.",
			reasonEN: "By the 2023 deadline it reached only 25%, short of > 30%."},
		{name: "CT10 after the deadline", c: ct10, hist: []domain.Observation{ov(2023, 4, 25)}, asOf: at{2024, 1},
			want: domain.StatusMissed, latest: &at{2023, 4}},
		{name: "CT10 trend reaches it", c: ct10, hist: []domain.Observation{ov(2021, 4, 10), ov(2022, 1, 15), ov(2022, 2, 20)}, asOf: at{2022, 2},
			want: domain.StatusOnTrack, latest: &at{2022, 2}, projected: num(50),
			reason: "Quý II/2022 đạt 20%, chưa đạt > 30%; theo xu hướng dự kiến đạt 50% vào cuối năm 2023 — đúng tiến độ."},
		{name: "CT10 trend too slow", c: ct10, hist: []domain.Observation{ov(2022, 1, 20), ov(2022, 2, 21), ov(2021, 4, 19)}, asOf: at{2022, 2},
			want: domain.StatusAtRisk, latest: &at{2022, 2}, projected: num(27),
			reason: "Quý II/2022 đạt 21%, chưa đạt > 30%; theo xu hướng dự kiến đạt 27% vào cuối năm 2023 — có nguy cơ không đạt."},
		{name: "CT10 mid deadline year, trend reaches it", c: ct10, hist: []domain.Observation{ov(2023, 1, 24), ov(2023, 2, 27)}, asOf: at{2023, 2},
			want: domain.StatusOnTrack, latest: &at{2023, 2}, projected: num(33)},
		{name: "CT10 single report", c: ct10, hist: []domain.Observation{ov(2022, 1, 20)}, asOf: at{2022, 3},
			want: domain.StatusAtRisk, latest: &at{2022, 1},
			reason:   "Quý I/2022 đạt 20%, chưa đạt > 30%; mới có một kỳ số liệu, chưa tính được xu hướng — có nguy cơ không đạt.",
			reasonEN: "Latest value 20% is short of > 30%; a single report gives no trend — at risk."},
		{name: "count by deadline, falling", c: docs, hist: []domain.Observation{ov(2024, 1, 8), ov(2024, 2, 6)}, asOf: at{2024, 2},
			want: domain.StatusAtRisk, latest: &at{2024, 2}, projected: num(0)},

		// Growth in points a year (CT02 ≥ 20 points each year).
		{name: "CT02 grew enough", c: ct02, hist: []domain.Observation{ov(2024, 1, 30), ov(2024, 4, 40), ov(2025, 2, 62)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2},
			reason:   "Mức tăng 22 điểm % so với cuối năm 2024 (từ 40% lên 62%) đã đạt chỉ tiêu ≥ 20 điểm %; kết quả năm 2025 được đánh giá khi hết năm — đúng tiến độ.",
			reasonEN: "Growth of 22 pts since the end of 2024 (from 40% to 62%) meets ≥ 20 pts; the year 2025 is judged when it ends — on track."},
		{name: "CT02 year ended short", c: ct02, hist: []domain.Observation{ov(2024, 4, 40), ov(2025, 4, 52)}, asOf: at{2025, 4},
			want: domain.StatusMissed, latest: &at{2025, 4},
			reason:   "Hết năm 2025, mức tăng 12 điểm % so với cuối năm 2024 (từ 40% lên 52%) chưa đạt chỉ tiêu ≥ 20 điểm %.",
			reasonEN: "Year 2025 ended: growth of 12 pts since the end of 2024 (from 40% to 52%), short of ≥ 20 pts."},
		{name: "CT02 keeps pace after Q1", c: ct02, hist: []domain.Observation{ov(2024, 4, 40), ov(2025, 1, 46)}, asOf: at{2025, 1},
			want: domain.StatusOnTrack, latest: &at{2025, 1},
			reason: "Mức tăng 6 điểm % so với cuối năm 2024 (từ 40% lên 46%) chưa đạt chỉ tiêu ≥ 20 điểm % cả năm nhưng theo kịp mức 5 điểm % cần có đến quý I — đúng tiến độ."},
		{name: "CT02 lags after Q2", c: ct02, hist: []domain.Observation{ov(2024, 4, 40), ov(2025, 1, 44), ov(2025, 2, 48)}, asOf: at{2025, 2},
			want: domain.StatusAtRisk, latest: &at{2025, 2},
			reason:   "Mức tăng 8 điểm % so với cuối năm 2024 (từ 40% lên 48%) chưa đạt chỉ tiêu ≥ 20 điểm % cả năm và thấp hơn mức 10 điểm % cần có đến quý II — có nguy cơ không đạt.",
			reasonEN: "Growth of 8 pts since the end of 2024 (from 40% to 48%) is short of ≥ 20 pts for the year and below the 10 pts due by Q2 — at risk."},
		{name: "CT02 pro-rates by the latest report, not the calendar", c: ct02, hist: []domain.Observation{ov(2024, 4, 40), ov(2025, 1, 46)}, asOf: at{2025, 3},
			want: domain.StatusOnTrack, latest: &at{2025, 1}},
		{name: "CT02 uses the last report of the previous year", c: ct02, hist: []domain.Observation{ov(2024, 4, 40), ov(2024, 1, 10), ov(2025, 2, 55)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}},
		{name: "CT02 no previous year", c: ct02, hist: []domain.Observation{ov(2023, 4, 20), ov(2025, 1, 46)}, asOf: at{2025, 1},
			want: domain.StatusNoData, latest: &at{2025, 1}, reason: "Chưa có số liệu năm trước để tính mức tăng."},
		{name: "CT02 first year against the baseline", c: withBaseline, hist: []domain.Observation{ov(2022, 4, 55)}, asOf: at{2022, 4},
			want: domain.StatusMet, latest: &at{2022, 4},
			reason: "Mức tăng 25 điểm % so với giá trị ban đầu (từ 30% lên 55%) đạt chỉ tiêu ≥ 20 điểm %."},
		{name: "CT02 previous year wins over the baseline", c: withBaseline, hist: []domain.Observation{ov(2022, 4, 55), ov(2023, 4, 60)}, asOf: at{2023, 4},
			want: domain.StatusMissed, latest: &at{2023, 4}},
		{name: "CT02 needs only what remains to 100%", c: ct02, hist: []domain.Observation{ov(2024, 4, 90), ov(2025, 2, 100)}, asOf: at{2025, 4},
			want: domain.StatusMet, latest: &at{2025, 2},
			reason: "Mức tăng 10 điểm % so với cuối năm 2024 (từ 90% lên 100%) đạt mức cần tăng 10 điểm % (chỉ tiêu ≥ 20 điểm %, nhưng chỉ còn 10 điểm % đến 100%)."},
		{name: "CT02 nothing this year", c: ct02, hist: []domain.Observation{ov(2024, 4, 40)}, asOf: at{2025, 2},
			want: domain.StatusNoData, reason: "Chưa có số liệu báo cáo năm 2025."},

		// Milestone by a deadline year (CT07 by 2025).
		{name: "CT07 done", c: ct07, hist: []domain.Observation{od(2023, 2, false), od(2024, 3, true)}, asOf: at{2024, 4},
			want: domain.StatusMet, latest: &at{2024, 3}, reason: "Đã hoàn thành (báo cáo quý III/2024), trước hạn năm 2025.", reasonEN: "Completed (report of Q3 2024), ahead of the 2025 deadline."},
		{name: "CT07 not done, years left", c: ct07, hist: []domain.Observation{od(2023, 2, false)}, asOf: at{2023, 4},
			want: domain.StatusOnTrack, latest: &at{2023, 2}, reason: "Chưa hoàn thành, còn thời hạn đến năm 2025."},
		{name: "CT07 not done in the deadline year", c: ct07, hist: []domain.Observation{od(2025, 2, false)}, asOf: at{2025, 3},
			want: domain.StatusAtRisk, latest: &at{2025, 2},
			reason: "Chưa hoàn thành dù năm 2025 là năm hạn chót — có nguy cơ không đạt."},
		{name: "CT07 deadline year ended", c: ct07, hist: []domain.Observation{od(2025, 3, false)}, asOf: at{2025, 4},
			want: domain.StatusMissed, latest: &at{2025, 3}, reason: "Đến hạn năm 2025 chưa hoàn thành."},
		{name: "CT07 after the deadline", c: ct07, hist: []domain.Observation{od(2025, 4, false)}, asOf: at{2026, 1},
			want: domain.StatusMissed, latest: &at{2025, 4}},
		{name: "CT07 done later than the as-of point is ignored", c: ct07, hist: []domain.Observation{od(2024, 1, false), od(2025, 1, true)}, asOf: at{2024, 4},
			want: domain.StatusOnTrack, latest: &at{2024, 1}},
		{name: "CT07 reports without a done flag", c: ct07, hist: []domain.Observation{ov(2024, 1, 1)}, asOf: at{2024, 4},
			want: domain.StatusNoData},

		// Milestone each year (CT08 annual review).
		{name: "CT08 done this year", c: ct08, hist: []domain.Observation{od(2025, 1, false), od(2025, 2, true)}, asOf: at{2025, 3},
			want: domain.StatusMet, latest: &at{2025, 2}, reason: "Đã hoàn thành trong năm 2025."},
		{name: "CT08 not yet, time left", c: ct08, hist: []domain.Observation{od(2024, 4, true), od(2025, 2, false)}, asOf: at{2025, 2},
			want: domain.StatusOnTrack, latest: &at{2025, 2}, reason: "Chưa hoàn thành, còn thời gian đến cuối năm 2025."},
		{name: "CT08 year ended", c: ct08, hist: []domain.Observation{od(2025, 4, false)}, asOf: at{2025, 4},
			want: domain.StatusMissed, latest: &at{2025, 4}, reason: "Hết năm 2025 nhưng chưa hoàn thành."},
		{name: "CT08 last year's success does not carry", c: ct08, hist: []domain.Observation{od(2024, 4, true)}, asOf: at{2025, 2},
			want: domain.StatusNoData, reason: "Chưa có số liệu báo cáo năm 2025."},
		{name: "milestone without a year is kept each year", c: domain.Commitment{Kind: domain.KindMilestone}, hist: []domain.Observation{od(2025, 4, false)},
			asOf: at{2025, 4}, want: domain.StatusMissed, latest: &at{2025, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hist := slices.Clone(tc.hist)
			ev := domain.EvaluateTarget(tc.c, tc.hist, tc.asOf.year, tc.asOf.slot)
			if !slices.EqualFunc(hist, tc.hist, func(a, b domain.Observation) bool {
				return a.Year == b.Year && a.Slot == b.Slot && a.Value == b.Value && a.Done == b.Done
			}) {
				t.Error("EvaluateTarget reordered the caller's history")
			}
			if ev.Status != tc.want {
				t.Errorf("status = %s; want %s (%s)", ev.Status, tc.want, ev.Reason.Text(i18n.VI))
			}
			switch {
			case tc.latest == nil && ev.Latest != nil:
				t.Errorf("Latest = %+v; want nil", *ev.Latest)
			case tc.latest != nil && (ev.Latest == nil || ev.Latest.Year != tc.latest.year || ev.Latest.Slot != tc.latest.slot):
				t.Errorf("Latest = %+v; want %v", ev.Latest, *tc.latest)
			}
			switch {
			case tc.projected == nil && ev.Projected != nil:
				t.Errorf("Projected = %v; want nil", *ev.Projected)
			case tc.projected != nil && (ev.Projected == nil || math.Abs(*ev.Projected-*tc.projected) > 1e-9):
				t.Errorf("Projected = %v; want %v", ev.Projected, *tc.projected)
			}
			vi, en := ev.Reason.Text(i18n.VI), ev.Reason.Text(i18n.EN)
			if tc.reason != "" && vi != tc.reason {
				t.Errorf("Reason = %q\n            want %q", vi, tc.reason)
			}
			if tc.reasonEN != "" && en != tc.reasonEN {
				t.Errorf("ReasonEN = %q\n              want %q", en, tc.reasonEN)
			}
			if vi == "" || en == "" || !strings.HasSuffix(vi, ".") || strings.Contains(vi+en, "%!") {
				t.Errorf("reasons must be whole sentences: %q / %q", vi, en)
			}
		})
	}
}

func TestTargetStatusLabels(t *testing.T) {
	tests := []struct {
		s      domain.TargetStatus
		vi, en string
		final  bool
	}{
		{domain.StatusMissed, "Không đạt", "Not met", true},
		{domain.StatusNotKept, "Không duy trì được", "Not maintained", true},
		{domain.StatusAtRisk, "Có nguy cơ không đạt", "At risk", false},
		{domain.StatusNoData, "Chưa có số liệu", "No data", false},
		{domain.StatusOnTrack, "Đúng tiến độ", "On track", false},
		{domain.StatusMetLate, "Đạt, trễ hạn", "Met late", true},
		{domain.StatusMet, "Đạt", "Met", true},
	}
	all := domain.AllTargetStatuses()
	if len(all) != len(tests) {
		t.Fatalf("AllTargetStatuses() has %d statuses; want %d", len(all), len(tests))
	}
	for i, tc := range tests {
		if all[i] != tc.s {
			t.Errorf("AllTargetStatuses()[%d] = %s; want %s", i, all[i], tc.s)
		}
		if tc.s.Label(domain.LangVI) != tc.vi || tc.s.Label(domain.LangEN) != tc.en {
			t.Errorf("%s labels = %q / %q", tc.s, tc.s.Label(domain.LangVI), tc.s.Label(domain.LangEN))
		}
		if tc.s.Final() != tc.final {
			t.Errorf("%s.Final() = %v", tc.s, tc.s.Final())
		}
	}
}

func TestLinearProjection(t *testing.T) {
	tests := []struct {
		name   string
		xs, ys []float64
		at     float64
		want   float64
		ok     bool
	}{
		{"line through two points", []float64{1, 2}, []float64{60, 70}, 4, 90, true},
		{"least squares", []float64{1, 2, 3}, []float64{1, 3, 2}, 4, 3, true},
		{"flat", []float64{1, 2, 3}, []float64{5, 5, 5}, 10, 5, true},
		{"falling", []float64{8084, 8085}, []float64{8, 6}, 8088, 0, true},
		{"single point", []float64{1}, []float64{5}, 4, 0, false},
		{"repeated x", []float64{2, 2, 2}, []float64{1, 2, 3}, 4, 0, false},
		{"mismatched lengths", []float64{1, 2}, []float64{1}, 4, 0, false},
		{"empty", nil, nil, 4, 0, false},
		{"NaN", []float64{1, 2}, []float64{math.NaN(), 1}, 4, 0, false},
	}
	for _, tc := range tests {
		got, ok := domain.LinearProjection(tc.xs, tc.ys, tc.at)
		if ok != tc.ok || (ok && math.Abs(got-tc.want) > 1e-9) {
			t.Errorf("%s: = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

package domain_test

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// unitsOf builds an observation from units' values (unit id → value); its Value is their mean.
func unitsOf(year, slot int, values map[int64]float64) domain.Observation {
	o := domain.Observation{Year: year, Slot: slot}
	sum := 0.0
	for id, v := range values {
		o.Units = append(o.Units, domain.UnitFigure{Unit: id, Value: num(v)})
		sum += v
	}
	o.Value = num(sum / float64(len(values)))
	return o
}

// The five cases of issue 11: late then met, met then lost, missed, capped growth with a
// unit whose report is pending, ratio aggregation (TestRatioAggregation).
func TestVerdictCases(t *testing.T) {
	ct12 := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(100), DeadlineYear: 2023}
	ct13 := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(50), DeadlineYear: 2023}
	lateThenMet := []domain.Observation{ov(2022, 4, 20), ov(2023, 4, 28), ov(2024, 2, 32.5), ov(2024, 4, 33)}
	metThenLost := []domain.Observation{ov(2022, 4, 90), ov(2023, 4, 100), ov(2024, 4, 100), ov(2025, 4, 98.7)}
	missed := []domain.Observation{ov(2022, 4, 30), ov(2023, 4, 40), ov(2025, 4, 45)}
	// 2024: unit 1 at 50%, unit 2 at 96,7%; 2025: unit 2 at 100%, unit 1's report pending.
	pending := []domain.Observation{unitsOf(2024, 4, map[int64]float64{1: 50, 2: 96.7}), unitsOf(2025, 4, map[int64]float64{2: 100})}
	// 2024: unit 1 at 40%, unit 2 at 80%; 2025: unit 1 at 62%, unit 2 pending. Comparing the
	// totals (60% → 62%) would call it missed; unit 1 alone gained 22 points.
	pendingFlips := []domain.Observation{unitsOf(2024, 4, map[int64]float64{1: 40, 2: 80}), unitsOf(2025, 4, map[int64]float64{1: 62})}

	tests := []struct {
		name     string
		c        domain.Commitment
		hist     []domain.Observation
		asOf     at
		want     domain.TargetStatus
		reason   string
		required *float64
	}{
		{"late: missed at the deadline", ct10, lateThenMet, at{2023, 4}, domain.StatusMissed,
			"Đến hạn năm 2023 chỉ đạt 28%, chưa đạt chỉ tiêu > 30%.", nil},
		{"late: still missed before it is reached", ct10, lateThenMet, at{2024, 1}, domain.StatusMissed,
			"Đến hạn năm 2023 chỉ đạt 28%, chưa đạt chỉ tiêu > 30%.", nil},
		{"late then met: met late, the miss stays in the verdict", ct10, lateThenMet, at{2024, 2}, domain.StatusMetLate,
			"Đến hạn năm 2023 chỉ đạt 28%, chưa đạt chỉ tiêu > 30%; quý II/2024 đạt 32,5%, trễ hạn.", nil},
		{"late then met: still met late a year on", ct10, lateThenMet, at{2025, 4}, domain.StatusMetLate,
			"Đến hạn năm 2023 chỉ đạt 28%, chưa đạt chỉ tiêu > 30%; quý II/2024 đạt 32,5%, trễ hạn.", nil},
		{"met then lost: met at the deadline", ct12, metThenLost, at{2023, 4}, domain.StatusMet,
			"Đạt chỉ tiêu ≥ 100% đúng hạn năm 2023 (năm 2023: 100%).", nil},
		{"met then lost: kept in 2024", ct12, metThenLost, at{2024, 4}, domain.StatusMet,
			"Đạt chỉ tiêu ≥ 100% đúng hạn năm 2023 (năm 2023: 100%).", nil},
		{"met then lost: not maintained in 2025", ct12, metThenLost, at{2025, 4}, domain.StatusNotKept,
			"Đạt chỉ tiêu ≥ 100% đúng hạn năm 2023 (năm 2023: 100%) nhưng năm 2025 chỉ còn 98,7% — không duy trì được.", nil},
		{"missed at the deadline", ct13, missed, at{2023, 4}, domain.StatusMissed,
			"Đến hạn năm 2023 chỉ đạt 40%, chưa đạt chỉ tiêu ≥ 50%.", nil},
		{"missed and still short after", ct13, missed, at{2025, 4}, domain.StatusMissed,
			"Đến hạn năm 2023 chỉ đạt 40%, chưa đạt chỉ tiêu ≥ 50%; năm 2025: 45%, vẫn chưa đạt.", nil},
		{"capped growth over the same units, one pending", ct02, pending, at{2025, 4}, domain.StatusMet,
			"Mức tăng 3,3 điểm % so với cuối năm 2024 (từ 96,7% lên 100%; so sánh cùng 1 đơn vị có số liệu ở cả hai kỳ, không tính 1 đơn vị chỉ có số liệu ở một kỳ) đạt mức cần tăng 3,3 điểm % (chỉ tiêu ≥ 20 điểm %, nhưng chỉ còn 3,3 điểm % đến 100%).",
			num(3.3)},
		{"growth over the same units, not the totals", ct02, pendingFlips, at{2025, 4}, domain.StatusMet,
			"Mức tăng 22 điểm % so với cuối năm 2024 (từ 40% lên 62%; so sánh cùng 1 đơn vị có số liệu ở cả hai kỳ, không tính 1 đơn vị chỉ có số liệu ở một kỳ) đạt chỉ tiêu ≥ 20 điểm %.",
			num(20)},
		{"growth from 100% lost", ct02, []domain.Observation{ov(2024, 4, 100), ov(2025, 4, 97)}, at{2025, 4}, domain.StatusNotKept,
			"Cuối năm 2024 đã đạt 100% nhưng năm 2025 chỉ còn 97% — không duy trì được.", num(0)},
		{"growth from 100% kept", ct02, []domain.Observation{ov(2024, 4, 100), ov(2025, 4, 100)}, at{2025, 4}, domain.StatusMet,
			"Mức tăng 0 điểm % so với cuối năm 2024 (từ 100% lên 100%) đạt mức cần tăng 0 điểm % (chỉ tiêu ≥ 20 điểm %, nhưng chỉ còn 0 điểm % đến 100%).", num(0)},
		{"growth with no unit in both years", ct02, []domain.Observation{unitsOf(2024, 4, map[int64]float64{1: 40}), unitsOf(2025, 4, map[int64]float64{2: 70})},
			at{2025, 4}, domain.StatusNoData, "Không có đơn vị nào có số liệu ở cả năm 2024 và năm 2025 để tính mức tăng.", nil},
		{"each year: met last year, lost this year", ct05, []domain.Observation{ov(2024, 4, 85), ov(2025, 4, 79)}, at{2025, 4}, domain.StatusNotKept,
			"Năm 2024 đã đạt 85% nhưng năm 2025 chỉ còn 79%, không duy trì được chỉ tiêu ≥ 80%.", nil},
		{"deadline passed with no data", ct13, nil, at{2024, 1}, domain.StatusNoData,
			"Đã đến hạn năm 2023 nhưng chưa có số liệu báo cáo.", nil},
		{"no data at the deadline, met later", ct13, []domain.Observation{ov(2024, 4, 55)}, at{2024, 4}, domain.StatusMetLate,
			"Đến hạn năm 2023 chưa có số liệu báo cáo; năm 2024 đạt 55%, trễ hạn.", nil},
		{"milestone done, then reported undone", ct07, []domain.Observation{od(2025, 4, true), od(2026, 2, false)}, at{2026, 2}, domain.StatusNotKept,
			"Hoàn thành đúng hạn năm 2025 (báo cáo năm 2025) nhưng báo cáo quý II/2026 cho biết chưa hoàn thành — không duy trì được.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := domain.EvaluateTarget(tc.c, tc.hist, tc.asOf.year, tc.asOf.slot)
			if ev.Status != tc.want {
				t.Errorf("status = %s; want %s (%s)", ev.Status, tc.want, ev.Reason.Text(i18n.VI))
			}
			if ev.Reason.Text(i18n.VI) != tc.reason {
				t.Errorf("Reason = %q\n            want %q", ev.Reason.Text(i18n.VI), tc.reason)
			}
			switch {
			case tc.required == nil && ev.Required != nil:
				t.Errorf("Required = %v; want nil", *ev.Required)
			case tc.required != nil && (ev.Required == nil || math.Abs(*ev.Required-*tc.required) > 1e-9):
				t.Errorf("Required = %v; want %v", ev.Required, *tc.required)
			}
			checkHonest(t, ev)
		})
	}
}

// checkHonest: a reason never contradicts its verdict.
func checkHonest(t *testing.T, ev domain.Evaluation) {
	t.Helper()
	if ev.Reason.Text(i18n.VI) == "" || ev.Reason.Text(i18n.EN) == "" || !strings.HasSuffix(ev.Reason.Text(i18n.VI), ".") || !strings.HasSuffix(ev.Reason.Text(i18n.EN), ".") {
		t.Errorf("reasons must be whole sentences: %q / %q", ev.Reason.Text(i18n.VI), ev.Reason.Text(i18n.EN))
	}
	switch ev.Status {
	case domain.StatusMet, domain.StatusNotKept:
		if strings.Contains(ev.Reason.Text(i18n.VI), "chưa đạt") {
			t.Errorf("%s with reason %q", ev.Status, ev.Reason.Text(i18n.VI))
		}
	case domain.StatusMissed:
		if strings.Contains(ev.Reason.Text(i18n.VI), "đúng hạn") || strings.Contains(ev.Reason.Text(i18n.VI), "trễ hạn") {
			t.Errorf("missed with reason %q", ev.Reason.Text(i18n.VI))
		}
	}
	if ev.Status == domain.StatusNotKept && !strings.Contains(ev.Reason.Text(i18n.VI), "không duy trì được") {
		t.Errorf("not maintained with reason %q", ev.Reason.Text(i18n.VI))
	}
}

// TestYearlyCommitmentJudgesItsYear: CT05 given "2026: ≥ 100" judges 2026 by it while
// the plan's ≥ 80% still judges 2025.
func TestYearlyCommitmentJudgesItsYear(t *testing.T) {
	sched := []domain.CommitmentChange{{FromYear: 2026, Op: domain.OpGE, Value: 100}}
	hist := []domain.Observation{ov(2025, 4, 88.6), ov(2026, 4, 88.6)}
	ev25 := domain.Evaluate(ct05, sched, hist, 2025, 4)
	ev26 := domain.Evaluate(ct05, sched, hist, 2026, 4)
	if ev25.Status != domain.StatusMet || ev25.Reason.Text(i18n.VI) != "Năm 2025 đạt 88,6%, đạt chỉ tiêu ≥ 80%." {
		t.Errorf("2025: %s %q", ev25.Status, ev25.Reason.Text(i18n.VI))
	}
	if ev26.Status != domain.StatusMissed || ev26.Reason.Text(i18n.VI) != "Hết năm 2026, giá trị 88,6% chưa đạt chỉ tiêu ≥ 100%." {
		t.Errorf("2026: %s %q", ev26.Status, ev26.Reason.Text(i18n.VI))
	}
	if *ev26.InForce.Value != 100 || *ev25.InForce.Value != 80 {
		t.Errorf("InForce = %v / %v", *ev25.InForce.Value, *ev26.InForce.Value)
	}
	// an intermediate milestone before a deadline: ≥ 60% in 2024, the plan's 100% by 2025
	ct03 := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(100), DeadlineYear: 2025}
	mid := []domain.CommitmentChange{{FromYear: 2024, Op: domain.OpGE, Value: 60}}
	h := []domain.Observation{ov(2024, 4, 65), ov(2025, 4, 90)}
	if ev := domain.Evaluate(ct03, mid, h, 2024, 4); ev.Status != domain.StatusMet {
		t.Errorf("2024 milestone: %s %q", ev.Status, ev.Reason.Text(i18n.VI))
	}
	if ev := domain.Evaluate(ct03, mid, h, 2025, 4); ev.Status != domain.StatusMissed || ev.Reason.Text(i18n.VI) != "Đến hạn năm 2025 chỉ đạt 90%, chưa đạt chỉ tiêu ≥ 100%." {
		t.Errorf("2025 deadline: %s %q", ev.Status, ev.Reason.Text(i18n.VI))
	}
	// the 2024 milestone met by the last report before the deadline does not meet the deadline
	if ev := domain.Evaluate(ct03, mid, h[:1], 2025, 4); ev.Status != domain.StatusMissed {
		t.Errorf("2025 deadline on 2024's figure: %s %q", ev.Status, ev.Reason.Text(i18n.VI))
	}
}

func TestRatioAggregation(t *testing.T) {
	// unit 1: 90 of 100 dossiers on time; unit 2: 1 of 10. Σ91/Σ110 = 82,73%; the mean of
	// the two percentages (50,5%) would weigh 10 dossiers like 100.
	ratio := []domain.UnitFigure{
		{Unit: 1, Value: num(90), Num: num(90), Den: num(100)},
		{Unit: 2, Value: num(10), Num: num(1), Den: num(10)},
	}
	if got := domain.LevelOf(ratio); math.Abs(got-91.0/110*100) > 1e-9 {
		t.Errorf("ratio level = %v", got)
	}
	plain := []domain.UnitFigure{{Unit: 1, Value: num(90)}, {Unit: 2, Value: num(11)}}
	if got := domain.LevelOf(plain); got != 50.5 {
		t.Errorf("plain level = %v; want the mean 50,5", got)
	}
	if got := domain.LevelOf([]domain.UnitFigure{{Unit: 1, Value: num(0), Num: num(0), Den: num(0)}}); got != 0 {
		t.Errorf("zero denominators = %v; want the mean 0", got)
	}
	// growth of a ratio over matched units sums the matched units' counts
	p := domain.MatchUnits(
		domain.Observation{Year: 2024, Slot: 4, Value: num(50), Units: ratio},
		domain.Observation{Year: 2025, Slot: 4, Value: num(95), Units: []domain.UnitFigure{{Unit: 1, Value: num(95), Num: num(95), Den: num(100)}}})
	if !p.OK || p.Matched != 1 || p.LeftOut != 1 || p.Before != 90 || p.After != 95 {
		t.Errorf("MatchUnits = %+v", p)
	}
}

func TestGrowthRequired(t *testing.T) {
	tests := []struct {
		op           domain.Comparison
		want, before float64
		req          float64
		capped       bool
	}{
		{domain.OpGE, 20, 40, 20, false},
		{domain.OpGE, 20, 80, 20, false},
		{domain.OpGE, 20, 96.7, 100 - 96.7, true},
		{domain.OpGT, 20, 90, 10, true},
		{"", 20, 100, 0, true},
		{domain.OpLE, 5, 98, 5, false},
	}
	for _, tc := range tests {
		req, capped := domain.GrowthRequired(tc.op, tc.want, tc.before)
		if math.Abs(req-tc.req) > 1e-9 || capped != tc.capped {
			t.Errorf("GrowthRequired(%s, %v, %v) = %v, %v", tc.op, tc.want, tc.before, req, capped)
		}
	}
}

// TestPlan2320FinalEvaluation judges every target of plan 2320/KH-SNV over 2021–2025,
// the targets read from the plan's data so that none is left out.
func TestPlan2320FinalEvaluation(t *testing.T) {
	raw, err := os.ReadFile("../seed/plan-2320-KH-SNV.json")
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Targets []struct {
			Code     string   `json:"code"`
			Kind     string   `json:"kind"`
			Op       string   `json:"op"`
			Value    *float64 `json:"value"`
			By       int      `json:"by"`
			EachYear bool     `json:"each_year"`
		} `json:"targets"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	type path struct {
		hist   []domain.Observation
		want   domain.TargetStatus
		judged int
		reason string
		met    int // years met on the path
	}
	cases := map[string]path{
		"CT01": {[]domain.Observation{ov(2021, 4, 100), ov(2022, 4, 100), ov(2023, 4, 100), ov(2024, 4, 100), ov(2025, 4, 100)},
			domain.StatusMet, 2025, "Năm 2025 đạt 100%, đạt chỉ tiêu ≥ 100%.", 5},
		"CT02": {[]domain.Observation{ov(2021, 4, 30), ov(2022, 4, 52), ov(2023, 4, 70), ov(2024, 4, 90), ov(2025, 4, 100)},
			domain.StatusMet, 2025, "Mức tăng 10 điểm % so với cuối năm 2024 (từ 90% lên 100%) đạt mức cần tăng 10 điểm % (chỉ tiêu ≥ 20 điểm %, nhưng chỉ còn 10 điểm % đến 100%).", 3},
		"CT03": {[]domain.Observation{ov(2023, 4, 60), ov(2024, 4, 80), ov(2025, 2, 90), ov(2025, 4, 95)},
			domain.StatusMissed, 2025, "Đến hạn năm 2025 chỉ đạt 95%, chưa đạt chỉ tiêu ≥ 100%.", 0},
		"CT04": {[]domain.Observation{ov(2024, 4, 100), ov(2025, 4, 100)},
			domain.StatusMet, 2025, "Năm 2025 đạt 100%, đạt chỉ tiêu ≥ 100%.", 2},
		"CT05": {[]domain.Observation{ov(2024, 4, 85), ov(2025, 4, 88.6)},
			domain.StatusMet, 2025, "Năm 2025 đạt 88,6%, đạt chỉ tiêu ≥ 80%.", 2},
		"CT06": {[]domain.Observation{ov(2024, 4, 55), ov(2025, 2, 52), ov(2025, 4, 48)},
			domain.StatusNotKept, 2025, "Năm 2024 đã đạt 55% nhưng năm 2025 chỉ còn 48%, không duy trì được chỉ tiêu ≥ 50%.", 1},
		"CT07": {[]domain.Observation{od(2023, 4, false), od(2024, 4, false), od(2025, 4, true)},
			domain.StatusMet, 2025, "Hoàn thành đúng hạn năm 2025 (báo cáo năm 2025).", 1},
		"CT08": {[]domain.Observation{od(2022, 4, true), od(2023, 4, false), od(2024, 4, true), od(2025, 2, true)},
			domain.StatusMet, 2025, "Đã hoàn thành trong năm 2025.", 3},
		"CT09": {[]domain.Observation{ov(2024, 4, 96), ov(2025, 4, 100)},
			domain.StatusMet, 2025, "Đạt chỉ tiêu ≥ 100% đúng hạn năm 2025 (năm 2025: 100%).", 1},
		"CT10": {[]domain.Observation{ov(2022, 4, 22), ov(2023, 4, 28), ov(2024, 2, 32.5), ov(2024, 4, 33), ov(2025, 4, 34)},
			domain.StatusMetLate, 2023, "Đến hạn năm 2023 chỉ đạt 28%, chưa đạt chỉ tiêu > 30%; quý II/2024 đạt 32,5%, trễ hạn.", 2},
		"CT11": {[]domain.Observation{od(2022, 4, false), od(2023, 4, false), od(2024, 4, true), od(2025, 4, true)},
			domain.StatusMetLate, 2023, "Đến hạn năm 2023 chưa hoàn thành; hoàn thành theo báo cáo năm 2024, trễ hạn.", 2},
		"CT12": {[]domain.Observation{ov(2022, 4, 90), ov(2023, 4, 100), ov(2024, 4, 100), ov(2025, 4, 98.7)},
			domain.StatusNotKept, 2023, "Đạt chỉ tiêu ≥ 100% đúng hạn năm 2023 (năm 2023: 100%) nhưng năm 2025 chỉ còn 98,7% — không duy trì được.", 2},
		"CT13": {[]domain.Observation{ov(2022, 4, 30), ov(2023, 4, 40), ov(2025, 4, 45)},
			domain.StatusMissed, 2023, "Đến hạn năm 2023 chỉ đạt 40%, chưa đạt chỉ tiêu ≥ 50%; năm 2025: 45%, vẫn chưa đạt.", 0},
		"CT14": {[]domain.Observation{ov(2024, 4, 91), ov(2025, 2, 92), ov(2025, 4, 91)},
			domain.StatusMet, 2025, "Năm 2025 đạt 91%, đạt chỉ tiêu ≥ 90%.", 2},
	}
	if len(plan.Targets) != len(cases) {
		t.Errorf("the plan has %d targets; the test covers %d", len(plan.Targets), len(cases))
	}
	for _, pt := range plan.Targets {
		t.Run(pt.Code, func(t *testing.T) {
			tc, ok := cases[pt.Code]
			if !ok {
				t.Fatalf("no case for %s", pt.Code)
			}
			c := domain.Commitment{Kind: domain.TargetKind(pt.Kind), Op: domain.Comparison(pt.Op), Value: pt.Value, DeadlineYear: pt.By, EachYear: pt.EachYear}
			if c.Kind != domain.KindCount {
				c.Unit = "%"
			}
			f := domain.FinalEvaluation(c, nil, tc.hist, 2021, 2025)
			if f.Status != tc.want || f.Reason.Text(i18n.VI) != tc.reason {
				t.Errorf("final = %s %q\n      want %s %q", f.Status, f.Reason.Text(i18n.VI), tc.want, tc.reason)
			}
			if f.JudgedYear != tc.judged || f.YearsMet != tc.met || len(f.Path) != 5 {
				t.Errorf("judged %d, met %d of path %d; want %d, %d of 5", f.JudgedYear, f.YearsMet, len(f.Path), tc.judged, tc.met)
			}
			checkHonest(t, f.Evaluation)
			for _, y := range f.Path {
				if y.Status != domain.StatusNoData {
					checkHonest(t, y.Evaluation)
				}
			}
		})
	}
}

func TestFinalEvaluationPath(t *testing.T) {
	f := domain.FinalEvaluation(ct10, nil, []domain.Observation{ov(2022, 4, 20), ov(2023, 4, 28), ov(2024, 2, 32.5)}, 2021, 2025)
	want := []domain.TargetStatus{domain.StatusNoData, domain.StatusAtRisk, domain.StatusMissed, domain.StatusMetLate, domain.StatusMetLate}
	for i, y := range f.Path {
		if y.Year != 2021+i || y.Status != want[i] {
			t.Errorf("path[%d] = %d %s; want %d %s", i, y.Year, y.Status, 2021+i, want[i])
		}
	}
	if f.YearsJudged != 3 || f.YearsMet != 2 || f.PathSummary(domain.LangVI) != "Đạt 2/3 năm (2021–2025)." {
		t.Errorf("summary %q (%d/%d)", f.PathSummary(domain.LangVI), f.YearsMet, f.YearsJudged)
	}
}

// TestGrowthStatesTheIncrease: a growth's verdict carries the increase it judged, over the
// same units, and whether the requirement was capped at what remained to 100%, so that a
// report can state the increase rather than the level reached.
func TestGrowthStatesTheIncrease(t *testing.T) {
	ct02 := domain.Commitment{Kind: domain.KindGrowth, Op: domain.OpGE, Value: num(20), Unit: "%", EachYear: true}
	// 2024: units 1 and 2 at 50% and 96,7%; 2025: unit 2 at 100%, unit 1's report pending
	ev := domain.EvaluateTarget(ct02, []domain.Observation{unitsOf(2024, 4, map[int64]float64{1: 50, 2: 96.7}),
		unitsOf(2025, 4, map[int64]float64{2: 100})}, 2025, 4)
	if ev.Gain == nil || ev.From == nil || math.Abs(*ev.Gain-3.3) > 1e-9 || *ev.From != 96.7 || !ev.Capped {
		t.Errorf("capped growth over unit 2 alone: gain %v from %v capped %v; want 3,3 from 96,7, capped", ev.Gain, ev.From, ev.Capped)
	}
	ev = domain.EvaluateTarget(ct02, []domain.Observation{ov(2024, 4, 40), ov(2025, 4, 61)}, 2025, 4)
	if ev.Gain == nil || math.Abs(*ev.Gain-21) > 1e-9 || ev.Capped || ev.Status != domain.StatusMet {
		t.Errorf("growth 40 → 61: %+v", ev)
	}
}

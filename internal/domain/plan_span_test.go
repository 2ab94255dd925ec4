package domain

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Location) }

// Plan 2320/KH-SNV was issued on 14/12/2021 for 2021–2025: 2021's periods gather data from
// 15/12/2020 (Q1, H1, Year) or 15/06/2021 (Q3), all before it was issued, so none belongs to
// it; its first period is Q1/2022, whose data start on 15/12/2021.
func TestPlanSpan2320(t *testing.T) {
	s := PlanSpan{IssuedOn: day(2021, 12, 14), StartYear: 2021, EndYear: 2025}
	for _, c := range []struct {
		year int
		kind PeriodKind
		want PeriodFit
	}{
		{2020, PeriodYear, PeriodOutsideYears},
		{2021, PeriodQ1, PeriodBeforeIssueDate},
		{2021, PeriodH1, PeriodBeforeIssueDate},
		{2021, PeriodQ3, PeriodBeforeIssueDate},
		{2021, PeriodYear, PeriodBeforeIssueDate},
		{2022, PeriodQ1, PeriodInPlan},
		{2022, PeriodYear, PeriodInPlan},
		{2025, PeriodYear, PeriodInPlan},
		{2026, PeriodQ1, PeriodOutsideYears},
	} {
		if got := s.Fit(c.year, c.kind); got != c.want {
			t.Errorf("%s/%d: fit %d, want %d", c.kind, c.year, got, c.want)
		}
	}
	if got := s.YearsWithoutPeriods(); len(got) != 1 || got[0] != 2021 {
		t.Errorf("years without periods = %v, want [2021]", got)
	}
	if y, k, ok := s.FirstPeriod(); !ok || y != 2022 || k != PeriodQ1 {
		t.Errorf("first period = %s/%d %v", k, y, ok)
	}
	want := "Kế hoạch ban hành ngày 14/12/2021: các kỳ báo cáo năm 2021 có số liệu từ trước ngày ban hành nên không thuộc kế hoạch; kỳ báo cáo đầu tiên là Quý I/2022 (số liệu từ 15/12/2021)."
	if got := s.SpanNote(LangVI); got != want {
		t.Errorf("note = %q", got)
	}
	// a plan issued before its first data window has every year and no note
	if n := (PlanSpan{IssuedOn: day(2025, 12, 10), StartYear: 2026, EndYear: 2030}).SpanNote(LangVI); n != "" {
		t.Errorf("successor note = %q", n)
	}
}

func TestPhaseOf(t *testing.T) {
	s := PlanSpan{IssuedOn: day(2021, 12, 14), StartYear: 2021, EndYear: 2025}
	for _, c := range []struct {
		status PlanStatus
		today  time.Time
		want   PlanPhase
		label  string
	}{
		{PlanDraft, day(2024, 1, 1), PhaseDraft, "Dự thảo"},
		{PlanActive, day(2025, 12, 31), PhaseActive, "Đang thực hiện"},
		{PlanActive, day(2026, 1, 1), PhaseEnded, "Đã kết thúc"}, // its years have passed, not yet closed
		{PlanClosed, day(2024, 6, 1), PhaseEnded, "Đã kết thúc"},
	} {
		got := PhaseOf(c.status, s, c.today)
		if got != c.want || got.Label(LangVI) != c.label {
			t.Errorf("%s on %s: %s %q, want %s %q", c.status, FormatDate(c.today), got, got.Label(LangVI), c.want, c.label)
		}
	}
}

func TestDefaultReportPeriod(t *testing.T) {
	var periods []PeriodChoice
	for _, y := range []int{2026, 2027} {
		for _, k := range RegimePeriods() {
			start, _ := DataWindow(y, k)
			periods = append(periods, PeriodChoice{Year: y, Kind: k, StartsOn: start, Deadline: DefaultDeadline(y, k, 10)})
		}
	}
	for _, c := range []struct {
		today time.Time
		year  int
		kind  PeriodKind
		ok    bool
	}{
		{day(2025, 12, 1), 0, "", false},         // nothing has begun
		{day(2026, 1, 5), 2026, PeriodQ1, true},  // nothing due yet: the first that has begun
		{day(2026, 3, 10), 2026, PeriodQ1, true}, // due today: still the first that has begun
		{day(2026, 3, 11), 2026, PeriodQ1, true}, // Q1 reports are in
		{day(2026, 11, 27), 2026, PeriodQ3, true},
		{day(2026, 12, 11), 2026, PeriodYear, true},
		{day(2028, 6, 1), 2027, PeriodYear, true}, // after the last period: the last, the final evaluation
	} {
		got, ok := DefaultReportPeriod(periods, c.today)
		if ok != c.ok || got.Year != c.year || got.Kind != c.kind {
			t.Errorf("on %s: %s/%d %v, want %s/%d", FormatDate(c.today), got.Kind, got.Year, ok, c.kind, c.year)
		}
	}
}

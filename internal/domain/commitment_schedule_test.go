package domain_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func TestCommitmentInForce(t *testing.T) {
	eachYear := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(90), Unit: "%", EachYear: true}
	byDeadline := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(100), Unit: "%", DeadlineYear: 2025}
	milestones := []domain.CommitmentChange{{FromYear: 2023, Op: domain.OpGE, Value: 60}, {FromYear: 2024, Op: domain.OpGE, Value: 80}}
	amended := []domain.CommitmentChange{{FromYear: 2027, Op: domain.OpGE, Value: 95}}
	type want struct {
		op       domain.Comparison
		value    float64
		deadline int
	}
	tests := []struct {
		name    string
		base    domain.Commitment
		changes []domain.CommitmentChange
		year    int
		want    want
	}{
		{"no changes: the plan's commitment", eachYear, nil, 2024, want{domain.OpGE, 90, 0}},
		{"before an amendment: the old value", eachYear, amended, 2026, want{domain.OpGE, 90, 0}},
		{"from the amendment's year", eachYear, amended, 2027, want{domain.OpGE, 95, 0}},
		{"amendment carries forward", eachYear, amended, 2030, want{domain.OpGE, 95, 0}},
		{"later of two changes wins", eachYear, append(amended, domain.CommitmentChange{FromYear: 2029, Op: domain.OpGT, Value: 97}), 2029, want{domain.OpGT, 97, 0}},
		{"order of changes does not matter", eachYear, []domain.CommitmentChange{{FromYear: 2029, Op: domain.OpGT, Value: 97}, amended[0]}, 2028, want{domain.OpGE, 95, 0}},
		{"deadline target before its milestones", byDeadline, milestones, 2022, want{domain.OpGE, 100, 2025}},
		{"milestone holds by the end of its year", byDeadline, milestones, 2023, want{domain.OpGE, 60, 2023}},
		{"next milestone", byDeadline, milestones, 2024, want{domain.OpGE, 80, 2024}},
		{"deadline year: the plan's commitment again", byDeadline, milestones, 2025, want{domain.OpGE, 100, 2025}},
		{"after the deadline: the plan's commitment", byDeadline, milestones, 2026, want{domain.OpGE, 100, 2025}},
		{"amendment dated in the deadline year", byDeadline, []domain.CommitmentChange{{FromYear: 2025, Op: domain.OpGE, Value: 90}}, 2025, want{domain.OpGE, 90, 2025}},
		{"amendment in the deadline year leaves earlier years", byDeadline, []domain.CommitmentChange{{FromYear: 2025, Op: domain.OpGE, Value: 90}}, 2024, want{domain.OpGE, 100, 2025}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.CommitmentInForce(tc.base, tc.changes, tc.year)
			if got.Op != tc.want.op || got.Value == nil || *got.Value != tc.want.value || got.DeadlineYear != tc.want.deadline {
				t.Errorf("got %s %v by %d; want %s %v by %d", got.Op, deref(got.Value), got.DeadlineYear, tc.want.op, tc.want.value, tc.want.deadline)
			}
			if got.Kind != tc.base.Kind || got.Unit != tc.base.Unit || got.EachYear != tc.base.EachYear {
				t.Errorf("kind/unit/each year changed: %+v", got)
			}
		})
	}
	// The base is never modified through the returned copy.
	c := domain.CommitmentInForce(eachYear, amended, 2027)
	*c.Value = 1
	if *eachYear.Value != 90 {
		t.Error("CommitmentInForce aliases the base's value")
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func TestRewrittenYears(t *testing.T) {
	base := domain.Commitment{Kind: domain.KindPercent, Op: domain.OpGE, Value: num(90), Unit: "%", EachYear: true}
	raised := base
	raised.Value = num(95)
	amend := []domain.CommitmentChange{{FromYear: 2027, Op: domain.OpGE, Value: 95}}
	years := []int{2024, 2025, 2026}
	tests := []struct {
		name     string
		after    domain.Commitment
		afterCh  []domain.CommitmentChange
		years    []int
		rewrites []int
	}{
		{"unchanged", base, nil, years, nil},
		{"raising the base rewrites every year with results", raised, nil, years, []int{2024, 2025, 2026}},
		{"an amendment after the last result keeps history", base, amend, years, nil},
		{"an amendment from 2025 rewrites 2025 and 2026", base, []domain.CommitmentChange{{FromYear: 2025, Op: domain.OpGE, Value: 95}}, years, []int{2025, 2026}},
		{"no results: anything goes", raised, nil, nil, nil},
		{"the same value written differently is no change", base, []domain.CommitmentChange{{FromYear: 2024, Op: domain.OpGE, Value: 90}}, years, nil},
	}
	for _, tc := range tests {
		got := domain.RewrittenYears(base, nil, tc.after, tc.afterCh, tc.years)
		if !reflect.DeepEqual(got, tc.rewrites) {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.rewrites)
		}
	}
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		in     string
		want   []domain.CommitmentChange
		reason string
	}{
		{"", nil, ""},
		{"  \n ", nil, ""},
		{"2024: ≥ 95", []domain.CommitmentChange{{FromYear: 2024, Op: domain.OpGE, Value: 95}}, ""},
		{"2025: >= 100; 2024: 12,5", []domain.CommitmentChange{{FromYear: 2024, Op: domain.OpGE, Value: 12.5}, {FromYear: 2025, Op: domain.OpGE, Value: 100}}, ""},
		{"2024: <= 5\r\n2026: < 3.5", []domain.CommitmentChange{{FromYear: 2024, Op: domain.OpLE, Value: 5}, {FromYear: 2026, Op: domain.OpLT, Value: 3.5}}, ""},
		{"2024 ≥ 95", nil, "format"},
		{"24: ≥ 95", nil, "year"},
		{"2024: => 95", nil, "op"},
		{"2024: ≥ nhiều", nil, "value"},
		{"2024: ≥ 95; 2024: ≥ 96", nil, "duplicate"},
	}
	for _, tc := range tests {
		got, err := domain.ParseSchedule(tc.in)
		var se *domain.ScheduleError
		if tc.reason != "" {
			if !errors.As(err, &se) || se.Reason != tc.reason {
				t.Errorf("ParseSchedule(%q) err = %v; want reason %s", tc.in, err, tc.reason)
			} else if se.Message() == "" || se.Msg().Text(i18n.EN) == "" {
				t.Errorf("ParseSchedule(%q): empty message", tc.in)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseSchedule(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		// What ScheduleText writes, ParseSchedule reads back.
		back, err := domain.ParseSchedule(domain.ScheduleText(got))
		if err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("round trip of %q via %q = %v, %v", tc.in, domain.ScheduleText(got), back, err)
		}
	}
	if s := domain.ScheduleText([]domain.CommitmentChange{{FromYear: 2025, Op: domain.OpGT, Value: 30.5}, {FromYear: 2024, Op: domain.OpGE, Value: 95}}); s != "2024: ≥ 95; 2025: > 30,5" {
		t.Errorf("ScheduleText = %q", s)
	}
}

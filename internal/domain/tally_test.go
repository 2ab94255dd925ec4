package domain

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestTallyMatchesAggregate: the summaries the database keeps give the same figure as
// Aggregate over the same units, however the units are split into subtrees.
func TestTallyMatchesAggregate(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for i := 0; i < 2000; i++ {
		n := rng.IntN(8)
		values := make([]UnitValue, n)
		for j := range values {
			switch rng.IntN(4) {
			case 0:
				v := math.Round(rng.Float64()*1000) / 10
				values[j].Value = &v
			case 1:
				d := rng.IntN(2) == 0
				values[j].Done = &d
			case 2:
				v, d := float64(rng.IntN(50)), rng.IntN(3) > 0
				values[j].Value, values[j].Done = &v, &d
			}
		}
		split := 0
		if n > 0 {
			split = rng.IntN(n + 1)
		}
		whole := TallyOf(values)
		parts := TallyOf(values[:split]).Add(TallyOf(values[split:]))
		if math.Abs(whole.Sum-parts.Sum) > 1e-9 || whole.Values != parts.Values || whole.Flags != parts.Flags || whole.Done != parts.Done {
			t.Fatalf("tally of the whole %+v != sum of parts %+v", whole, parts)
		}
		for _, kind := range AllTargetKinds() {
			wv, wd := Aggregate(kind, values)
			gv, gd := parts.Result(kind)
			if (wv == nil) != (gv == nil) || (wv != nil && math.Abs(*wv-*gv) > 1e-9) {
				t.Fatalf("%s %v: value %v, Aggregate %v", kind, values, deref(gv), deref(wv))
			}
			if (wd == nil) != (gd == nil) || (wd != nil && *wd != *gd) {
				t.Fatalf("%s: done %v, Aggregate %v", kind, gd, wd)
			}
		}
	}
}

func TestTallyUnitsAndObservation(t *testing.T) {
	v1, v2, yes := 80.0, 90.0, true
	tl := TallyOf([]UnitValue{{Value: &v1}, {Value: &v2, Done: &yes}, {}})
	if tl.Units(KindPercent) != 2 || tl.Units(KindMilestone) != 1 || tl.Empty() || !(Tally{}).Empty() {
		t.Errorf("Units/Empty wrong for %+v", tl)
	}
	o := tl.Observation(KindPercent, 2025, PeriodH1)
	if o.Year != 2025 || o.Slot != 2 || o.Value == nil || *o.Value != 85 || o.Done != nil {
		t.Errorf("Observation = %+v", o)
	}
	if o := (Tally{}).Observation(KindCount, 2025, PeriodYear); o.Value != nil || o.Slot != 4 {
		t.Errorf("empty Observation = %+v", o)
	}
}

func TestTaskState(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Location) }
	deadline := day(2025, 6, 30)
	q1End, h1End, q3End := day(2025, 3, 14), day(2025, 6, 14), day(2025, 9, 14)
	tests := []struct {
		name     string
		t        TaskTally
		deadline *time.Time
		end      time.Time
		want     TaskProgress
		ok       bool
	}{
		{"nobody reported", TaskTally{}, nil, q1End, "", false},
		{"one unit overdue makes it overdue", TaskTally{InProgress: 3, Overdue: 1}, nil, q1End, ProgressOverdue, true},
		{"all done", TaskTally{Done: 2}, &deadline, q3End, ProgressDone, true},
		{"done everywhere beats a passed deadline", TaskTally{Done: 1}, &deadline, q3End, ProgressDone, true},
		{"deadline passed, not done everywhere", TaskTally{Done: 1, InProgress: 1}, &deadline, q3End, ProgressOverdue, true},
		{"deadline not yet passed", TaskTally{Done: 1, InProgress: 1}, &deadline, h1End, ProgressInProgress, true},
		{"deadline on the period's last day is not passed", TaskTally{InProgress: 1}, &q3End, q3End, ProgressInProgress, true},
		{"started somewhere", TaskTally{NotStarted: 2, InProgress: 1}, nil, q1End, ProgressInProgress, true},
		{"some done, some not started", TaskTally{NotStarted: 1, Done: 1}, nil, q1End, ProgressInProgress, true},
		{"nobody started", TaskTally{NotStarted: 2}, nil, q1End, ProgressNotStarted, true},
		{"nobody started after the deadline", TaskTally{NotStarted: 2}, &deadline, q3End, ProgressOverdue, true},
	}
	for _, tc := range tests {
		got, ok := TaskState(tc.t, tc.deadline, tc.end)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
	var tt TaskTally
	for _, p := range AllTaskProgress() {
		tt.Add(p, 2)
	}
	tt.Add("unknown", 5)
	if tt.Total() != 8 || tt.Overdue != 2 {
		t.Errorf("TaskTally.Add: %+v", tt)
	}
}

func TestCommitmentFormat(t *testing.T) {
	pct := Commitment{Kind: KindPercent, Unit: "%"}
	docs := Commitment{Kind: KindCount, Unit: "văn bản"}
	growth := Commitment{Kind: KindGrowth}
	for _, tc := range []struct {
		c          Commitment
		v          float64
		lang, want string
	}{
		{pct, 85.25, "vi", "85,25%"}, {docs, 1234, "vi", "1.234 văn bản"},
		{growth, 20, "vi", "20 điểm %"}, {growth, 20, "en", "20 pts"},
	} {
		if got := tc.c.Format(tc.v, tc.lang); got != tc.want {
			t.Errorf("Format(%v, %s) = %q; want %q", tc.v, tc.lang, got, tc.want)
		}
	}
}

func TestYearGrowth(t *testing.T) {
	ct02 := Commitment{Kind: KindGrowth, Op: OpGE, Value: ptr(20), EachYear: true}
	withBase := ct02
	withBase.Baseline = ptr(30)
	ob := func(y, s int, v float64) Observation { return Observation{Year: y, Slot: s, Value: ptr(v)} }
	hist := []Observation{ob(2024, 4, 40), ob(2024, 2, 30), ob(2025, 1, 46), ob(2025, 3, 55)}
	tests := []struct {
		name       string
		c          Commitment
		hist       []Observation
		year, slot int
		want       float64
		ok         bool
	}{
		{"since the end of last year", ct02, hist, 2025, 4, 15, true},
		{"as of Q1 ignores later reports", ct02, hist, 2025, 1, 6, true},
		{"no report this year", ct02, hist, 2026, 2, 0, false},
		{"no previous year, no baseline", ct02, []Observation{ob(2025, 2, 50)}, 2025, 2, 0, false},
		{"first year against the baseline", withBase, []Observation{ob(2025, 2, 50)}, 2025, 2, 20, true},
	}
	for _, tc := range tests {
		g, ok := YearGrowth(tc.c, tc.hist, tc.year, tc.slot)
		if ok != tc.ok || math.Abs(g-tc.want) > 1e-9 {
			t.Errorf("%s: = %v, %v; want %v, %v", tc.name, g, ok, tc.want, tc.ok)
		}
	}
}

func ptr(v float64) *float64 { return &v }

func TestParseTargetStatus(t *testing.T) {
	for _, s := range AllTargetStatuses() {
		if got, ok := ParseTargetStatus(string(s)); !ok || got != s {
			t.Errorf("ParseTargetStatus(%q) = %q, %v", s, got, ok)
		}
	}
	if _, ok := ParseTargetStatus("late"); ok {
		t.Error("unknown status accepted")
	}
}

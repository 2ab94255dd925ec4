package domain

import (
	"time"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Tally is Aggregate's rule taken apart into sums, so that it can be kept per unit
// subtree by the database and added up: a province's tally plus another's is the tally
// of both. Values counts the units that reported a value and Sum adds them; Flags counts
// the units that reported a done flag and Done those that said done.
// Tally.Result of the tally of some units equals Aggregate of their values (tested).
type Tally struct {
	Values int
	Sum    float64
	Flags  int
	Done   int
	// Ratios counts the units that gave both counts of a ratio, Num and Den their sums.
	Ratios   int
	Num, Den float64
}

// TallyOf sums the units' results the way the dashboard's summaries do.
func TallyOf(values []UnitValue) Tally {
	var t Tally
	for _, v := range values {
		if v.Value != nil {
			t.Values++
			t.Sum += *v.Value
			if v.Num != nil && v.Den != nil {
				t.Ratios++
				t.Num += *v.Num
				t.Den += *v.Den
			}
		}
		if v.Done != nil {
			t.Flags++
			if *v.Done {
				t.Done++
			}
		}
	}
	return t
}

// Add combines the tallies of two disjoint sets of units.
func (t Tally) Add(o Tally) Tally {
	return Tally{Values: t.Values + o.Values, Sum: t.Sum + o.Sum, Flags: t.Flags + o.Flags, Done: t.Done + o.Done,
		Ratios: t.Ratios + o.Ratios, Num: t.Num + o.Num, Den: t.Den + o.Den}
}

// ratio: every unit with a value gave both counts of a ratio, so the figure is their sums'.
func (t Tally) ratio() bool { return t.Values > 0 && t.Ratios == t.Values && t.Den > 0 }

// Empty reports whether no unit reported anything.
func (t Tally) Empty() bool { return t.Values == 0 && t.Flags == 0 }

// Units is how many units the figure of a target of this kind rests on.
func (t Tally) Units(kind TargetKind) int {
	if kind == KindMilestone {
		return t.Flags
	}
	return t.Values
}

// Result is the department-wide figure: the same as Aggregate over the same units — a
// ratio's sums, a percentage's mean, a count's sum.
func (t Tally) Result(kind TargetKind) (value *float64, done *bool) {
	if kind == KindMilestone {
		if t.Flags == 0 {
			return nil, nil
		}
		all := t.Done == t.Flags
		return nil, &all
	}
	if t.Values == 0 {
		return nil, nil
	}
	v := t.Sum
	switch {
	case kind == KindCount:
	case t.ratio():
		v = Percent(t.Num, t.Den)
	default:
		v /= float64(t.Values)
	}
	return &v, nil
}

// Observation turns a period's tally into EvaluateTarget's input.
func (t Tally) Observation(kind TargetKind, year int, period PeriodKind) Observation {
	v, d := t.Result(kind)
	return Observation{Year: year, Slot: period.Slot(), Value: v, Done: d}
}

// TaskTally counts the units that reported each progress on a task in a period.
type TaskTally struct {
	NotStarted, InProgress, Done, Overdue int
}

// Add counts n more units at progress p.
func (t *TaskTally) Add(p TaskProgress, n int) {
	switch p {
	case ProgressNotStarted:
		t.NotStarted += n
	case ProgressInProgress:
		t.InProgress += n
	case ProgressDone:
		t.Done += n
	case ProgressOverdue:
		t.Overdue += n
	}
}

// Total is how many units reported on the task.
func (t TaskTally) Total() int { return t.NotStarted + t.InProgress + t.Done + t.Overdue }

// TaskState is a task's progress across its units for the dashboard, as of the end of a
// period (periodEnd, the last day its data covers): overdue as soon as one unit says so or
// the deadline passed before the task was done everywhere; done when every reporting unit
// says done; in progress once any has started. ok is false when no unit reported.
func TaskState(t TaskTally, deadline *time.Time, periodEnd time.Time) (p TaskProgress, ok bool) {
	total := t.Total()
	switch {
	case total == 0:
		return "", false
	case t.Overdue > 0:
		return ProgressOverdue, true
	case t.Done == total:
		return ProgressDone, true
	case deadline != nil && dayNumber(*deadline) < dayNumber(periodEnd):
		return ProgressOverdue, true
	case t.InProgress+t.Done > 0:
		return ProgressInProgress, true
	}
	return ProgressNotStarted, true
}

// Format writes a value of this commitment with its unit, as the dashboard shows it:
// 85%, 12 văn bản, 20 điểm % (20 pts in English).
func (c Commitment) Format(v float64, lang string) string {
	return c.formatValue(v, i18n.Parse(lang))
}

// YearGrowth is what the growth rule judges for a ratio_growth target as of a year and
// slot: the points gained by the latest value of that year since the last value of the
// year before (or the baseline in the first year). ok is false when either is missing.
func YearGrowth(c Commitment, history []Observation, year, slot int) (g float64, ok bool) {
	obs := usable(Commitment{Kind: KindPercent}, history, year, max(1, min(slot, 4)))
	var last, prev *float64
	for i := range obs {
		switch obs[i].Year {
		case year:
			last = obs[i].Value
		case year - 1:
			prev = obs[i].Value
		}
	}
	if prev == nil {
		prev = c.Baseline
	}
	if last == nil || prev == nil {
		return 0, false
	}
	return *last - *prev, true
}

// ParseTargetStatus reads a status from a URL filter.
func ParseTargetStatus(s string) (TargetStatus, bool) {
	for _, k := range AllTargetStatuses() {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

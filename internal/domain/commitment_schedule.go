package domain

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// CommitmentChange sets a target's committed value from one year on: a yearly
// milestone of the plan ("60% in 2023, 80% in 2024, 100% by 2025") or an
// amendment decided after results exist ("≥ 95% from 2027 instead of ≥ 90%").
// Keeping the change with its year, rather than overwriting the target, is what
// lets every past period be judged against the commitment in force then.
type CommitmentChange struct {
	FromYear int
	Op       Comparison
	Value    float64
}

// CommitmentInForce is the commitment a target holds a year's results to.
//
// The change with the greatest FromYear ≤ year replaces the base's comparison
// and value; with none, the base (the plan's own commitment) applies. For a
// target with a deadline year, changes before that year are intermediate
// milestones: each must be reached by the end of its own year, and from the
// deadline year on the plan's commitment applies again unless a change is
// dated from the deadline year or later.
func CommitmentInForce(base Commitment, changes []CommitmentChange, year int) Commitment {
	var in *CommitmentChange
	for i := range changes {
		c := &changes[i]
		if c.FromYear <= year && (in == nil || c.FromYear > in.FromYear) {
			in = c
		}
	}
	if in == nil {
		return base
	}
	deadline := !base.EachYear && base.DeadlineYear != 0
	if deadline && in.FromYear < base.DeadlineYear && year >= base.DeadlineYear {
		return base // milestones lead up to the deadline; they do not outlast it
	}
	c := base
	v := in.Value
	c.Op, c.Value = in.Op, &v
	if deadline && year < base.DeadlineYear {
		c.DeadlineYear = year
	}
	return c
}

// SameCommitment reports whether two commitments judge results alike.
func SameCommitment(a, b Commitment) bool {
	if a.Kind != b.Kind || a.op() != b.op() || a.Unit != b.Unit || a.EachYear != b.EachYear || a.DeadlineYear != b.DeadlineYear {
		return false
	}
	return sameNumber(a.Value, b.Value) && sameNumber(a.Baseline, b.Baseline)
}

func sameNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*max(1, math.Abs(*a))
}

// RewrittenYears lists the years, among those that already have results, whose
// commitment in force would differ after an edit. An edit that rewrites such a
// year would change how past results are judged, so it is refused.
func RewrittenYears(before Commitment, beforeCh []CommitmentChange, after Commitment, afterCh []CommitmentChange, years []int) []int {
	var out []int
	for _, y := range years {
		if !SameCommitment(CommitmentInForce(before, beforeCh, y), CommitmentInForce(after, afterCh, y)) {
			out = append(out, y)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ScheduleText writes changes as the schedule field shows them and the
// spreadsheet stores them: "2024: ≥ 95; 2025: ≥ 100", oldest first. Values use
// a decimal comma so that ParseSchedule reads them back unchanged.
func ScheduleText(changes []CommitmentChange) string {
	sorted := slices.Clone(changes)
	slices.SortFunc(sorted, func(a, b CommitmentChange) int { return cmp.Compare(a.FromYear, b.FromYear) })
	parts := make([]string, 0, len(sorted))
	for _, c := range sorted {
		parts = append(parts, fmt.Sprintf("%d: %s %s", c.FromYear, c.Op.Symbol(), FormatNumberInput(c.Value)))
	}
	return strings.Join(parts, "; ")
}

// ScheduleError says which entry of a schedule could not be read and why.
type ScheduleError struct {
	Entry  string
	Reason string // "format", "year", "op", "value", "duplicate"
}

func (e *ScheduleError) Error() string { return e.Message() }

// Message is the Vietnamese text for the form.
func (e *ScheduleError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key and its arguments.
func (e *ScheduleError) Msg() i18n.Msg {
	switch e.Reason {
	case "year", "op", "value", "duplicate":
		return i18n.M("domain.schedule."+e.Reason, e.Entry)
	}
	return i18n.M("domain.schedule.format", e.Entry)
}

// ParseSchedule reads yearly commitments typed one a line or separated by ';':
// "2024: ≥ 95", "2025: >= 100", "2026: 80" (≥ when no comparison is given, as
// the plans phrase targets). An empty text is an empty schedule.
func ParseSchedule(s string) ([]CommitmentChange, error) {
	var out []CommitmentChange
	seen := map[int]bool{}
	for _, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		yearText, rest, ok := strings.Cut(entry, ":")
		if !ok {
			return nil, &ScheduleError{Entry: entry, Reason: "format"}
		}
		yearText = strings.TrimSpace(yearText)
		year, err := strconv.Atoi(yearText)
		if err != nil || year < 2000 || year > 2100 {
			return nil, &ScheduleError{Entry: yearText, Reason: "year"}
		}
		if seen[year] {
			return nil, &ScheduleError{Entry: yearText, Reason: "duplicate"}
		}
		seen[year] = true
		rest = strings.TrimSpace(rest)
		op := OpGE
		for _, sym := range []string{">=", "<=", "==", "≥", "≤", ">", "<", "="} {
			if after, found := strings.CutPrefix(rest, sym); found {
				op, _ = ParseComparison(sym)
				rest = strings.TrimSpace(after)
				break
			}
		}
		if rest == "" || strings.IndexAny(rest, "<>=≥≤") == 0 {
			return nil, &ScheduleError{Entry: entry, Reason: "op"}
		}
		v, err := ParseNumber(rest)
		if err != nil {
			return nil, &ScheduleError{Entry: entry, Reason: "value"}
		}
		out = append(out, CommitmentChange{FromYear: year, Op: op, Value: v})
	}
	slices.SortFunc(out, func(a, b CommitmentChange) int { return cmp.Compare(a.FromYear, b.FromYear) })
	return out, nil
}

package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestDataWindow(t *testing.T) {
	tests := []struct {
		k          domain.PeriodKind
		start, end time.Time
	}{
		{domain.PeriodQ1, day(2023, 12, 15), day(2024, 3, 14)},
		{domain.PeriodQ2, day(2024, 3, 15), day(2024, 6, 14)},
		{domain.PeriodQ3, day(2024, 6, 15), day(2024, 9, 14)},
		{domain.PeriodQ4, day(2024, 9, 15), day(2024, 12, 14)},
		{domain.PeriodH1, day(2023, 12, 15), day(2024, 6, 14)},
		{domain.PeriodYear, day(2023, 12, 15), day(2024, 12, 14)},
	}
	for _, tc := range tests {
		s, e := domain.DataWindow(2024, tc.k)
		if !s.Equal(tc.start) || !e.Equal(tc.end) {
			t.Errorf("DataWindow(2024, %s) = %s – %s; want %s – %s", tc.k,
				domain.FormatDate(s), domain.FormatDate(e), domain.FormatDate(tc.start), domain.FormatDate(tc.end))
		}
	}
	if s, e := domain.DataWindow(2024, "q5"); !s.IsZero() || !e.IsZero() {
		t.Errorf("DataWindow of an unknown kind = %v, %v; want zero", s, e)
	}
}

func TestDeadlines(t *testing.T) {
	tests := []struct {
		k              domain.PeriodKind
		day            int
		internal, mini time.Time
	}{
		{domain.PeriodQ1, 10, day(2024, 3, 10), day(2024, 3, 20)},
		{domain.PeriodQ2, 10, day(2024, 6, 10), day(2024, 6, 20)},
		{domain.PeriodH1, 10, day(2024, 6, 10), day(2024, 6, 20)},
		{domain.PeriodQ3, 5, day(2024, 9, 5), day(2024, 9, 20)},
		{domain.PeriodQ4, 10, day(2024, 12, 10), day(2024, 12, 20)},
		{domain.PeriodYear, 10, day(2024, 12, 10), day(2024, 12, 20)},
		{domain.PeriodH1, 31, day(2024, 6, 30), day(2024, 6, 20)}, // clamped, not 01/07
		{domain.PeriodQ1, 0, day(2024, 3, 1), day(2024, 3, 20)},
	}
	for _, tc := range tests {
		if got := domain.DefaultDeadline(2024, tc.k, tc.day); !got.Equal(tc.internal) {
			t.Errorf("DefaultDeadline(2024, %s, %d) = %s; want %s", tc.k, tc.day, domain.FormatDate(got), domain.FormatDate(tc.internal))
		}
		if got := domain.MinistryDeadline(2024, tc.k); !got.Equal(tc.mini) {
			t.Errorf("MinistryDeadline(2024, %s) = %s; want %s", tc.k, domain.FormatDate(got), domain.FormatDate(tc.mini))
		}
	}
	if !domain.DefaultDeadline(2024, "", 10).IsZero() {
		t.Error("DefaultDeadline of an unknown kind should be zero")
	}
}

func TestPeriodKinds(t *testing.T) {
	tests := []struct {
		k              domain.PeriodKind
		slot, order    int
		label, labelEN string
		kindVI, kindEN string
	}{
		{domain.PeriodQ1, 1, 1, "Quý I/2024", "Q1 2024", "Quý I", "Q1"},
		{domain.PeriodQ2, 2, 2, "Quý II/2024", "Q2 2024", "Quý II", "Q2"},
		{domain.PeriodH1, 2, 3, "6 tháng đầu năm 2024", "H1 2024", "6 tháng", "H1"},
		{domain.PeriodQ3, 3, 4, "Quý III/2024", "Q3 2024", "Quý III", "Q3"},
		{domain.PeriodQ4, 4, 5, "Quý IV/2024", "Q4 2024", "Quý IV", "Q4"},
		{domain.PeriodYear, 4, 6, "Năm 2024", "Year 2024", "Năm", "Year"},
	}
	for _, tc := range tests {
		if !tc.k.Valid() || tc.k.Slot() != tc.slot || domain.PeriodKindOrder(tc.k) != tc.order {
			t.Errorf("%s: Valid/Slot/Order = %v/%d/%d", tc.k, tc.k.Valid(), tc.k.Slot(), domain.PeriodKindOrder(tc.k))
		}
		if got := domain.PeriodLabel(2024, tc.k, domain.LangVI); got != tc.label {
			t.Errorf("PeriodLabel(%s, vi) = %q; want %q", tc.k, got, tc.label)
		}
		if got := domain.PeriodLabel(2024, tc.k, domain.LangEN); got != tc.labelEN {
			t.Errorf("PeriodLabel(%s, en) = %q; want %q", tc.k, got, tc.labelEN)
		}
		if got := domain.PeriodKindLabel(tc.k, ""); got != tc.kindVI {
			t.Errorf("PeriodKindLabel(%s, \"\") = %q; want %q", tc.k, got, tc.kindVI)
		}
		if got := domain.PeriodKindLabel(tc.k, domain.LangEN); got != tc.kindEN {
			t.Errorf("PeriodKindLabel(%s, en) = %q; want %q", tc.k, got, tc.kindEN)
		}
		if k, ok := domain.ParsePeriodKind(" " + string(tc.k) + " "); !ok || k != tc.k {
			t.Errorf("ParsePeriodKind(%q) = %q, %v", tc.k, k, ok)
		}
	}
	for _, s := range []string{"", "q5", "h2", "nam"} {
		if _, ok := domain.ParsePeriodKind(s); ok {
			t.Errorf("ParsePeriodKind(%q) accepted", s)
		}
	}
	if k, ok := domain.ParsePeriodKind("Q2"); !ok || k != domain.PeriodQ2 {
		t.Errorf("ParsePeriodKind(Q2) = %q, %v", k, ok)
	}
	bad := domain.PeriodKind("x")
	if bad.Valid() || bad.Slot() != 0 || domain.PeriodKindOrder(bad) != 7 {
		t.Error("unknown kind should be invalid, slot 0 and sort last")
	}
	if got := domain.RegimePeriods(); !slices.Equal(got, []domain.PeriodKind{"q1", "h1", "q3", "year"}) {
		t.Errorf("RegimePeriods() = %v", got)
	}
	all := domain.AllPeriodKinds()
	if !slices.IsSortedFunc(all, func(a, b domain.PeriodKind) int { return domain.PeriodKindOrder(a) - domain.PeriodKindOrder(b) }) || len(all) != 6 {
		t.Errorf("AllPeriodKinds() = %v; want all six in order", all)
	}
}

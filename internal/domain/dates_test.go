package domain_test

import (
	"errors"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, domain.Location)
}

func TestLocation(t *testing.T) {
	_, off := time.Date(2024, 6, 1, 0, 0, 0, 0, domain.Location).Zone()
	if off != 7*3600 {
		t.Fatalf("Location offset = %d; want +07:00", off)
	}
}

func TestParseDate(t *testing.T) {
	ok := []struct {
		in   string
		want time.Time
	}{
		{"14/03/2024", day(2024, 3, 14)},
		{"4/3/2024", day(2024, 3, 4)},
		{"04/3/2024", day(2024, 3, 4)},
		{"14-03-2024", day(2024, 3, 14)},
		{"14.03.2024", day(2024, 3, 14)},
		{"2024-03-14", day(2024, 3, 14)},
		{"2024-3-4", day(2024, 3, 4)},
		{" 29/02/2024 ", day(2024, 2, 29)},
		{"31/12/2025", day(2025, 12, 31)},
		{"01/01/1900", day(1900, 1, 1)},
	}
	for _, tc := range ok {
		got, err := domain.ParseDate(tc.in)
		if err != nil || !got.Equal(tc.want) || got.Location() != domain.Location {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	bad := []string{
		"", "  ", "31/02/2024", "29/02/2023", "31/04/2024", "00/01/2024", "01/00/2024", "01/13/2024",
		"14/03/24", "14/03/02024", "2024/03/14", "14/03-2024", "2024-03", "14/03/2024/1",
		"1899-12-31", "2200-01-01", "0224-01-01", "+1/03/2024", "-1/03/2024", "14/03/2024 10:00",
		"a4/03/2024", "14/03/２０２４", "2024-003-14", "123/03/2024",
	}
	for _, in := range bad {
		_, err := domain.ParseDate(in)
		var de *domain.DateError
		if !errors.As(err, &de) {
			t.Errorf("ParseDate(%q) error = %v; want *DateError", in, err)
			continue
		}
		if de.Message() == "" || de.Msg().Text(i18n.EN) == "" {
			t.Errorf("ParseDate(%q): empty message", in)
		}
	}
}

func TestDateErrorMessage(t *testing.T) {
	_, err := domain.ParseDate("31/02/2024")
	want := "Ngày \"31/02/2024\" không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 14/03/2024"
	if got := err.(*domain.DateError).Message(); got != want {
		t.Errorf("Message() = %q; want %q", got, want)
	}
	_, err = domain.ParseDate("")
	if got := err.(*domain.DateError).Message(); got != "Chưa nhập ngày. Nhập theo dạng dd/mm/yyyy, ví dụ 14/03/2024" {
		t.Errorf("empty Message() = %q", got)
	}
}

func TestFormatDates(t *testing.T) {
	utcEvening := time.Date(2025, 12, 4, 18, 30, 0, 0, time.UTC) // 01:30 on 05/12 in Hanoi
	tests := []struct {
		t                    time.Time
		date, dateTime, long string
	}{
		{day(2025, 12, 5), "05/12/2025", "05/12/2025 00:00", "ngày 05 tháng 12 năm 2025"},
		{utcEvening, "05/12/2025", "05/12/2025 01:30", "ngày 05 tháng 12 năm 2025"},
		{day(2024, 3, 14).Add(15*time.Hour + 4*time.Minute), "14/03/2024", "14/03/2024 15:04", "ngày 14 tháng 3 năm 2024"},
		{day(2026, 2, 14), "14/02/2026", "14/02/2026 00:00", "ngày 14 tháng 02 năm 2026"},
		{day(2026, 1, 5), "05/01/2026", "05/01/2026 00:00", "ngày 05 tháng 01 năm 2026"},
		{day(2025, 9, 30), "30/09/2025", "30/09/2025 00:00", "ngày 30 tháng 9 năm 2025"},
		{day(2025, 11, 1), "01/11/2025", "01/11/2025 00:00", "ngày 01 tháng 11 năm 2025"},
		{time.Time{}, "", "", "ngày ... tháng ... năm ..."},
	}
	for _, tc := range tests {
		if got := domain.FormatDate(tc.t); got != tc.date {
			t.Errorf("FormatDate(%v) = %q; want %q", tc.t, got, tc.date)
		}
		if got := domain.FormatDateTime(tc.t); got != tc.dateTime {
			t.Errorf("FormatDateTime(%v) = %q; want %q", tc.t, got, tc.dateTime)
		}
		if got := domain.LongDateVI(tc.t); got != tc.long {
			t.Errorf("LongDateVI(%v) = %q; want %q", tc.t, got, tc.long)
		}
	}
}

func TestStartOfDay(t *testing.T) {
	got := domain.StartOfDay(time.Date(2024, 6, 9, 20, 0, 0, 0, time.UTC)) // 03:00 on 10/06 in Hanoi
	if !got.Equal(day(2024, 6, 10)) {
		t.Errorf("StartOfDay = %v; want 10/06/2024 00:00 ICT", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"14/03/2024", "4/3/2024", "14-03-2024", "14.03.2024", "2024-03-14", "31/02/2024", "29/02/2024", "", "1/1/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := domain.ParseDate(s)
		if err != nil {
			var de *domain.DateError
			if !errors.As(err, &de) || de.Message() == "" {
				t.Fatalf("ParseDate(%q): error %v is not a *DateError with a message", s, err)
			}
			return
		}
		if !d.Equal(domain.StartOfDay(d)) {
			t.Fatalf("ParseDate(%q) = %v; want midnight in Location", s, d)
		}
		back, err := domain.ParseDate(domain.FormatDate(d))
		if err != nil || !back.Equal(d) {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		if back, err := domain.ParseDate(d.Format("2006-01-02")); err != nil || !back.Equal(d) {
			t.Fatalf("ISO round trip of %q: %v, %v", s, back, err)
		}
	})
}

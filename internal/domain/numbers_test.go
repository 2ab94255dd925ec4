package domain_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func TestParseNumber(t *testing.T) {
	ok := []struct {
		in   string
		want float64
	}{
		{"12,5", 12.5},
		{"12.5", 12.5},
		{"1.234,5", 1234.5},
		{"1.234.567", 1234567},
		{"1.234.567,89", 1234567.89},
		{"1,234.5", 1234.5},
		{"1,234,567", 1234567},
		{"1,234,567.25", 1234567.25},
		{"-3", -3},
		{"−3", -3}, // U+2212 from Word
		{"+7", 7},
		{"100", 100},
		{"0,75", 0.75},
		{"007", 7},
		{"1.234", 1.234}, // a single '.' is always a decimal point
		{"1,234", 1.234}, // a single ',' likewise
		{"  42  ", 42},
		{"\u00a012,5\u00a0", 12.5},
		{"\t85\n", 85},
		{"85%", 85},
		{"85 %", 85},
		{"85\u00a0%", 85},
		{"-0", 0},
		{"-1.234,5", -1234.5},
	}
	for _, tc := range ok {
		got, err := domain.ParseNumber(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if got == 0 && math.Signbit(got) {
			t.Errorf("ParseNumber(%q) returned -0", tc.in)
		}
	}

	bad := []struct {
		in   string
		kind domain.NumberErrorKind
	}{
		{"", domain.NumberEmpty},
		{"   ", domain.NumberEmpty},
		{"abc", domain.NumberInvalid},
		{"12a", domain.NumberInvalid},
		{"NaN", domain.NumberInvalid},
		{"Inf", domain.NumberInvalid},
		{"-Inf", domain.NumberInvalid},
		{"1e5", domain.NumberInvalid},
		{"1E5", domain.NumberInvalid},
		{"0x10", domain.NumberInvalid},
		{"%", domain.NumberInvalid},
		{"85%%", domain.NumberInvalid},
		{"%85", domain.NumberInvalid},
		{"-", domain.NumberInvalid},
		{"--3", domain.NumberInvalid},
		{"1 234", domain.NumberInvalid},
		{".5", domain.NumberInvalid},
		{"5.", domain.NumberInvalid},
		{",5", domain.NumberInvalid},
		{"12,", domain.NumberInvalid},
		{"1.23.4", domain.NumberGrouping},
		{"12.5.6", domain.NumberGrouping},
		{"1,23,4", domain.NumberGrouping},
		{"1.2345,6", domain.NumberGrouping},
		{"12345.678,9", domain.NumberGrouping},
		{"1.234,5,6", domain.NumberGrouping},
		{"1,234.5.6", domain.NumberGrouping},
		{"1,2.5", domain.NumberGrouping},
		{".234.567", domain.NumberGrouping},
		{strings.Repeat("9", 400), domain.NumberRange},
	}
	for _, tc := range bad {
		_, err := domain.ParseNumber(tc.in)
		var ne *domain.NumberError
		if !errors.As(err, &ne) {
			t.Errorf("ParseNumber(%q) error = %v; want *NumberError", tc.in, err)
			continue
		}
		if ne.Kind != tc.kind {
			t.Errorf("ParseNumber(%q) kind = %s; want %s", tc.in, ne.Kind, tc.kind)
		}
		if ne.Message() == "" || ne.Msg().Text(i18n.EN) == "" || ne.Error() != ne.Message() {
			t.Errorf("ParseNumber(%q) messages incomplete", tc.in)
		}
	}
}

func TestNumberErrorMessage(t *testing.T) {
	_, err := domain.ParseNumber("abc")
	want := "Giá trị \"abc\" không phải là số. Ví dụ hợp lệ: 12,5 hoặc 12.5"
	if err.(*domain.NumberError).Message() != want {
		t.Errorf("Message() = %q; want %q", err.(*domain.NumberError).Message(), want)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f    float64
		dec  int
		want string
	}{
		{1234.5, 1, "1.234,5"},
		{-1234.5, 1, "-1.234,5"},
		{1234567.891, 2, "1.234.567,89"},
		{0, 0, "0"},
		{0, 2, "0,00"},
		{999, 0, "999"},
		{1000, 0, "1.000"},
		{100000, 0, "100.000"},
		{0.5, 0, "1"},
		{1.5, 0, "2"},
		{2.5, 0, "3"}, // half away from zero, not to even
		{-2.5, 0, "-3"},
		{0.125, 2, "0,13"},
		{2.675, 2, "2,68"}, // as typed, though the binary value is below ,675
		{1.005, 2, "1,01"},
		{9.995, 2, "10,00"},
		{999.5, 0, "1.000"},
		{-0.004, 2, "0,00"}, // no "-0,00"
		{12.5, -1, "13"},
		{1e21, 0, "1.000.000.000.000.000.000.000"},
		{math.NaN(), 2, ""},
		{math.Inf(1), 2, ""},
	}
	for _, tc := range tests {
		if got := domain.FormatNumber(tc.f, tc.dec); got != tc.want {
			t.Errorf("FormatNumber(%v, %d) = %q; want %q", tc.f, tc.dec, got, tc.want)
		}
	}
}

func TestFormatNumberShortAndPercent(t *testing.T) {
	tests := []struct {
		f             float64
		short, percnt string
	}{
		{80, "80", "80%"},
		{12.5, "12,5", "12,5%"},
		{1234.567, "1.234,57", "1.234,57%"},
		{0.30000000000000004, "0,3", "0,3%"},
		{99.999, "100", "100%"},
		{-7.10, "-7,1", "-7,1%"},
		{0, "0", "0%"},
		{math.NaN(), "", ""},
	}
	for _, tc := range tests {
		if got := domain.FormatNumberShort(tc.f); got != tc.short {
			t.Errorf("FormatNumberShort(%v) = %q; want %q", tc.f, got, tc.short)
		}
		if got := domain.FormatPercent(tc.f); got != tc.percnt {
			t.Errorf("FormatPercent(%v) = %q; want %q", tc.f, got, tc.percnt)
		}
	}
}

func TestFormatNumberInputRoundTrips(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1234, "1234"},
		{1234.5, "1234,5"},
		{-0.75, "-0,75"},
		{math.Copysign(0, -1), "0"},
		{0.30000000000000004, "0,30000000000000004"},
		{math.Inf(-1), ""},
	}
	for _, tc := range tests {
		got := domain.FormatNumberInput(tc.f)
		if got != tc.want {
			t.Errorf("FormatNumberInput(%v) = %q; want %q", tc.f, got, tc.want)
		}
		if got == "" {
			continue
		}
		back, err := domain.ParseNumber(got)
		if err != nil || back != tc.f {
			t.Errorf("ParseNumber(FormatNumberInput(%v)) = %v, %v", tc.f, back, err)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12,5", "12.5", "1.234,5", "1.234.567", "1,234.5", "-3", "85 %", "abc", "1e5", "\u00a00,75", "1.23.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := domain.ParseNumber(s)
		if err != nil {
			var ne *domain.NumberError
			if !errors.As(err, &ne) || ne.Message() == "" {
				t.Fatalf("ParseNumber(%q): error %v is not a *NumberError with a message", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v; want a finite number", s, v)
		}
		// The input form of a value must read back exactly.
		if back, err := domain.ParseNumber(domain.FormatNumberInput(v)); err != nil || back != v {
			t.Fatalf("input round trip of %v (from %q) = %v, %v", v, s, back, err)
		}
		// The display form reads back as the value rounded to its decimals.
		shown := domain.FormatNumber(v, 2)
		back, err := domain.ParseNumber(shown)
		if err != nil {
			t.Fatalf("ParseNumber(FormatNumber(%v)) = %q: %v", v, shown, err)
		}
		if d := math.Abs(back - v); d > 0.005+math.Abs(v)*1e-12 {
			t.Fatalf("FormatNumber(%v, 2) = %q reads back as %v", v, shown, back)
		}
	})
}

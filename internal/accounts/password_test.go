package accounts_test

import (
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// The password rules (formerly password.Validate's test): too short, the username inside,
// too long; a good one has no problem.
func TestPasswordProblem(t *testing.T) {
	cases := []struct{ plain, user, want string }{
		{"ngắn", "an", "ít nhất"},
		{"đủ dài nhưng có vanphong", "vanphong", "tên đăng nhập"},
		{"Cải cách hành chính 2025", "vanphong", ""},
		{strings.Repeat("a", 300), "x", "dài quá"},
	}
	for _, tc := range cases {
		m := accounts.PasswordProblem(tc.plain, tc.user)
		got := m.Text(i18n.VI)
		if (tc.want == "") != m.Zero() || !strings.Contains(got, tc.want) || (!m.Zero() && m.Text(i18n.EN) == got) {
			t.Errorf("PasswordProblem(%q) = %q, want containing %q (and an English text)", tc.plain, got, tc.want)
		}
	}
}

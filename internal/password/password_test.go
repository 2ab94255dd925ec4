package password

import (
	"strings"
	"testing"
)

func TestHashAndCheck(t *testing.T) {
	for _, plain := range []string{"demo", "Mật khẩu rất dài có dấu tiếng Việt đủ 72 byte trở lên để bcrypt cắt mất phần đuôi này"} {
		h, err := Hash(plain)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$") {
			t.Fatalf("hash %q is not argon2id PHC", h)
		}
		if ok, err := Check(plain, h); !ok || err != nil {
			t.Errorf("Check(%q) = %v, %v", plain, ok, err)
		}
		if ok, _ := Check(plain+"x", h); ok {
			t.Errorf("Check accepted a wrong password for %q", plain)
		}
	}
	// Differences beyond byte 72 still count (bcrypt would ignore them).
	long := strings.Repeat("ư", 40)
	h, _ := Hash(long + "a")
	if ok, _ := Check(long+"b", h); ok {
		t.Error("a difference after 72 bytes was ignored")
	}
}

func TestCheckMalformed(t *testing.T) {
	for _, h := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=1,t=1,p=1$@@$@@", "$argon2i$v=19$m=1,t=1,p=1$YQ$YQ"} {
		if ok, err := Check("x", h); ok || err == nil {
			t.Errorf("Check(%q) = %v, %v; want false, error", h, ok, err)
		}
	}
}

func TestValidate(t *testing.T) {
	cases := []struct{ plain, user, want string }{
		{"ngắn", "an", "ít nhất"},
		{"đủ dài nhưng có vanphong", "vanphong", "tên đăng nhập"},
		{"Cải cách hành chính 2025", "vanphong", ""},
		{strings.Repeat("a", 300), "x", "dài quá"},
	}
	for _, tc := range cases {
		got := Validate(tc.plain, tc.user)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Validate(%q) = %q, want containing %q", tc.plain, got, tc.want)
		}
	}
}

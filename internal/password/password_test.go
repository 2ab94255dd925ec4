package password

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
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

// TestHashParametersAndSalt reads a hash back: argon2id v19 with OWASP's parameters
// (m=19 MiB, t=2, p=1), a 16-byte random salt that differs between two hashes of the same
// password, and a 32-byte key that argon2id with those parameters and that salt gives.
func TestHashParametersAndSalt(t *testing.T) {
	const plain = "Hồ sơ một cửa 2026"
	a, err := Hash(plain)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Hash(plain)
	parts := strings.Split(a, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != "v=19" || parts[3] != "m=19456,t=2,p=1" {
		t.Fatalf("hash %q: want $argon2id$v=19$m=19456,t=2,p=1$salt$key", a)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) != 16 {
		t.Fatalf("salt %q: %d bytes, %v; want 16", parts[4], len(salt), err)
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) != 32 {
		t.Fatalf("key %q: %d bytes, %v; want 32", parts[5], len(key), err)
	}
	if want := argon2.IDKey([]byte(plain), salt, 2, 19*1024, 1, 32); !bytes.Equal(key, want) {
		t.Error("the key is not argon2id(password, salt, t=2, m=19456, p=1)")
	}
	if a == b || strings.Split(b, "$")[4] == parts[4] {
		t.Errorf("two hashes of one password share a salt: %q, %q", a, b)
	}
}

// TestDummyCheckCostsWhatARealOneCosts: the hash an unknown username is checked against has
// the parameters of a real one, so the failed sign-in takes the same work either way.
func TestDummyCheckCostsWhatARealOneCosts(t *testing.T) {
	genuine, _ := Hash("một mật khẩu thật")
	params := func(h string) string {
		p := strings.Split(h, "$")
		key, _ := base64.RawStdEncoding.DecodeString(p[5])
		return fmt.Sprintf("%s, key of %d bytes", strings.Join(p[1:4], "$"), len(key))
	}
	if params(dummyHash) != params(genuine) {
		t.Errorf("dummy hash: %s; a real one: %s", params(dummyHash), params(genuine))
	}
}

// Package password hashes and checks passwords with argon2id. bcrypt is not used because it
// truncates at 72 bytes and Vietnamese characters take two or three bytes each.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Parameters follow OWASP's argon2id recommendation (m=19 MiB, t=2, p=1).
const (
	memoryKiB = 19 * 1024
	timeCost  = 2
	threads   = 1
	keyLen    = 32
	saltLen   = 16
)

// MinLength is the shortest password accepted for a new or changed password (ASVS 2.1.1).
const MinLength = 12

// MaxLength bounds the work an attacker can make the hash do.
const MaxLength = 256

var errMalformed = errors.New("password: malformed hash")

// hashing bounds how many argon2id computations (checks and new hashes) run at once: each
// takes 19 MiB and a core for tens of milliseconds, and at the reporting deadline hundreds of
// users sign in together. Sized to the cores the Go scheduler may use (GOMAXPROCS, which
// follows a container's CPU quota, where NumCPU counts the host's): more would not finish any
// sooner, only hold more memory, and a burst then queues here, in sign-ins only, while every
// other request still gets the scheduler's share of the cores.
var hashing = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// idKey is argon2.IDKey; the concurrency test replaces it to see how many run at once.
var idKey = argon2.IDKey

// derive computes one argon2id key under the bound.
func derive(plain, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return idKey(plain, salt, t, m, p, n)
}

// checks counts the argon2id computations Check has done.
var checks atomic.Int64

// ChecksDone is how many passwords Check has hashed so far: tests compare it to show that an
// unknown username costs the same work as a real one.
func ChecksDone() int64 { return checks.Load() }

// Hash returns an encoded argon2id hash in the PHC string format.
func Hash(plain string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := derive([]byte(plain), salt, timeCost, memoryKiB, threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, timeCost, threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// Check reports whether plain matches the encoded hash, in constant time.
func Check(plain, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errMalformed
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errMalformed
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, errMalformed
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errMalformed
	}
	checks.Add(1)
	got := derive([]byte(plain), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when a user does not exist, so an unknown username costs
// the same time as a wrong password and the two cannot be told apart.
var dummyHash, _ = Hash("không có người dùng này")

// CheckDummy spends the time of one Check.
func CheckDummy(plain string) { _, _ = Check(plain, dummyHash) }

// OneTime returns a random one-time password, grouped for dictating over the phone and
// without characters that are easy to misread (0/O, 1/l/I).
func OneTime() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	out := make([]byte, 0, 19)
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(c)%len(alphabet)])
	}
	return string(out)
}

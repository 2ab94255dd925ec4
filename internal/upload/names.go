package upload

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CleanName keeps the name a user gave a file for display and download: the last path
// element only (old browsers send C:\fakepath\…), NFC-normalised so Vietnamese accents
// compare and render alike, without control characters, at most 255 characters.
func CleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return tidy(name)
}

// tidy normalises a name that has no path in it.
func tidy(name string) string {
	name = norm.NFC.String(strings.ToValidUTF8(name, ""))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 255 {
		r := []rune(name)
		ext := []rune(extOf(name))
		if len(ext) > 10 {
			ext = nil
		}
		name = string(r[:255-len(ext)]) + string(ext)
	}
	if name == "" || name == "." || name == ".." {
		return "tai-lieu"
	}
	return name
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// ContentDisposition is the header value that makes the browser save the file under
// its original Vietnamese name: RFC 6266 with an RFC 5987 filename* and a plain ASCII
// fallback (accents removed, đ → d) for old clients.
// Slashes, which a stored name may hold ("Quý III/2026"), become dashes.
func ContentDisposition(name string) string {
	name = tidy(strings.NewReplacer("/", "-", `\`, "-").Replace(name))
	return `attachment; filename="` + asciiFallback(name) + `"; filename*=UTF-8''` + rfc5987(name)
}

// rfc5987 percent-encodes everything but RFC 5987's attr-char.
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteString(fmt.Sprintf("%%%02X", c))
	}
	return b.String()
}

// asciiFallback strips Vietnamese diacritics for the plain filename parameter.
func asciiFallback(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped
		case r < 0x20 || r == '"' || r == '\\' || r == 0x7f:
			b.WriteByte('_')
		case r < 0x80:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// NewKey is a storage name for a file: random, so it says nothing about the file and
// cannot collide with a path a user chose.
func NewKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

package domain

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Document numbers (số, ký hiệu) as Decree 30/2020/NĐ-CP writes them: "05/BC-SNV" —
// the number in Arabic numerals with a zero before numbers under 10, then "/", the
// type's abbreviation, "-", the issuing body's; no spaces around "/" and "-".

// DocNumberError says why a typed number is not a document number.
type DocNumberError struct {
	Input string
	Empty bool
}

func (e *DocNumberError) Error() string { return e.Message() }

// Message is the Vietnamese message for the form.
func (e *DocNumberError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key and its arguments.
func (e *DocNumberError) Msg() i18n.Msg {
	if e.Empty {
		return i18n.M("domain.docnumber.empty")
	}
	return i18n.M("domain.docnumber.invalid", e.Input)
}

// ParseDocNumber reads a typed number: "5", "05", "5/BC-SNV", "05 / BC - SNV". It returns
// the sequence number and the symbol ("BC-SNV"; suffix when none was typed), the number
// written as Decree 30 sets it being FormatDocNumber(n, symbol).
func ParseDocNumber(s, suffix string) (int, string, error) {
	t := strings.Join(strings.Fields(s), "")
	if t == "" {
		return 0, "", &DocNumberError{Input: s, Empty: true}
	}
	t = strings.TrimPrefix(strings.TrimPrefix(t, "Số:"), "số:")
	num, sym, found := strings.Cut(t, "/")
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 || n > 99999 {
		return 0, "", &DocNumberError{Input: s}
	}
	if !found || sym == "" {
		return n, suffix, nil
	}
	for _, r := range sym {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.' || r == '&') {
			return 0, "", &DocNumberError{Input: s}
		}
	}
	return n, strings.ToUpper(sym), nil
}

// FormatDocNumber writes a number and symbol as Decree 30 sets them: "05/BC-SNV".
func FormatDocNumber(n int, symbol string) string {
	num := strconv.Itoa(n)
	if n < 10 {
		num = "0" + num
	}
	if symbol == "" {
		return num
	}
	return num + "/" + symbol
}

// PadDocNumber rewrites a number typed freely ("5/BC-SNV") with the zero Decree 30
// asks for ("05/BC-SNV"); text that is not a number is returned as typed.
func PadDocNumber(s string) string {
	n, sym, err := ParseDocNumber(s, "")
	if err != nil {
		return strings.TrimSpace(s)
	}
	return FormatDocNumber(n, sym)
}

package domain

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// NumberErrorKind tells a caller why input was refused, so a form can point at
// the exact mistake instead of a generic "not a number".
type NumberErrorKind string

const (
	NumberEmpty    NumberErrorKind = "empty"
	NumberInvalid  NumberErrorKind = "invalid"
	NumberGrouping NumberErrorKind = "grouping"
	NumberRange    NumberErrorKind = "range"
)

// NumberError is returned by ParseNumber. Error returns the Vietnamese message
// so that even a handler that only prints err shows users something they read.
type NumberError struct {
	Input string
	Kind  NumberErrorKind
}

func (e *NumberError) Error() string { return e.Message() }

// Message is the Vietnamese text for the form.
func (e *NumberError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key and its arguments.
func (e *NumberError) Msg() i18n.Msg {
	switch e.Kind {
	case NumberEmpty:
		return i18n.M("domain.number.empty")
	case NumberGrouping:
		return i18n.M("domain.number.grouping", e.Input)
	case NumberRange:
		return i18n.M("domain.number.range", e.Input)
	}
	return i18n.M("domain.number.invalid", e.Input)
}

// ParseNumber reads a number as Vietnamese users type it. Both decimal marks
// are accepted because people copy from Excel set to either locale; the rules
// are deliberately simple so a user can predict the result:
//   - both '.' and ',' present: the last one is the decimal mark, the other
//     groups thousands;
//   - a single '.' or a single ',' is a decimal mark (12.5 and 12,5);
//   - two or more of the same mark with no other mark group thousands.
//
// Thousands groups must have exactly 3 digits, so a typo such as 1.23.4 is
// refused instead of silently becoming 1234. A trailing '%' is tolerated
// because users type "85 %" into percentage fields.
func ParseNumber(s string) (float64, error) {
	in := s
	fail := func(k NumberErrorKind) (float64, error) { return 0, &NumberError{Input: in, Kind: k} }

	s = strings.TrimFunc(s, unicode.IsSpace) // unicode.IsSpace covers NBSP
	if s == "" {
		return fail(NumberEmpty)
	}
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s = strings.TrimFunc(t, unicode.IsSpace)
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "\u2212"): // Word turns '-' into a real minus sign
		neg, s = true, s[len("\u2212"):]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if s == "" {
		return fail(NumberInvalid)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9') && c != '.' && c != ',' {
			return fail(NumberInvalid)
		}
	}

	intPart, frac, k := splitNumber(s)
	if k != "" {
		return fail(k)
	}
	canon := intPart
	if frac != "" {
		canon += "." + frac
	}
	f, err := strconv.ParseFloat(canon, 64)
	if err != nil || math.IsInf(f, 0) {
		return fail(NumberRange)
	}
	if neg && f != 0 { // no "-0" leaking into displays
		f = -f
	}
	return f, nil
}

// splitNumber returns the integer digits (thousands marks removed) and the
// fraction digits of s, which holds only digits, '.' and ','.
func splitNumber(s string) (intPart, frac string, kind NumberErrorKind) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	var dec, grp byte
	switch {
	case dots > 0 && commas > 0:
		dec, grp = ',', '.'
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			dec, grp = '.', ','
		}
		if strings.Count(s, string(dec)) != 1 {
			return "", "", NumberGrouping
		}
	case dots == 1:
		dec = '.'
	case commas == 1:
		dec = ','
	case dots > 1:
		grp = '.'
	case commas > 1:
		grp = ','
	}

	intPart = s
	if dec != 0 {
		i := strings.IndexByte(s, dec)
		intPart, frac = s[:i], s[i+1:]
		if intPart == "" || frac == "" {
			return "", "", NumberInvalid
		}
	}
	if grp != 0 {
		groups := strings.Split(intPart, string(grp))
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return "", "", NumberGrouping
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", "", NumberGrouping
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" {
		return "", "", NumberInvalid
	}
	return intPart, frac, ""
}

// FormatNumber writes f the Vietnamese way (1.234,5) with exactly decimals
// digits after the comma. Rounding is half away from zero on the shortest
// decimal form of f, so 2.675 shows as 2,68 as a person rounding by hand
// expects, not 2,67 as binary floating point would give. NaN and ±Inf give ""
// because they are never a meaningful value to show a clerk.
func FormatNumber(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if decimals < 0 {
		decimals = 0
	}
	intPart, frac := roundDecimal(math.Abs(f), decimals)
	var b strings.Builder
	if f < 0 && strings.Trim(intPart+frac, "0") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if decimals > 0 {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// roundDecimal rounds a non-negative f to decimals digits on its decimal
// string, returning the integer and fraction digits.
func roundDecimal(f float64, decimals int) (intPart, frac string) {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= decimals {
		return intPart, frac + strings.Repeat("0", decimals-len(frac))
	}
	up := frac[decimals] >= '5'
	digits := []byte(intPart + frac[:decimals])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - decimals
	return string(digits[:n]), string(digits[n:])
}

// FormatNumberShort shows up to 2 decimals without trailing zeros, the form
// used in tables and dashboards where 80 should not read as 80,00.
func FormatNumberShort(f float64) string {
	s := FormatNumber(f, 2)
	if strings.Contains(s, ",") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ",")
	}
	return s
}

// FormatPercent shows a 0–100 rate with its sign, e.g. 12,5%.
func FormatPercent(f float64) string {
	if s := FormatNumberShort(f); s != "" {
		return s + "%"
	}
	return ""
}

// FormatNumberInput writes f for an <input> value. It has no thousands marks
// because ParseNumber reads a single '.' as a decimal point: pre-filling a form
// with FormatNumber's "1.234" would come back as 1,234. It keeps full
// precision so that re-saving an untouched form never changes the value.
func FormatNumberInput(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if f == 0 {
		f = 0 // drop the sign of -0
	}
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

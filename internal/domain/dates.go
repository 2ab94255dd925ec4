package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	_ "time/tzdata" // office PCs and slim containers often lack a zoneinfo database

	"github.com/vn-cchc/cchc/internal/i18n"
)

// Location is the zone every calendar rule uses: a deadline "on 10/06" means
// 10/06 in Vietnam whatever zone the server runs in.
var Location = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	// Vietnam has had no daylight saving since 1975, so a fixed offset is exact
	// for every date the portal handles.
	return time.FixedZone("ICT", 7*60*60)
}

// DateError is returned by ParseDate. Error returns the Vietnamese message so
// that even a handler that only prints err shows users something they read.
type DateError struct {
	Input string
}

func (e *DateError) Error() string { return e.Message() }

// Message is the Vietnamese text for the form.
func (e *DateError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the text as a catalogue key and its arguments.
func (e *DateError) Msg() i18n.Msg {
	if strings.TrimFunc(e.Input, unicode.IsSpace) == "" {
		return i18n.M("domain.date.empty")
	}
	return i18n.M("domain.date.invalid", e.Input)
}

// Years outside this range are typos (0224 for 2024, 2204 for 2024); refusing
// them beats storing a date no report can ever fall into.
const (
	minYear = 1900
	maxYear = 2199
)

// ParseDate reads dd/mm/yyyy as clerks type it (also with '-' or '.' and
// without leading zeros) and yyyy-mm-dd, which is what an HTML date input
// sends. Two-digit years are refused: 24 could be 1924 or 2024. The result is
// midnight in Location.
func ParseDate(s string) (time.Time, error) {
	fail := func() (time.Time, error) { return time.Time{}, &DateError{Input: s} }
	t := strings.TrimFunc(s, unicode.IsSpace)

	var parts []string
	for _, sep := range "/-." {
		if strings.ContainsRune(t, sep) {
			parts = strings.Split(t, string(sep))
			break
		}
	}
	if len(parts) != 3 {
		return fail()
	}
	var y, m, d int
	var ok bool
	if len(parts[0]) == 4 && strings.ContainsRune(t, '-') { // ISO yyyy-mm-dd
		y, ok = digits(parts[0], 4, 4)
		m, ok = andDigits(ok, parts[1], 1, 2)
		d, ok = andDigits(ok, parts[2], 1, 2)
	} else {
		d, ok = digits(parts[0], 1, 2)
		m, ok = andDigits(ok, parts[1], 1, 2)
		y, ok = andDigits(ok, parts[2], 4, 4)
	}
	if !ok || y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return fail()
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, Location), nil
}

// digits parses an all-ASCII-digit field of min..max characters; Atoi alone
// would also take signs and "+1".
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func andDigits(ok bool, s string, min, max int) (int, bool) {
	if !ok {
		return 0, false
	}
	return digits(s, min, max)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// StartOfDay is midnight of t's calendar day in Location, the unit every
// deadline rule compares in.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.In(Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Location)
}

// dayNumber counts calendar days in Location, so differences are whole days
// regardless of the time of day on either side.
func dayNumber(t time.Time) int {
	y, m, d := t.In(Location).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// FormatDate writes dd/mm/yyyy in Location; the zero time is "" because an
// unset date should show as a blank cell, not 01/01/0001.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Location).Format("02/01/2006")
}

// FormatDateTime writes dd/mm/yyyy HH:MM in Location; the zero time is "".
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Location).Format("02/01/2006 15:04")
}

// LongDateVI writes the date line of an administrative document,
// "ngày 05 tháng 12 năm 2025". Decree 30/2020/NĐ-CP pads a day under 10 and only
// the months 1 and 2 ("tháng 02", but "tháng 3"), so that a date cannot be altered
// by writing a digit in front. For the zero time it leaves the blanks a signer fills
// in by hand.
func LongDateVI(t time.Time) string {
	if t.IsZero() {
		return "ngày ... tháng ... năm ..."
	}
	y, m, d := t.In(Location).Date()
	month := strconv.Itoa(int(m))
	if m <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d, month, y)
}

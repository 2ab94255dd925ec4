package domain

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// formulaStarts are the first characters with which Excel, LibreOffice and Google Sheets
// read a cell as a formula (or, for tab and line breaks, skip to one), including the
// full-width forms that some input methods type.
const formulaStarts = "=+-@\t\r\n＝＋－＠"

// FormulaLike reports whether text written into a spreadsheet cell would be run as a
// formula (CSV injection): it starts with = + - @ or a tab or line break, is longer than
// that one character, and is not simply a number such as -5 or +3,5.
func FormulaLike(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || !strings.ContainsRune(formulaStarts, r) || len(s) == size {
		return false
	}
	_, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return err != nil
}

// SheetText is the one escaping function for every text cell the portal writes into a CSV
// or XLSX file: text that would be read as a formula gets a leading apostrophe, which
// spreadsheets show as text. It is idempotent (escaped text starts with the apostrophe).
func SheetText(s string) string {
	if FormulaLike(s) {
		return "'" + s
	}
	return s
}

// UnSheetText undoes SheetText for a cell read back from a file the portal wrote.
func UnSheetText(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && FormulaLike(rest) {
		return rest
	}
	return s
}

// codeStartsLikeFormula is true for codes starting with a character a spreadsheet reads
// as a formula: such codes are refused, whatever follows.
func codeStartsLikeFormula(code string) bool {
	r, size := utf8.DecodeRuneInString(code)
	return size > 0 && strings.ContainsRune(formulaStarts, r)
}

// formulaCode is the problem of a code that starts like a spreadsheet formula; what names
// the code ("Mã chỉ tiêu").
func formulaCode(field string, what i18n.Msg) Problem {
	return problem(field, i18n.M("domain.problem.formula_code", what))
}

package export

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Words by which a clause of a unit's narrative speaks of a difficulty or makes a
// proposal; sections III and V of the report gather such clauses.
var (
	difficultyWords = []string{"khó khăn", "vướng mắc", "hạn chế", "tồn tại", "bất cập", "chưa đạt",
		"chưa ổn định", "chưa thành thạo", "chưa đáp ứng", "chậm", "thiếu"}
	proposalWords = []string{"đề nghị", "kiến nghị", "đề xuất"}
)

// Concerns splits the units' narratives into clauses and keeps those that name a
// difficulty or a proposal. The same clause written by several units (or on several
// items) becomes one note listing them all, so a province's report stays readable.
func Concerns(notes []Note) (difficulties, proposals []Note) {
	var d, p noteSet
	for _, n := range notes {
		for _, c := range clauses(n.Text) {
			low := strings.ToLower(c)
			switch {
			case containsAny(low, proposalWords):
				p.add(c, n)
			case containsAny(low, difficultyWords):
				d.add(c, n)
			}
		}
	}
	return d.notes, p.notes
}

// clauses cuts a narrative at sentence ends and semicolons; each clause is NFC,
// starts with a capital letter and ends with a full stop.
func clauses(text string) []string {
	text = norm.NFC.String(text)
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' })
	var out []string
	for _, part := range parts {
		for _, s := range strings.SplitAfter(part, ". ") {
			s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '.' || r == '-' || r == '+' })
			if utf8.RuneCountInString(s) < 4 {
				continue
			}
			r, size := utf8.DecodeRuneInString(s)
			out = append(out, string(unicode.ToUpper(r))+s[size:]+".")
		}
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

type noteSet struct {
	notes []Note
	index map[string]int
}

func (s *noteSet) add(text string, from Note) {
	if s.index == nil {
		s.index = map[string]int{}
	}
	key := strings.ToLower(text)
	i, ok := s.index[key]
	if !ok {
		i = len(s.notes)
		s.index[key] = i
		s.notes = append(s.notes, Note{Text: text})
	}
	n := &s.notes[i]
	for _, u := range from.Units {
		if !slices.Contains(n.Units, u) {
			n.Units = append(n.Units, u)
		}
	}
	for _, it := range from.Items {
		if !slices.Contains(n.Items, it) {
			n.Items = append(n.Items, it)
		}
	}
}

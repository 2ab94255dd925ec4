package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/reportdoc"
)

// The narrative report as blocks of text, in the outline the ministry's đề cương follows
// for a department's CCHC report. The PDF and the print view both lay out this one Document,
// so they say the same thing.

// The document model and its writers live in package reportdoc (no SQL), which the
// print view shares; these aliases keep the export's callers short.
type (
	Document = reportdoc.Document
	Block    = reportdoc.Block
	Appendix = reportdoc.Appendix
)

var romanNumerals = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}

// periodPhrase is the period as a title's phrase: "năm 2024", "quý III năm 2024",
// "6 tháng đầu năm 2024".
func periodPhrase(year int, k domain.PeriodKind) string {
	y := strconv.Itoa(year)
	switch k {
	case domain.PeriodH1:
		return "6 tháng đầu năm " + y
	case domain.PeriodYear:
		return "năm " + y
	}
	return "quý " + romanNumerals[k.Slot()-1] + " năm " + y
}

// Summary is the report's title line (trích yếu).
func (r *Report) Summary() string {
	return "Kết quả thực hiện công tác cải cách hành chính " + periodPhrase(r.Year, r.Kind)
}

// Notice is what the cover says when submitted-but-unapproved data are counted; "" otherwise.
func (r *Report) Notice() string {
	if !r.IncludeSubmitted {
		return ""
	}
	return fmt.Sprintf("Báo cáo có sử dụng số liệu chưa được phê duyệt: số liệu của %d đơn vị đã gửi báo cáo "+
		"nhưng chưa được Phòng Cải cách hành chính phê duyệt được tính vào kết quả.", r.Submitted)
}

// ValueText writes a cell as a clerk reads it: 97,5%, 12 văn bản, Hoàn thành; "" when empty.
func ValueText(t TargetRow, c Cell) string {
	switch {
	case c.Done != nil && *c.Done:
		return "Hoàn thành"
	case c.Done != nil:
		return "Chưa hoàn thành"
	case c.Value == nil:
		return ""
	case t.Kind == domain.KindPercent || t.Kind == domain.KindGrowth || t.MeasureUnit == "%":
		return domain.FormatPercent(*c.Value)
	case t.MeasureUnit != "":
		return domain.FormatNumberShort(*c.Value) + " " + t.MeasureUnit
	}
	return domain.FormatNumberShort(*c.Value)
}

// CountedLine says which data the figures count: whose reports, of which status, over
// which data window.
func (r *Report) CountedLine() string {
	c := r.Period()
	which := "đã được phê duyệt"
	if r.IncludeSubmitted {
		which = "đã gửi (kể cả chưa được phê duyệt)"
	}
	s := fmt.Sprintf("(Số liệu tổng hợp từ báo cáo %s của %d/%d đơn vị", which, r.Approved+r.countedSubmitted(), len(r.Units))
	if !c.Period.StartsOn.IsZero() && !c.Period.EndsOn.IsZero() {
		s += fmt.Sprintf(", kỳ số liệu từ ngày %s đến ngày %s", domain.FormatDate(c.Period.StartsOn), domain.FormatDate(c.Period.EndsOn))
	}
	return s + ")"
}

func (r *Report) countedSubmitted() int {
	if r.IncludeSubmitted {
		return r.Submitted
	}
	return 0
}

// issuer names the issuing body in running text: the scope's unit as the tree names it
// ("Sở Nội vụ") when the header shows that unit, else the header's words with only their
// first two words capitalised ("SỞ TÀI CHÍNH" → "Sở Tài chính").
func (r *Report) issuer() string {
	h := strings.TrimSpace(r.Header.IssuingBody)
	if h == "" || strings.EqualFold(h, r.Scope.Name) {
		return r.Scope.Name
	}
	if strings.ToUpper(h) != h {
		return h
	}
	words := strings.Fields(strings.ToLower(h))
	for i := range words {
		if i < 2 {
			words[i] = upperFirst(words[i])
		}
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Issuer names the issuing body in running text ("Sở Nội vụ").
func (r *Report) Issuer() string { return r.issuer() }

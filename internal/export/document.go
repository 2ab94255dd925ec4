package export

import (
	"fmt"
	"io"
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

// Document lays the report out as the narrative report.
func (r *Report) Document() Document {
	h := r.Header
	d := Document{
		GoverningBody: strings.ToUpper(h.GoverningBody),
		IssuingBody:   strings.ToUpper(h.IssuingBody),
		Number:        "Số: " + domain.PadDocNumber(h.Number),
		PlaceDate:     domain.LongDateVI(h.Date),
		Type:          "BÁO CÁO",
		Summary:       r.Summary(),
		Notice:        r.Notice(),
		Counted:       r.CountedLine(),
		SignerTitle:   h.SignerTitle,
		SignerName:    h.SignerName,
		Recipients:    reportdoc.Recipients(h.Recipients),
		Meta: reportdoc.Meta{Title: "BÁO CÁO " + r.Summary(), Subject: r.Plan.Code + ": " + r.Plan.Title,
			Author: r.issuer(), Created: r.GeneratedAt},
	}
	if h.Number == "" {
		d.Number = "Số:" + blank + "/BC-" + r.Scope.Code
	}
	if h.Place != "" {
		d.PlaceDate = h.Place + ", " + d.PlaceDate
	} else {
		d.PlaceDate = "…, " + d.PlaceDate
	}
	d.Body = r.body()
	d.Appendix = r.appendix()
	return d.Normalized()
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

func (r *Report) body() []Block {
	var b blocks
	p := r.Plan
	issuer := r.issuer()
	b.para(fmt.Sprintf("Thực hiện Kế hoạch số %s ngày %s của %s (%s), %s báo cáo kết quả thực hiện công tác cải cách hành chính %s như sau:",
		p.Code, domain.FormatDate(p.IssuedOn), p.IssuedBy, p.Title, issuer, periodPhrase(r.Year, r.Kind)))

	b.heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
	b.sub("1. Kế hoạch cải cách hành chính")
	b.para(fmt.Sprintf("Kế hoạch số %s ngày %s gồm %d chỉ tiêu và %d nhiệm vụ, được giao cho %d đơn vị thực hiện và báo cáo định kỳ.",
		p.Code, domain.FormatDate(p.IssuedOn), len(r.Targets), len(r.Tasks), len(r.Units)))
	b.sub("2. Tình hình báo cáo của các đơn vị")
	b.para(r.reportingSentence())
	n := 3
	for _, a := range r.Areas {
		if a.Direction && len(a.Targets)+len(a.Tasks) > 0 {
			b.sub(fmt.Sprintf("%d. %s", n, a.Name))
			r.areaBlocks(&b, a)
		}
	}

	b.heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH")
	n = 1
	for _, a := range r.Areas {
		if a.Direction || len(a.Targets)+len(a.Tasks) == 0 {
			continue
		}
		b.sub(fmt.Sprintf("%d. %s", n, a.Name))
		r.areaBlocks(&b, a)
		n++
	}

	b.heading("III. ĐÁNH GIÁ CHUNG")
	b.sub("1. Ưu điểm")
	b.para(r.strengths())
	b.sub("2. Tồn tại, hạn chế và nguyên nhân")
	weak := 0
	for _, t := range r.Targets {
		if s := t.Eval.Status; s == domain.StatusBehind || s == domain.StatusAtRisk {
			b.bullet(fmt.Sprintf("Chỉ tiêu %s (%s): %s", t.Code, lowerFirst(s.Label(domain.LangVI)), t.Eval.Reason))
			weak++
		}
	}
	for _, note := range r.Difficulty {
		b.bullet(noteText(note))
	}
	if weak+len(r.Difficulty) == 0 {
		b.para("Các đơn vị không phản ánh khó khăn, vướng mắc trong kỳ.")
	}

	b.heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
	b.bullet("Tiếp tục triển khai đồng bộ các nhiệm vụ của Kế hoạch số " + p.Code + "; các đơn vị báo cáo đầy đủ, đúng hạn, kèm tài liệu kiểm chứng.")
	for _, t := range r.Targets {
		if s := t.Eval.Status; s == domain.StatusBehind || s == domain.StatusAtRisk || s == domain.StatusNoData {
			b.bullet(fmt.Sprintf("Tập trung thực hiện chỉ tiêu %s: %s (%s).", t.Code, strings.TrimRight(t.Text, "."), t.Commitment.Text(domain.LangVI)))
		}
	}
	for _, t := range r.Tasks {
		if t.Progress != domain.ProgressDone {
			b.bullet(fmt.Sprintf("Hoàn thành nhiệm vụ %s: %s (chủ trì: %s).", t.Code, strings.TrimRight(t.Text, "."), t.Lead.Name))
		}
	}

	b.heading("V. KIẾN NGHỊ, ĐỀ XUẤT")
	for _, note := range r.Proposals {
		b.bullet(noteText(note))
	}
	if len(r.Proposals) == 0 {
		b.para("Không có kiến nghị, đề xuất.")
	}
	b.para(fmt.Sprintf("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính %s của %s./.", periodPhrase(r.Year, r.Kind), issuer))
	return b
}

func (r *Report) reportingSentence() string {
	s := fmt.Sprintf("Kỳ báo cáo %s (hạn nộp %s): %d/%d đơn vị có báo cáo đã được phê duyệt",
		lowerFirst(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)), domain.FormatDate(r.Period().Period.Deadline), r.Approved, len(r.Units))
	if r.Submitted > 0 {
		s += fmt.Sprintf("; %d đơn vị đã gửi, đang chờ phê duyệt", r.Submitted)
	}
	if len(r.Missing) == 0 {
		return s + "; tất cả các đơn vị đều có số liệu được tổng hợp."
	}
	names := make([]string, len(r.Missing))
	for i, u := range r.Missing {
		names[i] = u.Name
	}
	return s + ". Chưa có số liệu được tổng hợp của: " + strings.Join(names, ", ") + "."
}

func (r *Report) strengths() string {
	counts := map[domain.TargetStatus]int{}
	for _, t := range r.Targets {
		counts[t.Eval.Status]++
	}
	done := 0
	for _, t := range r.Tasks {
		if t.Progress == domain.ProgressDone {
			done++
		}
	}
	return fmt.Sprintf("Trong %d chỉ tiêu của Kế hoạch, có %d chỉ tiêu đạt và %d chỉ tiêu đúng tiến độ; %d/%d nhiệm vụ đã hoàn thành trong kỳ.",
		len(r.Targets), counts[domain.StatusMet], counts[domain.StatusOnTrack], done, len(r.Tasks))
}

func (r *Report) areaBlocks(b *blocks, a Area) {
	if len(a.Targets) > 0 {
		b.minor("a) Kết quả thực hiện các chỉ tiêu")
		for _, i := range a.Targets {
			b.bullet(r.targetSentence(r.Targets[i]))
		}
	}
	if len(a.Tasks) > 0 {
		letter := "b)"
		if len(a.Targets) == 0 {
			letter = "a)"
		}
		b.minor(letter + " Tiến độ thực hiện các nhiệm vụ")
		for _, i := range a.Tasks {
			b.bullet(r.taskSentence(r.Tasks[i]))
		}
	}
}

func (r *Report) targetSentence(t TargetRow) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Chỉ tiêu %s: %s (cam kết: %s). ", t.Code, strings.TrimRight(t.Text, "."), t.Commitment.Text(domain.LangVI))
	cur := t.Current()
	if cur.Empty() {
		s.WriteString("Chưa có số liệu " + lowerFirst(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)) + ". ")
	} else {
		fmt.Fprintf(&s, "Kết quả %s: %s", lowerFirst(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)), ValueText(t, cur))
		if len(r.Columns) > 1 {
			var earlier []string
			for i, c := range r.Columns[:len(r.Columns)-1] {
				if v := ValueText(t, t.Cells[i]); v != "" {
					earlier = append(earlier, c.Label+": "+v)
				}
			}
			if len(earlier) > 0 {
				s.WriteString(" (" + strings.Join(earlier, "; ") + ")")
			}
		}
		fmt.Fprintf(&s, "; số liệu của %d/%d đơn vị. ", cur.Units, t.Assigned)
	}
	fmt.Fprintf(&s, "Đánh giá: %s. %s", t.Eval.Status.Label(domain.LangVI), t.Eval.Reason)
	return s.String()
}

func (r *Report) taskSentence(t TaskRow) string {
	var s strings.Builder
	fmt.Fprintf(&s, "Nhiệm vụ %s: %s (chủ trì: %s). ", t.Code, strings.TrimRight(t.Text, "."), t.Lead.Name)
	if t.Progress == "" {
		s.WriteString("Chưa có báo cáo tiến độ trong kỳ.")
		return s.String()
	}
	fmt.Fprintf(&s, "Tiến độ: %s (%d/%d đơn vị báo cáo).", lowerFirst(t.Progress.Label(domain.LangVI)), t.Reported, t.Assigned)
	if len(t.Notes) > 0 {
		s.WriteString(" " + strings.TrimSpace(t.Notes[0].Text))
	}
	return s.String()
}

func (r *Report) appendix() Appendix {
	ref := "số " + domain.PadDocNumber(r.Header.Number)
	if r.Header.Number == "" {
		ref = "số" + blank + "/BC-" + r.Scope.Code
	}
	a := Appendix{
		Title:    "Phụ lục",
		Subtitle: "SỐ LIỆU CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH " + strings.ToUpper(periodPhrase(r.Year, r.Kind)),
		Ref:      "(Kèm theo Báo cáo " + ref + " ngày " + dateOrBlank(r.Header) + " của " + r.issuer() + ")",
		Columns:  []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"},
	}
	for i, t := range r.Targets {
		unit := t.MeasureUnit
		switch {
		case t.Kind == domain.KindMilestone:
			unit = "Mốc hoàn thành"
		case unit == "":
			unit = "Số lượng"
		}
		note := t.Eval.Status.Label(domain.LangVI) + " (cam kết " + t.Commitment.Text(domain.LangVI) + ")"
		value := ValueText(t, t.Current())
		if value == "" {
			value = "—"
		}
		a.Rows = append(a.Rows, []string{strconv.Itoa(i + 1), t.Code + ". " + t.Text, unit, value, note})
	}
	return a
}

const blank = reportdoc.Blank

func dateOrBlank(h Header) string {
	if h.Date.IsZero() {
		return "\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0\u00a0\u00a0"
	}
	return domain.FormatDate(h.Date)
}

func noteText(n Note) string {
	return strings.TrimRight(strings.TrimSpace(n.Text), ".") + " (" + strings.Join(n.Units, ", ") + ")."
}

type blocks []Block

func (b *blocks) heading(s string) { *b = append(*b, Block{Kind: reportdoc.Heading, Text: s}) }
func (b *blocks) sub(s string)     { *b = append(*b, Block{Kind: reportdoc.Subheading, Text: s}) }
func (b *blocks) minor(s string)   { *b = append(*b, Block{Kind: reportdoc.Minor, Text: s}) }
func (b *blocks) para(s string)    { *b = append(*b, Block{Kind: reportdoc.Paragraph, Text: s}) }
func (b *blocks) bullet(s string)  { *b = append(*b, Block{Kind: reportdoc.Bullet, Text: "- " + s}) }

// lowerFirst lets a label start mid-sentence: "Năm 2024" → "năm 2024".
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
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

// WritePDF writes the narrative report as a PDF (reportdoc.WritePDF of its Document).
func WritePDF(w io.Writer, r *Report) error { return reportdoc.WritePDF(w, r.Document()) }

// WriteDOCX writes the narrative report as a Word document.
func WriteDOCX(w io.Writer, r *Report) error { return reportdoc.WriteDOCX(w, r.Document()) }

// Issuer names the issuing body in running text ("Sở Nội vụ").
func (r *Report) Issuer() string { return r.issuer() }

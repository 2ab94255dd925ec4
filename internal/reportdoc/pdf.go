package reportdoc

import (
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Liberation Serif 2.x has the metrics of Times New Roman, which Decree 30 asks for, and
// covers Vietnamese (1.x lacks ế ạ ả ở ộ ụ). The TTFs and their licence (SIL OFL 1.1) are
// embedded so the server needs no fonts installed; fpdf embeds only the glyphs used.
//
//go:embed fonts/LiberationSerif-Regular.ttf fonts/LiberationSerif-Bold.ttf fonts/LiberationSerif-Italic.ttf fonts/LiberationSerif-BoldItalic.ttf fonts/LICENSE-Liberation-2.1.5.txt
var fonts embed.FS

// Fonts are the TTFs and their licence under fonts/, for the print view to embed.
var Fonts = fonts

const fontFamily = "LiberationSerif"

// Page layout per Decree 30/2020/NĐ-CP, Appendix I: A4 portrait, margins top/bottom 20 mm,
// left 30 mm, right 15 mm; page numbers centred in the top margin from page 2.
const (
	marginLeft   = 30.0
	marginRight  = 15.0
	marginTop    = 20.0
	marginBottom = 20.0
	bodySize     = 13.0
	lineHeight   = 6.0 // mm, about 1.3 lines at 13 pt
	paraSpace    = 2.1 // mm, 6 pt between paragraphs
	indent       = 10.0
)

// WritePDF writes the document as a searchable PDF 1.4 with its fonts embedded.
func WritePDF(w io.Writer, doc Document) error {
	d := doc.Normalized()
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range []struct{ style, file string }{{"", "Regular"}, {"B", "Bold"}, {"I", "Italic"}, {"BI", "BoldItalic"}} {
		b, err := fonts.ReadFile("fonts/LiberationSerif-" + f.file + ".ttf")
		if err != nil {
			return fmt.Errorf("reportdoc: pdf font: %w", err)
		}
		pdf.AddUTF8FontFromBytes(fontFamily, f.style, b)
	}
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.SetCellMargin(0)
	pdf.SetTitle(d.Meta.Title, true)
	pdf.SetSubject(d.Meta.Subject, true)
	pdf.SetAuthor(d.Meta.Author, true)
	pdf.SetCreator("Cổng theo dõi cải cách hành chính", true)
	pdf.SetLang("vi-VN")
	if !d.Meta.Created.IsZero() {
		pdf.SetCreationDate(d.Meta.Created)
		pdf.SetModificationDate(d.Meta.Created)
	}
	p := &pdfWriter{pdf: pdf}
	// page numbers centred in the top margin from the second page of the report, and
	// again from the second page of the appendix, which is numbered on its own
	pdf.SetHeaderFuncMode(func() {
		n := pdf.PageNo()
		if p.appendixFrom > 0 {
			n -= p.appendixFrom - 1
		}
		if n > 1 {
			pdf.SetFont(fontFamily, "", bodySize)
			pdf.SetXY(marginLeft, 9)
			pdf.CellFormat(0, 6, strconv.Itoa(n), "", 0, "C", false, 0, "")
		}
		pdf.SetXY(marginLeft, marginTop)
	}, false)

	p.pdf.AddPage()
	// an opaque graphics state: fpdf then writes the header of PDF 1.4, the least
	// version Decree 30 accepts for documents in electronic form (it starts at 1.3)
	pdf.SetAlpha(1, "Normal")
	p.header(d)
	for i, b := range d.Body {
		p.block(b, d.Body[i+1:])
	}
	p.signature(d)
	if len(d.Appendix.Rows) > 0 {
		p.appendix(d.Appendix)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("reportdoc: pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("reportdoc: write pdf: %w", err)
	}
	return nil
}

type pdfWriter struct {
	pdf          *fpdf.Fpdf
	appendixFrom int // the appendix's first page; 0 before it
}

func (p *pdfWriter) width() float64 {
	w, _ := p.pdf.GetPageSize()
	return w - marginLeft - marginRight
}

func (p *pdfWriter) font(style string, size float64) { p.pdf.SetFont(fontFamily, style, size) }

// centred writes text centred in [x, x+w] at the current y, wrapping if it must,
// and returns the width of its widest line (for the rule drawn under it).
func (p *pdfWriter) centred(x, w, h float64, text string) float64 {
	widest := 0.0
	for _, line := range p.pdf.SplitText(text, w) {
		widest = max(widest, p.pdf.GetStringWidth(line))
		p.pdf.SetX(x)
		p.pdf.CellFormat(w, h, line, "", 2, "C", false, 0, "")
	}
	return widest
}

// fitFont shrinks a one-line text's size (not below min) until it fits w.
func (p *pdfWriter) fitFont(style string, size, min, w float64, text string) {
	for ; size > min; size -= 0.5 {
		p.font(style, size)
		if p.pdf.GetStringWidth(text) <= w {
			return
		}
	}
	p.font(style, min)
}

// rule draws a horizontal line of length l centred in [x, x+w] just under y.
func (p *pdfWriter) rule(x, w, l, y float64) {
	p.pdf.SetLineWidth(0.3)
	p.pdf.Line(x+(w-l)/2, y+1, x+(w+l)/2, y+1)
}

// header sets the two-column heading of Decree 30, the place and date, and the title.
func (p *pdfWriter) header(d Document) {
	pdf := p.pdf
	left, right := p.width()*0.4, p.width()*0.6
	xl, xr := marginLeft, marginLeft+left
	top := pdf.GetY()

	// left: governing body, issuing body with a short rule, number
	p.fitFont("", 12.5, 10, left, d.GoverningBody)
	pdf.SetXY(xl, top)
	p.centred(xl, left, 5.5, d.GoverningBody)
	p.fitFont("B", 12.5, 10, left, d.IssuingBody)
	wi := p.centred(xl, left, 5.5, d.IssuingBody)
	p.rule(xl, left, wi/2, pdf.GetY())
	pdf.Ln(4)
	p.font("", 13)
	pdf.SetX(xl)
	pdf.CellFormat(left, 6, d.Number, "", 2, "C", false, 0, "")
	bottomLeft := pdf.GetY()

	// right: Quốc hiệu, Tiêu ngữ with a rule as long as it, place and date
	pdf.SetXY(xr, top)
	p.fitFont("B", 12.5, 10, right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	p.centred(xr, right, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	p.fitFont("B", 13.5, 11, right, "Độc lập - Tự do - Hạnh phúc")
	wt := p.centred(xr, right, 5.5, "Độc lập - Tự do - Hạnh phúc")
	p.rule(xr, right, wt, pdf.GetY())
	pdf.Ln(4)
	p.fitFont("I", 13, 11, right, d.PlaceDate)
	pdf.SetX(xr)
	pdf.CellFormat(right, 6, d.PlaceDate, "", 2, "C", false, 0, "")

	if d.Draft != "" {
		p.font("B", 11)
		pdf.SetXY(xl, marginTop-9)
		pdf.CellFormat(p.pdf.GetStringWidth(d.Draft)+4, 6, d.Draft, "1", 0, "C", false, 0, "")
	}
	pdf.SetY(max(bottomLeft, pdf.GetY()) + 8)
	p.font("B", 14)
	p.centred(marginLeft, p.width(), 7, d.Type)
	ws := p.centred(marginLeft, p.width(), 7, d.Summary)
	p.rule(marginLeft, p.width(), min(ws/3, 40), pdf.GetY())
	pdf.Ln(5)
	if d.Counted != "" {
		p.font("I", 12)
		pdf.SetX(marginLeft)
		pdf.MultiCell(p.width(), 5.5, d.Counted, "", "C", false)
		pdf.Ln(2)
	}
	if d.Notice != "" {
		p.font("BI", 12)
		pdf.SetX(marginLeft)
		pdf.MultiCell(p.width(), 5.5, d.Notice, "1", "C", false)
		pdf.Ln(3)
	}
}

// paragraph sets justified text with a first-line indent: fpdf's MultiCell has no
// indent, so lines are split here and each but the last is justified.
func (p *pdfWriter) paragraph(text, style string, size, first float64) {
	p.font(style, size)
	w := p.width()
	var lines []string
	for i, part := range strings.Split(text, "\n") {
		in := 0.0
		if i == 0 {
			in = first
		}
		head := p.pdf.SplitText(part, w-in)
		if len(head) == 0 {
			continue
		}
		lines = append(lines, head[0])
		if rest := strings.TrimSpace(strings.TrimPrefix(part, head[0])); rest != "" {
			lines = append(lines, p.pdf.SplitText(rest, w)...)
		}
	}
	for i, l := range lines {
		x, lw := marginLeft, w
		if i == 0 {
			x, lw = marginLeft+first, w-first
		}
		align := "J"
		if i == len(lines)-1 || !strings.Contains(strings.TrimSpace(l), " ") {
			align = "L"
		}
		p.pdf.SetX(x)
		p.pdf.CellFormat(lw, lineHeight, strings.TrimSpace(l), "", 1, align, false, 0, "")
	}
	p.pdf.Ln(paraSpace)
}

// lines is how many lines text takes at the body's width and a first-line indent.
func (p *pdfWriter) lines(text, style string) int {
	p.font(style, bodySize)
	n := 0
	for _, part := range strings.Split(text, "\n") {
		n += len(p.pdf.SplitText(part, p.width()-indent))
	}
	return max(n, 1)
}

// block sets one block; a heading goes to the next page with what follows it when
// the headings under it and two lines of the first text would not fit (keep with next).
func (p *pdfWriter) block(b Block, rest []Block) {
	_, h := p.pdf.GetPageSize()
	if b.IsHeading() {
		need := float64(p.lines(b.Text, "B"))*lineHeight + paraSpace
		for _, nb := range rest {
			if nb.IsHeading() {
				need += float64(p.lines(nb.Text, "B"))*lineHeight + paraSpace
				continue
			}
			need += float64(min(p.lines(nb.Text, ""), 2)) * lineHeight
			break
		}
		if p.pdf.GetY()+need > h-marginBottom {
			p.pdf.AddPage()
		}
	}
	switch b.Kind {
	case Heading, Subheading:
		p.paragraph(b.Text, "B", bodySize, indent)
	case Minor:
		p.paragraph(b.Text, "BI", bodySize, indent)
	default:
		p.paragraph(b.Text, "", bodySize, indent)
	}
}

// signature sets Nơi nhận on the left and the signer on the right, level with each other,
// kept together on one page.
func (p *pdfWriter) signature(d Document) {
	pdf := p.pdf
	_, h := pdf.GetPageSize()
	need := 8 + max(float64(len(d.Recipients))*5+6, float64(len(d.SignerTitle))*6+32)
	if pdf.GetY()+need > h-marginBottom {
		pdf.AddPage()
	}
	pdf.Ln(3)
	top := pdf.GetY()
	left, right := p.width()*0.45, p.width()*0.55
	xr := marginLeft + left
	p.font("BI", 12)
	pdf.SetXY(marginLeft, top)
	pdf.CellFormat(left, 6, "Nơi nhận:", "", 2, "L", false, 0, "")
	p.font("", 11)
	for _, rc := range d.Recipients {
		for _, line := range pdf.SplitText(rc, left-2) {
			pdf.SetX(marginLeft)
			pdf.CellFormat(left, 5, line, "", 2, "L", false, 0, "")
		}
	}
	pdf.SetXY(xr, top)
	p.font("B", bodySize)
	for _, t := range d.SignerTitle {
		p.centred(xr, right, 6, t)
	}
	pdf.Ln(26)
	p.centred(xr, right, 6, d.SignerName)
}

// appendix is the table of the targets' figures, on its own page, its heading row
// repeated on every page it runs to.
func (p *pdfWriter) appendix(a Appendix) {
	pdf := p.pdf
	p.appendixFrom = pdf.PageNo() + 1
	pdf.AddPage()
	p.font("B", 14)
	p.centred(marginLeft, p.width(), 7, a.Title)
	p.centred(marginLeft, p.width(), 7, a.Subtitle)
	p.font("I", 13)
	p.centred(marginLeft, p.width(), 6, a.Ref)
	pdf.Ln(4)

	widths := ColumnWidths(len(a.Columns), p.width())
	const size, lh = 11.0, 5.0
	pdf.SetCellMargin(1)
	defer pdf.SetCellMargin(0)
	head := func() {
		p.font("B", size)
		p.row(widths, a.Columns, lh, "C")
	}
	head()
	_, h := pdf.GetPageSize()
	p.font("", size)
	for _, r := range a.Rows {
		if pdf.GetY()+p.rowHeight(widths, r, lh) > h-marginBottom {
			pdf.AddPage()
			head()
			p.font("", size)
		}
		p.row(widths, r, lh, "")
	}
}

func (p *pdfWriter) rowHeight(widths []float64, cells []string, lh float64) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(p.pdf.SplitText(c, widths[i])))
	}
	return float64(n)*lh + 1
}

// row draws one bordered table row whose cells wrap; align "" centres the short columns.
func (p *pdfWriter) row(widths []float64, cells []string, lh float64, align string) {
	pdf := p.pdf
	h := p.rowHeight(widths, cells, lh)
	x, y := marginLeft, pdf.GetY()
	for i, c := range cells {
		pdf.Rect(x, y, widths[i], h, "D")
		a := align
		if a == "" {
			a = "L"
			if i != 1 && i != len(cells)-1 {
				a = "C"
			}
		}
		for j, line := range pdf.SplitText(c, widths[i]) {
			pdf.SetXY(x, y+0.5+float64(j)*lh)
			pdf.CellFormat(widths[i], lh, line, "", 0, a, false, 0, "")
		}
		x += widths[i]
	}
	pdf.SetXY(marginLeft, y+h)
}

// Package reportdoc is the narrative report as a document — header block, body,
// signature, recipients and appendix in the layout of Decree 30/2020/NĐ-CP — and its
// writers: PDF, Word (DOCX) and, through package web, the print view. It holds no SQL and
// knows nothing of where the text came from: export drafts a Document from the data, and
// documents keeps the one a clerk edited.
package reportdoc

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// BlockKind is how a block is set.
type BlockKind int

const (
	Heading    BlockKind = iota // I. CÔNG TÁC CHỈ ĐẠO … (bold, upper case)
	Subheading                  // 1. Cải cách thể chế (bold)
	Minor                       // a) Kết quả thực hiện các chỉ tiêu (bold italic)
	Paragraph                   // justified, first-line indent
	Bullet                      // "- " item, justified, first-line indent
)

// Block is one heading or paragraph of the report's body.
type Block struct {
	Kind BlockKind
	Text string
}

// IsHeading reports whether the block is a heading, kept with what follows it.
func (b Block) IsHeading() bool { return b.Kind == Heading || b.Kind == Subheading || b.Kind == Minor }

// Document is the narrative report, every string NFC-normalised.
type Document struct {
	GoverningBody string // cơ quan chủ quản, upper case
	IssuingBody   string // cơ quan ban hành, upper case
	Number        string // "Số: 05/BC-SNV" or "Số:       /BC-…"
	PlaceDate     string // "Hà Nội, ngày 05 tháng 12 năm 2025"
	Type          string // BÁO CÁO
	Summary       string // Kết quả thực hiện công tác cải cách hành chính năm 2024
	Notice        string // said on the cover when unapproved data are counted
	Counted       string // which data the figures count
	Draft         string // "DỰ THẢO" on a document not yet issued; "" otherwise
	Body          []Block
	Recipients    []string // each "- …;" with "- Lưu: VT, …." last
	SignerTitle   []string // "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
	SignerName    string
	Appendix      Appendix
	Meta          Meta
}

// Meta is what the files say about themselves.
type Meta struct {
	Title   string
	Subject string
	Author  string
	Created time.Time
}

// Appendix is the table of the targets' figures, with its own title and page numbers.
type Appendix struct {
	Title    string // Phụ lục
	Subtitle string // SỐ LIỆU CÁC CHỈ TIÊU …
	Ref      string // (Kèm theo Báo cáo số … ngày …)
	Columns  []string
	Rows     [][]string
}

// Blank is the space left for a number or day the clerk writes in at issue; no-break
// spaces, so HTML keeps it as wide as the PDF does.
const Blank = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// Recipients writes the recipients as Decree 30 lists them: each line "- …;", the
// last ("Lưu: VT, …") ending with a full stop.
func Recipients(list []string) []string {
	var out []string
	for _, rc := range list {
		rc = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rc), "-")), ";.")
		if rc != "" {
			out = append(out, "- "+rc+";")
		}
	}
	if n := len(out); n > 0 {
		out[n-1] = strings.TrimSuffix(out[n-1], ";") + "."
	}
	return out
}

// TextBlocks turns text a clerk typed into blocks: one paragraph per line, a line
// starting with "-", "+" or "•" a bullet.
func TextBlocks(text string) []Block {
	var out []Block
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "- "), strings.HasPrefix(line, "+ "), strings.HasPrefix(line, "• "):
			out = append(out, Block{Kind: Bullet, Text: "- " + strings.TrimSpace(line[strings.Index(line, " ")+1:])})
		default:
			out = append(out, Block{Kind: Paragraph, Text: line})
		}
	}
	return out
}

// Normalized returns d with every string in NFC: text typed on some keyboards (or
// pasted from Word) is decomposed, and a PDF then sets the tone marks apart.
func (d Document) Normalized() Document {
	n := norm.NFC.String
	d.GoverningBody, d.IssuingBody, d.Number, d.PlaceDate = n(d.GoverningBody), n(d.IssuingBody), n(d.Number), n(d.PlaceDate)
	d.Type, d.Summary, d.Notice, d.SignerName = n(d.Type), n(d.Summary), n(d.Notice), n(d.SignerName)
	d.Counted, d.Draft = n(d.Counted), n(d.Draft)
	body := make([]Block, len(d.Body))
	for i, b := range d.Body {
		body[i] = Block{Kind: b.Kind, Text: n(b.Text)}
	}
	d.Body = body
	d.Recipients = mapStrings(d.Recipients, n)
	d.SignerTitle = mapStrings(d.SignerTitle, func(s string) string { return n(strings.ToUpper(s)) })
	a := &d.Appendix
	a.Title, a.Subtitle, a.Ref = n(a.Title), n(a.Subtitle), n(a.Ref)
	rows := make([][]string, len(a.Rows))
	for i, row := range a.Rows {
		rows[i] = mapStrings(row, n)
	}
	a.Rows = rows
	return d
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// ColumnWidths shares a table's width (mm) among the appendix's n columns: STT narrow,
// the target's text widest, the figures alike; the last (the verdict) takes what is left.
func ColumnWidths(n int, total float64) []float64 {
	if n <= 0 {
		return nil
	}
	if n == 1 {
		return []float64{total}
	}
	w := make([]float64, n)
	w[0] = 13
	text := 70.0
	if n > 5 {
		text = 52
	}
	if n == 2 {
		w[1] = total - w[0]
		return w
	}
	w[1] = text
	rest := (total - w[0] - text) / float64(n-2)
	for i := 2; i < n; i++ {
		w[i] = rest
	}
	return w
}

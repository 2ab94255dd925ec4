package reportdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The Word file is plain WordprocessingML (ECMA-376) written here with archive/zip and
// encoding/xml: A4 with the margins of Decree 30, Times New Roman 13 pt, real paragraph
// styles (Normal, Heading1–3, Title, NoiNhan…), the header block and the signature as
// borderless tables, the appendix as a bordered table whose heading row repeats, in a
// section of its own whose pages are numbered from 1. No text boxes, no images of text:
// the clerk finishes the report in Word or LibreOffice as any other.

// Page geometry in twentieths of a point (twips): A4, margins top/bottom 20 mm,
// left 30 mm, right 15 mm, page numbers 10 mm from the top edge.
const (
	twipsPerMM   = 56.7
	pageW, pageH = 11906, 16838
	docxTop      = 1134
	docxBottom   = 1134
	docxLeft     = 1701
	docxRight    = 850
	docxHeader   = 567
	textWidth    = pageW - docxLeft - docxRight // 9355
	docxFont     = "Times New Roman"
)

// WriteDOCX writes the document as a Word file.
func WriteDOCX(w io.Writer, doc Document) error {
	d := doc.Normalized()
	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", coreProps(d.Meta)},
		{"docProps/app.xml", appProps},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontTable},
		{"word/header1.xml", headerPart(false)},
		{"word/header2.xml", headerPart(true)},
		{"word/document.xml", documentXML(d)},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: d.Meta.Created})
		if err != nil {
			return fmt.Errorf("reportdoc: docx %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("reportdoc: docx %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("reportdoc: docx: %w", err)
	}
	return nil
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const contentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
	`</Relationships>`

const appProps = xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>Cổng theo dõi cải cách hành chính</Application></Properties>`

func coreProps(m Meta) string {
	created := m.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	ts := created.UTC().Format("2006-01-02T15:04:05Z")
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(m.Title) + `</dc:title><dc:subject>` + esc(m.Subject) + `</dc:subject>` +
		`<dc:creator>` + esc(m.Author) + `</dc:creator><dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

const fontTable = xmlHead + `<w:fonts ` + nsW + `><w:font w:name="Times New Roman"><w:altName w:val="Liberation Serif"/>` +
	`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`

const settings = xmlHead + `<w:settings ` + nsW + `><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" ` +
	`w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// styles are the paragraph styles the document uses; a clerk restyles them in Word.
var styles = xmlHead + `<w:styles ` + nsW + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + docxFont + `" w:hAnsi="` + docxFont + `" w:eastAsia="` + docxFont + `" w:cs="` + docxFont + `"/>` +
	`<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("Normal", "Normal", "", `<w:qFormat/>`, `<w:jc w:val="both"/><w:ind w:firstLine="567"/>`, "") +
	style("Heading1", "heading 1", "Normal", `<w:next w:val="Normal"/><w:qFormat/>`,
		`<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="0"/>`, `<w:b/><w:bCs/>`) +
	style("Heading2", "heading 2", "Normal", `<w:next w:val="Normal"/><w:qFormat/>`,
		`<w:keepNext/><w:keepLines/><w:spacing w:before="60" w:after="120"/><w:outlineLvl w:val="1"/>`, `<w:b/><w:bCs/>`) +
	style("Heading3", "heading 3", "Normal", `<w:next w:val="Normal"/><w:qFormat/>`,
		`<w:keepNext/><w:keepLines/><w:outlineLvl w:val="2"/>`, `<w:b/><w:bCs/><w:i/><w:iCs/>`) +
	style("Title", "Title", "Normal", `<w:next w:val="Normal"/><w:qFormat/>`,
		`<w:keepNext/><w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:before="240" w:after="0"/>`, `<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	style("Subtitle", "Subtitle", "Normal", `<w:next w:val="Normal"/><w:qFormat/>`,
		`<w:keepNext/><w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="240"/>`, `<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>`) +
	style("HeaderBlock", "Khối tiêu đề", "Normal", "",
		`<w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, "") +
	style("CountedLine", "Phạm vi số liệu", "Normal", "",
		`<w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="240"/>`, `<w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	style("NoiNhan", "Nơi nhận", "Normal", "",
		`<w:jc w:val="left"/><w:ind w:firstLine="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, `<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`) +
	style("Recipient", "Tên nơi nhận", "Normal", "",
		`<w:jc w:val="left"/><w:ind w:firstLine="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, `<w:sz w:val="22"/><w:szCs w:val="22"/>`) +
	style("Signer", "Người ký", "Normal", "",
		`<w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="0"/>`, `<w:b/><w:bCs/>`) +
	style("TableText", "Chữ trong bảng", "Normal", "",
		`<w:jc w:val="left"/><w:ind w:firstLine="0"/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>`, `<w:sz w:val="22"/><w:szCs w:val="22"/>`) +
	style("Header", "header", "Normal", "",
		`<w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:after="0"/>`, "") +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>` +
	`<w:tblPr><w:tblBorders>` + borders("single", 4) + `</w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

func style(id, name, basedOn, extra, pPr, rPr string) string {
	def := ""
	if id == "Normal" {
		def = ` w:default="1"`
	}
	s := `<w:style w:type="paragraph"` + def + ` w:styleId="` + id + `"><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/>`
	}
	s += extra
	if pPr != "" {
		s += `<w:pPr>` + pPr + `</w:pPr>`
	}
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}

func borders(kind string, size int) string {
	var b strings.Builder
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&b, `<w:%s w:val="%s" w:sz="%d" w:space="0" w:color="000000"/>`, side, kind, size)
	}
	return b.String()
}

// headerPart is the page header: empty on a section's first page, else the page number
// centred.
func headerPart(number bool) string {
	body := `<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>`
	if number {
		body = `<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
			`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
			`<w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	}
	return xmlHead + `<w:hdr ` + nsW + `>` + body + `</w:hdr>`
}

// sectPr closes a section: A4, the margins, its pages numbered from 1, no number on its
// first page.
const sectPr = `<w:sectPr><w:headerReference w:type="default" r:id="rId5"/><w:headerReference w:type="first" r:id="rId4"/>` +
	`<w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/>` +
	`<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>` +
	`<w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>`

// docx builds document.xml.
type docx struct{ b strings.Builder }

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// run is a run of text; fmt is the run properties (e.g. `<w:b/>`).
func run(text, rPr string) string {
	var b strings.Builder
	b.WriteString(`<w:r>`)
	if rPr != "" {
		b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">` + esc(line) + `</w:t>`)
	}
	b.WriteString(`</w:r>`)
	return b.String()
}

// para writes a paragraph of one style with extra paragraph properties and one run.
func (x *docx) para(styleID, pPr, text, rPr string) {
	x.b.WriteString(`<w:p><w:pPr>`)
	if styleID != "" {
		x.b.WriteString(`<w:pStyle w:val="` + styleID + `"/>`)
	}
	x.b.WriteString(pPr + `</w:pPr>`)
	if text != "" {
		x.b.WriteString(run(text, rPr))
	}
	x.b.WriteString(`</w:p>`)
}

func size(halfPoints int) string {
	n := strconv.Itoa(halfPoints)
	return `<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`
}

// rule draws a short centred line under the paragraph before it: an empty paragraph of
// exact small height whose bottom border indents narrow to width twips within cell twips.
func (x *docx) rule(cell, width int) {
	in := max((cell-width)/2, 0)
	fmt.Fprintf(&x.b, `<w:p><w:pPr><w:pStyle w:val="HeaderBlock"/><w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
		`<w:spacing w:before="0" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d" w:firstLine="0"/>`+
		`<w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>`, in, in)
}

// table opens a table of the given column widths (twips); grid draws its borders.
func (x *docx) table(widths []int, grid bool) {
	x.b.WriteString(`<w:tbl><w:tblPr>`)
	if grid {
		x.b.WriteString(`<w:tblStyle w:val="TableGrid"/>`)
	} else {
		x.b.WriteString(`<w:tblBorders>` + borders("nil", 0) + `</w:tblBorders>`)
	}
	total := 0
	for _, w := range widths {
		total += w
	}
	fmt.Fprintf(&x.b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, total)
	x.b.WriteString(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&x.b, `<w:gridCol w:w="%d"/>`, w)
	}
	x.b.WriteString(`</w:tblGrid>`)
}

func (x *docx) cell(width int, content func()) {
	fmt.Fprintf(&x.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, width)
	content()
	x.b.WriteString(`</w:tc>`)
}

func documentXML(d Document) string {
	x := &docx{}
	x.b.WriteString(xmlHead + `<w:document ` + nsW + `><w:body>`)
	x.header(d)
	for _, bl := range d.Body {
		switch bl.Kind {
		case Heading:
			x.para("Heading1", "", bl.Text, "")
		case Subheading:
			x.para("Heading2", "", bl.Text, "")
		case Minor:
			x.para("Heading3", "", bl.Text, "")
		default:
			x.para("", "", bl.Text, "")
		}
	}
	x.signature(d)
	if len(d.Appendix.Rows) > 0 {
		// the body's section ends here; the appendix starts a page and its own numbering
		x.b.WriteString(`<w:p><w:pPr>` + sectPr + `</w:pPr></w:p>`)
		x.appendix(d.Appendix)
	}
	x.b.WriteString(sectPr + `</w:body></w:document>`)
	return x.b.String()
}

// header is the two-column block of Decree 30 (a borderless table, 40/60), then the
// type, the summary with a short rule, and the line saying which data are counted.
func (x *docx) header(d Document) {
	left := textWidth * 2 / 5
	right := textWidth - left
	if d.Draft != "" {
		x.para("HeaderBlock", `<w:jc w:val="left"/>`, d.Draft, `<w:b/><w:bdr w:val="single" w:sz="6" w:space="1" w:color="000000"/>`+size(22))
	}
	x.table([]int{left, right}, false)
	x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	x.cell(left, func() {
		x.para("HeaderBlock", "", d.GoverningBody, size(26))
		x.para("HeaderBlock", "", d.IssuingBody, `<w:b/><w:bCs/>`+size(26))
		x.rule(left, left/3)
		x.para("HeaderBlock", `<w:spacing w:before="120"/>`, d.Number, size(26))
	})
	x.cell(right, func() {
		x.para("HeaderBlock", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", `<w:b/><w:bCs/>`+size(24))
		// the rule under the motto is as long as the motto (about 63 mm at 13 pt bold)
		x.para("HeaderBlock", "", "Độc lập - Tự do - Hạnh phúc", `<w:b/><w:bCs/>`+size(26))
		x.rule(right-216, mm(63))
		x.para("HeaderBlock", `<w:spacing w:before="120"/>`, d.PlaceDate, `<w:i/><w:iCs/>`+size(26))
	})
	x.b.WriteString(`</w:tr></w:tbl>`)
	x.para("Title", "", d.Type, "")
	x.para("Subtitle", `<w:spacing w:after="60"/>`, d.Summary, "")
	x.rule(textWidth, mm(40))
	x.para("HeaderBlock", `<w:spacing w:after="120"/>`, "", "")
	if d.Counted != "" {
		x.para("CountedLine", "", d.Counted, "")
	}
	if d.Notice != "" {
		x.para("CountedLine", `<w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="4" w:color="000000"/></w:pBdr>`,
			d.Notice, `<w:b/><w:bCs/>`)
	}
}

// signature sets Nơi nhận on the left, level with the signer's title on the right, in a
// borderless table whose row does not split across pages.
func (x *docx) signature(d Document) {
	left := textWidth * 9 / 20
	right := textWidth - left
	x.table([]int{left, right}, false)
	x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	x.cell(left, func() {
		x.para("NoiNhan", `<w:spacing w:before="120"/>`, "Nơi nhận:", "")
		for _, rc := range d.Recipients {
			x.para("Recipient", "", rc, "")
		}
	})
	x.cell(right, func() {
		for i, t := range d.SignerTitle {
			pPr := ""
			if i == 0 {
				pPr = `<w:spacing w:before="120"/>`
			}
			x.para("Signer", pPr, t, "")
		}
		x.para("Signer", `<w:spacing w:before="1680"/>`, d.SignerName, "")
	})
	x.b.WriteString(`</w:tr></w:tbl>`)
}

// appendix is the figures' table with its title; its heading row repeats on each page.
func (x *docx) appendix(a Appendix) {
	x.para("Title", `<w:spacing w:before="0"/>`, a.Title, "")
	x.para("Subtitle", `<w:spacing w:after="0"/>`, a.Subtitle, "")
	x.para("CountedLine", "", a.Ref, `<w:b w:val="0"/>`+size(26))
	widths := appendixWidths(len(a.Columns))
	x.table(widths, true)
	x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, c := range a.Columns {
		x.cell(widths[i], func() { x.para("TableText", `<w:jc w:val="center"/><w:keepNext/>`, c, `<w:b/><w:bCs/>`) })
	}
	x.b.WriteString(`</w:tr>`)
	for _, row := range a.Rows {
		x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i := range widths {
			c := ""
			if i < len(row) {
				c = row[i]
			}
			jc := `<w:jc w:val="left"/>`
			if i != 1 && i != len(widths)-1 {
				jc = `<w:jc w:val="center"/>`
			}
			x.cell(widths[i], func() { x.para("TableText", jc, c, "") })
		}
		x.b.WriteString(`</w:tr>`)
	}
	x.b.WriteString(`</w:tbl>`)
	x.para("", "", "", "") // Word needs a paragraph between a table and the section's end
}

// appendixWidths are ColumnWidths in twips.
func appendixWidths(n int) []int {
	w := make([]int, n)
	used := 0
	for i, v := range ColumnWidths(n, float64(textWidth)/twipsPerMM) {
		w[i] = mm(v)
		used += w[i]
	}
	if n > 0 {
		w[n-1] += textWidth - used
	}
	return w
}

func mm(v float64) int { return int(v * twipsPerMM) }

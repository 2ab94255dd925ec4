package reportdoc_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/reportdoc"
)

// sample is a report long enough to run over several pages, with an appendix that runs
// over two.
func sample() reportdoc.Document {
	d := reportdoc.Document{
		GoverningBody: "UBND TỈNH LÂM ĐỒNG", IssuingBody: "SỞ NỘI VỤ", Number: "Số: 05/BC-SNV",
		PlaceDate: "Lâm Đồng, ngày 05 tháng 02 năm 2026", Type: "BÁO CÁO",
		Summary:     "Kết quả thực hiện công tác cải cách hành chính năm 2025",
		Counted:     "(Số liệu tổng hợp từ báo cáo đã được phê duyệt của 8/8 đơn vị)",
		SignerTitle: []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, SignerName: "Trần Văn Minh",
		Recipients: reportdoc.Recipients([]string{"UBND tỉnh", "Bộ Nội vụ", "Lưu: VT, CCHC"}),
		Meta:       reportdoc.Meta{Title: "BÁO CÁO", Created: time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC)},
	}
	d.Body = append(d.Body, reportdoc.Block{Kind: reportdoc.Paragraph, Text: "Thực hiện Kế hoạch số 2320/KH-SNV, Sở Nội vụ báo cáo như sau:"})
	for i, h := range headings {
		d.Body = append(d.Body, reportdoc.Block{Kind: reportdoc.Heading, Text: h})
		for j := 1; j <= 3+i%2; j++ {
			d.Body = append(d.Body, reportdoc.Block{Kind: reportdoc.Subheading, Text: fmt.Sprintf("%d. Mục %d.%d", j, i+1, j)})
			for k := 0; k < 2; k++ {
				d.Body = append(d.Body, reportdoc.Block{Kind: reportdoc.Paragraph, Text: strings.Repeat(
					"Năm 2025, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,7%, chưa đạt chỉ tiêu 100% đề ra tại Kế hoạch số 2320/KH-SNV. ", 3)})
			}
		}
	}
	d.Appendix = reportdoc.Appendix{Title: "Phụ lục", Subtitle: "SỐ LIỆU CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2025",
		Ref: "(Kèm theo Báo cáo số 05/BC-SNV ngày 05/02/2026 của Sở Nội vụ)", Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"}}
	for i := 1; i <= 40; i++ {
		d.Appendix.Rows = append(d.Appendix.Rows, []string{fmt.Sprint(i), fmt.Sprintf("CT%02d. Tỷ lệ hồ sơ giải quyết đúng hạn trong năm của các đơn vị thuộc Sở", i), "%", "98,7%", "Không đạt"})
	}
	return d
}

var headings = []string{
	"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
	"II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
	"III. ĐÁNH GIÁ CHUNG",
	"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
	"V. KIẾN NGHỊ, ĐỀ XUẤT",
}

func write(t *testing.T, name string, f func(io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("REPORTDOC_OUT"); dir != "" { // to look at the files
		_ = os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pages is the PDF's text page by page, as pdftotext lays it out.
func pages(t *testing.T, path string) []string {
	return strings.Split(run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-"), "\f")
}

func firstLine(page string) string {
	for _, l := range strings.Split(page, "\n") {
		if strings.TrimSpace(l) != "" {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func lastLine(page string) string {
	ls := strings.Split(strings.TrimRight(page, "\n "), "\n")
	return strings.TrimSpace(ls[len(ls)-1])
}

func TestPDFLayout(t *testing.T) {
	d := sample()
	path := write(t, "report.pdf", func(w io.Writer) error { return reportdoc.WritePDF(w, d) })
	head, _ := os.ReadFile(path)
	if v := string(head[:8]); v < "%PDF-1.4" {
		t.Errorf("PDF version %q; Decree 30 asks for 1.4 or later", v)
	}
	ps := pages(t, path)
	ps = ps[:len(ps)-1] // after the last form feed
	appendixAt := -1
	for i, p := range ps {
		if strings.Contains(p, "Phụ lục") && strings.Contains(p, "STT") {
			appendixAt = i
		}
	}
	if appendixAt < 2 || len(ps) < appendixAt+2 {
		t.Fatalf("pages = %d, appendix at %d; want body of 2+ pages and appendix of 2+", len(ps), appendixAt)
	}
	// the body: no number on page 1, then 2, 3…; the appendix: none on its first page, then 2…
	for i, p := range ps {
		first := firstLine(p)
		switch {
		case i == 0 || i == appendixAt:
			if regexp.MustCompile(`^\d+$`).MatchString(first) {
				t.Errorf("page %d starts with a number %q", i+1, first)
			}
		case i < appendixAt && first != fmt.Sprint(i+1):
			t.Errorf("body page %d is numbered %q", i+1, first)
		case i > appendixAt && first != fmt.Sprint(i-appendixAt+1):
			t.Errorf("appendix page %d is numbered %q; want %d", i-appendixAt+1, first, i-appendixAt+1)
		}
		// no heading alone at the foot of a page
		last := lastLine(p)
		for _, h := range headings {
			if last == h {
				t.Errorf("page %d ends with the heading %q", i+1, h)
			}
		}
		if regexp.MustCompile(`^\d\. Mục \d\.\d$`).MatchString(last) {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
	}
	// two-column header: the governing body and the Quốc hiệu on one line
	if !regexp.MustCompile(`UBND TỈNH LÂM ĐỒNG\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`).MatchString(ps[0]) {
		t.Errorf("page 1 lacks the two-column header:\n%.600s", ps[0])
	}
	fonts := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")[2:]
	for _, line := range fonts {
		f := strings.Fields(line) // name type… encoding emb sub uni object id
		if !strings.Contains(strings.ToLower(f[0]), "liberationserif") || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded and searchable: %s", line)
		}
	}
}

func TestDOCXIsWordprocessingML(t *testing.T) {
	d := sample()
	path := write(t, "report.docx", func(w io.Writer) error { return reportdoc.WriteDOCX(w, d) })
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if parts[name] == "" {
			t.Errorf("missing part %s", name)
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{`w:pStyle w:val="Heading1"`, `w:pStyle w:val="Heading2"`, `<w:tbl>`, `<w:tblHeader/>`,
		`w:w="11906" w:h="16838"`, `w:left="1701"`, "Nơi nhận:", "- Lưu: VT, CCHC.", "Độc lập - Tự do - Hạnh phúc"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.Contains(doc, "txbx") || strings.Contains(doc, "<w:drawing") || strings.Contains(doc, "<v:") {
		t.Error("document.xml uses text boxes or drawings")
	}
	if strings.Count(doc, "<w:sectPr>") != 2 || strings.Count(doc, `<w:pgNumType w:start="1"/>`) != 2 {
		t.Error("want two sections (body, appendix) each numbered from 1")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman"`) || !strings.Contains(parts["word/styles.xml"], `<w:sz w:val="26"/>`) {
		t.Error("styles: want Times New Roman 13 pt")
	}
}

// TestDOCXOpensInLibreOffice has a real word processor open the DOCX and print it: the
// document must survive LibreOffice, not only our own reader.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice not found: install libreoffice-writer-nogui")
	}
	d := sample()
	path := write(t, "report.docx", func(w io.Writer) error { return reportdoc.WriteDOCX(w, d) })
	dir := filepath.Dir(path)
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	run(t, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, path)
	pdf := strings.TrimSuffix(path, ".docx") + ".pdf"
	if dir := os.Getenv("REPORTDOC_OUT"); dir != "" {
		b, _ := os.ReadFile(pdf)
		_ = os.WriteFile(filepath.Join(dir, "report-lo.pdf"), b, 0o644)
	}
	info := run(t, "pdfinfo", pdf)
	if !regexp.MustCompile(`Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`).MatchString(info) {
		t.Errorf("page size is not A4:\n%s", info)
	}
	ps := pages(t, pdf)
	if !regexp.MustCompile(`UBND TỈNH LÂM ĐỒNG\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`).MatchString(ps[0]) ||
		!regexp.MustCompile(`SỞ NỘI VỤ\s+Độc lập - Tự do - Hạnh phúc`).MatchString(ps[0]) ||
		!regexp.MustCompile(`Số: 05/BC-SNV\s+Lâm Đồng, ngày 05 tháng 02 năm 2026`).MatchString(ps[0]) {
		t.Errorf("page 1 lacks the two-column header block:\n%.900s", ps[0])
	}
	all := strings.Join(ps, "\n")
	for _, want := range append(headings, "BÁO CÁO", "Nơi nhận:", "KT. GIÁM ĐỐC", "Trần Văn Minh", "Phụ lục") {
		if !strings.Contains(all, want) {
			t.Errorf("LibreOffice's PDF lacks %q", want)
		}
	}
	if regexp.MustCompile(`^\d+$`).MatchString(firstLine(ps[0])) || firstLine(ps[1]) != "2" {
		t.Errorf("page numbers: page 1 starts %q, page 2 starts %q", firstLine(ps[0]), firstLine(ps[1]))
	}
	fonts := run(t, "pdffonts", pdf)
	if !strings.Contains(fonts, "LiberationSerif") && !strings.Contains(fonts, "TimesNewRoman") {
		t.Errorf("LibreOffice set the text in another font:\n%s", fonts)
	}
}

package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// zipOf builds a zip with the given entries in order; stored reports whether entries
// are stored uncompressed (ODF requires that of its mimetype entry).
func zipOf(t *testing.T, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	docxTypes = `<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	xlsxTypes = `<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
	docmTypes = `<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`
)

func TestSniff(t *testing.T) {
	docx := zipOf(t, [2]string{"[Content_Types].xml", docxTypes}, [2]string{"word/document.xml", "<w:document/>"})
	xlsx := zipOf(t, [2]string{"[Content_Types].xml", xlsxTypes}, [2]string{"xl/workbook.xml", "<workbook/>"})
	odt := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<x/>"})
	ods := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<x/>"})
	docm := zipOf(t, [2]string{"[Content_Types].xml", docmTypes}, [2]string{"word/vbaProject.bin", "\x00"})
	plainZip := zipOf(t, [2]string{"readme.txt", "hello"})
	odp := zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.presentation"})
	pdf := []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	jpg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00")
	html := []byte("<!DOCTYPE html><script>alert(1)</script>")

	tests := []struct {
		name    string
		content []byte
		want    Kind
		reason  Reason
	}{
		{"Báo cáo quý III.pdf", pdf, PDF, ""},
		{"BAOCAO.PDF", pdf, PDF, ""},
		{"ảnh chụp.png", png, PNG, ""},
		{"scan.jpg", jpg, JPEG, ""},
		{"scan.jpeg", jpg, JPEG, ""},
		{"Kế hoạch.docx", docx, DOCX, ""},
		{"Số liệu.xlsx", xlsx, XLSX, ""},
		{"văn bản.odt", odt, ODT, ""},
		{"bảng tính.ods", ods, ODS, ""},
		// disguised or unwanted
		{"virus.pdf", exe, "", Unknown},
		{"trang.pdf", html, "", Unknown},
		{"ảnh.pdf", png, "", Mismatch},
		{"bảng.docx", xlsx, "", Mismatch},
		{"nén.docx", plainZip, "", Unknown},
		{"trình chiếu.odt", odp, "", Unknown},
		{"macro.docx", docm, "", Macro},
		{"chương trình.exe", exe, "", BadExtension},
		{"không đuôi", pdf, "", BadExtension},
		{"rỗng.pdf", nil, "", Empty},
		{"hỏng.docx", []byte("PK\x03\x04garbage"), "", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(tt.name, bytes.NewReader(tt.content), int64(len(tt.content)))
			if tt.reason == "" {
				if err != nil || got != tt.want {
					t.Fatalf("Sniff = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			var ue *Error
			if !errors.As(err, &ue) || ue.Reason != tt.reason {
				t.Fatalf("Sniff = %q, %v; want refusal %q", got, err, tt.reason)
			}
		})
	}
}

func TestSniffMismatchNamesContent(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00")
	_, err := Sniff("a.pdf", bytes.NewReader(png), int64(len(png)))
	var ue *Error
	if !errors.As(err, &ue) || ue.Content != PNG {
		t.Fatalf("err = %v, want mismatch naming PNG", err)
	}
}

func TestCleanName(t *testing.T) {
	nfd := "Ba\u0301o ca\u0301o.pdf" // "Báo cáo.pdf" decomposed, as macOS sends it
	tests := map[string]string{
		`C:\fakepath\Báo cáo quý I.pdf`: "Báo cáo quý I.pdf",
		"../../etc/passwd":              "passwd",
		nfd:                             "Báo cáo.pdf",
		"a\x00b\r\n\".pdf":              "ab.pdf",
		"   ":                           "tai-lieu",
		"..":                            "tai-lieu",
	}
	for in, want := range tests {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("ệ", 300) + ".docx"
	got := CleanName(long)
	if n := len([]rune(got)); n != 255 || !strings.HasSuffix(got, ".docx") {
		t.Errorf("long name: %d runes, suffix %q", n, got[len(got)-5:])
	}
}

func TestContentDisposition(t *testing.T) {
	got := ContentDisposition("Báo cáo kết quả CCHC Quý III/2026 (đợt 1).pdf")
	want := `attachment; filename="Bao cao ket qua CCHC Quy III-2026 (dot 1).pdf"; ` +
		`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20CCHC%20Qu%C3%BD%20III-2026%20%28%C4%91%E1%BB%A3t%201%29.pdf`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got = ContentDisposition("Đề án vị trí việc làm.docx")
	want = `attachment; filename="De an vi tri viec lam.docx"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20v%E1%BB%8B%20tr%C3%AD%20vi%E1%BB%87c%20l%C3%A0m.docx`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestDir(t *testing.T) {
	d := Dir(t.TempDir())
	key := NewKey()
	if len(key) != 32 {
		t.Fatalf("key %q", key)
	}
	if err := d.Put(key, strings.NewReader("nội dung")); err != nil {
		t.Fatal(err)
	}
	f, err := d.Open(key)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "nội dung" {
		t.Errorf("read back %q", b)
	}
	if err := d.Remove(key); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove(key); err != nil {
		t.Errorf("second remove: %v", err)
	}
	for _, bad := range []string{"../../etc/passwd", "ABCDEF0123456789", "x"} {
		if _, err := d.Open(bad); !errors.Is(err, errBadKey) {
			t.Errorf("Open(%q) = %v, want bad key", bad, err)
		}
	}
}

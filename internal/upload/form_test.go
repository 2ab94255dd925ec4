package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"mime/multipart"
	"os"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
)

// cfbOf builds a compound file whose directory holds the named entries (type 2, stream),
// enough for sniffCFB, which reads directory entries and nothing else.
func cfbOf(names ...string) []byte {
	out := make([]byte, 512, 512+128*(len(names)+1))
	copy(out, cfbMagic)
	entry := func(name string, typ byte) []byte {
		e := make([]byte, 128)
		u := utf16.Encode([]rune(name))
		for i, c := range u {
			binary.LittleEndian.PutUint16(e[2*i:], c)
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		return e
	}
	out = append(out, entry("Root Entry", 5)...)
	for _, n := range names {
		out = append(out, entry(n, 2)...)
	}
	return out
}

func TestSniffLegacyOffice(t *testing.T) {
	doc := cfbOf("WordDocument", "1Table", "\x05SummaryInformation")
	xls := cfbOf("Workbook", "\x05SummaryInformation")
	docMacro := cfbOf("WordDocument", "Macros", "VBA")
	xlsMacro := cfbOf("Workbook", "_VBA_PROJECT_CUR")
	msi := cfbOf("\x05SummaryInformation", "!_StringData")
	tests := []struct {
		name    string
		content []byte
		want    Kind
		reason  Reason
	}{
		{"Quyết định 15.doc", doc, DOC, ""},
		{"Số liệu quý.xls", xls, XLS, ""},
		{"bảng.doc", xls, "", Mismatch},
		{"macro.doc", docMacro, "", Macro},
		{"macro.xls", xlsMacro, "", Macro},
		{"cài đặt.doc", msi, "", Unknown},
		{"cũ.doc", cfbMagic, "", Unknown},
	}
	for _, tt := range tests {
		got, err := Sniff(tt.name, bytes.NewReader(tt.content), int64(len(tt.content)))
		var ue *Error
		switch {
		case tt.reason == "" && (err != nil || got != tt.want):
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		case tt.reason != "" && (!errors.As(err, &ue) || ue.Reason != tt.reason):
			t.Errorf("%s: got %q, %v; want refusal %q", tt.name, got, err, tt.reason)
		}
	}
}

// multipartBody streams a form of text fields around one file of the given size; the
// content is a repeated pattern, never held whole.
func multipartBody(t *testing.T, fileSize int64) (*multipart.Reader, func()) {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("before", "giải trình trước tệp")
		w, _ := mw.CreateFormFile("t1_file", "Quyết định 200MB.pdf")
		_, _ = io.Copy(w, io.LimitReader(repeat{}, fileSize))
		_ = mw.WriteField("after", "giải trình sau tệp")
		pw.CloseWithError(mw.Close())
	}()
	return multipart.NewReader(pr, mw.Boundary()), func() { pr.Close() }
}

type repeat struct{}

func (repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte('A' + i%26)
	}
	return len(p), nil
}

// TestReadFormStreamsFilesInBoundedMemory: a file far over the limit is read to its end and
// dropped, the fields after it still arrive, and the whole read allocates a small fraction
// of the body (ParseMultipartForm held up to its in-memory limit, then the save read every
// file whole into memory).
func TestReadFormStreamsFilesInBoundedMemory(t *testing.T) {
	const size = 200 << 20
	mr, done := multipartBody(t, size)
	defer done()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := ReadForm(mr, Limits{FileMax: 20 << 20, MaxFiles: 5, TextMax: 1 << 20})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	defer f.RemoveAll()
	if got := f.Values.Get("after"); got != "giải trình sau tệp" {
		t.Fatalf("field after the file = %q", got)
	}
	parts := f.Files["t1_file"]
	if len(parts) != 1 || !parts[0].TooLarge || parts[0].Kept() || parts[0].Size != size {
		t.Fatalf("parts = %+v, want one dropped part of %d bytes", parts, size)
	}
	// the writer goroutine's copies count too; both together stay far below the body
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Fatalf("reading a %d MB form allocated %d MB", size>>20, alloc>>20)
	}
}

func TestReadFormKeepsFilesOnDisk(t *testing.T) {
	mr, done := multipartBody(t, 3<<20)
	defer done()
	f, err := ReadForm(mr, Limits{FileMax: 20 << 20, MaxFiles: 5, TextMax: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Files["t1_file"][0]
	if !p.Kept() || p.Size != 3<<20 || len(p.SHA256) != 64 {
		t.Fatalf("part = %+v", p)
	}
	file, err := p.Open()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := file.Stat()
	file.Close()
	if st.Size() != 3<<20 {
		t.Fatalf("kept %d bytes", st.Size())
	}
	f.RemoveAll()
	if _, err := os.Stat(p.path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("temporary file left behind: %v", err)
	}
}

func TestReadFormBoundsTextAndFiles(t *testing.T) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("narrative", strings.Repeat("x", 2000))
	body := buf.Bytes()
	_ = mw.Close()
	_, err := ReadForm(multipart.NewReader(bytes.NewReader(append(body, []byte("\r\n--"+mw.Boundary()+"--\r\n")...)), mw.Boundary()),
		Limits{FileMax: 10, MaxFiles: 1, TextMax: 1000})
	if !errors.Is(err, ErrTextTooLarge) {
		t.Fatalf("text over the limit: %v", err)
	}
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	for _, n := range []string{"a.pdf", "b.pdf"} {
		w, _ := mw.CreateFormFile("t1_file", n)
		_, _ = w.Write([]byte("%PDF-1.4"))
	}
	_ = mw.Close()
	f, err := ReadForm(multipart.NewReader(&buf, mw.Boundary()), Limits{FileMax: 100, MaxFiles: 1, TextMax: 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer f.RemoveAll()
	ps := f.Files["t1_file"]
	if len(ps) != 2 || !ps[0].Kept() || !ps[1].TooMany || ps[1].Kept() {
		t.Fatalf("parts = %+v", ps)
	}
}

package planxlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// A zip bomb — a small upload that inflates to far more than any plan — is refused
// without inflating it into memory.
func TestZipBombRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	w, _ = zw.Create("xl/worksheets/sheet1.xml")
	chunk := []byte(strings.Repeat(" ", 1<<20))
	for i := 0; i < 200; i++ { // 200 MB of spaces, a few hundred KB compressed
		w.Write(chunk)
	}
	zw.Close()
	if buf.Len() > 2<<20 {
		t.Fatalf("bomb is %d bytes compressed; the test wants a small one", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Read(bytes.NewReader(buf.Bytes()))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("Read(zip bomb) = %v, want ErrUnreadable", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 100<<20 {
		t.Errorf("reading the bomb allocated %d MB", grew>>20)
	}
}

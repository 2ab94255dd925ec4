package upload

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"testing"
)

// bomb is how far a zip-bomb entry inflates: 64 MiB of zeros, about 64 KiB deflated.
const bomb = 64 << 20

// deflatedZip builds a zip whose entries are deflated; an entry named in bombs holds bomb
// zero bytes (after its text) instead of a small content.
func deflatedZip(t *testing.T, bombs map[string]bool, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	zeros := make([]byte, 1<<20)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e[1]); err != nil {
			t.Fatal(err)
		}
		if bombs[e[0]] {
			for n := 0; n < bomb; n += len(zeros) {
				if _, err := w.Write(zeros); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// countingReader counts the bytes Sniff reads from the upload.
type countingReader struct {
	r    *bytes.Reader
	read int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.read += int64(n)
	return n, err
}

// TestSniffZipBombs: evidence sniffing opens a DOCX/ODT only as far as its small
// content-type entries. A bomb in the document body is never inflated (Sniff reads a few
// KiB of a file of hundreds); a bomb in a content-type entry is refused after the entry's
// limit (256 KiB for [Content_Types].xml, 128 bytes for mimetype), not inflated whole.
func TestSniffZipBombs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     []byte
		want     Kind
		maxRead  int64
		fileName string
	}{
		{"bomb in the document body", deflatedZip(t, map[string]bool{"word/document.xml": true},
			[2]string{"[Content_Types].xml", docxTypes}, [2]string{"word/document.xml", "<w:document>"}), DOCX, 16 << 10, "bao-cao.docx"},
		{"bomb in [Content_Types].xml", deflatedZip(t, map[string]bool{"[Content_Types].xml": true},
			[2]string{"[Content_Types].xml", docxTypes}, [2]string{"word/document.xml", "<w:document/>"}), "", 16 << 10, "bao-cao.docx"},
		{"bomb in mimetype", deflatedZip(t, map[string]bool{"mimetype": true},
			[2]string{"mimetype", "application/vnd.oasis.opendocument.text"}, [2]string{"content.xml", "<x/>"}), "", 16 << 10, "bao-cao.odt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &countingReader{r: bytes.NewReader(tc.file)}
			got, err := Sniff(tc.fileName, r, int64(len(tc.file)))
			if tc.want != "" && (err != nil || got != tc.want) {
				t.Fatalf("Sniff = %q, %v; want %q", got, err, tc.want)
			}
			var refused *Error
			if tc.want == "" && (!errors.As(err, &refused) || refused.Reason != Unknown) {
				t.Fatalf("Sniff = %q, %v; want refused as unknown", got, err)
			}
			if r.read > tc.maxRead {
				t.Errorf("Sniff read %d bytes of a %d-byte file inflating to %d MiB; want at most %d", r.read, len(tc.file), bomb>>20, tc.maxRead)
			}
		})
	}
}

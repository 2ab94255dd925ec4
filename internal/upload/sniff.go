// Package upload decides what an uploaded evidence file really is and how it is named
// and kept. The type is read from the content (magic bytes; for OOXML and ODF the zip's
// content entries), never from the name alone, so a renamed program is refused.
package upload

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strings"
)

// Kind is an accepted evidence file type.
type Kind string

const (
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	XLSX Kind = "xlsx"
	ODT  Kind = "odt"
	ODS  Kind = "ods"
	JPEG Kind = "jpeg"
	PNG  Kind = "png"
	DOC  Kind = "doc" // Word 97–2003 (an OLE compound file)
	XLS  Kind = "xls" // Excel 97–2003 (an OLE compound file)
)

// ContentType is the media type the file is stored and served with.
func (k Kind) ContentType() string {
	switch k {
	case PDF:
		return "application/pdf"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ODT:
		return "application/vnd.oasis.opendocument.text"
	case ODS:
		return "application/vnd.oasis.opendocument.spreadsheet"
	case JPEG:
		return "image/jpeg"
	case PNG:
		return "image/png"
	case DOC:
		return "application/msword"
	case XLS:
		return "application/vnd.ms-excel"
	}
	return "application/octet-stream"
}

// Label is how the type is named to users.
func (k Kind) Label() string {
	switch k {
	case JPEG:
		return "JPG"
	}
	return strings.ToUpper(string(k))
}

// extensions maps each accepted file name extension to the kind its content must be.
var extensions = map[string]Kind{
	".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".odt": ODT, ".ods": ODS,
	".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".doc": DOC, ".xls": XLS,
}

// Accept is the list for an <input type=file accept=…> attribute.
const Accept = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png"

// Error says why a file was refused; the handler turns Reason into a message.
type Error struct {
	Reason  Reason
	Content Kind // what the content is, when Reason is Mismatch
}

// Reason is why a file was refused.
type Reason string

const (
	Empty        Reason = "empty"
	BadExtension Reason = "extension" // the name's extension is not one we accept
	Unknown      Reason = "unknown"   // the content is none of the accepted types
	Mismatch     Reason = "mismatch"  // the content is an accepted type, but not the one the name says
	Macro        Reason = "macro"     // an Office file carrying macros
)

func (e *Error) Error() string { return "upload: refused: " + string(e.Reason) }

// Sniff decides the kind of a file from its content and checks that its name says the
// same. r reads the whole file (size bytes); only the first bytes, and for zip-based
// formats the small content-type entries, are read — never the whole archive, so a
// zip bomb costs nothing.
func Sniff(name string, r io.ReaderAt, size int64) (Kind, error) {
	if size <= 0 {
		return "", &Error{Reason: Empty}
	}
	want, ok := extensions[strings.ToLower(path.Ext(name))]
	if !ok {
		return "", &Error{Reason: BadExtension}
	}
	head := make([]byte, 16)
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	var got Kind
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		got = PDF
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		got = PNG
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		got = JPEG
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		got, err = sniffZip(r, size)
		if err != nil {
			return "", err
		}
	case bytes.HasPrefix(head, cfbMagic):
		got, err = sniffCFB(r, size)
		if err != nil {
			return "", err
		}
	default:
		return "", &Error{Reason: Unknown}
	}
	if got != want {
		return "", &Error{Reason: Mismatch, Content: got}
	}
	return got, nil
}

// sniffZip tells OOXML (DOCX, XLSX) from ODF (ODT, ODS) by their declared content:
// ODF's first entry "mimetype", OOXML's [Content_Types].xml naming the main part.
// Macro-enabled Office files are refused: they are programs, not evidence.
func sniffZip(r io.ReaderAt, size int64) (Kind, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", &Error{Reason: Unknown}
	}
	var types, mimetype []byte
	for i, f := range zr.File {
		switch {
		case i == 0 && f.Name == "mimetype":
			if mimetype, err = readEntry(f, 128); err != nil {
				return "", &Error{Reason: Unknown}
			}
		case f.Name == "[Content_Types].xml":
			if types, err = readEntry(f, 256<<10); err != nil {
				return "", &Error{Reason: Unknown}
			}
		case strings.HasSuffix(strings.ToLower(f.Name), "vbaproject.bin"):
			return "", &Error{Reason: Macro}
		}
	}
	if mimetype != nil {
		switch strings.TrimSpace(string(mimetype)) {
		case ODT.ContentType():
			return ODT, nil
		case ODS.ContentType():
			return ODS, nil
		}
		return "", &Error{Reason: Unknown}
	}
	if types != nil {
		t := string(types)
		switch {
		case strings.Contains(t, "macroEnabled"):
			return "", &Error{Reason: Macro}
		case strings.Contains(t, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"):
			return DOCX, nil
		case strings.Contains(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"):
			return XLSX, nil
		}
	}
	return "", &Error{Reason: Unknown}
}

// readEntry reads at most limit bytes of a zip entry; a longer entry is an error, since
// the entries read here are small in every real document.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errors.New("entry too large")
	}
	return b, nil
}

package upload

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"os"
	"path/filepath"
)

// Limits bound what one multipart form may keep. A file over FileMax is read to its end
// and dropped (only its size is kept), so the form can come back with every other field and
// a message beside the file's; nothing of any file is ever held whole in memory.
type Limits struct {
	FileMax  int64 // bytes of one file
	MaxFiles int   // files kept; later ones are read, dropped and marked TooMany
	TextMax  int64 // bytes of all text fields together
}

// ErrTextTooLarge is a form whose text fields together exceed Limits.TextMax.
var ErrTextTooLarge = errors.New("upload: form text too large")

// Part is one file of a posted form, kept in a temporary file while the request runs.
type Part struct {
	Field    string // the form field it came in
	Name     string // the name the browser gave, as sent
	Size     int64  // bytes sent (also for a dropped file)
	SHA256   string // hex digest of the content; empty for a dropped file
	TooLarge bool   // over Limits.FileMax: dropped
	TooMany  bool   // beyond Limits.MaxFiles: dropped
	path     string
}

// Kept reports whether the content is kept and can be opened.
func (p *Part) Kept() bool { return p.path != "" }

// Open opens the kept content (an *os.File, so it can be sniffed with ReadAt).
func (p *Part) Open() (*os.File, error) {
	if p.path == "" {
		return nil, errors.New("upload: part was dropped")
	}
	return os.Open(p.path)
}

// Form is a multipart form read by ReadForm: its text values and its files.
type Form struct {
	Values url.Values
	Files  map[string][]*Part
	dir    string
}

// RemoveAll deletes the temporary files.
func (f *Form) RemoveAll() {
	if f != nil && f.dir != "" {
		_ = os.RemoveAll(f.dir)
	}
}

// copyBufSize is the one buffer each file is copied through.
const copyBufSize = 64 << 10

// ReadForm streams a multipart body: text fields into Values (bounded by TextMax), each
// file into a temporary file of its own while its SHA-256 is computed. A file over the
// limit, or beyond the number of files kept, is read to its end and dropped, so the fields
// after it still arrive. On error the temporary files are already removed.
func ReadForm(mr *multipart.Reader, lim Limits) (form *Form, err error) {
	form = &Form{Values: url.Values{}, Files: map[string][]*Part{}}
	defer func() {
		if err != nil {
			form.RemoveAll()
		}
	}()
	buf := make([]byte, copyBufSize)
	var text int64
	kept := 0
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return form, nil
		}
		if err != nil {
			return form, fmt.Errorf("upload: read form: %w", err)
		}
		name := p.FormName()
		if name == "" {
			_, _ = io.CopyBuffer(io.Discard, p, buf)
			continue
		}
		if p.FileName() == "" && !isFilePart(p) {
			b, err := io.ReadAll(io.LimitReader(p, lim.TextMax-text+1))
			if err != nil {
				return form, fmt.Errorf("upload: read field %q: %w", name, err)
			}
			if text += int64(len(b)); text > lim.TextMax {
				return form, ErrTextTooLarge
			}
			form.Values[name] = append(form.Values[name], string(b))
			continue
		}
		part := &Part{Field: name, Name: p.FileName()}
		if kept >= lim.MaxFiles {
			part.TooMany = true
		}
		if err := form.keep(p, part, lim.FileMax, buf); err != nil {
			return form, err
		}
		if part.Name == "" && part.Size == 0 {
			continue // an empty file input
		}
		if part.Kept() {
			kept++
		}
		form.Files[name] = append(form.Files[name], part)
	}
}

// isFilePart tells a file input left empty (filename="") from a text field.
func isFilePart(p *multipart.Part) bool {
	_, params, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	_, ok := params["filename"]
	return ok
}

// keep copies one file part to a temporary file, or drains it when it may not be kept.
func (f *Form) keep(p *multipart.Part, part *Part, max int64, buf []byte) error {
	if part.TooMany {
		n, err := io.CopyBuffer(io.Discard, p, buf)
		part.Size = n
		return wrapRead(err)
	}
	if f.dir == "" {
		dir, err := os.MkdirTemp("", "cchc-upload-*")
		if err != nil {
			return fmt.Errorf("upload: %w", err)
		}
		f.dir = dir
	}
	tmp, err := os.CreateTemp(f.dir, "part-*")
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(tmp, h), io.LimitReader(p, max+1), buf)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return wrapRead(err)
	}
	part.Size = n
	if n > max {
		_ = os.Remove(tmp.Name())
		part.TooLarge = true
		rest, err := io.CopyBuffer(io.Discard, p, buf)
		part.Size += rest
		return wrapRead(err)
	}
	if n == 0 {
		_ = os.Remove(tmp.Name())
		return nil
	}
	part.path = filepath.Clean(tmp.Name())
	part.SHA256 = hex.EncodeToString(h.Sum(nil))
	return nil
}

func wrapRead(err error) error {
	if err != nil {
		return fmt.Errorf("upload: read file: %w", err)
	}
	return nil
}

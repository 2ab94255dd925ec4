package server

import (
	"context"
	"errors"
	"github.com/vn-cchc/cchc/internal/config"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// maxFilesPerSave bounds how many files one save may keep.
const maxFilesPerSave = 5

// maxFormText bounds the text fields of one report form together.
const maxFormText = 4 << 20

// uploadBodyCap is the most a form with files may send: files over the per-file limit are
// read to their end and dropped (so the form comes back with its message), but a body this
// large is refused outright, before it is read when its length is declared.
func (s *Server) uploadBodyCap() int64 { return RequestBodyLimit(s.cfg) }

// RequestBodyLimit is the largest request the portal reads (uploadBodyCap). A reverse
// proxy's own limit (nginx's client_max_body_size, deploy/nginx/cchc.conf) must be this, or
// the proxy would answer a file over the per-file limit with its own page instead of the
// portal's form with the message by the file.
func RequestBodyLimit(cfg config.Config) int64 {
	return max(1<<30, 2*maxFilesPerSave*cfg.UploadMaxBytes+maxFormText)
}

// readReportForm streams the report form: text into r.PostForm, each file into a temporary
// file (never into memory), a file over the limit measured and dropped so the form can come
// back with a message by its field and everything else kept. Only a body beyond
// uploadBodyCap, or text beyond maxFormText, is answered with a page saying so (tooLarge).
func (s *Server) readReportForm(w http.ResponseWriter, r *http.Request) (form *upload.Form, tooLarge bool, err error) {
	limit := s.uploadBodyCap()
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if r.ContentLength > limit {
		err = &http.MaxBytesError{Limit: limit} // refused before reading: the declared size alone is too much
	} else if mr, merr := r.MultipartReader(); errors.Is(merr, http.ErrNotMultipart) {
		err = r.ParseForm()
		form = &upload.Form{Values: r.PostForm, Files: map[string][]*upload.Part{}}
	} else if merr != nil {
		err = merr
	} else {
		form, err = upload.ReadForm(mr, upload.Limits{FileMax: s.cfg.UploadMaxBytes, MaxFiles: maxFilesPerSave, TextMax: maxFormText})
		if err == nil {
			r.PostForm, r.Form = form.Values, form.Values
			r.MultipartForm = &multipart.Form{Value: form.Values}
		}
	}
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) || errors.Is(err, upload.ErrTextTooLarge) {
		ctx := r.Context()
		msg := i18n.Tf(ctx, "report.v.request_too_large", formatBytes(s.cfg.UploadMaxBytes), maxFilesPerSave)
		s.render(w, r, http.StatusRequestEntityTooLarge, web.ErrorPage(web.ErrorProps{
			Meta: s.meta(r, i18n.T(ctx, "err.title"), "reports"), Status: http.StatusRequestEntityTooLarge, Message: msg}))
		return nil, true, nil
	}
	if err != nil {
		return nil, false, badRequest(err)
	}
	return form, false, nil
}

// downloadEvidence sends an evidence file as an attachment under its original name. A file
// of another unit's report is a 404, like a file that does not exist.
func (s *Server) downloadEvidence(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "evidenceID")
	if err != nil {
		return err
	}
	e, unitID, err := s.store.EvidenceByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if err := authorize(ctx, authz.ViewUnitReports, unitID); err != nil {
		return err
	}
	return s.sendFile(w, r, e.StorageKey, e.FileID, e.FileName, e.ContentType, e.SizeBytes)
}

// sendFile sends a stored file as an attachment under its original name, streamed.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request, storageKey string, fileID int64, name, contentType string, size int64) error {
	body, closeBody, err := s.evidenceContent(r.Context(), storageKey, fileID)
	if err != nil {
		return err
	}
	defer closeBody()
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", upload.ContentDisposition(name))
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, body)
	}
	return nil
}

// evidenceContent opens a stored file: in the upload directory when it is there, else its
// chunks in PostgreSQL, read one at a time.
func (s *Server) evidenceContent(ctx context.Context, storageKey string, fileID int64) (io.Reader, func(), error) {
	if s.cfg.UploadDir != "" {
		f, err := upload.Dir(s.cfg.UploadDir).Open(storageKey)
		if err == nil {
			return f, func() { f.Close() }, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	return s.store.OpenEvidenceFile(ctx, fileID), func() {}, nil
}

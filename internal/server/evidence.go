package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// maxFilesPerSave bounds how many files one save may carry, so the request limit below
// can be generous per file without letting one request grow without end.
const maxFilesPerSave = 5

// RequestBodyLimit is the largest request the portal reads: a report saved with
// maxFilesPerSave files of UPLOAD_MAX_BYTES each plus 4 MiB of fields. A reverse proxy's own
// limit (nginx's client_max_body_size, deploy/nginx/cchc.conf) must be this.
func RequestBodyLimit(cfg config.Config) int64 { return maxFilesPerSave*cfg.UploadMaxBytes + 4<<20 }

// parseReportForm reads the multipart report form. The body may carry a few files of up
// to the configured size (a file over the limit is read, measured and refused with a
// message by its field); a body beyond that is answered with a page saying so.
func (s *Server) parseReportForm(w http.ResponseWriter, r *http.Request) (tooLarge bool, err error) {
	limit := RequestBodyLimit(s.cfg)
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if r.ContentLength > limit {
		// Refused before reading: the declared size alone is too much.
		err = &http.MaxBytesError{Limit: limit}
	} else {
		err = r.ParseMultipartForm(8 << 20)
	}
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if r.MultipartForm == nil {
		r.MultipartForm = &multipart.Form{}
	}
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		ctx := r.Context()
		msg := i18n.Tf(ctx, "report.v.request_too_large", formatBytes(s.cfg.UploadMaxBytes), maxFilesPerSave)
		s.render(w, r, http.StatusRequestEntityTooLarge, web.ErrorPage(web.ErrorProps{
			Meta: s.meta(r, i18n.T(ctx, "err.title"), "reports"), Status: http.StatusRequestEntityTooLarge, Message: msg}))
		return true, nil
	}
	if err != nil {
		return false, badRequest(err)
	}
	return false, nil
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
	var body io.ReadSeeker
	content, err := s.store.EvidenceContent(ctx, id)
	if err != nil {
		return err
	}
	if content != nil {
		body = bytes.NewReader(content)
	} else {
		if s.cfg.UploadDir == "" {
			return fmt.Errorf("evidence %d: content is in an upload directory but UPLOAD_DIR is not set", id)
		}
		f, err := upload.Dir(s.cfg.UploadDir).Open(e.StorageKey)
		if err != nil {
			return err
		}
		defer f.Close()
		body = f
	}
	h := w.Header()
	h.Set("Content-Type", e.ContentType)
	h.Set("Content-Disposition", upload.ContentDisposition(e.FileName))
	h.Set("Content-Length", strconv.FormatInt(e.SizeBytes, 10))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, body)
	}
	return nil
}

package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// maxFilesPerSave bounds how many files one save may carry, so the request limit below
// can be generous per file without letting one request grow without end.
const maxFilesPerSave = 5

// parseReportForm reads the multipart report form. The body may carry a few files of up
// to the configured size (a file over the limit is read, measured and refused with a
// message by its field); a body beyond that is answered with a page saying so.
func (s *Server) parseReportForm(w http.ResponseWriter, r *http.Request) (tooLarge bool, err error) {
	limit := maxFilesPerSave*s.cfg.UploadMaxBytes + 4<<20
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

// fileChanges are the evidence files a save adds and removes.
type fileChanges struct {
	addedAudit, removedAudit []auditEvidence
	written                  []string // storage keys written to the upload directory (removed again on rollback)
	removed                  []string // storage keys of removed files (deleted from the directory after commit)
}

func (f fileChanges) any() bool { return len(f.addedAudit)+len(f.removedAudit) > 0 }

// writeFiles removes the files ticked for removal and stores the attached ones, skipping a
// file already attached to the same result (a repeated or double-clicked save).
func (s *Server) writeFiles(ctx context.Context, tx pgx.Tx, reportID int64, d *reportData, in *reportInput, userID int64, fc *fileChanges) error {
	var del []int64
	withFiles := false
	for _, k := range in.Order {
		del = append(del, in.Results[k].Delete...)
		withFiles = withFiles || len(in.Results[k].Files) > 0
	}
	removed, err := store.DeleteEvidence(ctx, tx, reportID, del)
	if err != nil {
		return err
	}
	for _, e := range removed {
		fc.removedAudit = append(fc.removedAudit, evidenceAudit(d, e))
		if s.cfg.UploadDir != "" {
			fc.removed = append(fc.removed, e.StorageKey)
		}
	}
	if !withFiles {
		return nil
	}
	seen, err := store.EvidenceDigests(ctx, tx, reportID)
	if err != nil {
		return err
	}
	for _, k := range in.Order {
		ri := in.Results[k]
		for i, fh := range ri.Files {
			e, err := s.storeFile(ctx, tx, reportID, ri, fh, ri.kinds[i], userID, seen, fc)
			if err != nil {
				return err
			}
			if e != nil {
				fc.addedAudit = append(fc.addedAudit, evidenceAudit(d, *e))
			}
		}
	}
	return nil
}

// storeFile keeps one attached file under a generated name, in PostgreSQL or the upload
// directory; it returns nil when the same file is already attached to the result.
func (s *Server) storeFile(ctx context.Context, tx pgx.Tx, reportID int64, ri *resultInput, fh *multipart.FileHeader,
	kind upload.Kind, userID int64, seen map[string]bool, fc *fileChanges) (*store.Evidence, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("evidence: open upload: %w", err)
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, s.cfg.UploadMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("evidence: read upload: %w", err)
	}
	sum := sha256.Sum256(content)
	e := store.Evidence{ReportID: reportID, FileName: upload.CleanName(fh.Filename), ContentType: kind.ContentType(),
		SizeBytes: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), StorageKey: upload.NewKey(), Content: content,
		DocNumber: ri.DocNumber, DocDate: ri.docDate, DocIssuer: ri.DocIssuer, UploadedBy: &userID}
	var target, task int64
	if ri.IsTask {
		task, e.TaskID = ri.ID, &ri.ID
	} else {
		target, e.TargetID = ri.ID, &ri.ID
	}
	digest := store.DigestKey(target, task, e.SHA256)
	if seen[digest] {
		return nil, nil
	}
	seen[digest] = true
	if s.cfg.UploadDir != "" {
		if err := upload.Dir(s.cfg.UploadDir).Put(e.StorageKey, bytes.NewReader(content)); err != nil {
			return nil, err
		}
		fc.written = append(fc.written, e.StorageKey)
		e.Content = nil
	}
	if e.ID, err = store.InsertEvidence(ctx, tx, e); err != nil {
		return nil, err
	}
	return &e, nil
}

func evidenceAudit(d *reportData, e store.Evidence) auditEvidence {
	a := auditEvidence{ID: e.ID, FileName: e.FileName, SHA256: e.SHA256, Size: e.SizeBytes, DocNumber: e.DocNumber, DocIssuer: e.DocIssuer}
	if e.DocDate != nil {
		a.DocDate = domain.FormatDate(*e.DocDate)
	}
	switch {
	case e.TargetID != nil:
		a.Result = targetKey(*e.TargetID)
		for _, t := range d.Targets {
			if t.ID == *e.TargetID {
				a.Code = t.Code
			}
		}
	case e.TaskID != nil:
		a.Result = taskKey(*e.TaskID)
		for _, t := range d.Tasks {
			if t.ID == *e.TaskID {
				a.Code = t.Code
			}
		}
	}
	return a
}

// discardFiles deletes files from the upload directory: those a rolled-back save wrote, or
// those a committed save removed. A failure leaves an orphan file, never a broken record.
func (s *Server) discardFiles(ctx context.Context, keys []string) {
	for _, k := range keys {
		if err := upload.Dir(s.cfg.UploadDir).Remove(k); err != nil {
			s.log.WarnContext(ctx, "evidence file left behind", "key", k, "err", err)
		}
	}
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

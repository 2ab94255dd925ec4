package reporting

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
)

func authzFor(a domain.ReportAction) authz.Action {
	if a == domain.ActionSubmit {
		return authz.SubmitReport
	}
	return authz.EditUnitReport
}

// fileChanges are the evidence files a save adds and removes.
type fileChanges struct {
	addedAudit, removedAudit []AuditEvidence
	written                  []string // storage keys written to the upload directory (removed again on rollback)
	removed                  []string // storage keys of removed files (deleted from the directory after commit)
}

func (f fileChanges) any() bool { return len(f.addedAudit)+len(f.removedAudit) > 0 }

// writeFiles removes the files ticked for removal and stores the attached ones, skipping a
// file already attached to the same result (a repeated or double-clicked save).
func (s *Service) writeFiles(ctx context.Context, tx store.Queries, reportID int64, d *store.ReportPage, in *Save, userID int64, fc *fileChanges) error {
	var del []int64
	withFiles := false
	for _, k := range in.Order {
		del = append(del, in.Results[k].Delete...)
		withFiles = withFiles || len(in.Results[k].Attach) > 0
	}
	removed, err := tx.DeleteEvidence(ctx, reportID, del)
	if err != nil {
		return err
	}
	for _, e := range removed {
		fc.removedAudit = append(fc.removedAudit, evidenceAudit(d, e))
		if s.uploadDir != "" {
			fc.removed = append(fc.removed, e.StorageKey)
		}
	}
	if !withFiles {
		return nil
	}
	seen, err := tx.EvidenceDigests(ctx, reportID)
	if err != nil {
		return err
	}
	for _, k := range in.Order {
		ri := in.Results[k]
		for _, f := range ri.Attach {
			e, err := s.storeFile(ctx, tx, reportID, ri, f, userID, seen, fc)
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
func (s *Service) storeFile(ctx context.Context, tx store.Queries, reportID int64, ri *Result, file File,
	userID int64, seen map[string]bool, fc *fileChanges) (*store.Evidence, error) {
	f, err := file.Open()
	if err != nil {
		return nil, fmt.Errorf("evidence: open upload: %w", err)
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, s.uploadMax+1))
	if err != nil {
		return nil, fmt.Errorf("evidence: read upload: %w", err)
	}
	sum := sha256.Sum256(content)
	e := store.Evidence{ReportID: reportID, FileName: upload.CleanName(file.Name), ContentType: file.Kind.ContentType(),
		SizeBytes: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), StorageKey: upload.NewKey(), Content: content,
		DocNumber: ri.DocNumber, DocDate: ri.DocDate, DocIssuer: ri.DocIssuer, UploadedBy: &userID}
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
	if s.uploadDir != "" {
		if err := upload.Dir(s.uploadDir).Put(e.StorageKey, bytes.NewReader(content)); err != nil {
			return nil, err
		}
		fc.written = append(fc.written, e.StorageKey)
		e.Content = nil
	}
	if e.ID, err = tx.InsertEvidence(ctx, e); err != nil {
		return nil, err
	}
	return &e, nil
}

func evidenceAudit(d *store.ReportPage, e store.Evidence) AuditEvidence {
	a := AuditEvidence{ID: e.ID, FileName: e.FileName, SHA256: e.SHA256, Size: e.SizeBytes, DocNumber: e.DocNumber, DocIssuer: e.DocIssuer}
	if e.DocDate != nil {
		a.DocDate = domain.FormatDate(*e.DocDate)
	}
	switch {
	case e.TargetID != nil:
		a.Result = TargetKey(*e.TargetID)
		for _, t := range d.Targets {
			if t.ID == *e.TargetID {
				a.Code = t.Code
			}
		}
	case e.TaskID != nil:
		a.Result = TaskKey(*e.TaskID)
		for _, t := range d.Tasks {
			if t.ID == *e.TaskID {
				a.Code = t.Code
			}
		}
	}
	return a
}

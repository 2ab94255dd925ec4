package reporting

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
)

func authzFor(a domain.ReportAction) authz.Action {
	if a == domain.ActionSubmit {
		return authz.SubmitReport
	}
	return authz.EditUnitReport
}

// fileChanges are the evidence a save attaches and detaches.
type fileChanges struct {
	addedAudit, removedAudit []AuditEvidence
	written                  []string // storage keys written to the upload directory (removed again on rollback)
}

func (f fileChanges) any() bool { return len(f.addedAudit)+len(f.removedAudit) > 0 }

// DocMeta is what a register document says about itself.
type DocMeta struct {
	DocNumber, DocIssuer, Summary string
	DocDate                       *time.Time
}

// writeFiles detaches the documents ticked for removal (they stay in the register), stores
// the uploaded files in the unit's register and attaches them, and attaches the register
// documents chosen. A document already attached to the result, a document the unit may
// not use, or a file over the report's total or the unit's quota is a refusal with a
// message by its field: nothing is silently skipped.
func (s *Service) writeFiles(ctx context.Context, tx store.Queries, reportID int64, d *store.ReportPage, in *Save, userID int64,
	fc *fileChanges) (refusal map[string]i18n.Msg, err error) {
	var del []int64
	work := false
	for _, k := range in.Order {
		ri := in.Results[k]
		del = append(del, ri.Delete...)
		work = work || len(ri.Attach)+len(ri.Docs) > 0
	}
	removed, err := tx.DeleteEvidence(ctx, reportID, del)
	if err != nil {
		return nil, err
	}
	for _, e := range removed {
		fc.removedAudit = append(fc.removedAudit, evidenceAudit(d, e))
	}
	if !work {
		return nil, nil
	}
	refusal = map[string]i18n.Msg{}
	var added []int64
	last := ""
	for _, k := range in.Order {
		ri := in.Results[k]
		attach := func(docID int64, field, label string) error {
			a := store.Attachment{ReportID: reportID, DocumentID: docID, By: &userID}
			if ri.IsTask {
				a.TaskID = &ri.ID
			} else {
				a.TargetID = &ri.ID
			}
			id, ok, err := tx.AttachEvidence(ctx, a)
			switch {
			case err != nil:
				return err
			case !ok:
				addMsg(refusal, k+field, i18n.M("report.v.already_attached", label))
			default:
				added = append(added, id)
				last = k
			}
			return nil
		}
		for _, f := range ri.Attach {
			docID, msg, err := s.storeDoc(ctx, tx, d.Unit.ID, userID, f, ri.DocMeta, fc)
			if err != nil {
				return nil, err
			}
			if !msg.Zero() {
				addMsg(refusal, k+"_file", msg)
				continue
			}
			if err := attach(docID, "_file", upload.CleanName(f.Name)); err != nil {
				return nil, err
			}
		}
		for _, id := range ri.Docs {
			doc, err := tx.VisibleEvidenceDoc(ctx, id, d.Unit.ID)
			if err != nil {
				addMsg(refusal, k+"_doc", i18n.M("register.v.doc_gone"))
				continue
			}
			if err := attach(doc.ID, "_doc", docLabel(doc)); err != nil {
				return nil, err
			}
		}
	}
	if last != "" {
		total, err := tx.ReportEvidenceBytes(ctx, reportID)
		if err != nil {
			return nil, err
		}
		if total > s.lim.ReportMax {
			addMsg(refusal, last+"_file", i18n.M("report.v.report_total", FormatBytes(total), FormatBytes(s.lim.ReportMax)))
		}
	}
	if len(refusal) > 0 {
		return refusal, nil
	}
	attached, err := tx.EvidenceByIDs(ctx, added)
	if err != nil {
		return nil, err
	}
	for _, e := range attached {
		fc.addedAudit = append(fc.addedAudit, evidenceAudit(d, e))
	}
	return nil, nil
}

// addMsg joins a second message for one field to the first.
func addMsg(m map[string]i18n.Msg, field string, msg i18n.Msg) {
	if old, ok := m[field]; ok {
		m[field] = i18n.M("report.v.two", old, msg)
		return
	}
	m[field] = msg
}

// docLabel names a document in a message: its number, else its file.
func docLabel(d store.EvidenceDoc) string {
	if d.DocNumber != "" {
		return d.DocNumber
	}
	return d.File.FileName
}

// storeDoc keeps an uploaded file in the unit's register as a new document, or finds the
// unit's document that already has this very content. A zero message means stored.
func (s *Service) storeDoc(ctx context.Context, tx store.Queries, unitID, userID int64, f File, meta DocMeta, fc *fileChanges) (int64, i18n.Msg, error) {
	if id, ok, err := tx.UnitDocBySHA(ctx, unitID, f.SHA256); err != nil || ok {
		return id, i18n.Msg{}, err
	}
	if msg, err := s.checkQuota(ctx, tx, unitID, f); err != nil || !msg.Zero() {
		return 0, msg, err
	}
	docID, err := tx.InsertEvidenceDoc(ctx, store.EvidenceDoc{UnitID: unitID, DocNumber: meta.DocNumber, DocDate: meta.DocDate,
		DocIssuer: meta.DocIssuer, Summary: meta.Summary, CreatedBy: &userID})
	if err != nil {
		return 0, i18n.Msg{}, err
	}
	if _, err := s.putFile(ctx, tx, docID, userID, f, fc); err != nil {
		return 0, i18n.Msg{}, err
	}
	return docID, i18n.Msg{}, nil
}

// checkQuota holds the unit's evidence lock for the rest of the transaction and says
// whether one more file fits in its quota.
func (s *Service) checkQuota(ctx context.Context, tx store.Queries, unitID int64, f File) (i18n.Msg, error) {
	if err := tx.LockUnitEvidence(ctx, unitID); err != nil {
		return i18n.Msg{}, err
	}
	used, err := tx.UnitEvidenceBytes(ctx, unitID)
	if err != nil {
		return i18n.Msg{}, err
	}
	if used+f.Size > s.lim.UnitQuota {
		return i18n.M("report.v.unit_quota", upload.CleanName(f.Name), FormatBytes(f.Size), FormatBytes(used), FormatBytes(s.lim.UnitQuota)), nil
	}
	return i18n.Msg{}, nil
}

// putFile stores a file's content as the document's newest version, streaming it from its
// temporary file into the upload directory or PostgreSQL (in chunks): never whole in memory.
func (s *Service) putFile(ctx context.Context, tx store.Queries, docID, userID int64, f File, fc *fileChanges) (store.EvidenceFile, error) {
	rc, err := f.Open()
	if err != nil {
		return store.EvidenceFile{}, fmt.Errorf("evidence: open upload: %w", err)
	}
	defer rc.Close()
	ef, err := tx.AddEvidenceFile(ctx, store.EvidenceFile{DocumentID: docID, FileName: upload.CleanName(f.Name),
		ContentType: f.Kind.ContentType(), SizeBytes: f.Size, SHA256: f.SHA256, StorageKey: upload.NewKey(), UploadedBy: &userID})
	if err != nil {
		return ef, err
	}
	var n int64
	if s.lim.Dir != "" {
		cr := &countingReader{r: rc}
		if err := upload.Dir(s.lim.Dir).Put(ef.StorageKey, cr); err != nil {
			return ef, err
		}
		fc.written = append(fc.written, ef.StorageKey)
		n = cr.n
	} else if n, err = tx.WriteEvidenceChunks(ctx, ef.ID, rc); err != nil {
		return ef, err
	}
	if n != f.Size {
		return ef, fmt.Errorf("evidence: %q: stored %d bytes of %d", f.Name, n, f.Size)
	}
	return ef, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// FormatBytes writes a size the way limits are announced: 20 MB, 350 KB, 1,5 GB.
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return domain.FormatNumberShort(float64(n)/(1<<30)) + " GB"
	case n >= 1<<20:
		return domain.FormatNumberShort(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return domain.FormatNumberShort(float64(n)/(1<<10)) + " KB"
	}
	return fmt.Sprintf("%d B", n)
}

func evidenceAudit(d *store.ReportPage, e store.Evidence) AuditEvidence {
	a := AuditEvidence{ID: e.ID, DocumentID: e.DocumentID, FileName: e.FileName, SHA256: e.SHA256, Size: e.SizeBytes,
		DocNumber: e.DocNumber, DocIssuer: e.DocIssuer}
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

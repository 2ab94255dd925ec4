package reporting

import (
	"context"
	"fmt"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// The evidence register's use cases: a unit's documents (and the department's shared ones,
// kept by the reform office) added once, corrected, given a new file, and attached by
// reports (see writeFiles). Each is one transaction with its audit entry.

// AuditDoc is a register document in an audit entry.
type AuditDoc struct {
	Unit      int64  `json:"unit_id"`
	Shared    bool   `json:"shared,omitempty"`
	DocNumber string `json:"doc_number,omitempty"`
	DocDate   string `json:"doc_date,omitempty"`
	DocIssuer string `json:"doc_issuer,omitempty"`
	Summary   string `json:"summary,omitempty"`
	FileName  string `json:"file_name,omitempty"`
	Version   int    `json:"version,omitempty"`
	SHA256    string `json:"sha256,omitempty"`
	Size      int64  `json:"size,omitempty"`
}

func auditDoc(d store.EvidenceDoc) AuditDoc {
	a := AuditDoc{Unit: d.UnitID, Shared: d.Shared, DocNumber: d.DocNumber, DocIssuer: d.DocIssuer, Summary: d.Summary,
		FileName: d.File.FileName, Version: d.File.Version, SHA256: d.File.SHA256, Size: d.File.SizeBytes}
	if d.DocDate != nil {
		a.DocDate = domain.FormatDate(*d.DocDate)
	}
	return a
}

func docEntry(a usecase.Actor, action string, id int64) store.AuditEntry {
	return store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
		Action: action, Entity: "evidence_document", EntityID: fmt.Sprint(id)}
}

// mayChangeDoc: a unit's own documents are changed by the unit; the department's shared
// ones by the reform office. Another unit's document is not found.
func mayChangeDoc(a usecase.Actor, unitID int64, shared bool) error {
	if shared {
		return usecase.Authorize(a.Principal(), authz.ManagePlans, 0)
	}
	return usecase.Authorize(a.Principal(), authz.EditUnitReport, unitID)
}

// NewDoc is a document to add to a register.
type NewDoc struct {
	UnitID int64
	Shared bool
	DocMeta
	File File
}

// CreateDoc adds a document to the unit's register (or the department's shared ones). The
// same file already in that register is refused with the document's number.
func (s *Service) CreateDoc(ctx context.Context, a usecase.Actor, in NewDoc) (int64, error) {
	if err := mayChangeDoc(a, in.UnitID, in.Shared); err != nil {
		return 0, err
	}
	var id int64
	var refusal error
	var fc fileChanges
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		if dup, ok, err := tx.UnitDocBySHA(ctx, in.UnitID, in.File.SHA256); err != nil {
			return err
		} else if ok {
			d, err := tx.LockEvidenceDoc(ctx, dup)
			if err != nil {
				return err
			}
			refusal = usecase.Invalid(map[string]i18n.Msg{"file": i18n.M("register.v.duplicate", docLabel(d))})
			return errRollback
		}
		msg, err := s.checkQuota(ctx, tx, in.UnitID, in.File)
		if err != nil {
			return err
		}
		if !msg.Zero() {
			refusal = usecase.Invalid(map[string]i18n.Msg{"file": msg})
			return errRollback
		}
		if id, err = tx.InsertEvidenceDoc(ctx, store.EvidenceDoc{UnitID: in.UnitID, Shared: in.Shared, DocNumber: in.DocNumber,
			DocDate: in.DocDate, DocIssuer: in.DocIssuer, Summary: in.Summary, CreatedBy: &a.UserID}); err != nil {
			return err
		}
		if _, err := s.putFile(ctx, tx, id, a.UserID, in.File, &fc); err != nil {
			return err
		}
		d, err := tx.LockEvidenceDoc(ctx, id)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, docEntry(a, "evidence.create", id), nil, auditDoc(d))
	})
	if err != nil {
		s.discard(ctx, fc.written)
		if refusal != nil {
			return 0, refusal
		}
		return 0, err
	}
	return id, nil
}

// UpdateDoc corrects a document's number, date, issuer and summary (and, for the reform
// office, whether it is shared with every unit).
func (s *Service) UpdateDoc(ctx context.Context, a usecase.Actor, id int64, meta DocMeta, shared bool) error {
	return s.st.InTx(ctx, func(tx store.Queries) error {
		d, err := tx.LockEvidenceDoc(ctx, id)
		if err != nil {
			return usecase.NotFound(err)
		}
		if err := mayChangeDoc(a, d.UnitID, d.Shared); err != nil {
			return err
		}
		if shared != d.Shared {
			if err := usecase.Authorize(a.Principal(), authz.ManagePlans, 0); err != nil {
				shared = d.Shared // only the reform office shares a document with every unit
			}
		}
		before := auditDoc(d)
		d.DocNumber, d.DocDate, d.DocIssuer, d.Summary, d.Shared = meta.DocNumber, meta.DocDate, meta.DocIssuer, meta.Summary, shared
		if err := tx.UpdateEvidenceDoc(ctx, d); err != nil {
			return err
		}
		return tx.Audit(ctx, docEntry(a, "evidence.update", id), before, auditDoc(d))
	})
}

// ReplaceFile gives a document a new file; the old one stays, listed as an earlier version.
func (s *Service) ReplaceFile(ctx context.Context, a usecase.Actor, id int64, f File) error {
	var refusal error
	var fc fileChanges
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		d, err := tx.LockEvidenceDoc(ctx, id)
		if err != nil {
			return usecase.NotFound(err)
		}
		if err := mayChangeDoc(a, d.UnitID, d.Shared); err != nil {
			return err
		}
		if d.File.SHA256 == f.SHA256 {
			refusal = usecase.Invalid(map[string]i18n.Msg{"file": i18n.M("register.v.same_file")})
			return errRollback
		}
		msg, err := s.checkQuota(ctx, tx, d.UnitID, f)
		if err != nil {
			return err
		}
		if !msg.Zero() {
			refusal = usecase.Invalid(map[string]i18n.Msg{"file": msg})
			return errRollback
		}
		before := auditDoc(d)
		if d.File, err = s.putFile(ctx, tx, id, a.UserID, f, &fc); err != nil {
			return err
		}
		return tx.Audit(ctx, docEntry(a, "evidence.replace", id), before, auditDoc(d))
	})
	if err != nil {
		s.discard(ctx, fc.written)
		if refusal != nil {
			return refusal
		}
		return err
	}
	return nil
}

// Pending is a file of a report form that could not be saved (the form had errors), kept
// in the unit's register so it need not be chosen again.
type Pending struct {
	Key  string // result key
	File File
	Meta DocMeta
}

// KeepPending stores the accepted files of a refused report form in the unit's register
// (the same content again finds the document already there) and returns, per result key,
// the documents to show as waiting to be attached. A file over the unit's quota is left
// out, with its message.
func (s *Service) KeepPending(ctx context.Context, a usecase.Actor, unitID int64, files []Pending) (map[string][]int64, map[string]i18n.Msg, error) {
	if err := usecase.Authorize(a.Principal(), authz.EditUnitReport, unitID); err != nil {
		return nil, nil, err
	}
	docs := map[string][]int64{}
	msgs := map[string]i18n.Msg{}
	if len(files) == 0 {
		return docs, msgs, nil
	}
	var fc fileChanges
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		for _, p := range files {
			id, msg, err := s.storeDoc(ctx, tx, unitID, a.UserID, p.File, p.Meta, &fc)
			if err != nil {
				return err
			}
			if !msg.Zero() {
				addMsg(msgs, p.Key+"_file", msg)
				continue
			}
			docs[p.Key] = append(docs[p.Key], id)
			if err := tx.Audit(ctx, docEntry(a, "evidence.pending", id), nil, map[string]string{"file_name": p.File.Name}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.discard(ctx, fc.written)
		return nil, nil, err
	}
	return docs, msgs, nil
}

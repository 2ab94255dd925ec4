package documents

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reportdoc"
	"github.com/vn-cchc/cchc/internal/store"
)

// DetailsInput is the document's details as typed: số/ký hiệu, date, place, organ,
// signer and recipients.
type DetailsInput struct {
	Number        string
	Date          string
	Place         string
	GoverningBody string
	IssuingBody   string
	SignForm      string
	SignerHead    string
	SignerOwn     string
	SignerName    string
	Recipients    string
	Version       int
}

// DetailsOf is the input a document's stored details show in the form.
func DetailsOf(d store.ReportDocument) DetailsInput {
	in := DetailsInput{Place: d.Place, GoverningBody: d.GoverningBody, IssuingBody: d.IssuingBody, SignerName: d.SignerName,
		Recipients: d.Recipients, Version: d.Version}
	if d.Number != nil {
		in.Number = domain.FormatDocNumber(*d.Number, d.Symbol)
	}
	if d.DocDate != nil {
		in.Date = domain.FormatDate(*d.DocDate)
	}
	f, head, own := domain.ParseSignerLines(domain.TextLines(d.SignerTitle))
	in.SignForm, in.SignerHead, in.SignerOwn = string(f), head, own
	return in
}

// details checks the input; strict (at submission and issue) also asks for the signer
// and the organ, and issue for the number and date.
func (s *Service) details(ctx context.Context, q store.Queries, doc store.ReportDocument, in DetailsInput, issuing bool) (store.ReportDocument, error) {
	errs := map[string]i18n.Msg{}
	d := doc
	d.Place, d.GoverningBody, d.IssuingBody = strings.TrimSpace(in.Place), strings.TrimSpace(in.GoverningBody), strings.TrimSpace(in.IssuingBody)
	d.SignerName, d.Recipients = strings.TrimSpace(in.SignerName), strings.TrimSpace(strings.ReplaceAll(in.Recipients, "\r\n", "\n"))
	d.Number, d.DocDate = nil, nil
	if strings.TrimSpace(in.Number) != "" || issuing {
		n, sym, err := domain.ParseDocNumber(in.Number, doc.Symbol)
		var de *domain.DocNumberError
		if errors.As(err, &de) {
			errs["number"] = de.Msg()
		} else {
			d.Number, d.Symbol = &n, sym
		}
	}
	if strings.TrimSpace(in.Date) != "" || issuing {
		t, err := domain.ParseDate(in.Date)
		var de *domain.DateError
		if errors.As(err, &de) {
			errs["date"] = i18n.M("doc.err.date", de.Msg())
		} else {
			d.DocDate = &t
		}
	}
	if d.Number != nil && d.DocDate == nil && errs["date"].Zero() {
		errs["date"] = i18n.M("doc.err.date_needed")
	}
	if d.Number != nil && d.DocDate != nil {
		taken, err := q.NumberTaken(ctx, doc.ID, d.DocDate.In(domain.Location).Year(), *d.Number)
		if err != nil {
			return d, err
		}
		if taken {
			errs["number"] = i18n.M("doc.err.number_taken_year",
				domain.FormatDocNumber(*d.Number, d.Symbol), d.DocDate.In(domain.Location).Year())
		}
	}
	title, err := domain.SignerLines(domain.SignForm(in.SignForm), in.SignerHead, in.SignerOwn)
	var se *domain.SignerError
	if errors.As(err, &se) {
		errs[se.Field] = se.Msg
	} else {
		d.SignerTitle = strings.Join(title, "\n")
	}
	if issuing {
		if d.SignerName == "" {
			errs["signer_name"] = i18n.M("doc.err.signer_name")
		}
		if d.GoverningBody == "" {
			errs["governing_body"] = i18n.M("doc.err.governing_body_example")
		}
		if d.IssuingBody == "" {
			errs["issuing_body"] = i18n.M("doc.err.issuing_body")
		}
		if d.Place == "" {
			errs["place"] = i18n.M("doc.err.place")
		}
	}
	for name, v := range map[string]string{"place": d.Place, "governing_body": d.GoverningBody, "issuing_body": d.IssuingBody,
		"signer_name": d.SignerName, "recipients": d.Recipients} {
		if len([]rune(v)) > 1000 {
			errs[name] = i18n.M("doc.err.too_long")
		}
	}
	if len(errs) > 0 {
		return d, &Invalid{Fields: errs}
	}
	return d, nil
}

// SaveDetails writes the details of a draft if nobody saved them since in.Version, and
// keeps the organ's names, signer and recipients as the next report's defaults.
func (s *Service) SaveDetails(ctx context.Context, a Actor, id int64, in DetailsInput) error {
	if err := allow(a, authz.DraftDocuments); err != nil {
		return err
	}
	return s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status != StatusDraft {
			return &Refused{Message: i18n.M("doc.err.details_locked", StatusLabel(doc.Status))}
		}
		if doc.Version != in.Version {
			return &Conflict{Message: i18n.M("doc.err.details_conflict")}
		}
		d, err := s.details(ctx, tx, doc, in, false)
		if err != nil {
			return err
		}
		if _, err := tx.UpdateDocumentDetails(ctx, d, in.Version, s.now()); errors.Is(err, store.ErrDuplicateNumber) {
			return &Invalid{Fields: map[string]i18n.Msg{"number": i18n.M("doc.err.number_taken")}}
		} else if err != nil {
			return err
		}
		if err := saveOrgan(ctx, tx, Organ{GoverningBody: d.GoverningBody, IssuingBody: d.IssuingBody, Symbol: d.Symbol, Place: d.Place,
			SignerTitle: d.SignerTitle, SignerName: d.SignerName, Recipients: d.Recipients}); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.details", id, detailsAudit(doc), detailsAudit(d))
	})
}

func detailsAudit(d store.ReportDocument) map[string]any {
	m := map[string]any{"symbol": d.Symbol, "place": d.Place, "governing_body": d.GoverningBody, "issuing_body": d.IssuingBody,
		"signer_title": d.SignerTitle, "signer_name": d.SignerName}
	if d.Number != nil {
		m["number"] = *d.Number
	}
	if d.DocDate != nil {
		m["date"] = domain.FormatDate(*d.DocDate)
	}
	return m
}

// Submit sends a draft for signature: the text is locked, the director reads and comments.
func (s *Service) Submit(ctx context.Context, a Actor, id int64, version int) error {
	if err := allow(a, authz.DraftDocuments); err != nil {
		return err
	}
	return s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status != StatusDraft {
			return &Refused{Message: i18n.M("doc.err.submit_not_draft")}
		}
		if doc.Version != version {
			return &Conflict{Message: i18n.M("doc.err.submit_conflict")}
		}
		errs := map[string]i18n.Msg{}
		if strings.TrimSpace(doc.SignerName) == "" {
			errs["signer_name"] = i18n.M("doc.err.signer_name_submit")
		}
		if strings.TrimSpace(doc.SignerTitle) == "" {
			errs["signer_head"] = i18n.M("doc.err.signer_title")
		}
		if strings.TrimSpace(doc.GoverningBody) == "" {
			errs["governing_body"] = i18n.M("doc.err.governing_body")
		}
		if len(errs) > 0 {
			return &Invalid{Fields: errs}
		}
		if err := tx.SetDocumentStatus(ctx, id, StatusSigning, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.submit", id, map[string]any{"status": doc.Status}, map[string]any{"status": StatusSigning})
	})
}

// Return gives a document awaiting signature back to the reform office, with a comment.
func (s *Service) Return(ctx context.Context, a Actor, id int64, comment string) error {
	if err := allow(a, authz.SignDocuments); err != nil {
		return err
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return &Invalid{Fields: map[string]i18n.Msg{"comment": i18n.M("doc.err.return_comment")}}
	}
	return s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status != StatusSigning {
			return &Refused{Message: i18n.M("doc.err.return_not_signing")}
		}
		if err := tx.AddDocumentComment(ctx, id, "", comment, a.Principal.UserID, s.now()); err != nil {
			return err
		}
		if err := tx.SetDocumentStatus(ctx, id, StatusDraft, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.return", id, map[string]any{"status": doc.Status}, map[string]any{"status": StatusDraft})
	})
}

// Comment adds a comment on the document or one of its sections while it is not issued.
func (s *Service) Comment(ctx context.Context, a Actor, id int64, section, body string) error {
	if err := allow(a, authz.Comment); err != nil {
		return err
	}
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return &Invalid{Fields: map[string]i18n.Msg{"comment": i18n.M("doc.err.comment_empty")}}
	case len([]rune(body)) > 4000:
		return &Invalid{Fields: map[string]i18n.Msg{"comment": i18n.M("doc.err.comment_long")}}
	}
	return s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status == StatusIssued {
			return &Refused{Message: i18n.M("doc.err.comment_issued")}
		}
		if err := tx.AddDocumentComment(ctx, id, section, body, a.Principal.UserID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.comment", id, nil, map[string]any{"section": section})
	})
}

// Issue signs and issues a document awaiting signature: the number, date and signer are
// checked, the PDF and the Word file are written once and kept, and nothing changes after.
func (s *Service) Issue(ctx context.Context, a Actor, id int64, in DetailsInput) error {
	if err := allow(a, authz.SignDocuments); err != nil {
		return err
	}
	return s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status != StatusSigning {
			return &Refused{Message: i18n.M("doc.err.issue_not_signing")}
		}
		if doc.Version != in.Version {
			return &Conflict{Message: i18n.M("doc.err.issue_conflict")}
		}
		d, err := s.details(ctx, tx, doc, in, true)
		if err != nil {
			return err
		}
		if _, err := tx.UpdateDocumentDetails(ctx, d, in.Version, s.now()); errors.Is(err, store.ErrDuplicateNumber) {
			return &Invalid{Fields: map[string]i18n.Msg{"number": i18n.M("doc.err.number_taken")}}
		} else if err != nil {
			return err
		}
		d, err = tx.DocumentByID(ctx, id, false)
		if err != nil {
			return err
		}
		secs, err := tx.DocumentSections(ctx, id)
		if err != nil {
			return err
		}
		d.Status = StatusIssued
		at := s.now()
		d.IssuedAt = &at
		rd, err := Render(d, secs)
		if err != nil {
			return err
		}
		var pdf, docx bytes.Buffer
		if err := reportdoc.WritePDF(&pdf, rd); err != nil {
			return err
		}
		if err := reportdoc.WriteDOCX(&docx, rd); err != nil {
			return err
		}
		if err := tx.IssueDocument(ctx, id, a.Principal.UserID, at, pdf.Bytes(), docx.Bytes()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.issue", id, map[string]any{"status": doc.Status}, detailsAudit(d))
	})
}

// NextNumber proposes the next free number of the year.
func (s *Service) NextNumber(ctx context.Context, year int) (int, error) {
	return s.st.NextDocumentNumber(ctx, year)
}

// Files returns the file kept at issue, or the current text rendered for a document not
// yet issued.
func (s *Service) File(ctx context.Context, a Actor, id int64, format string) ([]byte, store.ReportDocument, error) {
	v, err := s.Load(ctx, a, id)
	if err != nil {
		return nil, store.ReportDocument{}, err
	}
	if v.Doc.Status == StatusIssued {
		b, err := s.st.IssuedFile(ctx, id, format)
		return b, v.Doc, err
	}
	rd, err := Render(v.Doc, v.Sections)
	if err != nil {
		return nil, v.Doc, err
	}
	var buf bytes.Buffer
	if format == "docx" {
		err = reportdoc.WriteDOCX(&buf, rd)
	} else {
		err = reportdoc.WritePDF(&buf, rd)
	}
	return buf.Bytes(), v.Doc, err
}

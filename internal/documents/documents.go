// Package documents is the use case of the reports the reform office files: a report of
// a period or the plan's closing report, drafted from the data (Compose), finished section
// by section with every version kept, submitted for signature, commented on by the
// director and issued. Each use case owns its transaction and its audit record and
// returns a typed error the handler turns into a page.
package documents

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

// Statuses of a document.
const (
	StatusDraft   = "draft"   // dự thảo: the reform office edits it
	StatusSigning = "signing" // trình ký: locked; the director reads and comments
	StatusIssued  = "issued"  // đã ban hành: immutable, the issued files kept
)

// StatusLabel names a status.
func StatusLabel(s string) i18n.Msg {
	switch s {
	case StatusDraft:
		return i18n.M("doc.status.draft")
	case StatusSigning:
		return i18n.M("doc.status.signing")
	case StatusIssued:
		return i18n.M("doc.status.issued")
	}
	return i18n.M("doc.unknown", s)
}

// Actor is who acts, as the audit log records them.
type Actor struct {
	Principal authz.Principal
	Name      string
	Addr      string
}

// Invalid is input refused field by field, each with a message the page translates.
type Invalid struct{ Fields map[string]i18n.Msg }

func (e *Invalid) Error() string { return fmt.Sprintf("documents: invalid input: %v", e.Fields) }

// Conflict means someone saved the section (or the details) first.
type Conflict struct {
	Stored    string // the text as stored now
	StoredBy  string
	StoredAt  time.Time
	Version   int // the stored version
	Message   i18n.Msg
	Section   string
	Statement string
}

func (e *Conflict) Error() string { return "documents: " + e.Message.Text(i18n.VI) }

// Refused means the document's state does not allow the action.
type Refused struct{ Message i18n.Msg }

func (e *Refused) Error() string { return "documents: " + e.Message.Text(i18n.VI) }

// ErrForbidden means the role may not do this.
var ErrForbidden = errors.New("documents: forbidden")

// Service runs the use cases on the store with the portal's clock.
type Service struct {
	st  store.Store
	now func() time.Time
}

// New returns the use cases.
func New(st store.Store, now func() time.Time) *Service { return &Service{st: st, now: now} }

func allow(a Actor, action authz.Action) error {
	if authz.Decide(a.Principal, action, 0) != authz.Allow {
		return ErrForbidden
	}
	return nil
}

func (s *Service) audit(ctx context.Context, tx store.Queries, a Actor, action string, id int64, before, after any) error {
	return tx.Audit(ctx, store.AuditEntry{ActorID: a.Principal.UserID, ActorName: a.Name, Action: action,
		Entity: "report_document", EntityID: fmt.Sprint(id), ClientAddr: a.Addr}, before, after)
}

// CreateInput is the new report's plan and period.
type CreateInput struct {
	PlanID           int64
	Year             int
	Kind             Kind
	IncludeSubmitted bool
	ScopeUnitID      int64 // the exports page's scope; 0 (a report document) for every unit
}

// Prepare drafts the report from the data without storing it (the exports page's
// downloads and Create use it).
func (s *Service) Prepare(ctx context.Context, in CreateInput) (Draft, *export.Report, error) {
	if !in.Kind.Valid() {
		return Draft{}, nil, &Invalid{Fields: map[string]i18n.Msg{"kind": i18n.M("doc.err_kind")}}
	}
	now := s.now()
	if in.Kind != KindFinal {
		r, err := export.Build(ctx, s.st, export.Params{PlanID: in.PlanID, Year: in.Year, Kind: domain.PeriodKind(in.Kind),
			IncludeSubmitted: in.IncludeSubmitted, ScopeUnitID: in.ScopeUnitID}, now)
		if err != nil {
			return Draft{}, nil, err
		}
		return Compose(r, in.Kind, nil), r, nil
	}
	plan, err := s.st.PlanByID(ctx, in.PlanID)
	if err != nil {
		return Draft{}, nil, err
	}
	var years []*export.Report
	for y := plan.StartYear; y <= plan.EndYear; y++ {
		r, err := export.Build(ctx, s.st, export.Params{PlanID: in.PlanID, Year: y, Kind: domain.PeriodYear, IncludeSubmitted: in.IncludeSubmitted,
			ScopeUnitID: in.ScopeUnitID}, now)
		if errors.Is(err, export.ErrNoPeriod) {
			continue
		}
		if err != nil {
			return Draft{}, nil, err
		}
		years = append(years, r)
	}
	if len(years) == 0 {
		return Draft{}, nil, fmt.Errorf("documents: plan %d has no annual period: %w", in.PlanID, export.ErrNoPeriod)
	}
	last := years[len(years)-1]
	return Compose(last, KindFinal, years), last, nil
}

// Create drafts a report and stores it as a draft with the organ's settings.
func (s *Service) Create(ctx context.Context, a Actor, in CreateInput) (int64, error) {
	if err := allow(a, authz.DraftDocuments); err != nil {
		return 0, err
	}
	d, r, err := s.Prepare(ctx, in)
	if err != nil {
		return 0, err
	}
	o, err := LoadOrgan(ctx, s.st)
	if err != nil {
		return 0, err
	}
	appendix, err := json.Marshal(d.Appendix)
	if err != nil {
		return 0, fmt.Errorf("documents: appendix: %w", err)
	}
	year := r.Year
	now := s.now()
	var id int64
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		id, err = tx.InsertDocument(ctx, store.ReportDocument{PlanID: in.PlanID, Kind: string(in.Kind), Year: year,
			IncludeSubmitted: in.IncludeSubmitted, Symbol: o.Symbol, GoverningBody: o.GoverningBody, IssuingBody: o.IssuingBody,
			Place: o.Place, SignerTitle: o.SignerTitle, SignerName: o.SignerName, Recipients: o.Recipients,
			Summary: d.Summary, Counted: d.Counted, Appendix: appendix}, a.Principal.UserID, now)
		if err != nil {
			return err
		}
		for i, sec := range d.Sections {
			if err := tx.InsertDocumentSection(ctx, id, store.DocumentSection{Key: sec.Key, Position: i, Level: sec.Level,
				Title: sec.Title, Body: sec.Body, Sources: sec.Sources}, a.Principal.UserID, now); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, "document.create", id, nil, map[string]any{"plan_id": in.PlanID, "year": year, "kind": in.Kind,
			"include_submitted": in.IncludeSubmitted})
	})
	return id, err
}

// View is a document with its sections and comments.
type View struct {
	Doc      store.ReportDocument
	Sections []store.DocumentSection
	Comments []store.DocumentComment
}

// Load reads a document for a reader (the reform office or the director).
func (s *Service) Load(ctx context.Context, a Actor, id int64) (*View, error) {
	if err := allow(a, authz.ExportReports); err != nil {
		return nil, err
	}
	doc, err := s.st.DocumentByID(ctx, id, false)
	if err != nil {
		return nil, err
	}
	v := &View{Doc: doc}
	if v.Sections, err = s.st.DocumentSections(ctx, id); err != nil {
		return nil, err
	}
	if v.Comments, err = s.st.DocumentComments(ctx, id); err != nil {
		return nil, err
	}
	return v, nil
}

// List lists the documents.
func (s *Service) List(ctx context.Context, a Actor) ([]store.ReportDocument, error) {
	if err := allow(a, authz.ExportReports); err != nil {
		return nil, err
	}
	return s.st.ListDocuments(ctx)
}

// maxSection bounds a section's text; a whole annual report is some 30 000 characters.
const maxSection = 60000

// SaveSection writes a section's text if nobody saved it since version; a Conflict
// carries the stored text so the page shows both and the typed text is not lost.
func (s *Service) SaveSection(ctx context.Context, a Actor, id int64, key, body string, version int) (int, error) {
	if err := allow(a, authz.DraftDocuments); err != nil {
		return 0, err
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	if len([]rune(body)) > maxSection {
		return 0, &Invalid{Fields: map[string]i18n.Msg{"body": i18n.M("doc.err.section_long", maxSection)}}
	}
	var v int
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		doc, err := tx.DocumentByID(ctx, id, true)
		if err != nil {
			return err
		}
		if doc.Status != StatusDraft {
			return &Refused{Message: i18n.M("doc.err.section_locked", StatusLabel(doc.Status))}
		}
		secs, err := tx.DocumentSections(ctx, id)
		if err != nil {
			return err
		}
		var cur *store.DocumentSection
		for i := range secs {
			if secs[i].Key == key {
				cur = &secs[i]
			}
		}
		if cur == nil {
			return store.ErrNotFound
		}
		if cur.Version != version {
			return &Conflict{Stored: cur.Body, StoredBy: cur.UpdatedByName, StoredAt: cur.UpdatedAt, Version: cur.Version, Section: cur.Title,
				Message: i18n.M("doc.err.section_conflict", cur.UpdatedByName, domain.FormatDateTime(cur.UpdatedAt))}
		}
		if cur.Body == body {
			v = cur.Version
			return nil
		}
		if v, err = tx.UpdateDocumentSection(ctx, id, key, body, version, a.Principal.UserID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "document.section", id, map[string]any{"section": key, "version": version},
			map[string]any{"section": key, "version": v, "chars": len([]rune(body))})
	})
	return v, err
}

// Versions lists a section's versions, newest first.
func (s *Service) Versions(ctx context.Context, a Actor, id int64, key string) ([]store.DocumentVersion, error) {
	if err := allow(a, authz.ExportReports); err != nil {
		return nil, err
	}
	return s.st.SectionVersions(ctx, id, key)
}

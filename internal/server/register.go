package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// The evidence register (sổ tài liệu kiểm chứng): each unit's documents, and the
// department's shared ones. A unit's documents are seen by the unit, the reform office and
// the director (authz.ViewUnitReports); another unit's answer 404. Shared documents are
// seen by everyone and kept by the reform office.

const (
	registerPageSize = 25
	registerChoices  = 50 // documents offered in each result's list of a report form, newest first (older ones: the register page)
	sharedScope      = "shared"
)

func registerRoutes(s *Server, r chi.Router) {
	r.Get("/register", s.h(s.registerList))
	r.Get("/register/new", s.h(s.registerNewForm))
	r.With(s.uploadBody).Post("/register", s.h(s.registerCreate))
	r.Get("/register/{docID}", s.h(s.registerDoc))
	r.Post("/register/{docID}", s.h(s.registerUpdate))
	r.With(s.uploadBody).Post("/register/{docID}/file", s.h(s.registerReplace))
	r.Get("/register/files/{fileID}", s.h(s.registerDownload))
}

func registerURL(unitID int64) string   { return fmt.Sprintf("/register?unit=%d", unitID) }
func registerDocURL(docID int64) string { return fmt.Sprintf("/register/%d", docID) }

// registerDocLabel names a document in a report form's list.
func registerDocLabel(ctx context.Context, d store.EvidenceDoc) string {
	var parts []string
	if d.DocNumber != "" {
		parts = append(parts, d.DocNumber)
	}
	if d.DocDate != nil {
		parts = append(parts, domain.FormatDate(*d.DocDate))
	}
	if d.Summary != "" {
		parts = append(parts, clip(d.Summary, 80))
	}
	parts = append(parts, d.File.FileName)
	label := strings.Join(parts, " — ")
	if d.Shared {
		label += " (" + i18n.T(ctx, "register.shared") + ")"
	}
	return label
}

// registerScope reads whose register is asked for: "shared", a unit id, or (by default) the
// user's own unit; a unit the user may not see is not found.
func registerScope(r *http.Request) (unitID int64, shared bool, err error) {
	ctx := r.Context()
	u := userFrom(ctx)
	v := r.URL.Query().Get("unit") // never the body: a form with files is read once, streamed
	switch {
	case v == sharedScope:
		return 0, true, nil
	case v == "" && u.UnitID != 0:
		unitID = u.UnitID
	case v == "":
		return 0, true, nil
	default:
		if unitID, err = strconv.ParseInt(v, 10, 64); err != nil || unitID <= 0 {
			return 0, false, errNotFound
		}
	}
	return unitID, false, authorize(ctx, authz.ViewUnitReports, unitID)
}

func (s *Server) registerList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, shared, err := registerScope(r)
	if err != nil {
		return err
	}
	p := userFrom(ctx).principal()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 200 {
		q = string([]rune(q)[:200])
	}
	page := pageParam(r)
	rq := store.RegisterQuery{UnitID: unitID, WithShared: !shared && unitID == p.UnitID, SharedOnly: shared, Text: q,
		Offset: (page - 1) * registerPageSize, Limit: registerPageSize}
	docs, more, err := s.store.ListEvidenceDocs(ctx, rq)
	if err != nil {
		return err
	}
	scope := sharedScope
	title := i18n.T(ctx, "register.title_shared")
	if !shared {
		scope = fmt.Sprint(unitID)
		unit, err := s.store.UnitByID(ctx, unitID)
		if err != nil {
			return errNotFound
		}
		title = i18n.Tf(ctx, "register.title", unit.Name)
	}
	base := "/register?" + url.Values{"unit": {scope}, "q": {q}}.Encode()
	props := web.RegisterProps{Meta: s.meta(r, title, "register"), Title: title, Query: q, ScopeKey: scope,
		Pager: web.Pager{Page: page, HasNext: more, Total: -1, BaseURL: base}}
	if (shared && authz.Can(p, authz.ManagePlans, 0)) || (!shared && authz.Can(p, authz.EditUnitReport, unitID)) {
		props.NewHref = "/register/new?unit=" + scope
	}
	if authz.Can(p, authz.ViewAllUnits, 0) {
		units, err := s.store.ListUnits(ctx, true)
		if err != nil {
			return err
		}
		props.Scopes = append(props.Scopes, web.Option{Value: sharedScope, Label: i18n.T(ctx, "register.title_shared"), Selected: shared})
		for _, u := range units {
			props.Scopes = append(props.Scopes, web.Option{Value: fmt.Sprint(u.ID), Label: u.Name, Selected: !shared && u.ID == unitID})
		}
	}
	for _, d := range docs {
		props.Rows = append(props.Rows, registerRow(ctx, d, unitID))
	}
	s.render(w, r, http.StatusOK, web.RegisterPage(props))
	return nil
}

func registerRow(ctx context.Context, d store.EvidenceDoc, listUnit int64) web.RegisterRow {
	row := web.RegisterRow{Href: registerDocURL(d.ID), Number: d.DocNumber, Issuer: d.DocIssuer, Summary: d.Summary,
		FileName: d.File.FileName, FileHref: fmt.Sprintf("/register/files/%d", d.File.ID), Size: formatBytes(d.File.SizeBytes),
		Shared: d.Shared, Uses: fmt.Sprint(d.Uses)}
	if d.DocDate != nil {
		row.Date = domain.FormatDate(*d.DocDate)
	}
	if d.File.Version > 1 {
		row.Version = fmt.Sprintf(", v%d", d.File.Version)
	}
	if d.UnitID != listUnit {
		row.Unit = d.UnitName
	}
	return row
}

// mayAdd: a unit's register takes documents from the unit; the shared one from the reform office.
func mayAdd(ctx context.Context, unitID int64, shared bool) error {
	if shared {
		return authorize(ctx, authz.ManagePlans, 0)
	}
	return authorize(ctx, authz.EditUnitReport, unitID)
}

func (s *Server) registerNewForm(w http.ResponseWriter, r *http.Request) error {
	unitID, shared, err := registerScope(r)
	if err != nil {
		return err
	}
	if err := mayAdd(r.Context(), unitID, shared); err != nil {
		return err
	}
	return s.renderRegisterNew(w, r, http.StatusOK, unitID, shared, web.DocForm{}, web.FieldErrors{})
}

func (s *Server) renderRegisterNew(w http.ResponseWriter, r *http.Request, status int, unitID int64, shared bool, in web.DocForm, errs web.FieldErrors) error {
	ctx := r.Context()
	owner, scope := i18n.T(ctx, "register.title_shared"), sharedScope
	if !shared {
		unit, err := s.store.UnitByID(ctx, unitID)
		if err != nil {
			return errNotFound
		}
		owner, scope = i18n.Tf(ctx, "register.title", unit.Name), fmt.Sprint(unitID)
	}
	s.render(w, r, status, web.RegisterNewPage(web.RegisterNewProps{Meta: s.meta(r, i18n.T(ctx, "register.new"), "register"),
		Owner: owner, Action: "/register?unit=" + scope, In: in, Errors: errs, Accept: upload.Accept,
		MaxUpload: formatBytes(s.cfg.UploadMaxBytes), BackHref: "/register?unit=" + scope}))
	return nil
}

// readDocForm reads and checks a document's fields.
func readDocForm(r *http.Request) (web.DocForm, reporting.DocMeta, web.FieldErrors) {
	ctx := r.Context()
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in := web.DocForm{Number: f("doc_number"), Date: f("doc_date"), Issuer: f("doc_issuer"),
		Summary: strings.ReplaceAll(f("summary"), "\r\n", "\n"), Shared: r.PostFormValue("shared") == "1"}
	meta := reporting.DocMeta{DocNumber: in.Number, DocIssuer: in.Issuer, Summary: in.Summary}
	errs := web.FieldErrors{}
	if utf8.RuneCountInString(in.Number) > maxDocNumber {
		errs["doc_number"] = i18n.Tf(ctx, "report.v.too_long", maxDocNumber)
	}
	if utf8.RuneCountInString(in.Issuer) > maxDocIssuer {
		errs["doc_issuer"] = i18n.Tf(ctx, "report.v.too_long", maxDocIssuer)
	}
	if utf8.RuneCountInString(in.Summary) > maxDocSummary {
		errs["summary"] = i18n.Tf(ctx, "report.v.too_long", maxDocSummary)
	}
	if in.Date != "" {
		if t, err := domain.ParseDate(in.Date); err != nil {
			errs["doc_date"] = message(ctx, err)
		} else {
			meta.DocDate = &t
		}
	}
	return in, meta, errs
}

// readDocFile checks the one file of a register form; ok is false with a message in errs.
func (s *Server) readDocFile(ctx context.Context, form *upload.Form, errs web.FieldErrors) (reporting.File, bool) {
	parts := form.Files["file"]
	if len(parts) == 0 {
		errs["file"] = i18n.T(ctx, "register.v.file_required")
		return reporting.File{}, false
	}
	p := parts[0]
	name := upload.CleanName(p.Name)
	if p.TooLarge {
		errs["file"] = i18n.Tf(ctx, "report.v.file_too_large", name, formatBytes(p.Size), formatBytes(s.cfg.UploadMaxBytes))
		return reporting.File{}, false
	}
	kind, err := sniffPart(p)
	if err != nil {
		errs["file"] = uploadMessage(ctx, name, err)
		return reporting.File{}, false
	}
	return reporting.File{Name: p.Name, Kind: kind, Size: p.Size, SHA256: p.SHA256,
		Open: func() (io.ReadCloser, error) { return p.Open() }}, true
}

func (s *Server) registerCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, shared, err := registerScope(r)
	if err != nil {
		return err
	}
	if err := mayAdd(ctx, unitID, shared); err != nil {
		return err
	}
	form, tooLarge, err := s.readReportForm(w, r)
	if tooLarge || err != nil {
		return err
	}
	defer form.RemoveAll()
	in, meta, errs := readDocForm(r)
	file, ok := s.readDocFile(ctx, form, errs)
	if !ok || errs.Any() {
		return s.renderRegisterNew(w, r, http.StatusUnprocessableEntity, unitID, shared, in, errs)
	}
	owner := unitID
	if shared {
		owner = userFrom(ctx).UnitID // the reform office keeps the department's shared documents
	}
	id, err := s.reporting.CreateDoc(ctx, s.actor(r), reporting.NewDoc{UnitID: owner, Shared: shared, DocMeta: meta, File: file})
	if fe, ok := invalid(ctx, err); ok {
		for k, v := range fe {
			errs[k] = v
		}
		return s.renderRegisterNew(w, r, http.StatusUnprocessableEntity, unitID, shared, in, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "register.flash_created"))
	return seeOther(w, r, registerDocURL(id))
}

// visibleDoc reads a document the user may see: a shared one, or one of a unit whose
// reports they may read; any other is not found.
func (s *Server) visibleDoc(r *http.Request) (store.EvidenceDoc, error) {
	id, err := idParam(r, "docID")
	if err != nil {
		return store.EvidenceDoc{}, err
	}
	d, err := s.store.EvidenceDocByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return d, errNotFound
	}
	if err != nil {
		return d, err
	}
	if !d.Shared {
		if err := authorize(r.Context(), authz.ViewUnitReports, d.UnitID); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (s *Server) registerDoc(w http.ResponseWriter, r *http.Request) error {
	d, err := s.visibleDoc(r)
	if err != nil {
		return err
	}
	in := web.DocForm{Number: d.DocNumber, Issuer: d.DocIssuer, Summary: d.Summary, Shared: d.Shared}
	if d.DocDate != nil {
		in.Date = domain.FormatDate(*d.DocDate)
	}
	return s.renderRegisterDoc(w, r, http.StatusOK, d, in, web.FieldErrors{})
}

func (s *Server) renderRegisterDoc(w http.ResponseWriter, r *http.Request, status int, d store.EvidenceDoc, in web.DocForm, errs web.FieldErrors) error {
	ctx := r.Context()
	p := userFrom(ctx).principal()
	versions, err := s.store.EvidenceDocVersions(ctx, d.ID)
	if err != nil {
		return err
	}
	uses, err := s.store.EvidenceDocUses(ctx, d.ID, 100)
	if err != nil {
		return err
	}
	row := registerRow(ctx, d, 0)
	title := row.Number
	if title == "" {
		title = row.FileName
	}
	editable := mayChange(ctx, d) == nil
	back := "/register?unit=" + sharedScope
	if !d.Shared {
		back = registerURL(d.UnitID)
	}
	props := web.RegisterDocProps{Meta: s.meta(r, title, "register"), Doc: row, Editable: editable,
		CanShare: authz.Can(p, authz.ManagePlans, 0), Action: registerDocURL(d.ID), ReplaceAction: registerDocURL(d.ID) + "/file",
		In: in, Errors: errs, Accept: upload.Accept, MaxUpload: formatBytes(s.cfg.UploadMaxBytes), BackHref: back}
	for _, v := range versions {
		props.Versions = append(props.Versions, web.RegisterVersion{Version: fmt.Sprintf("v%d", v.Version),
			Href: fmt.Sprintf("/register/files/%d", v.ID), FileName: v.FileName, Size: formatBytes(v.SizeBytes),
			Uploaded: i18n.Tf(ctx, "report.uploaded_by", v.UploadedByName, domain.FormatDateTime(v.UploadedAt)), Current: v.Current})
	}
	for _, u := range uses {
		if !authz.Can(p, authz.ViewUnitReports, u.UnitID) {
			continue // a shared document's use by another unit is that unit's business
		}
		props.Uses = append(props.Uses, web.RegisterUse{Href: reportURL(u.UnitID, u.Period.ID), Unit: u.UnitName,
			Period: periodLabel(ctx, u.Period), Code: u.Code})
	}
	s.render(w, r, status, web.RegisterDocPage(props))
	return nil
}

// mayChange: a unit's documents are changed by the unit, the shared ones by the reform office.
func mayChange(ctx context.Context, d store.EvidenceDoc) error {
	if d.Shared {
		return authorize(ctx, authz.ManagePlans, 0)
	}
	return authorize(ctx, authz.EditUnitReport, d.UnitID)
}

func (s *Server) registerUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.visibleDoc(r)
	if err != nil {
		return err
	}
	if err := mayChange(ctx, d); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	in, meta, errs := readDocForm(r)
	if errs.Any() {
		return s.renderRegisterDoc(w, r, http.StatusUnprocessableEntity, d, in, errs)
	}
	err = s.reporting.UpdateDoc(ctx, s.actor(r), d.ID, meta, in.Shared)
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "register.flash_updated"))
	return seeOther(w, r, registerDocURL(d.ID))
}

func (s *Server) registerReplace(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.visibleDoc(r)
	if err != nil {
		return err
	}
	if err := mayChange(ctx, d); err != nil {
		return err
	}
	form, tooLarge, err := s.readReportForm(w, r)
	if tooLarge || err != nil {
		return err
	}
	defer form.RemoveAll()
	in := web.DocForm{Number: d.DocNumber, Issuer: d.DocIssuer, Summary: d.Summary, Shared: d.Shared}
	if d.DocDate != nil {
		in.Date = domain.FormatDate(*d.DocDate)
	}
	errs := web.FieldErrors{}
	file, ok := s.readDocFile(ctx, form, errs)
	if !ok {
		return s.renderRegisterDoc(w, r, http.StatusUnprocessableEntity, d, in, errs)
	}
	err = s.reporting.ReplaceFile(ctx, s.actor(r), d.ID, file)
	if fe, ok := invalid(ctx, err); ok {
		return s.renderRegisterDoc(w, r, http.StatusUnprocessableEntity, d, in, fe)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "register.flash_replaced"))
	return seeOther(w, r, registerDocURL(d.ID))
}

// registerDownload sends one version of a document's file, to whoever may see the document.
func (s *Server) registerDownload(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "fileID")
	if err != nil {
		return err
	}
	f, unitID, shared, err := s.store.EvidenceFileByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if !shared {
		if err := authorize(ctx, authz.ViewUnitReports, unitID); err != nil {
			return err
		}
	}
	return s.sendFile(w, r, f.StorageKey, f.ID, f.FileName, f.ContentType, f.SizeBytes)
}

package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/documents"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The reports the reform office files (/documents): handlers decode the request, call one
// use case of package documents, and render. The route group lets the reform office and
// the director in (authz.ExportReports); the use cases decide who drafts and who signs.

func (s *Server) documentRoutes(r chi.Router) {
	r.With(s.requireAction(authz.ExportReports)).Route("/documents", func(r chi.Router) {
		r.Get("/", s.h(s.listDocuments))
		r.Post("/", s.h(s.createDocument))
		r.Get("/{docID}", s.h(s.showDocument))
		r.Get("/{docID}/details", s.h(s.documentDetailsForm))
		r.Post("/{docID}/details", s.h(s.saveDocumentDetails))
		r.Get("/{docID}/sections/{key}", s.h(s.editSectionForm))
		r.Post("/{docID}/sections/{key}", s.h(s.saveSection))
		r.Get("/{docID}/sections/{key}/versions", s.h(s.sectionVersions))
		r.Post("/{docID}/submit", s.h(s.submitDocument))
		r.Post("/{docID}/return", s.h(s.returnDocument))
		r.Post("/{docID}/issue", s.h(s.issueDocument))
		r.Post("/{docID}/comments", s.h(s.commentDocument))
		r.Get("/{docID}/report.pdf", s.h(s.documentFile("pdf")))
		r.Get("/{docID}/report.docx", s.h(s.documentFile("docx")))
		r.Get("/{docID}/print", s.h(s.documentPrint))
	})
}

func (s *Server) docs() *documents.Service { return documents.New(s.store, s.now) }

func (s *Server) docActor(r *http.Request) documents.Actor {
	u := userFrom(r.Context())
	a := documents.Actor{Principal: u.principal(), Addr: s.clientAddr(r)}
	if u != nil {
		a.Name = u.Username
	}
	return a
}

// docErr maps what a use case refused to the HTTP answer, for errors no form shows.
func docErr(err error) error {
	if errors.Is(err, documents.ErrForbidden) {
		return errForbidden
	}
	return err
}

func (s *Server) listDocuments(w http.ResponseWriter, r *http.Request) error {
	return s.renderDocuments(w, r, http.StatusOK, "", "", "", false, nil)
}

func (s *Server) renderDocuments(w http.ResponseWriter, r *http.Request, status int, plan, year, kind string, sub bool, errs web.FieldErrors) error {
	ctx := r.Context()
	a := s.docActor(r)
	list, err := s.docs().List(ctx, a)
	if err != nil {
		return docErr(err)
	}
	p := web.DocumentsProps{Meta: s.meta(r, i18n.T(ctx, "doc.title"), "documents"), Errors: errs, Submitted: sub,
		CanCreate: authz.Can(a.Principal, authz.DraftDocuments, 0)}
	for _, d := range list {
		number := ""
		if d.Number != nil {
			number = domain.FormatDocNumber(*d.Number, d.Symbol)
		}
		p.Rows = append(p.Rows, web.DocumentRow{Href: fmt.Sprintf("/documents/%d", d.ID), Summary: d.Summary, Plan: d.PlanCode,
			Number: number, Status: documents.StatusLabel(d.Status).In(ctx), StatusClass: d.Status, Updated: domain.FormatDateTime(d.UpdatedAt)})
	}
	if p.CanCreate {
		c, err := s.exportChoices(ctx)
		if err != nil {
			return err
		}
		q := s.withDefaults(exportQuery{Plan: plan, Year: year}, c)
		f := exportFormProps(ctx, q, c)
		p.Plans, p.Years = f.Plans, f.Years
		if kind == "" {
			kind = string(documents.Kind(domain.PeriodYear))
		}
		for _, k := range documents.Kinds() {
			p.Kinds = append(p.Kinds, web.Option{Value: string(k), Label: k.Label().In(ctx), Selected: string(k) == kind})
		}
	}
	s.render(w, r, status, web.DocumentsPage(p))
	return nil
}

func (s *Server) createDocument(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := authorize(ctx, authz.DraftDocuments, 0); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	plan, year, kind, sub := r.PostForm.Get("plan"), r.PostForm.Get("year"), r.PostForm.Get("kind"), r.PostForm.Get("submitted") == "1"
	errs := web.FieldErrors{}
	in := documents.CreateInput{Kind: documents.Kind(kind), IncludeSubmitted: sub}
	var err error
	if in.PlanID, err = strconv.ParseInt(plan, 10, 64); err != nil || in.PlanID <= 0 {
		errs["plan"] = i18n.T(ctx, "doc.err_plan")
	}
	if in.Year, err = strconv.Atoi(year); err != nil || in.Year < 2000 || in.Year > 2100 {
		errs["year"] = i18n.T(ctx, "doc.err_year")
	}
	if !in.Kind.Valid() {
		errs["kind"] = i18n.T(ctx, "doc.err_kind")
	}
	if !errs.Any() {
		id, err := s.docs().Create(ctx, s.docActor(r), in)
		switch {
		case errors.Is(err, export.ErrNoPeriod):
			errs["year"] = i18n.T(ctx, "doc.no_period")
		case errors.Is(err, store.ErrNotFound):
			errs["plan"] = i18n.T(ctx, "doc.err_plan")
		case err != nil:
			return docErr(err)
		default:
			return seeOther(w, r, fmt.Sprintf("/documents/%d", id))
		}
	}
	return s.renderDocuments(w, r, http.StatusUnprocessableEntity, plan, year, kind, sub, errs)
}

func (s *Server) loadDoc(r *http.Request) (*documents.View, error) {
	id, err := idParam(r, "docID")
	if err != nil {
		return nil, err
	}
	v, err := s.docs().Load(r.Context(), s.docActor(r), id)
	return v, docErr(err)
}

func signOptions(ctx context.Context, sel string) []web.Option {
	var out []web.Option
	for _, f := range domain.SignForms() {
		out = append(out, web.Option{Value: string(f), Label: f.Label().In(ctx), Selected: string(f) == sel})
	}
	return out
}

func detailsForm(ctx context.Context, in documents.DetailsInput) web.DocDetailsForm {
	return web.DocDetailsForm{Number: in.Number, Date: in.Date, Place: in.Place, Gov: in.GoverningBody, Issuer: in.IssuingBody,
		SignForms: signOptions(ctx, in.SignForm), SignerHead: in.SignerHead, SignerOwn: in.SignerOwn, SignerName: in.SignerName,
		Recipients: in.Recipients, Version: in.Version}
}

func readDetails(r *http.Request) documents.DetailsInput {
	f := r.PostForm
	v, _ := strconv.Atoi(f.Get("version"))
	return documents.DetailsInput{Number: f.Get("number"), Date: f.Get("date"), Place: f.Get("place"), GoverningBody: f.Get("governing_body"),
		IssuingBody: f.Get("issuing_body"), SignForm: f.Get("signer_form"), SignerHead: f.Get("signer_head"), SignerOwn: f.Get("signer_own"),
		SignerName: f.Get("signer_name"), Recipients: f.Get("recipients"), Version: v}
}

// docPage is what showDocument renders, with what a refused action typed.
type docPage struct {
	status  int
	errs    web.FieldErrors
	issue   *documents.DetailsInput
	comment string
	notice  string
}

func (s *Server) showDocument(w http.ResponseWriter, r *http.Request) error {
	return s.renderDocument(w, r, docPage{status: http.StatusOK})
}

func (s *Server) renderDocument(w http.ResponseWriter, r *http.Request, pg docPage) error {
	ctx := r.Context()
	v, err := s.loadDoc(r)
	if err != nil {
		return err
	}
	a := s.docActor(r)
	d := v.Doc
	p := web.DocumentProps{Meta: s.meta(r, d.Summary, "documents"), ID: d.ID, Summary: d.Summary, Plan: d.PlanCode,
		Status: documents.StatusLabel(d.Status).In(ctx), StatusKey: d.Status, Version: d.Version, Errors: pg.errs, Comment: pg.comment, Notice: pg.notice,
		CanEdit: d.Status == documents.StatusDraft && authz.Can(a.Principal, authz.DraftDocuments, 0),
		CanSign: d.Status == documents.StatusSigning && authz.Can(a.Principal, authz.SignDocuments, 0),
		CanNote: d.Status != documents.StatusIssued && authz.Can(a.Principal, authz.Comment, 0)}
	switch d.Status {
	case documents.StatusDraft:
		p.StateHint = i18n.T(ctx, "doc.state_hint_draft")
	case documents.StatusSigning:
		p.StateHint = i18n.T(ctx, "doc.state_hint_sign")
	default:
		p.StateHint = i18n.T(ctx, "doc.state_hint_issued")
	}
	rd, err := documents.Render(d, v.Sections)
	if err != nil {
		return err
	}
	p.Facts = [][2]string{
		{i18n.T(ctx, "doc.number"), strings.TrimPrefix(rd.Number, "Số:")},
		{i18n.T(ctx, "doc.place") + ", " + strings.ToLower(i18n.T(ctx, "doc.date")), rd.PlaceDate},
		{i18n.T(ctx, "doc.gov") + " / " + strings.ToLower(i18n.T(ctx, "doc.issuer")), rd.GoverningBody + "\n" + rd.IssuingBody},
		{i18n.T(ctx, "doc.signer"), strings.Join(rd.SignerTitle, "\n") + "\n" + rd.SignerName},
		{i18n.T(ctx, "doc.recipients"), strings.Join(rd.Recipients, "\n")},
		{i18n.T(ctx, "doc.counted"), d.Counted},
	}
	p.Appendix = rd.Appendix
	bySection := map[string][]web.DocComment{}
	for _, c := range v.Comments {
		wc := web.DocComment{Author: c.AuthorName, At: domain.FormatDateTime(c.CreatedAt), Body: c.Body}
		if c.SectionKey == "" {
			p.Comments = append(p.Comments, wc)
		} else {
			bySection[c.SectionKey] = append(bySection[c.SectionKey], wc)
		}
	}
	for _, sec := range v.Sections {
		ds := web.DocSection{Key: sec.Key, Level: sec.Level, Title: sec.Title, Sources: domain.TextLines(sec.Sources), Comments: bySection[sec.Key],
			History:  fmt.Sprintf("/documents/%d/sections/%s/versions", d.ID, sec.Key),
			EditedBy: i18n.Tf(ctx, "doc.edited_by", sec.UpdatedByName, domain.FormatDateTime(sec.UpdatedAt), sec.Version)}
		for _, para := range strings.Split(sec.Body, "\n") {
			if strings.TrimSpace(para) != "" {
				ds.Body = append(ds.Body, para)
			}
		}
		if p.CanEdit {
			ds.EditHref = fmt.Sprintf("/documents/%d/sections/%s", d.ID, sec.Key)
		}
		p.Sections = append(p.Sections, ds)
	}
	if p.CanSign {
		in := documents.DetailsOf(d)
		if pg.issue != nil {
			in = *pg.issue
		} else {
			if in.Number == "" {
				year := s.now().In(domain.Location).Year()
				if n, err := s.docs().NextNumber(ctx, year); err == nil {
					in.Number = domain.FormatDocNumber(n, d.Symbol)
				}
			}
			if in.Date == "" {
				in.Date = domain.FormatDate(s.now())
			}
		}
		p.Issue = detailsForm(ctx, in)
	}
	if pg.status == 0 {
		pg.status = http.StatusOK
	}
	s.render(w, r, pg.status, web.DocumentPage(p))
	return nil
}

// refusal turns a use case's refusal into the page's messages, in the request's language;
// ok is false for other errors.
func refusal(ctx context.Context, err error) (web.FieldErrors, int, bool) {
	var inv *documents.Invalid
	var conf *documents.Conflict
	var ref *documents.Refused
	switch {
	case errors.As(err, &inv):
		return fieldMsgs(ctx, inv.Fields), http.StatusUnprocessableEntity, true
	case errors.As(err, &conf):
		return web.FieldErrors{"": conf.Message.In(ctx)}, http.StatusConflict, true
	case errors.As(err, &ref):
		return web.FieldErrors{"": ref.Message.In(ctx)}, http.StatusConflict, true
	}
	return nil, 0, false
}

// fieldMsgs translates a use case's messages field by field.
func fieldMsgs(ctx context.Context, fields map[string]i18n.Msg) web.FieldErrors {
	errs := make(web.FieldErrors, len(fields))
	for name, m := range fields {
		errs[name] = m.In(ctx)
	}
	return errs
}

func (s *Server) documentDetailsForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadDoc(r)
	if err != nil {
		return err
	}
	if v.Doc.Status != documents.StatusDraft || !authz.Can(s.docActor(r).Principal, authz.DraftDocuments, 0) {
		return seeOther(w, r, fmt.Sprintf("/documents/%d", v.Doc.ID))
	}
	return s.renderDetails(w, r, http.StatusOK, v.Doc, documents.DetailsOf(v.Doc), nil, "")
}

func (s *Server) renderDetails(w http.ResponseWriter, r *http.Request, status int, d store.ReportDocument, in documents.DetailsInput, errs web.FieldErrors, conflict string) error {
	ctx := r.Context()
	s.render(w, r, status, web.DocDetailsPage(web.DocDetailsProps{Meta: s.meta(r, i18n.T(ctx, "doc.details"), "documents"), ID: d.ID,
		Summary: d.Summary, Form: detailsForm(ctx, in), Errors: errs, Conflict: conflict}))
	return nil
}

func (s *Server) saveDocumentDetails(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "docID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	in := readDetails(r)
	err = s.docs().SaveDetails(ctx, s.docActor(r), id, in)
	if err == nil {
		s.flash(r, i18n.T(ctx, "doc.saved"))
		return seeOther(w, r, fmt.Sprintf("/documents/%d", id))
	}
	errs, status, ok := refusal(ctx, err)
	if !ok {
		return docErr(err)
	}
	v, lerr := s.loadDoc(r)
	if lerr != nil {
		return lerr
	}
	conflict := ""
	var conf *documents.Conflict
	if errors.As(err, &conf) {
		conflict, errs = conf.Message.In(ctx), nil
		in.Version = v.Doc.Version // the next save goes over what is stored now, seen
	}
	return s.renderDetails(w, r, status, v.Doc, in, errs, conflict)
}

func (s *Server) sectionOf(v *documents.View, key string) (store.DocumentSection, bool) {
	for _, sec := range v.Sections {
		if sec.Key == key {
			return sec, true
		}
	}
	return store.DocumentSection{}, false
}

func (s *Server) editSectionForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadDoc(r)
	if err != nil {
		return err
	}
	sec, ok := s.sectionOf(v, chi.URLParam(r, "key"))
	if !ok {
		return errNotFound
	}
	if v.Doc.Status != documents.StatusDraft || !authz.Can(s.docActor(r).Principal, authz.DraftDocuments, 0) {
		return seeOther(w, r, fmt.Sprintf("/documents/%d#s-%s", v.Doc.ID, sec.Key))
	}
	return s.renderSection(w, r, http.StatusOK, v, sec, sec.Body, sec.Version, web.SectionEditProps{})
}

func (s *Server) renderSection(w http.ResponseWriter, r *http.Request, status int, v *documents.View, sec store.DocumentSection, body string, version int, extra web.SectionEditProps) error {
	ctx := r.Context()
	title := sec.Title
	if title == "" {
		title = firstWords(sec.Drafted, 8)
	}
	p := extra
	p.Meta, p.ID, p.Summary, p.Key, p.Title = s.meta(r, title, "documents"), v.Doc.ID, v.Doc.Summary, sec.Key, title
	p.Body, p.Version, p.Sources, p.Drafted = body, version, domain.TextLines(sec.Sources), sec.Drafted
	p.EditedBy = i18n.Tf(ctx, "doc.edited_by", sec.UpdatedByName, domain.FormatDateTime(sec.UpdatedAt), sec.Version)
	for _, c := range v.Comments {
		if c.SectionKey == sec.Key {
			p.Comments = append(p.Comments, web.DocComment{Author: c.AuthorName, At: domain.FormatDateTime(c.CreatedAt), Body: c.Body})
		}
	}
	s.render(w, r, status, web.SectionEditPage(p))
	return nil
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}

func (s *Server) saveSection(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "docID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	key := chi.URLParam(r, "key")
	body := r.PostForm.Get("body")
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	_, err = s.docs().SaveSection(ctx, s.docActor(r), id, key, body, version)
	if err == nil {
		s.flash(r, i18n.T(ctx, "doc.saved"))
		return seeOther(w, r, fmt.Sprintf("/documents/%d#s-%s", id, key))
	}
	var inv *documents.Invalid
	var conf *documents.Conflict
	var ref *documents.Refused
	if !errors.As(err, &inv) && !errors.As(err, &conf) && !errors.As(err, &ref) {
		return docErr(err)
	}
	v, lerr := s.loadDoc(r)
	if lerr != nil {
		return lerr
	}
	sec, ok := s.sectionOf(v, key)
	if !ok {
		return errNotFound
	}
	extra := web.SectionEditProps{}
	status := http.StatusConflict
	switch {
	case inv != nil:
		extra.Errors, status = fieldMsgs(ctx, inv.Fields), http.StatusUnprocessableEntity
	case conf != nil:
		// the form now carries the stored version: saving again, after seeing both texts,
		// goes over the other person's text knowingly
		extra.Conflict, extra.Stored, version = conf.Message.In(ctx), conf.Stored, conf.Version
	default:
		extra.Refused = ref.Message.In(ctx)
	}
	return s.renderSection(w, r, status, v, sec, body, version, extra)
}

func (s *Server) sectionVersions(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := s.loadDoc(r)
	if err != nil {
		return err
	}
	sec, ok := s.sectionOf(v, chi.URLParam(r, "key"))
	if !ok {
		return errNotFound
	}
	list, err := s.docs().Versions(ctx, s.docActor(r), v.Doc.ID, sec.Key)
	if err != nil {
		return docErr(err)
	}
	title := sec.Title
	if title == "" {
		title = firstWords(sec.Drafted, 8)
	}
	p := web.VersionsProps{Meta: s.meta(r, title, "documents"), ID: v.Doc.ID, Title: title}
	a, b := r.URL.Query().Get("a"), r.URL.Query().Get("b")
	if len(list) > 1 && a == "" && b == "" {
		a, b = strconv.Itoa(list[1].Version), strconv.Itoa(list[0].Version)
	}
	byVersion := map[string]store.DocumentVersion{}
	for _, ver := range list {
		n := strconv.Itoa(ver.Version)
		byVersion[n] = ver
		label := i18n.Tf(ctx, "doc.version", ver.Version, ver.ChangedBy, domain.FormatDateTime(ver.ChangedAt))
		p.Versions = append(p.Versions, web.Option{Value: n, Label: label})
		p.A = append(p.A, web.Option{Value: n, Label: label, Selected: n == a})
		p.B = append(p.B, web.Option{Value: n, Label: label, Selected: n == b})
	}
	va, okA := byVersion[a]
	vb, okB := byVersion[b]
	if okA && okB {
		p.Compared = fmt.Sprintf("%s: %d → %d", i18n.T(ctx, "doc.compare"), va.Version, vb.Version)
		for _, c := range documents.Diff(va.Body, vb.Body) {
			p.Diff = append(p.Diff, web.DiffPart{Op: c.Op, Text: c.Text})
		}
	}
	s.render(w, r, http.StatusOK, web.VersionsPage(p))
	return nil
}

// docAction runs a state change and shows the document again, with the refusal if any.
func (s *Server) docAction(w http.ResponseWriter, r *http.Request, run func(id int64) error, done string, keep func(*docPage)) error {
	ctx := r.Context()
	id, err := idParam(r, "docID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	err = run(id)
	if err == nil {
		s.flash(r, i18n.T(ctx, done))
		return seeOther(w, r, fmt.Sprintf("/documents/%d", id))
	}
	errs, status, ok := refusal(ctx, err)
	if !ok {
		return docErr(err)
	}
	pg := docPage{status: status, errs: errs}
	if keep != nil {
		keep(&pg)
	}
	return s.renderDocument(w, r, pg)
}

func (s *Server) submitDocument(w http.ResponseWriter, r *http.Request) error {
	return s.docAction(w, r, func(id int64) error {
		v, _ := strconv.Atoi(r.PostForm.Get("version"))
		return s.docs().Submit(r.Context(), s.docActor(r), id, v)
	}, "doc.submitted", nil)
}

func (s *Server) returnDocument(w http.ResponseWriter, r *http.Request) error {
	return s.docAction(w, r, func(id int64) error {
		return s.docs().Return(r.Context(), s.docActor(r), id, r.PostForm.Get("comment"))
	}, "doc.returned", func(p *docPage) { p.comment = r.PostForm.Get("comment") })
}

func (s *Server) commentDocument(w http.ResponseWriter, r *http.Request) error {
	return s.docAction(w, r, func(id int64) error {
		return s.docs().Comment(r.Context(), s.docActor(r), id, r.PostForm.Get("section"), r.PostForm.Get("comment"))
	}, "doc.commented", func(p *docPage) { p.comment = r.PostForm.Get("comment") })
}

func (s *Server) issueDocument(w http.ResponseWriter, r *http.Request) error {
	return s.docAction(w, r, func(id int64) error {
		return s.docs().Issue(r.Context(), s.docActor(r), id, readDetails(r))
	}, "doc.issued", func(p *docPage) { in := readDetails(r); p.issue = &in })
}

func (s *Server) documentFile(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := idParam(r, "docID")
		if err != nil {
			return err
		}
		b, d, err := s.docs().File(r.Context(), s.docActor(r), id, format)
		if err != nil {
			return docErr(err)
		}
		ctype := "application/pdf"
		if format == "docx" {
			ctype = docxType
		}
		name := fmt.Sprintf("bao-cao-cchc-%d-%s", d.Year, d.Kind)
		if d.Number != nil {
			name = fmt.Sprintf("bao-cao-%s", strings.ReplaceAll(domain.FormatDocNumber(*d.Number, d.Symbol), "/", "-"))
		} else {
			name += "-du-thao"
		}
		setDownload(w, ctype, name+"."+format)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = w.Write(b)
		return nil
	}
}

func (s *Server) documentPrint(w http.ResponseWriter, r *http.Request) error {
	v, err := s.loadDoc(r)
	if err != nil {
		return err
	}
	rd, err := documents.Render(v.Doc, v.Sections)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, web.ExportPrintPage(web.ExportPrintProps{Doc: rd, Back: fmt.Sprintf("/documents/%d", v.Doc.ID)}))
	return nil
}

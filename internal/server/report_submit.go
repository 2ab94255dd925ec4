package server

import (
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// saveReport saves a unit's report as a draft or submits it (Post/Redirect/Get): it decodes
// the form and hands it to reporting.Save, which owns the rules and the transaction. The
// user's right to edit the unit's report is checked before the body is read, the right to
// submit before any uploaded file is opened.
func (s *Server) saveReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, periodID, err := reportParams(r, authz.EditUnitReport)
	if err != nil {
		return err
	}
	form, tooLarge, err := s.readReportForm(w, r)
	if tooLarge || err != nil {
		return err
	}
	defer form.RemoveAll()
	if r.PostFormValue("action") == string(domain.ActionSubmit) {
		if err := authorize(ctx, authz.SubmitReport, unitID); err != nil {
			return err
		}
	}
	d, err := s.loadReport(ctx, unitID, periodID, false)
	if err != nil {
		return err
	}
	in, errs := s.decodeReport(r, d, form.Files)
	if errs.Any() && in.Action == domain.ActionSubmit && onlyMissing(errs, missing(ctx, d, in)) {
		return s.saveRefusedSubmit(w, r, d, in, errs)
	}
	if errs.Any() {
		if err := s.keepPending(r, d, in, errs); err != nil {
			return err
		}
		return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, formState{in: in, errs: errs})
	}
	out, err := s.reporting.Save(ctx, s.actor(r), &d.ReportPage, in.save())
	switch usecase.KindOf(err) {
	case usecase.KindNone:
		if err != nil {
			return err
		}
	case usecase.KindConflict, usecase.KindInvalid:
		return s.refusedSaveKeepingFiles(w, r, d, in, err)
	default:
		return err
	}
	s.forgetKeptDraft(r)
	switch out.Outcome {
	case reporting.Saved:
		s.metrics.reportsSaved.Inc()
		s.flash(r, i18n.Tf(ctx, "report.flash_saved", domain.FormatDateTime(s.now())))
	case reporting.Submitted:
		s.metrics.reportsSubmitted.Inc()
		msg := i18n.Tf(ctx, "report.flash_submitted", periodLabel(ctx, d.Period))
		if out.Late {
			msg += " " + i18n.Tf(ctx, "report.flash_late", domain.FormatDate(d.Period.Deadline))
		}
		s.flash(r, msg)
	case reporting.AlreadySubmitted:
		s.flash(r, i18n.T(ctx, "report.flash_already_submitted"))
	case reporting.Unchanged:
		s.flash(r, i18n.T(ctx, "report.flash_unchanged"))
	}
	return seeOther(w, r, reportURL(unitID, periodID))
}

// keepPending keeps the files that passed their checks in a form refused for other
// reasons in the unit's register, and shows them waiting to be attached (ticked), so
// nobody chooses them again; a browser cannot refill a file input.
func (s *Server) keepPending(r *http.Request, d *reportData, in *reportInput, errs web.FieldErrors) error {
	ctx := r.Context()
	var files []reporting.Pending
	for _, k := range in.Order {
		ri := in.Results[k]
		if errs[k+"_doc_number"]+errs[k+"_doc_date"]+errs[k+"_doc_issuer"]+errs[k+"_doc_summary"] != "" {
			continue // the document's own fields are wrong: keep nothing under them
		}
		for _, f := range ri.accepted() {
			files = append(files, reporting.Pending{Key: k, File: f, Meta: ri.DocMeta})
		}
	}
	if len(files) == 0 {
		return nil
	}
	docs, msgs, err := s.reporting.KeepPending(ctx, s.actor(r), d.Unit.ID, files)
	if err != nil {
		return err
	}
	for k, ids := range docs {
		ri := in.Results[k]
		ri.Pending = append(ri.Pending, ids...)
		ri.Files = nil
		ri.DocNumber, ri.DocIssuer, ri.Summary, ri.DocDate, ri.DocDateText = "", "", "", nil, ""
	}
	for k, m := range msgs {
		errs[k] = m.In(ctx)
	}
	return nil
}

// refusedSaveKeepingFiles shows a save the use case refused (a conflict, a document
// attached twice, a quota) with the files that passed their checks kept as pending.
func (s *Server) refusedSaveKeepingFiles(w http.ResponseWriter, r *http.Request, d *reportData, in *reportInput, err error) error {
	errs := web.FieldErrors{}
	if e := usecase.As(err); e != nil {
		for k, m := range e.Fields {
			errs[k] = m.In(r.Context())
		}
	}
	if kerr := s.keepPending(r, d, in, errs); kerr != nil {
		return kerr
	}
	return s.renderRefusedSave(w, r, d, in, err)
}

// onlyMissing reports whether every message is one of what a submission lacks: the form is
// otherwise valid and can be kept as a draft.
func onlyMissing(errs web.FieldErrors, miss map[string]string) bool {
	for k, m := range errs {
		if miss[k] != m {
			return false
		}
	}
	return true
}

// saveRefusedSubmit keeps a submission that lacks results as a draft, then shows the form
// with what is missing: nothing typed is lost because the report was incomplete.
func (s *Server) saveRefusedSubmit(w http.ResponseWriter, r *http.Request, d *reportData, in *reportInput, errs web.FieldErrors) error {
	ctx := r.Context()
	in.Action = domain.ActionSave
	out, err := s.reporting.Save(ctx, s.actor(r), &d.ReportPage, in.save())
	switch k := usecase.KindOf(err); {
	case k == usecase.KindConflict || k == usecase.KindInvalid:
		return s.refusedSaveKeepingFiles(w, r, d, in, err)
	case err != nil:
		return err
	}
	s.forgetKeptDraft(r)
	notice := i18n.T(ctx, "report.submit_kept_unchanged")
	if out.Outcome == reporting.Saved {
		notice = i18n.Tf(ctx, "report.submit_kept_saved", domain.FormatDateTime(s.now()))
	}
	for _, ri := range in.Results {
		ri.Files = nil // stored with the draft: listed with the result, not asked for again
	}
	return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, formState{in: in, errs: errs, notice: notice, errorsTitle: i18n.T(ctx, "report.submit_missing_title")})
}

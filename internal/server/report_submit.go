package server

import (
	"context"
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
	if tooLarge, err := s.parseReportForm(w, r); tooLarge || err != nil {
		return err
	}
	defer r.MultipartForm.RemoveAll()
	if r.PostFormValue("action") == string(domain.ActionSubmit) {
		if err := authorize(ctx, authz.SubmitReport, unitID); err != nil {
			return err
		}
	}
	d, err := s.loadReport(ctx, unitID, periodID, false)
	if err != nil {
		return err
	}
	in, errs := s.decodeReport(r, d)
	if errs.Any() && in.Action == domain.ActionSubmit && onlyMissing(errs, missing(ctx, d, in)) {
		return s.saveRefusedSubmit(w, r, d, in, errs)
	}
	if errs.Any() {
		askFilesAgain(ctx, in, errs)
		return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, formState{in: in, errs: errs})
	}
	out, err := s.reporting.Save(ctx, s.actor(r), &d.ReportPage, in.save())
	switch usecase.KindOf(err) {
	case usecase.KindNone:
		if err != nil {
			return err
		}
	case usecase.KindConflict, usecase.KindInvalid:
		return s.renderRefusedSave(w, r, d, in, err)
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

// askFilesAgain tells the user that files chosen with a form that had errors were not kept:
// a browser cannot refill a file input.
func askFilesAgain(ctx context.Context, in *reportInput, errs web.FieldErrors) {
	for _, ri := range in.Results {
		if len(ri.Files) > 0 && errs[ri.Key+"_file"] == "" {
			errs[ri.Key+"_file"] = i18n.T(ctx, "report.v.file_again")
		}
	}
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
		return s.renderRefusedSave(w, r, d, in, err)
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

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
	switch out.Outcome {
	case reporting.Saved:
		s.flash(r, i18n.Tf(ctx, "report.flash_saved", domain.FormatDateTime(s.now())))
	case reporting.Submitted:
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

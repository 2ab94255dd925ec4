package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// reportForm shows a unit's report for a period: the form while the unit may change it,
// a read-only view otherwise (after submission, to the director, to the reform office).
func (s *Server) reportForm(w http.ResponseWriter, r *http.Request) error {
	unitID, periodID, err := reportParams(r, authz.ViewUnitReports)
	if err != nil {
		return err
	}
	d, err := s.loadReport(r.Context(), unitID, periodID, true)
	if err != nil {
		return err
	}
	if k, ok := s.restoredDraft(r); ok && s.editable(r.Context(), d) {
		in, errs := s.decodeReport(restoredRequest(r, k), d, nil)
		return s.renderReportForm(w, r, http.StatusOK, d, formState{in: in, errs: errs, notice: restoredNotice(r, k), version: in.Version})
	}
	return s.renderReportForm(w, r, http.StatusOK, d, formState{})
}

// formState is what a re-rendered form carries besides the stored report: what the user
// typed, the messages for it, and why a save was refused.
type formState struct {
	in       *reportInput
	errs     web.FieldErrors
	conflict *web.Conflict
	stored   map[string]string // result key → note on the newer stored value
	notice   string            // a note above the form (restored values)
	version  int               // the version the values were typed on, when not the stored one
	// errorsTitle heads the error list when the values were saved all the same
	errorsTitle string
	// a comment refused, as typed, with its message
	comment     string
	commentErrs web.FieldErrors
}

// editable reports whether this user may change this report now.
func (s *Server) editable(ctx context.Context, d *reportData) bool {
	p := userFrom(ctx).principal()
	return authz.Can(p, authz.EditUnitReport, d.Unit.ID) && d.status().Editable() && !d.Period.Closed()
}

func (s *Server) renderReportForm(w http.ResponseWriter, r *http.Request, status int, d *reportData, fs formState) error {
	ctx := r.Context()
	if !d.full {
		var err error
		if d, err = s.loadReport(ctx, d.Unit.ID, d.Period.ID, true); err != nil {
			return err
		}
	}
	p := userFrom(ctx).principal()
	edit := s.editable(ctx, d)
	props := web.ReportFormProps{
		Meta:      s.meta(r, reportTitle(ctx, d), "reports"),
		Header:    s.reportHeader(ctx, d),
		Editable:  edit,
		CanSubmit: edit && authz.Can(p, authz.SubmitReport, d.Unit.ID),
		Action:    reportURL(d.Unit.ID, d.Period.ID),
		Version:   d.version(),
		Errors:    fs.errs,
		Conflict:  fs.conflict,
		Accept:    upload.Accept,
		MaxUpload: formatBytes(s.cfg.UploadMaxBytes),
		KeepAlive: fmt.Sprint(keepAliveEvery(s.cfg.SessionIdleTimeout).Milliseconds()),
		BackHref:  "/reports",
		Empty:     len(d.Targets)+len(d.Tasks) == 0,
	}
	props.ErrorsTitle = fs.errorsTitle
	if fs.version > 0 {
		props.Version = fs.version
	}
	if u := userFrom(ctx); u != nil {
		props.Owner = u.ID
	}
	if props.Errors == nil {
		props.Errors = web.FieldErrors{}
	}
	if !authz.Can(p, authz.EditUnitReport, d.Unit.ID) {
		props.BackHref = "/"
		if authz.Can(p, authz.ViewAllUnits, 0) {
			props.BackHref = "/review/matrix?year=" + fmt.Sprint(d.Period.Year)
		}
	}
	if d.Report != nil && authz.Can(p, authz.ReviewReports, 0) {
		props.ReviewHref = fmt.Sprintf("/review/%d", d.Report.ID)
	}
	if !edit {
		props.Notice = s.readOnlyNotice(ctx, d)
	} else if fs.notice != "" {
		props.Notice = fs.notice
	}
	b := s.newAreaBuilder(ctx, d, fs)
	if edit {
		docs := d.RegisterDocs
		if !d.full || !authz.Can(p, authz.EditUnitReport, d.Unit.ID) { // not read with the page (loadReport)
			var err error
			if docs, _, err = s.store.ListEvidenceDocs(ctx, store.RegisterQuery{UnitID: d.Unit.ID, WithShared: true, Limit: registerChoices}); err != nil {
				return err
			}
		}
		for _, doc := range docs {
			props.RegisterDocs = append(props.RegisterDocs, web.Option{Value: fmt.Sprint(doc.ID), Label: registerDocLabel(ctx, doc)})
		}
		b.registerDocs = props.RegisterDocs
		props.RegisterHref = registerURL(d.Unit.ID)
	}
	props.Areas = b.areas(edit, false)
	props.ErrorList = b.errorList(fs.errs)
	props.History = b.reportHistory()
	props.Comments = s.commentsView(ctx, d, reportURL(d.Unit.ID, d.Period.ID), fs.comment, fs.commentErrs)
	props.Meta.PrintScope = reportScope(ctx, d)
	s.render(w, r, status, web.ReportFormPage(props))
	return nil
}

// reportScope is what a printed report covers: its plans, period and unit.
func reportScope(ctx context.Context, d *reportData) string {
	var plans []string
	seen := map[string]bool{}
	add := func(code string) {
		if code != "" && !seen[code] {
			seen[code] = true
			plans = append(plans, code)
		}
	}
	for _, t := range d.Targets {
		add(t.PlanCode)
	}
	for _, t := range d.Tasks {
		add(t.PlanCode)
	}
	parts := []string{}
	if len(plans) > 0 {
		parts = append(parts, i18n.T(ctx, "dashboard.plan")+" "+strings.Join(plans, ", "))
	}
	return strings.Join(append(parts, periodLabel(ctx, d.Period), d.Unit.Name), " · ")
}

func reportTitle(ctx context.Context, d *reportData) string {
	return i18n.Tf(ctx, "report.title", periodLabel(ctx, d.Period), d.Unit.Name)
}

// closedNotice tells a unit its period is closed, since when, and whom to ask.
func closedNotice(ctx context.Context, p store.Period) string {
	if p.ClosedAt == nil {
		return i18n.T(ctx, "report.period_closed")
	}
	return i18n.Tf(ctx, "report.period_closed_at", periodLabel(ctx, p), domain.FormatDateTime(*p.ClosedAt))
}

// readOnlyNotice says why the report cannot be changed here.
func (s *Server) readOnlyNotice(ctx context.Context, d *reportData) string {
	p := userFrom(ctx).principal()
	switch {
	case !authz.Can(p, authz.EditUnitReport, d.Unit.ID):
		return i18n.T(ctx, "report.read_only")
	case d.Period.Closed():
		return closedNotice(ctx, d.Period)
	case d.status() == domain.StatusApproved:
		return i18n.T(ctx, "report.locked_approved")
	case d.status() == domain.StatusSubmitted:
		return i18n.T(ctx, "report.waiting_review")
	}
	return ""
}

// lastSentBackByReopen reports whether the newest of the report's returns and reopens (its
// history is newest first) was a reopen: both leave the report "returned", but the unit is
// told which happened.
func lastSentBackByReopen(history []store.HistoryEntry) bool {
	for _, h := range history {
		switch h.Action {
		case "report." + string(domain.ActionReopen):
			return true
		case "report." + string(domain.ActionReturn):
			return false
		}
	}
	return false
}

// reportHeader is the facts at the top of every page of a report.
func (s *Server) reportHeader(ctx context.Context, d *reportData) web.ReportHeader {
	upr := store.UnitPeriodReport{Period: d.Period, Status: string(d.status())}
	if d.Report != nil {
		upr.ReportID, upr.SubmittedAt, upr.ApprovedAt, upr.Version = d.Report.ID, d.Report.SubmittedAt, d.Report.ApprovedAt, d.Report.Version
	}
	row := s.periodRow(ctx, upr, "")
	h := web.ReportHeader{
		Title: reportTitle(ctx, d), UnitName: d.Unit.Name, PeriodLabel: row.Label, Window: row.Window,
		Deadline: row.Deadline, StatusClass: row.StatusClass, StatusLabel: row.StatusLabel,
		DueClass: row.DueClass, DueText: row.DueText,
	}
	if d.Period.Closed() {
		h.DueClass, h.DueText = "closed", i18n.T(ctx, "status.closed")
		if d.Report != nil && d.Report.SubmittedAt != nil {
			t := domain.ReportTimeliness(d.Period.Deadline, d.Report.SubmittedAt, s.now())
			h.DueClass, h.DueText = string(t), t.Label(lang(ctx))
		}
	}
	if rep := d.Report; rep != nil {
		if rep.SubmittedAt != nil && rep.Status != domain.StatusDraft {
			h.Submitted = byLine(*rep.SubmittedAt, rep.SubmittedByName)
		}
		if rep.ApprovedAt != nil {
			h.Approved = byLine(*rep.ApprovedAt, rep.ApprovedByName)
		}
		if rep.Status == domain.StatusReturned && rep.ReturnComment != "" {
			h.ReturnComment = rep.ReturnComment
			if rep.ReturnedAt != nil {
				h.ReturnedBy = byLine(*rep.ReturnedAt, rep.ReturnedByName)
			}
			h.Reopened = lastSentBackByReopen(d.History)
		}
	}
	return h
}

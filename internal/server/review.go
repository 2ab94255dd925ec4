package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// The reform office's review: an inbox of submitted reports, the completeness matrix, and
// one report against its targets with approve, return (with a required comment) and, for
// an approved report, reopen. The director and the admin read these pages; only the reform
// office acts on them.

func (s *Server) currentYear() int { return s.now().In(domain.Location).Year() }

// reviewTitle names the review pages for the reader: the reform office reviews, the
// director reads every unit's reports there.
func reviewTitle(ctx context.Context) string {
	if authz.Can(userFrom(ctx).principal(), authz.ReviewReports, 0) {
		return i18n.T(ctx, "review.title")
	}
	return i18n.T(ctx, "nav.unit_reports")
}

func (s *Server) reviewInbox(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	page := pageParam(r)
	const size = 50
	rows, total, err := s.store.ReviewInbox(ctx, store.Page{Number: page, Size: size})
	if err != nil {
		return err
	}
	props := web.ReviewInboxProps{Meta: s.meta(r, reviewTitle(ctx), "review"), Total: total, Year: s.currentYear(),
		Pager: web.Pager{Page: page, HasNext: page*size < total, Total: total, BaseURL: "/review"}}
	for _, ir := range rows {
		t := domain.ReportTimeliness(ir.Period.Deadline, &ir.SubmittedAt, s.now())
		props.Rows = append(props.Rows, web.InboxRow{Href: fmt.Sprintf("/review/%d", ir.ReportID), Unit: ir.UnitName,
			Period: periodLabel(ctx, ir.Period), Submitted: domain.FormatDateTime(ir.SubmittedAt), By: ir.SubmittedByName,
			DueClass: string(t), DueText: t.Label(lang(ctx))})
	}
	s.render(w, r, http.StatusOK, web.ReviewInboxPage(props))
	return nil
}

func (s *Server) reviewMatrix(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil || year < 2000 || year > 2100 {
		year = s.currentYear()
	}
	page := pageParam(r)
	c, err := s.store.CompletenessFor(ctx, year, store.Page{Number: page, Size: 100})
	if err != nil {
		return err
	}
	domain.SortByVI(c.Units, func(u store.Unit) string { return u.Name })
	props := web.ReviewMatrixProps{Meta: s.meta(r, reviewTitle(ctx), "review"), Year: year,
		Pager: web.Pager{Page: page, HasNext: c.HasNext, Total: -1, BaseURL: fmt.Sprintf("/review/matrix?year=%d", year)}}
	for y := s.currentYear() + 1; y >= s.currentYear()-5; y-- {
		props.Years = append(props.Years, web.Option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	for _, p := range c.Periods {
		label := periodLabel(ctx, p)
		if p.Closed() {
			label += i18n.T(ctx, "review.closed_suffix")
		}
		props.Periods = append(props.Periods, label)
	}
	cells := map[[2]int64]store.MatrixCell{}
	for _, m := range c.Cells {
		cells[[2]int64{m.UnitID, m.PeriodID}] = m
	}
	counts := map[string]int{}
	for _, u := range c.Units {
		row := web.CompletenessRow{Unit: u.Name}
		for _, p := range c.Periods {
			row.Cells = append(row.Cells, s.matrixCell(ctx, u, p, cells[[2]int64{u.ID, p.ID}], counts))
		}
		props.Rows = append(props.Rows, row)
	}
	for _, k := range []string{"not_started", "draft", "submitted", "returned", "approved", "late", "overdue"} {
		props.Counts = append(props.Counts, web.CountRow{Label: i18n.T(ctx, "review.count_"+k), Count: counts[k]})
	}
	s.render(w, r, http.StatusOK, web.ReviewMatrixPage(props))
	return nil
}

// matrixCell is one unit's report in one period: its status, and whether it came late or
// is overdue (deadline passed, not sent, period still open).
func (s *Server) matrixCell(ctx context.Context, u store.Unit, p store.Period, m store.MatrixCell, counts map[string]int) web.CompletenessCell {
	status := m.Status
	if m.ReportID == 0 {
		status = string(domain.NotStarted)
	}
	counts[status]++
	cell := web.CompletenessCell{StatusClass: status, StatusLabel: statusLabel(ctx, status), Href: reportURL(u.ID, p.ID)}
	if m.ReportID != 0 {
		cell.Href = fmt.Sprintf("/review/%d", m.ReportID)
	}
	sent := m.SubmittedAt
	if status == string(domain.StatusDraft) {
		sent = nil
	}
	if p.StartsOn.After(s.now()) {
		return cell
	}
	switch t := domain.ReportTimeliness(p.Deadline, sent, s.now()); {
	case t == domain.Late:
		cell.Late, cell.LateClass = i18n.T(ctx, "review.late"), "late"
		counts["late"]++
	case t == domain.Overdue && !p.Closed():
		cell.Late, cell.LateClass = i18n.T(ctx, "review.overdue"), "overdue"
		counts["overdue"]++
	case t == domain.Overdue:
		cell.Late, cell.LateClass = i18n.T(ctx, "review.never_sent"), "overdue"
	}
	return cell
}

func (s *Server) reviewReport(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "reportID")
	if err != nil {
		return err
	}
	return s.renderReview(w, r, http.StatusOK, id, "", nil, "")
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, id int64, comment string, errs web.FieldErrors, notice string) error {
	ctx := r.Context()
	rep, err := s.store.ReportByID(ctx, id)
	if err != nil {
		return err
	}
	p := userFrom(ctx).principal()
	if err := authorize(ctx, authz.ViewUnitReports, rep.UnitID); err != nil {
		return err
	}
	d, err := s.loadReport(ctx, rep.UnitID, rep.PeriodID, true)
	if err != nil {
		return err
	}
	allowed := map[domain.ReportAction]bool{}
	for _, a := range domain.AllowedActions(d.status(), d.Period.Closed()) {
		allowed[a] = true
	}
	props := web.ReviewProps{Meta: s.meta(r, reportTitle(ctx, d), "review"), Header: s.reportHeader(ctx, d), Notice: notice,
		FormHref: fmt.Sprintf("/review/%d", id), Version: d.version(), Comment: comment, Errors: errs,
		CanApprove: allowed[domain.ActionApprove] && authz.ApproveReport(p, rep.UnitID, s.reporting.SeparationOfDuties()) == authz.Allow,
		CanReturn:  allowed[domain.ActionReturn] && authz.Can(p, authz.ReviewReports, 0),
		CanReopen:  allowed[domain.ActionReopen] && authz.Can(p, authz.ReopenReport, 0)}
	if props.Notice == "" && d.Period.Closed() {
		props.Notice = i18n.T(ctx, "report.period_closed")
	}
	if props.Notice == "" && allowed[domain.ActionApprove] && !props.CanApprove && authz.Can(p, authz.ReviewReports, 0) {
		// The reform office's own unit's report, under separation of duties: say who approves it.
		props.Notice = i18n.T(ctx, "review.sod_notice")
	}
	b := s.newAreaBuilder(ctx, d, formState{})
	props.Areas = b.areas(false, true)
	props.History = b.reportHistory()
	props.Comments = s.commentsView(ctx, d, reviewURL(id), "", nil)
	props.Meta.PrintScope = reportScope(ctx, d)
	props.Summary = evaluationSummary(ctx, props.Areas)
	s.render(w, r, status, web.ReviewPage(props))
	return nil
}

// reviewAction approves, returns or reopens a report through reporting.Review: a comment
// missing or too long shows the page again (422), a report changed meanwhile or a move
// the workflow refuses is a 409 with the reason, a repeated click is answered as done.
func (s *Server) reviewAction(action domain.ReportAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		switch action {
		case domain.ActionApprove:
			// Whether this report may be approved by this user (separation of duties) is the
			// use case's to decide, on the locked report; here only who may approve at all.
			if authz.ApproveReport(userFrom(ctx).principal(), 0, s.reporting.SeparationOfDuties()) != authz.Allow {
				return errForbidden
			}
		case domain.ActionReopen:
			if err := authorize(ctx, authz.ReopenReport, 0); err != nil {
				return err
			}
		default:
			if err := authorize(ctx, authz.ReviewReports, 0); err != nil {
				return err
			}
		}
		id, err := idParam(r, "reportID")
		if err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return badRequest(err)
		}
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		in := reporting.Review{ReportID: id, Action: action, Version: version, Comment: r.PostFormValue("comment")}
		comment := strings.TrimSpace(strings.ReplaceAll(in.Comment, "\r\n", "\n"))
		out, err := s.reporting.Review(ctx, s.actor(r), in)
		if errs, ok := invalid(ctx, err); ok {
			return s.renderReview(w, r, http.StatusUnprocessableEntity, id, comment, errs, "")
		}
		if usecase.KindOf(err) == usecase.KindConflict {
			return s.renderReview(w, r, http.StatusConflict, id, comment, nil, refusalText(ctx, err))
		}
		if err != nil {
			return err
		}
		if out.Already {
			s.flash(r, i18n.T(ctx, "review.flash_already"))
			return seeOther(w, r, fmt.Sprintf("/review/%d", id))
		}
		unit, err := s.store.UnitByID(ctx, out.UnitID)
		if err != nil {
			return err
		}
		s.flash(r, i18n.Tf(ctx, "review.flash_"+string(action), periodLabel(ctx, out.Period), unit.Name))
		if action == domain.ActionReopen {
			return seeOther(w, r, fmt.Sprintf("/review/%d", id))
		}
		return seeOther(w, r, "/review")
	}
}

// evaluationSummary counts the report's targets by their status against the commitments,
// worst first, so the reviewer sees at once what needs a look.
func evaluationSummary(ctx context.Context, areas []web.ReportArea) []web.CountRow {
	counts := map[string]int{}
	for _, a := range areas {
		for _, t := range a.Targets {
			counts[t.EvalClass]++
		}
	}
	var out []web.CountRow
	for _, st := range domain.AllTargetStatuses() {
		if n := counts[string(st)]; n > 0 {
			out = append(out, web.CountRow{Label: st.Label(lang(ctx)), Count: n})
		}
	}
	return out
}

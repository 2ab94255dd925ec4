package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The reform office's review: an inbox of submitted reports, the completeness matrix, and
// one report against its targets with approve, return (with a required comment) and, for
// an approved report, reopen. The director and the admin read these pages; only the reform
// office acts on them.

func (s *Server) currentYear() int { return s.now().In(domain.Location).Year() }

func (s *Server) reviewInbox(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	page := pageParam(r)
	const size = 50
	rows, total, err := s.store.ReviewInbox(ctx, store.Page{Number: page, Size: size})
	if err != nil {
		return err
	}
	props := web.ReviewInboxProps{Meta: s.meta(r, i18n.T(ctx, "review.title"), "review"), Total: total, Year: s.currentYear(),
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
	props := web.ReviewMatrixProps{Meta: s.meta(r, i18n.T(ctx, "review.title"), "review"), Year: year,
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
		CanApprove: allowed[domain.ActionApprove] && authz.Can(p, authz.ReviewReports, 0),
		CanReturn:  allowed[domain.ActionReturn] && authz.Can(p, authz.ReviewReports, 0),
		CanReopen:  allowed[domain.ActionReopen] && authz.Can(p, authz.ReopenReport, 0)}
	if props.Notice == "" && d.Period.Closed() {
		props.Notice = i18n.T(ctx, "report.period_closed")
	}
	b := s.newAreaBuilder(ctx, d, formState{})
	props.Areas = b.areas(false, true)
	props.History = b.reportHistory()
	props.Summary = evaluationSummary(ctx, props.Areas)
	s.render(w, r, status, web.ReviewPage(props))
	return nil
}

// reviewAction approves, returns or reopens a report. The posted version guards against
// acting on a report that changed since the page was shown; a repeated click finds the
// report already where it was sent and is answered as done.
func (s *Server) reviewAction(action domain.ReportAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		perm := authz.ReviewReports
		if action == domain.ActionReopen {
			perm = authz.ReopenReport
		}
		if err := authorize(ctx, perm, 0); err != nil {
			return err
		}
		id, err := idParam(r, "reportID")
		if err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return badRequest(err)
		}
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		comment := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("comment"), "\r\n", "\n"))
		needsComment := action == domain.ActionReturn || action == domain.ActionReopen
		switch {
		case needsComment && comment == "":
			return s.renderReview(w, r, http.StatusUnprocessableEntity, id, comment, web.FieldErrors{"comment": i18n.T(ctx, "review.v.comment_required")}, "")
		case utf8.RuneCountInString(comment) > maxNarrative:
			return s.renderReview(w, r, http.StatusUnprocessableEntity, id, comment, web.FieldErrors{"comment": i18n.Tf(ctx, "report.v.too_long", maxNarrative)}, "")
		}
		var outcome, periodName string
		var refusal error
		var unitID int64
		err = s.store.InTx(ctx, func(tx pgx.Tx) error {
			rep, err := store.LockReport(ctx, tx, id)
			if err != nil {
				return err
			}
			period, err := store.LockPeriodShared(ctx, tx, rep.PeriodID)
			if err != nil {
				return err
			}
			unitID, periodName = rep.UnitID, periodLabel(ctx, period)
			if rep.Version != version {
				outcome = "stale"
				if reviewedAlready(action, domain.ReportStatus(rep.Status)) {
					outcome = "already"
				}
				return errRollback
			}
			next, err := domain.NextStatus(domain.ReportStatus(rep.Status), action, period.Closed())
			if err != nil {
				outcome, refusal = "refused", err
				return errRollback
			}
			change := store.ReportChange{Status: string(next), Stamp: "approved", ActorID: userFrom(ctx).ID, At: s.now()}
			if needsComment {
				change.Stamp, change.ReturnComment = "returned", &comment
			}
			v, err := store.UpdateReport(ctx, tx, id, rep.Version, change)
			if err != nil {
				return err
			}
			before := reportAudit{Status: rep.Status, Version: rep.Version, Period: periodLabel(ctx, period)}
			after := reportAudit{Status: string(next), Version: v, Comment: comment}
			return store.Audit(ctx, tx, s.auditEntry(r, "report."+string(action), "report", fmt.Sprint(id)), before, after)
		})
		if err != nil && !errors.Is(err, errRollback) {
			return err
		}
		switch outcome {
		case "stale":
			return s.renderReview(w, r, http.StatusConflict, id, comment, nil, i18n.T(ctx, "review.stale"))
		case "refused":
			return s.renderReview(w, r, http.StatusConflict, id, comment, nil, message(ctx, refusal))
		case "already":
			s.flash(r, i18n.T(ctx, "review.flash_already"))
			return seeOther(w, r, fmt.Sprintf("/review/%d", id))
		}
		unit, err := s.store.UnitByID(ctx, unitID)
		if err != nil {
			return err
		}
		s.flash(r, i18n.Tf(ctx, "review.flash_"+string(action), periodName, unit.Name))
		if action == domain.ActionReopen {
			return seeOther(w, r, fmt.Sprintf("/review/%d", id))
		}
		return seeOther(w, r, "/review")
	}
}

// reviewedAlready reports whether the report already stands where the action sends it.
func reviewedAlready(a domain.ReportAction, s domain.ReportStatus) bool {
	switch a {
	case domain.ActionApprove:
		return s == domain.StatusApproved
	case domain.ActionReturn, domain.ActionReopen:
		return s == domain.StatusReturned
	}
	return false
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

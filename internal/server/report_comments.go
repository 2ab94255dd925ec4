package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/web"
)

// commentOnReport records the director's or the reform office's comment on a unit's report
// (reporting.Comment decides who may) and goes back to the page it was written on.
func (s *Server) commentOnReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, periodID, err := reportParams(r, authz.ViewUnitReports)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	typed := r.PostFormValue("remark")
	_, err = s.reporting.Comment(ctx, s.actor(r), reporting.NewComment{UnitID: unitID, PeriodID: periodID, Body: typed})
	if errs, ok := invalid(ctx, err); ok {
		d, err := s.loadReport(ctx, unitID, periodID, true)
		if err != nil {
			return err
		}
		return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, formState{comment: typed, commentErrs: errs})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "report.flash_commented"))
	back := localPath(r.PostFormValue("back"))
	if back == "/" {
		back = reportURL(unitID, periodID)
	}
	return seeOther(w, r, back+"#comments")
}

// commentsView is the comments on a report as its pages show them, with the form for those
// who may comment; back is the page to return to after commenting.
func (s *Server) commentsView(ctx context.Context, d *reportData, back, typed string, errs web.FieldErrors) web.CommentsView {
	p := userFrom(ctx).principal()
	v := web.CommentsView{CanComment: authz.Can(p, authz.Comment, d.Unit.ID),
		Action: reportURL(d.Unit.ID, d.Period.ID) + "/comments", Back: back, Typed: typed, Errors: errs}
	if v.Errors == nil {
		v.Errors = web.FieldErrors{}
	}
	for _, c := range d.Comments {
		v.Rows = append(v.Rows, web.CommentRow{Author: c.AuthorName, Role: authz.Role(c.AuthorRole).Label(lang(ctx)),
			At: domain.FormatDateTime(c.CreatedAt), Body: strings.TrimSpace(c.Body)})
	}
	return v
}

func reviewURL(id int64) string { return fmt.Sprintf("/review/%d", id) }

package server

import (
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// unitReports lists the signed-in user's unit's reports by period.
func (s *Server) unitReports(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if u.UnitID == 0 {
		return errForbidden
	}
	if err := authorize(ctx, authz.EditUnitReport, u.UnitID); err != nil {
		return err
	}
	page := pageParam(r)
	const size = 12
	rows, err := s.store.UnitReports(ctx, u.UnitID, store.Page{Number: page, Size: size, Lookahead: true})
	if err != nil {
		return err
	}
	props := web.ReportsProps{Meta: s.meta(r, i18n.T(ctx, "reports.title"), "reports"), UnitName: u.UnitName,
		Pager: web.Pager{Page: page, HasNext: len(rows) > size, BaseURL: "/reports"}}
	for i, row := range rows {
		if i == size {
			break
		}
		props.Rows = append(props.Rows, s.periodRow(ctx, row, reportURL(u.UnitID, row.Period.ID)))
	}
	s.render(w, r, http.StatusOK, web.ReportsPage(props))
	return nil
}

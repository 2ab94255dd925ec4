package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// listAudit lets the admin browse and filter the audit log; nothing is hidden from it.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	props := web.AuditProps{
		Meta:  s.meta(r, i18n.T(ctx, "admin.audit"), "audit"),
		Actor: strings.TrimSpace(q.Get("actor")), Action: strings.TrimSpace(q.Get("action")),
		Entity: strings.TrimSpace(q.Get("entity")), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Errors: web.FieldErrors{},
	}
	f := store.AuditFilter{Actor: props.Actor, Action: props.Action, Entity: props.Entity}
	parse := func(field, v string) *time.Time {
		if v == "" {
			return nil
		}
		t, err := domain.ParseDate(v)
		if err != nil {
			props.Errors[field] = i18n.T(ctx, "v.date")
			return nil
		}
		return &t
	}
	f.From, f.To = parse("from", props.From), parse("to", props.To)
	page := pageParam(r)
	entries, more, err := s.store.ListAudit(ctx, f, store.Page{Number: page, Size: 50})
	if err != nil {
		return err
	}
	if props.Rows, err = s.auditRows(ctx, entries); err != nil {
		return err
	}
	props.Pager = web.Pager{Page: page, HasNext: more, Total: -1,
		BaseURL: "/admin/audit?" + urlValues("actor", props.Actor, "action", props.Action, "entity", props.Entity, "from", props.From, "to", props.To)}
	s.render(w, r, http.StatusOK, web.AuditPage(props))
	return nil
}

package server

import (
	"fmt"
	"net/http"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

var mailStates = []string{"pending", "sent", "failed", "outbox"}

// adminMail lists the mail the portal composed: sent, waiting, failed, or kept in the
// outbox when no mail server is set; and the addresses refused for good.
func (s *Server) adminMail(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	state := r.URL.Query().Get("state")
	props := web.AdminMailProps{Meta: s.meta(r, i18n.T(ctx, "admin.mail"), "mail"), Outbox: s.cfg.SMTPURL == "", State: state,
		States: []web.Option{{Value: "", Label: i18n.T(ctx, "admin.mail.all")}}}
	valid := state == ""
	for _, st := range mailStates {
		props.States = append(props.States, web.Option{Value: st, Label: i18n.T(ctx, "admin.mail.state."+st)})
		valid = valid || st == state
	}
	if !valid {
		return badRequest(nil)
	}
	page := pageParam(r)
	list, more, err := s.store.ListMail(ctx, state, store.Page{Number: page, Size: 50})
	if err != nil {
		return err
	}
	for _, m := range list {
		props.Rows = append(props.Rows, mailRow(r, m))
	}
	refused, err := s.store.RefusedAddresses(ctx, 50)
	if err != nil {
		return err
	}
	for _, a := range refused {
		props.Refused = append(props.Refused, web.RefusedRow{Href: fmt.Sprintf("/admin/users/%d", a.UserID), FullName: a.FullName,
			Email: a.Email, At: domain.FormatDateTime(a.RefusedAt), Reason: a.Refusal})
	}
	props.Pager = web.Pager{Page: page, HasNext: more, Total: -1, BaseURL: "/admin/mail?" + urlValues("state", state)}
	s.render(w, r, http.StatusOK, web.AdminMailPage(props))
	return nil
}

// adminMailMessage shows one mail as its recipient reads it (the plain text part).
func (s *Server) adminMailMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "mailID")
	if err != nil {
		return err
	}
	m, err := s.store.MailByID(r.Context(), id)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, web.AdminMailMessagePage(web.AdminMailMessageProps{
		Meta: s.meta(r, m.Subject, "mail"), Row: mailRow(r, m), Text: m.Text}))
	return nil
}

func mailRow(r *http.Request, m store.MailMessage) web.MailRow {
	return web.MailRow{ID: m.ID, To: m.To, UserName: m.UserName, Subject: m.Subject, State: m.State,
		StateLabel: i18n.T(r.Context(), "admin.mail.state."+m.State), Created: domain.FormatDateTime(m.CreatedAt),
		Attempts: m.Attempts, LastError: m.LastError}
}

package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The administrator's page of open-data API clients: the list (scope, expiry, last use,
// revoke) and the form of a new one, whose token the answer shows once. The use case is
// internal/opendata's, which `cchc api-client` runs too.

func (s *Server) listAPIClients(w http.ResponseWriter, r *http.Request) error {
	return s.renderAPIClients(w, r, http.StatusOK, opendata.ClientInput{}, nil, opendata.Created{})
}

func (s *Server) renderAPIClients(w http.ResponseWriter, r *http.Request, status int, in opendata.ClientInput, errs web.FieldErrors, created opendata.Created) error {
	ctx := r.Context()
	const size = 50
	pg := pageParam(r)
	clients, err := s.opendata.Clients(ctx, store.Page{Number: pg, Size: size, Lookahead: true})
	if err != nil {
		return err
	}
	plans, err := s.store.ListPlans(ctx, store.Page{Number: 1, Size: 200})
	if err != nil {
		return err
	}
	units, err := s.store.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	codeOf := map[int64]string{}
	props := web.APIClientsProps{Meta: s.meta(r, i18n.T(ctx, "api.clients"), "api_clients"), Name: in.Name,
		Submitted: in.IncludeSubmitted, Expires: in.Expires, Errors: errs, Token: created.Token, TokenName: created.Name}
	for _, p := range plans {
		codeOf[p.ID] = p.Code
		if p.Status == domain.PlanDraft {
			continue
		}
		props.Plans = append(props.Plans, web.Option{Value: p.Code, Label: p.Code + " — " + p.Title, Selected: contains(in.Plans, p.Code)})
	}
	props.Units = []web.Option{{Value: "", Label: i18n.T(ctx, "api.f_unit_all"), Selected: in.Unit == ""}}
	for _, u := range units {
		props.Units = append(props.Units, web.Option{Value: u.Code, Label: u.Code + " — " + u.Name, Selected: strings.EqualFold(u.Code, in.Unit)})
	}
	if len(clients) > size {
		clients, props.Pager.HasNext = clients[:size], true
	}
	props.Pager.Page, props.Pager.Total, props.Pager.BaseURL = pg, -1, "/admin/api-clients?"
	for _, c := range clients {
		props.Rows = append(props.Rows, apiClientRow(ctx, c, codeOf))
	}
	if created.Token != "" {
		// the token is in this page alone: no cache may keep it
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, web.APIClientsPage(props))
	return nil
}

func apiClientRow(ctx context.Context, c store.APIClient, codeOf map[int64]string) web.APIClientRow {
	row := web.APIClientRow{Name: c.Name, TokenHint: c.TokenHint, Submitted: c.IncludeSubmitted,
		Created: domain.FormatDateTime(c.CreatedAt), Plans: i18n.T(ctx, "api.scope_all_plans"), Unit: i18n.T(ctx, "api.scope_all_units"),
		Expires: i18n.T(ctx, "api.never"), LastUsed: i18n.T(ctx, "api.never_used")}
	if len(c.PlanIDs) > 0 {
		var codes []string
		for _, id := range c.PlanIDs {
			codes = append(codes, codeOf[id])
		}
		row.Plans = strings.Join(codes, ", ")
	}
	if c.UnitID != 0 {
		row.Unit = i18n.Tf(ctx, "api.scope_unit", c.UnitName)
	}
	if c.ExpiresAt != nil {
		// stored as the start of the day after the last one
		row.Expires = domain.FormatDate(c.ExpiresAt.In(domain.Location).AddDate(0, 0, -1))
	}
	if c.LastUsedAt != nil {
		row.LastUsed = domain.FormatDateTime(*c.LastUsedAt)
	}
	if c.RevokedAt != nil {
		row.Revoked = domain.FormatDateTime(*c.RevokedAt)
	} else {
		row.RevokeURL = fmt.Sprintf("/admin/api-clients/%d/revoke", c.ID)
	}
	return row
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (s *Server) createAPIClient(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	in := opendata.ClientInput{Name: r.PostFormValue("name"), Plans: r.PostForm["plans"], Unit: r.PostFormValue("unit"),
		IncludeSubmitted: r.PostFormValue("submitted") == "1", Expires: r.PostFormValue("expires")}
	created, err := s.opendata.CreateClient(ctx, s.actor(r), in)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderAPIClients(w, r, http.StatusUnprocessableEntity, in, errs, opendata.Created{})
	}
	if err != nil {
		return err
	}
	// shown here, once: a redirect would have to carry the token through the session
	return s.renderAPIClients(w, r, http.StatusCreated, opendata.ClientInput{}, nil, created)
}

func (s *Server) revokeAPIClient(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "clientID")
	if err != nil {
		return err
	}
	if err := s.opendata.RevokeClient(ctx, s.actor(r), id); err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "api.revoked"))
	return seeOther(w, r, "/admin/api-clients")
}

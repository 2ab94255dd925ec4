// Package opendata is the open-data use cases: the API's clients (created, listed and
// revoked by the admin page and `cchc api-client` alike), the authentication of a token,
// a client's scope (which plans, which unit subtree, whether results awaiting review count),
// the opaque page cursor and the per-client rate limit. It knows neither HTTP nor SQL.
package opendata

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// TokenPrefix starts every token, so a leaked one is recognisable in logs and scanners.
const TokenPrefix = "cchc_"

// Service runs the open-data use cases.
type Service struct {
	st  store.Store
	now usecase.Clock
}

// New makes the service; now is the clock (time.Now outside tests).
func New(st store.Store, now usecase.Clock) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

// ClientInput is a new client as a person types it, on the admin page or the command line.
type ClientInput struct {
	Name             string
	Plans            []string // plan codes; none: every plan that is not a draft
	Unit             string   // unit code whose subtree it reads; "": the whole tree
	IncludeSubmitted bool
	Expires          string // dd/mm/yyyy, the last day the token works; "": no expiry
}

// Created is a new client and its token, which is shown this once and never stored.
type Created struct {
	ID    int64
	Name  string
	Token string
}

// CreateClient checks the input, makes a token and stores its hash.
func (s *Service) CreateClient(ctx context.Context, a usecase.Actor, in ClientInput) (Created, error) {
	in.Name = strings.TrimSpace(in.Name)
	errs := map[string]i18n.Msg{}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 200 {
		errs["name"] = i18n.M("v.api_client_name")
	}
	rec := store.APIClientInput{Name: in.Name, IncludeSubmitted: in.IncludeSubmitted, CreatedBy: a.UserID}
	for _, code := range in.Plans {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		id, err := s.st.PlanIDByCode(ctx, code)
		if errors.Is(err, store.ErrNotFound) {
			errs["plans"] = i18n.M("v.api_plan_unknown", code)
			continue
		} else if err != nil {
			return Created{}, err
		}
		rec.PlanIDs = append(rec.PlanIDs, id)
	}
	if u := strings.TrimSpace(in.Unit); u != "" {
		id, err := s.st.UnitIDByCode(ctx, u)
		if errors.Is(err, store.ErrNotFound) {
			errs["unit"] = i18n.M("v.unit_unknown")
		} else if err != nil {
			return Created{}, err
		}
		rec.UnitID = id
	}
	if e := strings.TrimSpace(in.Expires); e != "" {
		d, err := domain.ParseDate(e)
		n := s.now().In(domain.Location)
		today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, domain.Location)
		switch {
		case err != nil:
			errs["expires"] = usecase.MsgOf(err)
		case d.Before(today):
			errs["expires"] = i18n.M("v.api_expires_past")
		default:
			// the token works through the last day, in the province's time
			end := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, domain.Location)
			rec.ExpiresAt = &end
		}
	}
	if len(errs) > 0 {
		return Created{}, usecase.Invalid(errs)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Created{}, fmt.Errorf("opendata: token: %w", err)
	}
	token := TokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	rec.TokenHash, rec.TokenHint = hashToken(token), token[:len(TokenPrefix)+6]
	var id int64
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		var err error
		if id, err = tx.CreateAPIClient(ctx, rec); err != nil {
			return err
		}
		rec.TokenHash = nil // never into the audit log
		return tx.Audit(ctx, entry(a, "api_client.create", id), nil, rec)
	})
	if err != nil {
		return Created{}, err
	}
	return Created{ID: id, Name: in.Name, Token: token}, nil
}

// Clients lists the clients, newest first.
func (s *Service) Clients(ctx context.Context, page store.Page) ([]store.APIClient, error) {
	return s.st.APIClients(ctx, page)
}

// RevokeClient ends a client's token at once; a revoked or unknown client is not found.
func (s *Service) RevokeClient(ctx context.Context, a usecase.Actor, id int64) error {
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		if err := tx.RevokeAPIClient(ctx, id, s.now()); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "api_client.revoke", id), nil, nil)
	})
	if errors.Is(err, store.ErrNotFound) {
		return usecase.NotFound(err)
	}
	return err
}

// ErrUnauthenticated is the answer to a missing, unknown, revoked or expired token; which
// of them is not told, so a token cannot be probed.
var ErrUnauthenticated = errors.New("opendata: not authenticated")

// Authenticate finds the client of a token, refusing revoked and expired ones.
func (s *Service) Authenticate(ctx context.Context, token string) (Scope, error) {
	if !strings.HasPrefix(token, TokenPrefix) || len(token) > 100 {
		return Scope{}, ErrUnauthenticated
	}
	c, err := s.st.APIClientByTokenHash(ctx, hashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return Scope{}, ErrUnauthenticated
	} else if err != nil {
		return Scope{}, err
	}
	if c.RevokedAt != nil || (c.ExpiresAt != nil && !s.now().Before(*c.ExpiresAt)) {
		return Scope{}, ErrUnauthenticated
	}
	return Scope{ClientID: c.ID, Name: c.Name, Plans: c.PlanIDs, Unit: c.UnitID, Submitted: c.IncludeSubmitted}, nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func entry(a usecase.Actor, action string, id int64) store.AuditEntry {
	return store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
		Action: action, Entity: "api_client", EntityID: fmt.Sprint(id)}
}

package server

import (
	"net/http"

	"github.com/vn-cchc/cchc/internal/store"
)

// audit builds an audit entry for the request's user.
func (s *Server) auditEntry(r *http.Request, action, entity, entityID string) store.AuditEntry {
	e := store.AuditEntry{Action: action, Entity: entity, EntityID: entityID, ClientAddr: s.clientAddr(r)}
	if u := userFrom(r.Context()); u != nil {
		e.ActorID, e.ActorName = u.ID, u.Username
	}
	return e
}

// flash stores a one-time message shown on the next page.
func (s *Server) flash(r *http.Request, msg string) { s.sessions.Put(r.Context(), sessFlash, msg) }

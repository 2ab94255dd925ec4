package server

import "net/http"

// flash stores a one-time message shown on the next page.
func (s *Server) flash(r *http.Request, msg string) { s.sessions.Put(r.Context(), sessFlash, msg) }

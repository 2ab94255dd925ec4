package server

import "net/http"

// flash stores a one-time message shown on the next page. A handler flashes after its change
// is committed, so the message is also kept for the request (committed.go): should the
// session not be written, the page still tells the user what was done.
func (s *Server) flash(r *http.Request, msg string) {
	s.sessions.Put(r.Context(), sessFlash, msg)
	if o := outcomeOf(r.Context()); o != nil {
		o.flash = msg
	}
}

package server

import (
	"net/http"
	"time"
)

// keepAlive answers the report form's script while its user types: the request itself
// goes through the session middleware, which extends the idle deadline. It changes nothing
// else and answers 204.
func (s *Server) keepAlive(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// keepAliveEvery is how often typing may extend the session: a quarter of the idle timeout
// (7½ minutes of the default 30), so a pause in typing between two beats still leaves time,
// and never more than once a second.
func keepAliveEvery(idle time.Duration) time.Duration {
	return max(idle/4, time.Second)
}

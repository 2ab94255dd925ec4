package server

import (
	"net/http"
	"strings"
)

// Drain tells the server that the process is stopping (SIGTERM): /readyz answers 503 so a
// load balancer sends no more work, and new long work — downloads and exports — is refused
// with 503 and Retry-After, while the requests already running go on to the end.
func (s *Server) Drain() { s.draining.Store(true) }

// Draining reports whether Drain was called.
func (s *Server) Draining() bool { return s.draining.Load() }

// longWork is a request that may run for long: a file download or an export.
func longWork(r *http.Request) bool {
	if r.Method != http.MethodGet {
		return false
	}
	p := r.URL.Path
	if strings.HasPrefix(p, "/evidence/") || strings.HasPrefix(p, "/register/files/") || p == "/exports/print" {
		return true
	}
	for _, ext := range []string{".xlsx", ".pdf", ".docx", ".csv", ".zip"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// refuseLongWorkWhenDraining answers long work with 503 once the server drains.
func (s *Server) refuseLongWorkWhenDraining(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.draining.Load() && longWork(r) {
			w.Header().Set("Retry-After", "60")
			s.serveError(w, r, &httpError{status: http.StatusServiceUnavailable, key: "err.draining"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

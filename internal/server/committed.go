package server

import (
	"context"
	"net/http"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

// A change is committed in its own transaction before the handler answers; the session (with
// the flash that confirms the change) is written after, on the way out. When that write fails
// — the database went away between the two — the user must not be told that their change
// failed: it is stored. So a handler that has committed a change and redirects with a flash
// is answered, if the session cannot be written, with a page that gives the flash and says
// what is known, instead of the 503 page (issue 14, item 6).

type outcomeKey struct{}

// outcome is what the request's handler reported to the user: the flash of a committed change.
type outcome struct{ flash string }

// trackOutcome gives each request a place for its outcome; it runs before the session is loaded.
func trackOutcome(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), outcomeKey{}, &outcome{})))
	})
}

func outcomeOf(ctx context.Context) *outcome {
	o, _ := ctx.Value(outcomeKey{}).(*outcome)
	return o
}

// sessionError is the session manager's ErrorFunc: loading or writing the session failed.
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	next := w.Header().Get("Location")
	o := outcomeOf(r.Context())
	if o == nil || o.flash == "" || next == "" {
		s.serveError(w, r, err)
		return
	}
	// The handler committed its change and was redirecting with its confirmation.
	ctx := r.Context()
	s.log.WarnContext(ctx, "session not written after a committed change", "err", err, "request_id", requestID(ctx), "path", r.URL.Path)
	w.Header().Del("Location")
	meta := s.meta(r, i18n.T(ctx, "committed.title"), "")
	meta.Flash = "" // the confirmation is the page itself
	s.render(w, r, http.StatusOK, web.CommittedPage(web.CommittedProps{Meta: meta, Done: o.flash,
		Note: i18n.T(ctx, "committed.session_not_saved"), Next: localPath(next)}))
}

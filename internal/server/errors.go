package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// handlerFunc is a handler that returns its error; one adapter turns errors into pages.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// httpError carries a status and a message key for the user.
type httpError struct {
	status int
	key    string
	err    error
}

func (e *httpError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return http.StatusText(e.status)
}

func (e *httpError) Unwrap() error { return e.err }

var (
	errNotFound  = usecase.NotFound(nil)
	errForbidden = usecase.Forbidden()
)

func badRequest(err error) error {
	return &httpError{status: http.StatusBadRequest, key: "err.bad_request", err: err}
}

// h adapts a handlerFunc to http.Handler.
func (s *Server) h(fn handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.serveError(w, r, err)
		}
	}
}

// serveError is the one adapter from errors to answers: a use case's typed refusals and the
// store's not-found become 404, 403, 409 or 422; a database that cannot be reached 503;
// anything else 500 with the request id.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, "err.internal"
	var he *httpError
	var maxErr *http.MaxBytesError
	msg := ""
	switch {
	case errors.Is(err, errBodyTimeout):
		// The connection's read failed, which cancels the request's context; the page is
		// still written so a client that is merely slow learns why.
		status, key = http.StatusRequestTimeout, "err.body_timeout"
		r = r.WithContext(context.WithoutCancel(r.Context()))
	case errors.As(err, &he):
		status, key = he.status, he.key
	case usecase.KindOf(err) == usecase.KindNotFound, errors.Is(err, store.ErrNotFound):
		status, key = http.StatusNotFound, "err.not_found"
	case usecase.KindOf(err) == usecase.KindForbidden:
		status, key, msg = http.StatusForbidden, "err.forbidden", refusalMsg(r.Context(), err)
	case usecase.KindOf(err) == usecase.KindConflict:
		status, key, msg = http.StatusConflict, "err.bad_request", refusalMsg(r.Context(), err)
	case usecase.KindOf(err) == usecase.KindInvalid:
		status, key, msg = http.StatusUnprocessableEntity, "err.bad_request", refusalMsg(r.Context(), err)
	case errors.As(err, &maxErr):
		status, key = http.StatusRequestEntityTooLarge, "err.too_large"
	case errors.Is(err, context.Canceled):
		return // the client went away
	case s.store.Unavailable(err):
		status, key = http.StatusServiceUnavailable, "err.unavailable"
	}
	rid := requestID(r.Context())
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(r.Context(), level, "request failed", "status", status, "err", err, "request_id", rid, "path", r.URL.Path)
	if msg == "" {
		msg = i18n.T(r.Context(), key)
	}
	if key == "err.internal" {
		msg = i18n.Tf(r.Context(), key, rid)
	}
	title := i18n.T(r.Context(), "err.title")
	if status == http.StatusNotFound {
		title = i18n.T(r.Context(), "err.not_found_title")
	}
	s.render(w, r, status, web.ErrorPage(web.ErrorProps{Meta: s.meta(r, title, ""), Status: status, Message: msg}))
}

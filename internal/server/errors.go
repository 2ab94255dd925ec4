package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"

	"github.com/a-h/templ"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
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
	errNotFound  = &httpError{status: http.StatusNotFound, key: "err.not_found"}
	errForbidden = &httpError{status: http.StatusForbidden, key: "err.forbidden"}
)

func badRequest(err error) error {
	return &httpError{status: http.StatusBadRequest, key: "err.bad_request", err: err}
}

// decide maps an authz decision to the error a handler returns: another unit's record is
// a 404 so its existence cannot be probed, a role that may never do it a 403.
func decide(d authz.Decision) error {
	switch d {
	case authz.Allow:
		return nil
	case authz.Hide:
		return errNotFound
	}
	return errForbidden
}

// h adapts a handlerFunc to http.Handler.
func (s *Server) h(fn handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.serveError(w, r, err)
		}
	}
}

func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status, key := http.StatusInternalServerError, "err.internal"
	var he *httpError
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, errBodyTimeout):
		// The connection's read failed, which cancels the request's context; the page is
		// still written so a client that is merely slow learns why.
		status, key = http.StatusRequestTimeout, "err.body_timeout"
		r = r.WithContext(context.WithoutCancel(r.Context()))
	case errors.As(err, &he):
		status, key = he.status, he.key
	case errors.Is(err, store.ErrNotFound):
		status, key = http.StatusNotFound, "err.not_found"
	case errors.As(err, &maxErr):
		status, key = http.StatusRequestEntityTooLarge, "err.too_large"
	case errors.Is(err, context.Canceled):
		return // the client went away
	case databaseUnavailable(err):
		status, key = http.StatusServiceUnavailable, "err.unavailable"
	}
	rid := requestID(r.Context())
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(r.Context(), level, "request failed", "status", status, "err", err, "request_id", rid, "path", r.URL.Path)
	msg := i18n.T(r.Context(), key)
	if key == "err.internal" {
		msg = i18n.Tf(r.Context(), key, rid)
	}
	title := i18n.T(r.Context(), "err.title")
	if status == http.StatusNotFound {
		title = i18n.T(r.Context(), "err.not_found_title")
	}
	s.render(w, r, status, web.ErrorPage(web.ErrorProps{Meta: s.meta(r, title, ""), Status: status, Message: msg}))
}

// render writes a page into a buffer first, so a failing template never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.log.Error("render failed", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, "Lỗi hiển thị trang / page rendering failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// seeOther redirects after a POST (Post/Redirect/Get).
func seeOther(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// databaseUnavailable reports whether err means PostgreSQL cannot be reached or is
// restarting: the user gets "try again shortly" (503), not a failure of the portal.
func databaseUnavailable(err error) bool {
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr), pgconn.SafeToRetry(err),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &pgErr):
		// 08: connection exceptions; 57P: operator intervention (admin shutdown, crash shutdown, cannot connect now).
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	}
	return false
}

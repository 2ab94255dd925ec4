package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyUser
)

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// withRequestID tags each request with an id that appears in logs and error pages.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequestID, id)))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests writes one structured line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
			return
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"ms", time.Since(start).Milliseconds(), "request_id", requestID(r.Context()), "addr", s.clientAddr(r))
	})
}

// recoverPanics turns a panic into a 500 page and a log line with the stack.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "value", v, "stack", string(debug.Stack()), "request_id", requestID(r.Context()))
				s.serveError(w, r, errors.New("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.cfg.TLS() {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// language picks the UI language from the lang cookie.
func language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := i18n.VI
		if c, err := r.Cookie("lang"); err == nil {
			l = i18n.Parse(c.Value)
		}
		next.ServeHTTP(w, r.WithContext(i18n.With(r.Context(), l)))
	})
}

// currentUser is the signed-in user of a request.
type currentUser struct {
	store.User
	unread int // unread notifications as read with the session; -1 when not
}

func (u *currentUser) principal() authz.Principal {
	if u == nil {
		return authz.Principal{}
	}
	return authz.Principal{UserID: u.ID, Role: authz.Role(u.Role), UnitID: u.UnitID}
}

func userFrom(ctx context.Context) *currentUser {
	u, _ := ctx.Value(keyUser).(*currentUser)
	return u
}

const (
	sessUserID = "user_id"
	sessEpoch  = "epoch"
	sessFlash  = "flash"
)

// withSessionUser asks the session store to read the session's user with the session
// (store.SessionUser): one round trip before a signed-in page instead of two.
func withSessionUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, _ := store.WithSessionUser(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loadUser finds the session's user; a deactivated user or an outdated epoch ends the session.
// The user comes with the session when the store read it (same request, so a change to the
// user is seen at once), else by id (a session written before its user was kept beside it).
func (s *Server) loadUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := s.sessions.GetInt64(ctx, sessUserID)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		var u store.User
		var err error
		unread := -1 // not read with the session: meta counts them
		if su := store.SessionUserFrom(ctx); su != nil && su.Found && su.User.ID == id {
			u, unread = su.User, su.Unread
		} else {
			u, err = s.store.UserByID(ctx, id)
		}
		if errors.Is(err, store.ErrNotFound) || (err == nil && (!u.Active || u.SessionEpoch != s.sessions.GetInt(ctx, sessEpoch))) {
			_ = s.sessions.Destroy(ctx)
			next.ServeHTTP(w, r)
			return
		}
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, keyUser, &currentUser{User: u, unread: unread})))
	})
}

// requireLogin sends anonymous users to the login page and users with a one-time
// password to the change-password page.
func (s *Server) requireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		if u == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			if s.keepExpiredPost(w, r) {
				return
			}
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if u.MustChangePassword && r.URL.Path != "/account/password" {
			http.Redirect(w, r, "/account/password", http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireAction lets through only users allowed a portal-wide action.
func (s *Server) requireAction(a authz.Action) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return s.h(func(w http.ResponseWriter, r *http.Request) error {
			if err := authorize(r.Context(), a, 0); err != nil {
				return err
			}
			next.ServeHTTP(w, r)
			return nil
		})
	}
}

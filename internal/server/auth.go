package server

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if userFrom(r.Context()) != nil {
		return seeOther(w, r, "/")
	}
	s.render(w, r, http.StatusOK, web.LoginPage(web.LoginProps{
		Meta: s.meta(r, i18n.T(r.Context(), "login.title"), ""),
		Next: localPath(r.URL.Query().Get("next")),
	}))
	return nil
}

// login checks a username and password. Unknown users, wrong passwords and inactive
// accounts get the same message and cost the same time; failures lock the attempted
// username (existing or not) and throttle the client address.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	plain := r.PostFormValue("password")
	props := web.LoginProps{Meta: s.meta(r, i18n.T(ctx, "login.title"), ""), Username: username, Next: localPath(r.PostFormValue("next"))}
	fail := func(key string, args ...any) error {
		props.Error = i18n.Tf(ctx, key, args...)
		s.render(w, r, http.StatusUnauthorized, web.LoginPage(props))
		return nil
	}
	if username == "" || plain == "" || len(username) > 64 || len(plain) > password.MaxLength*4 {
		return fail("login.required")
	}
	addr := s.clientAddr(r)
	entry := store.AuditEntry{ActorName: username, Entity: "user", ClientAddr: addr}

	addrFailures, err := s.store.AddrFailuresSince(ctx, addr, s.cfg.LoginLockout)
	if err != nil {
		return err
	}
	if addrFailures >= s.cfg.LoginMaxPerAddr {
		entry.Action = "login.throttled"
		if err := s.store.Audit(ctx, entry, nil, map[string]any{"failures_from_addr": addrFailures}); err != nil {
			return err
		}
		return fail("login.throttled")
	}

	u, err := s.store.UserByUsername(ctx, username)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if exists {
		entry.ActorID, entry.EntityID = u.ID, fmt.Sprint(u.ID)
	}
	lockedFor := time.Duration(0)
	if exists && u.LockedUntil != nil && u.LockedUntil.After(s.now()) {
		lockedFor = u.LockedUntil.Sub(s.now())
	} else if !exists {
		n, err := s.store.UsernameFailuresSince(ctx, username, s.cfg.LoginLockout)
		if err != nil {
			return err
		}
		if n >= s.cfg.LoginMaxFailures {
			lockedFor = s.cfg.LoginLockout
		}
	}
	if lockedFor > 0 {
		password.CheckDummy(plain)
		entry.Action = "login.locked"
		if err := s.store.Audit(ctx, entry, nil, nil); err != nil {
			return err
		}
		return fail("login.locked", minutes(lockedFor))
	}

	ok := false
	if exists {
		ok, err = password.Check(plain, u.PasswordHash)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user_id", u.ID, "err", err)
		}
		ok = ok && u.Active
	} else {
		password.CheckDummy(plain)
	}
	if !ok {
		var lockedUntil *time.Time
		err := s.store.InTx(ctx, func(tx pgx.Tx) error {
			if err := store.RecordAttemptFailure(ctx, tx, username, addr); err != nil {
				return err
			}
			if exists {
				var err error
				if _, lockedUntil, err = store.RecordLoginFailure(ctx, tx, u.ID, s.cfg.LoginMaxFailures, s.cfg.LoginLockout, s.now()); err != nil {
					return err
				}
			}
			entry.Action = "login.failed"
			if lockedUntil != nil {
				entry.Action = "login.lockout"
			}
			return store.Audit(ctx, tx, entry, nil, map[string]any{"known_user": exists})
		})
		if err != nil {
			return err
		}
		if lockedUntil != nil {
			return fail("login.locked", minutes(s.cfg.LoginLockout))
		}
		return fail("login.failed")
	}

	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	expired := s.cfg.PasswordMaxAge > 0 && !u.PasswordNeverExpires && s.now().Sub(u.PasswordChangedAt) > s.cfg.PasswordMaxAge
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if err := store.RecordLoginSuccess(ctx, tx, u.ID); err != nil {
			return err
		}
		if expired {
			if err := store.ExpirePassword(ctx, tx, u.ID); err != nil {
				return err
			}
			u.MustChangePassword = true
		}
		entry.Action = "login.success"
		return store.Audit(ctx, tx, entry, nil, map[string]any{"password_expired": expired})
	})
	if err != nil {
		return err
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	s.sessions.Put(ctx, sessEpoch, u.SessionEpoch)
	if u.MustChangePassword {
		return seeOther(w, r, "/account/password")
	}
	return seeOther(w, r, props.Next)
}

func minutes(d time.Duration) int { return int(math.Ceil(d.Minutes())) }

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if u := userFrom(ctx); u != nil {
		if err := s.store.Audit(ctx, s.auditEntry(r, "logout", "user", fmt.Sprint(u.ID)), nil, nil); err != nil {
			return err
		}
	}
	// Destroy deletes the stored session; renewing first means the old token is dead even if
	// a copy of it was taken, and the browser gets a fresh anonymous one.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	if err := s.sessions.Destroy(ctx); err != nil {
		return err
	}
	return seeOther(w, r, "/login")
}

func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	l := i18n.Parse(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.TLS()})
	return seeOther(w, r, localPath(r.PostFormValue("next")))
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	s.render(w, r, http.StatusOK, web.PasswordPage(web.PasswordProps{
		Meta: s.meta(r, i18n.T(r.Context(), "password.title"), ""), Must: u.MustChangePassword}))
	return nil
}

// changePassword sets a new password and ends the user's other sessions.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	current, next, confirm := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm")
	errs := web.FieldErrors{}
	if ok, _ := password.Check(current, u.PasswordHash); !ok {
		errs["current"] = i18n.T(ctx, "password.wrong")
	}
	if msg := password.Validate(next, u.Username); msg != "" {
		errs["new"] = msg
	} else if next == current {
		errs["new"] = i18n.T(ctx, "password.same")
	}
	if next != confirm {
		errs["confirm"] = i18n.T(ctx, "password.mismatch")
	}
	if errs.Any() {
		s.render(w, r, http.StatusUnprocessableEntity, web.PasswordPage(web.PasswordProps{
			Meta: s.meta(r, i18n.T(ctx, "password.title"), ""), Must: u.MustChangePassword, Errors: errs}))
		return nil
	}
	hash, err := password.Hash(next)
	if err != nil {
		return err
	}
	var epoch int
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		if err := store.SetPassword(ctx, tx, u.ID, hash, false); err != nil {
			return err
		}
		if epoch, err = store.RevokeSessions(ctx, tx, u.ID); err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "user.password_changed", "user", fmt.Sprint(u.ID)), nil, nil)
	})
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessEpoch, epoch)
	s.flash(r, i18n.T(ctx, "password.changed"))
	return seeOther(w, r, "/")
}

package accounts

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Login is a sign-in attempt.
type Login struct {
	Username string
	Password string
	Addr     string // client address
}

// Login checks a username and password. Unknown users, wrong passwords and inactive
// accounts get the same refusal and cost the same time; failures lock the attempted
// username (existing or not) and throttle the client address. A refusal is a
// usecase.Error of KindInvalid whose Msg says why; success returns the user, marked
// MustChangePassword when the password has expired.
func (s *Service) Login(ctx context.Context, in Login) (store.User, error) {
	username := strings.ToLower(strings.TrimSpace(in.Username))
	refuse := func(key string, args ...any) (store.User, error) {
		return store.User{}, usecase.Refused(i18n.M(key, args...), nil)
	}
	if username == "" || in.Password == "" || len(username) > 64 || len(in.Password) > password.MaxLength*4 {
		return refuse("login.required")
	}
	e := store.AuditEntry{ActorName: username, Entity: "user", ClientAddr: in.Addr}
	addrFailures, err := s.st.AddrFailuresSince(ctx, in.Addr, s.policy.Lockout)
	if err != nil {
		return store.User{}, err
	}
	if addrFailures >= s.policy.MaxPerAddr {
		e.Action = "login.throttled"
		if err := s.st.Audit(ctx, e, nil, map[string]any{"failures_from_addr": addrFailures}); err != nil {
			return store.User{}, err
		}
		return refuse("login.throttled")
	}

	u, err := s.st.UserByUsername(ctx, username)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.User{}, err
	}
	if exists {
		e.ActorID, e.EntityID = u.ID, fmt.Sprint(u.ID)
	}
	now := s.now()
	lockedFor := time.Duration(0)
	unknownFailures := 0 // an unknown username's recent failures, to lock it as a real one is
	if exists && u.LockedUntil != nil && u.LockedUntil.After(now) {
		lockedFor = u.LockedUntil.Sub(now)
	} else if !exists {
		n, err := s.st.UsernameFailuresSince(ctx, username, s.policy.Lockout)
		if err != nil {
			return store.User{}, err
		}
		unknownFailures = n
		if n >= s.policy.MaxFailures {
			lockedFor = s.policy.Lockout
		}
	}
	if lockedFor > 0 {
		password.CheckDummy(in.Password)
		e.Action = "login.locked"
		if err := s.st.Audit(ctx, e, nil, nil); err != nil {
			return store.User{}, err
		}
		return refuse("login.locked", minutes(lockedFor))
	}

	ok := false
	if exists {
		ok, err = password.Check(in.Password, u.PasswordHash)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user_id", u.ID, "err", err)
		}
		ok = ok && u.Active
	} else {
		password.CheckDummy(in.Password)
	}
	if !ok {
		var lockedUntil *time.Time
		err := s.st.InTx(ctx, func(tx pgx.Tx) error {
			if err := store.RecordAttemptFailure(ctx, tx, username, in.Addr); err != nil {
				return err
			}
			if exists {
				var err error
				if _, lockedUntil, err = store.RecordLoginFailure(ctx, tx, u.ID, s.policy.MaxFailures, s.policy.Lockout, now); err != nil {
					return err
				}
			} else if unknownFailures+1 >= s.policy.MaxFailures {
				// The failure that locks a real account answers "locked" for an unknown
				// username too, or the difference would tell which usernames exist.
				until := now.Add(s.policy.Lockout)
				lockedUntil = &until
			}
			e.Action = "login.failed"
			if lockedUntil != nil {
				e.Action = "login.lockout"
			}
			return store.Audit(ctx, tx, e, nil, map[string]any{"known_user": exists})
		})
		if err != nil {
			return store.User{}, err
		}
		if lockedUntil != nil {
			return refuse("login.locked", minutes(s.policy.Lockout))
		}
		return refuse("login.failed")
	}

	expired := s.policy.PasswordMaxAge > 0 && !u.PasswordNeverExpires && now.Sub(u.PasswordChangedAt) > s.policy.PasswordMaxAge
	err = s.st.InTx(ctx, func(tx pgx.Tx) error {
		if err := store.RecordLoginSuccess(ctx, tx, u.ID); err != nil {
			return err
		}
		if expired {
			if err := store.ExpirePassword(ctx, tx, u.ID); err != nil {
				return err
			}
			u.MustChangePassword = true
		}
		e.Action = "login.success"
		return store.Audit(ctx, tx, e, nil, map[string]any{"password_expired": expired})
	})
	if err != nil {
		return store.User{}, err
	}
	return u, nil
}

func minutes(d time.Duration) int { return int(math.Ceil(d.Minutes())) }

// Logout records that a signs out.
func (s *Service) Logout(ctx context.Context, a usecase.Actor) error {
	return s.st.Audit(ctx, entry(a, "logout", "user", a.UserID), nil, nil)
}

package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// The login policy slows a guesser without handing anyone a switch to lock others out:
//
//   - each (username, address) pair has MaxFailures free failures; after that every further
//     attempt from that address for that username waits, 30 s after the first delayed
//     failure and twice as long after each one more, up to Policy.Lockout;
//   - an address with MaxPerAddr failures within Lockout is throttled (password spraying);
//   - a username with LockAfter failures within FailureWindow is locked until an
//     administrator unlocks it (a guesser spread over many addresses);
//   - a browser that signed in as the user before (its trust cookie) is exempt from all
//     three, so a bad actor behind the office's address, or anyone who locks the director's
//     account, does not stop the director signing in from their own computer; a trusted
//     browser that types MaxFailures wrong passwords is trusted no more.
//
// Every count is kept by the attempted username, never by user id, and an unknown username
// costs the same argon2id check as a real one: known and unknown usernames get the same
// answers at every attempt, in the same time.

// FailureWindow is how long a failure counts towards a pair's delay and an account's lock.
const FailureWindow = 24 * time.Hour

// firstDelay is the wait after a pair's MaxFailures-th failure.
const firstDelay = 30 * time.Second

// deviceLifetime: a trusted browser that has not signed in for this long is forgotten.
const deviceLifetime = 365 * 24 * time.Hour

// Login is a sign-in attempt.
type Login struct {
	Username string
	Password string
	Addr     string // client address
	Device   string // the browser's trust cookie, "" when it has none
}

// LoggedIn is a successful sign-in.
type LoggedIn struct {
	User store.User
	// Device is a new trust cookie for the browser; "" to keep the one it sent.
	Device string
}

// Delay is how long a (username, address) pair must wait after its failures-th failure.
func (p Policy) Delay(failures int) time.Duration {
	if failures < p.MaxFailures || p.MaxFailures <= 0 {
		return 0
	}
	d := firstDelay
	for i := p.MaxFailures; i < failures && d < p.Lockout; i++ {
		d *= 2
	}
	return min(d, p.Lockout)
}

// refusal is the policy's answer before a password is checked: what the user is told and
// what the audit log records.
type refusal struct {
	msg    i18n.Msg
	action string // login.throttled, login.locked or login.delayed
	data   map[string]any
}

// gate applies the address throttle, the account lock and the pair's wait, for a browser
// that is not trusted; nil means the password may be checked.
func (s *Service) gate(ctx context.Context, username, addr string, now time.Time) (*refusal, error) {
	st, err := s.st.LoginStateOf(ctx, username, addr, now.Add(-s.policy.Lockout), now.Add(-FailureWindow))
	if err != nil {
		return nil, err
	}
	switch {
	case st.LockedAt != nil:
		return &refusal{i18n.M("login.locked"), "login.locked", map[string]any{"locked_at": st.LockedAt.UTC().Format(time.RFC3339)}}, nil
	case st.AddrFailures >= s.policy.MaxPerAddr:
		return &refusal{i18n.M("login.throttled"), "login.throttled", map[string]any{"failures_from_addr": st.AddrFailures}}, nil
	case st.PairLast != nil:
		if left := st.PairLast.Add(s.policy.Delay(st.PairFailures)).Sub(now); left > 0 {
			return &refusal{waitMsg("login.wait", left), "login.delayed",
				map[string]any{"failures": st.PairFailures, "wait_seconds": int(math.Ceil(left.Seconds()))}}, nil
		}
	}
	return nil, nil
}

// fail records a wrong password for username from addr, locks the username when it has
// failed LockAfter times, and returns what the user is told.
func (s *Service) fail(ctx context.Context, tx store.Queries, username, addr string, now time.Time) (i18n.Msg, map[string]any, error) {
	since := now.Add(-FailureWindow)
	pair, total, err := tx.RecordAttemptFailure(ctx, username, addr, now, since, since)
	if err != nil {
		return i18n.Msg{}, nil, err
	}
	data := map[string]any{"failures": pair, "failures_account": total}
	if s.policy.LockAfter > 0 && total >= s.policy.LockAfter {
		if _, err := tx.LockLogin(ctx, username, total, now); err != nil {
			return i18n.Msg{}, nil, err
		}
		data["locked"] = true
		return i18n.M("login.locked"), data, nil
	}
	if wait := s.policy.Delay(pair); wait > 0 {
		data["wait_seconds"] = int(wait.Seconds())
		return waitMsg("login.failed_wait", wait), data, nil
	}
	return i18n.M("login.failed"), data, nil
}

// waitMsg says how long to wait, in seconds under a minute, else in minutes.
func waitMsg(key string, d time.Duration) i18n.Msg {
	if d < time.Minute {
		return i18n.M(key+"_s", int(math.Ceil(d.Seconds())))
	}
	return i18n.M(key+"_m", int(math.Ceil(d.Minutes())))
}

// Login checks a username and password under the policy above. A refusal is a
// usecase.Error of KindInvalid whose Msg says why; success returns the user, marked
// MustChangePassword when the password has expired.
func (s *Service) Login(ctx context.Context, in Login) (LoggedIn, error) {
	username := strings.ToLower(strings.TrimSpace(in.Username))
	refuse := func(m i18n.Msg) (LoggedIn, error) { return LoggedIn{}, usecase.Refused(m, nil) }
	if username == "" || in.Password == "" || len(username) > 64 || len(in.Password) > password.MaxLength*4 {
		return refuse(i18n.M("login.required"))
	}
	now := s.now()
	e := store.AuditEntry{ActorName: username, Entity: "user", ClientAddr: in.Addr}
	device, trusted, err := s.trustedDevice(ctx, in.Device, username)
	if err != nil {
		return LoggedIn{}, err
	}
	if !trusted {
		r, err := s.gate(ctx, username, in.Addr, now)
		if err != nil {
			return LoggedIn{}, err
		}
		if r != nil {
			e.Action = r.action
			if err := s.st.Audit(ctx, e, nil, r.data); err != nil {
				return LoggedIn{}, err
			}
			return refuse(r.msg)
		}
	}

	u, err := s.st.UserByUsername(ctx, username)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return LoggedIn{}, err
	}
	ok := false
	if exists {
		e.ActorID, e.EntityID = u.ID, fmt.Sprint(u.ID)
		ok, err = password.Check(in.Password, u.PasswordHash)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user_id", u.ID, "err", err)
		}
		ok = ok && u.Active
	} else {
		password.CheckDummy(in.Password)
	}
	if !ok {
		var msg i18n.Msg
		err := s.st.InTx(ctx, func(tx store.Queries) error {
			var data map[string]any
			if trusted {
				n, err := tx.DeviceFailed(ctx, device, s.policy.MaxFailures)
				if err != nil {
					return err
				}
				msg, data = i18n.M("login.failed"), map[string]any{"trusted_browser": true, "browser_failures": n}
			} else {
				var err error
				if msg, data, err = s.fail(ctx, tx, username, in.Addr, now); err != nil {
					return err
				}
			}
			data["known_user"] = exists
			e.Action = "login.failed"
			if data["locked"] == true {
				e.Action = "login.lockout"
			}
			return tx.Audit(ctx, e, nil, data)
		})
		if err != nil {
			return LoggedIn{}, err
		}
		return refuse(msg)
	}

	out := LoggedIn{User: u}
	if !trusted {
		out.Device = newDeviceToken()
		device = deviceHash(out.Device)
	}
	expired := s.policy.PasswordMaxAge > 0 && !u.PasswordNeverExpires && now.Sub(u.PasswordChangedAt) > s.policy.PasswordMaxAge
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		if err := tx.RecordLoginSuccess(ctx, u.ID, now); err != nil {
			return err
		}
		if err := tx.ClearPairFailures(ctx, username, in.Addr); err != nil {
			return err
		}
		if err := tx.TrustDevice(ctx, device, username, now); err != nil {
			return err
		}
		if expired {
			if err := tx.ExpirePassword(ctx, u.ID); err != nil {
				return err
			}
			out.User.MustChangePassword = true
		}
		e.Action = "login.success"
		return tx.Audit(ctx, e, nil, map[string]any{"password_expired": expired, "trusted_browser": trusted})
	})
	if err != nil {
		return LoggedIn{}, err
	}
	return out, nil
}

// trustedDevice reports whether the browser's trust cookie belongs to username and is
// still trusted; device is the cookie's hash.
func (s *Service) trustedDevice(ctx context.Context, cookie, username string) (device []byte, trusted bool, err error) {
	if cookie == "" || len(cookie) > 100 {
		return nil, false, nil
	}
	device = deviceHash(cookie)
	d, found, err := s.st.DeviceByHash(ctx, device)
	if err != nil {
		return nil, false, err
	}
	return device, found && d.Username == username && d.Failures < s.policy.MaxFailures, nil
}

func newDeviceToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func deviceHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Logout records that a signs out.
func (s *Service) Logout(ctx context.Context, a usecase.Actor) error {
	return s.st.Audit(ctx, entry(a, "logout", "user", a.UserID), nil, nil)
}

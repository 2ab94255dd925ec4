package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Sign-in attempts: failures by attempted username and client address, locks by attempted
// username, and the browsers trusted for a username. Nothing here is keyed by user id, so
// an unknown username leaves the same traces as a real one. Times come from the caller's
// clock.

// LoginState is what the login policy needs to know before checking a password.
type LoginState struct {
	AddrFailures int        // failures from the address since the address window began
	PairFailures int        // failures of this username from this address since the pair window began
	PairLast     *time.Time // the latest of those
	LockedAt     *time.Time // the username is locked (until an administrator unlocks it)
}

// LoginStateOf reads the failures of a username and an address in one round trip.
func (s *Store) LoginStateOf(ctx context.Context, username, addr string, addrSince, pairSince time.Time) (LoginState, error) {
	var st LoginState
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM login_failures WHERE client_addr = $2 AND at > $3),
		(SELECT count(*) FROM login_failures WHERE username = $1 AND client_addr = $2 AND at > $4),
		(SELECT max(at) FROM login_failures WHERE username = $1 AND client_addr = $2 AND at > $4),
		(SELECT locked_at FROM login_locks WHERE username = $1)`,
		username, addr, addrSince, pairSince).Scan(&st.AddrFailures, &st.PairFailures, &st.PairLast, &st.LockedAt)
	if err != nil {
		return LoginState{}, fmt.Errorf("store: login state: %w", err)
	}
	return st, nil
}

// RecordAttemptFailure remembers a failed sign-in (or a wrong current password) by attempted
// username and client address, and returns the failures of the pair since pairSince and of
// the username from any address since userSince, this one included.
func RecordAttemptFailure(ctx context.Context, q DBTX, username, addr string, at, pairSince, userSince time.Time) (pair, user int, err error) {
	if _, err := q.Exec(ctx, `INSERT INTO login_failures (username, client_addr, at) VALUES ($1, $2, $3)`, username, addr, at); err != nil {
		return 0, 0, fmt.Errorf("store: record sign-in failure: %w", err)
	}
	err = q.QueryRow(ctx, `SELECT count(*) FILTER (WHERE client_addr = $2 AND at > $3), count(*) FILTER (WHERE at > $4)
		FROM login_failures WHERE username = $1 AND at > least($3, $4)`, username, addr, pairSince, userSince).Scan(&pair, &user)
	if err != nil {
		return 0, 0, fmt.Errorf("store: count sign-in failures: %w", err)
	}
	return pair, user, nil
}

// ClearPairFailures forgets the failures of a username from an address (after it signed in
// from there).
func ClearPairFailures(ctx context.Context, q DBTX, username, addr string) error {
	if _, err := q.Exec(ctx, `DELETE FROM login_failures WHERE username = $1 AND client_addr = $2`, username, addr); err != nil {
		return fmt.Errorf("store: clear sign-in failures: %w", err)
	}
	return nil
}

// LockLogin locks a username; it reports false when it was locked already.
func LockLogin(ctx context.Context, q DBTX, username string, failures int, at time.Time) (bool, error) {
	tag, err := q.Exec(ctx, `INSERT INTO login_locks (username, locked_at, failures) VALUES ($1, $2, $3)
		ON CONFLICT (username) DO NOTHING`, username, at, failures)
	if err != nil {
		return false, fmt.Errorf("store: lock %q: %w", username, err)
	}
	return tag.RowsAffected() == 1, nil
}

// LoginLock is a locked username.
type LoginLock struct {
	Username string
	LockedAt time.Time
	Failures int // the failures that locked it
}

// UnlockLogin lifts the lock of a username and forgets its failures, so it starts afresh;
// ErrNotFound when it was not locked.
func UnlockLogin(ctx context.Context, q DBTX, username string) (LoginLock, error) {
	l := LoginLock{Username: username}
	err := q.QueryRow(ctx, `DELETE FROM login_locks WHERE username = $1 RETURNING locked_at, failures`, username).Scan(&l.LockedAt, &l.Failures)
	if err != nil {
		return LoginLock{}, fmt.Errorf("store: unlock %q: %w", username, notFound(err))
	}
	if _, err := q.Exec(ctx, `DELETE FROM login_failures WHERE username = $1`, username); err != nil {
		return LoginLock{}, fmt.Errorf("store: unlock %q: %w", username, err)
	}
	return l, nil
}

// LockedAccount is a user whose sign-in is locked.
type LockedAccount struct {
	UserID   int64
	Username string
	FullName string
	UnitName string
	LockedAt time.Time
	Failures int
}

// LockedAccounts lists the users that are locked, newest lock first, at most limit, and
// how many there are. Locks of usernames nobody has are not listed.
func (s *Store) LockedAccounts(ctx context.Context, limit int) ([]LockedAccount, int, error) {
	rows, err := s.pool.Query(ctx, `SELECT u.id, u.username, u.full_name, coalesce(un.name, ''), l.locked_at, l.failures, count(*) OVER ()
		FROM login_locks l JOIN users u ON u.username = l.username LEFT JOIN units un ON un.id = u.unit_id
		ORDER BY l.locked_at DESC, u.username LIMIT $1`, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: locked accounts: %w", err)
	}
	defer rows.Close()
	var out []LockedAccount
	total := 0
	for rows.Next() {
		var a LockedAccount
		if err := rows.Scan(&a.UserID, &a.Username, &a.FullName, &a.UnitName, &a.LockedAt, &a.Failures, &total); err != nil {
			return nil, 0, fmt.Errorf("store: locked accounts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: locked accounts: %w", err)
	}
	return out, total, nil
}

// CountLockedAccounts counts the users that are locked.
func (s *Store) CountLockedAccounts(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM login_locks l JOIN users u ON u.username = l.username`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count locked accounts: %w", err)
	}
	return n, nil
}

// TrustedDevice is a browser that signed in as Username.
type TrustedDevice struct {
	Username string
	Failures int // wrong passwords typed in it since its last sign-in
}

// DeviceByHash finds a trusted browser by the hash of its token; found false when none.
func (s *Store) DeviceByHash(ctx context.Context, hash []byte) (TrustedDevice, bool, error) {
	var d TrustedDevice
	err := s.pool.QueryRow(ctx, `SELECT username, failures FROM login_devices WHERE token_hash = $1`, hash).Scan(&d.Username, &d.Failures)
	if errors.Is(err, pgx.ErrNoRows) {
		return TrustedDevice{}, false, nil
	}
	if err != nil {
		return TrustedDevice{}, false, fmt.Errorf("store: trusted browser: %w", err)
	}
	return d, true, nil
}

// TrustDevice remembers a browser that signed in as username, or clears its failures.
func TrustDevice(ctx context.Context, q DBTX, hash []byte, username string, at time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO login_devices (token_hash, username, created_at, last_used_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (token_hash) DO UPDATE SET last_used_at = $3, failures = 0`, hash, username, at)
	if err != nil {
		return fmt.Errorf("store: trust browser: %w", err)
	}
	return nil
}

// DeviceFailed counts a wrong password typed in a trusted browser; at maxFailures the
// browser is trusted no more. It returns the failures counted.
func DeviceFailed(ctx context.Context, q DBTX, hash []byte, maxFailures int) (int, error) {
	var n int
	err := q.QueryRow(ctx, `UPDATE login_devices SET failures = failures + 1 WHERE token_hash = $1 RETURNING failures`, hash).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: trusted browser failure: %w", notFound(err))
	}
	if n >= maxFailures {
		if _, err := q.Exec(ctx, `DELETE FROM login_devices WHERE token_hash = $1`, hash); err != nil {
			return 0, fmt.Errorf("store: distrust browser: %w", err)
		}
	}
	return n, nil
}

// PruneLoginFailures forgets failures from before since, and trusted browsers not used
// since deviceSince.
func (s *Store) PruneLoginFailures(ctx context.Context, since, deviceSince time.Time) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM login_failures WHERE at < $1`, since); err != nil {
		return fmt.Errorf("store: prune login failures: %w", err)
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM login_devices WHERE last_used_at < $1`, deviceSince); err != nil {
		return fmt.Errorf("store: prune trusted browsers: %w", err)
	}
	return nil
}

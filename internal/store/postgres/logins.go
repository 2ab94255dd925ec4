package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// Sign-in attempts: failures by attempted username and client address, locks by attempted
// username, and the browsers trusted for a username. Nothing here is keyed by user id, so
// an unknown username leaves the same traces as a real one. Times come from the caller's
// clock.

// LoginStateOf reads the failures of a username and an address in one round trip.
func (q *Queries) LoginStateOf(ctx context.Context, username, addr string, addrSince, pairSince time.Time) (store.LoginState, error) {
	var st store.LoginState
	err := q.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM login_failures WHERE client_addr = $2 AND at > $3),
		(SELECT count(*) FROM login_failures WHERE username = $1 AND client_addr = $2 AND at > $4),
		(SELECT max(at) FROM login_failures WHERE username = $1 AND client_addr = $2 AND at > $4),
		(SELECT locked_at FROM login_locks WHERE username = $1)`,
		username, addr, addrSince, pairSince).Scan(&st.AddrFailures, &st.PairFailures, &st.PairLast, &st.LockedAt)
	if err != nil {
		return store.LoginState{}, fmt.Errorf("store: login state: %w", err)
	}
	return st, nil
}

// RecordAttemptFailure remembers a failed sign-in (or a wrong current password) by attempted
// username and client address, and returns the failures of the pair since pairSince and of
// the username from any address since userSince, this one included.
func (q *Queries) RecordAttemptFailure(ctx context.Context, username, addr string, at, pairSince, userSince time.Time) (pair, user int, err error) {
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
func (q *Queries) ClearPairFailures(ctx context.Context, username, addr string) error {
	if _, err := q.Exec(ctx, `DELETE FROM login_failures WHERE username = $1 AND client_addr = $2`, username, addr); err != nil {
		return fmt.Errorf("store: clear sign-in failures: %w", err)
	}
	return nil
}

// LockLogin locks a username; it reports false when it was locked already.
func (q *Queries) LockLogin(ctx context.Context, username string, failures int, at time.Time) (bool, error) {
	tag, err := q.Exec(ctx, `INSERT INTO login_locks (username, locked_at, failures) VALUES ($1, $2, $3)
		ON CONFLICT (username) DO NOTHING`, username, at, failures)
	if err != nil {
		return false, fmt.Errorf("store: lock %q: %w", username, err)
	}
	return tag.RowsAffected() == 1, nil
}

// UnlockLogin lifts the lock of a username and forgets its failures, so it starts afresh;
// ErrNotFound when it was not locked.
func (q *Queries) UnlockLogin(ctx context.Context, username string) (store.LoginLock, error) {
	l := store.LoginLock{Username: username}
	err := q.QueryRow(ctx, `DELETE FROM login_locks WHERE username = $1 RETURNING locked_at, failures`, username).Scan(&l.LockedAt, &l.Failures)
	if err != nil {
		return store.LoginLock{}, fmt.Errorf("store: unlock %q: %w", username, notFound(err))
	}
	if _, err := q.Exec(ctx, `DELETE FROM login_failures WHERE username = $1`, username); err != nil {
		return store.LoginLock{}, fmt.Errorf("store: unlock %q: %w", username, err)
	}
	return l, nil
}

// LockedAccounts lists the users that are locked, newest lock first, at most limit, and
// how many there are. Locks of usernames nobody has are not listed.
func (q *Queries) LockedAccounts(ctx context.Context, limit int) ([]store.LockedAccount, int, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.username, u.full_name, coalesce(un.name, ''), l.locked_at, l.failures, count(*) OVER ()
		FROM login_locks l JOIN users u ON u.username = l.username LEFT JOIN units un ON un.id = u.unit_id
		ORDER BY l.locked_at DESC, u.username LIMIT $1`, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: locked accounts: %w", err)
	}
	defer rows.Close()
	var out []store.LockedAccount
	total := 0
	for rows.Next() {
		var a store.LockedAccount
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
func (q *Queries) CountLockedAccounts(ctx context.Context) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM login_locks l JOIN users u ON u.username = l.username`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count locked accounts: %w", err)
	}
	return n, nil
}

// DeviceByHash finds a trusted browser by the hash of its token; found false when none.
func (q *Queries) DeviceByHash(ctx context.Context, hash []byte) (store.TrustedDevice, bool, error) {
	var d store.TrustedDevice
	err := q.QueryRow(ctx, `SELECT username, failures FROM login_devices WHERE token_hash = $1`, hash).Scan(&d.Username, &d.Failures)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.TrustedDevice{}, false, nil
	}
	if err != nil {
		return store.TrustedDevice{}, false, fmt.Errorf("store: trusted browser: %w", err)
	}
	return d, true, nil
}

// TrustDevice remembers a browser that signed in as username, or clears its failures.
func (q *Queries) TrustDevice(ctx context.Context, hash []byte, username string, at time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO login_devices (token_hash, username, created_at, last_used_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (token_hash) DO UPDATE SET last_used_at = $3, failures = 0`, hash, username, at)
	if err != nil {
		return fmt.Errorf("store: trust browser: %w", err)
	}
	return nil
}

// DeviceFailed counts a wrong password typed in a trusted browser; at maxFailures the
// browser is trusted no more. It returns the failures counted.
func (q *Queries) DeviceFailed(ctx context.Context, hash []byte, maxFailures int) (int, error) {
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
func (q *Queries) PruneLoginFailures(ctx context.Context, since, deviceSince time.Time) error {
	if _, err := q.Exec(ctx, `DELETE FROM login_failures WHERE at < $1`, since); err != nil {
		return fmt.Errorf("store: prune login failures: %w", err)
	}
	if _, err := q.Exec(ctx, `DELETE FROM login_devices WHERE last_used_at < $1`, deviceSince); err != nil {
		return fmt.Errorf("store: prune trusted browsers: %w", err)
	}
	return nil
}

package store

import (
	"context"
	"time"
)

// LoginState is what the login policy needs to know before checking a password.
type LoginState struct {
	AddrFailures int        // failures from the address since the address window began
	PairFailures int        // failures of this username from this address since the pair window began
	PairLast     *time.Time // the latest of those
	LockedAt     *time.Time // the username is locked (until an administrator unlocks it)
}

// LoginLock is a locked username.
type LoginLock struct {
	Username string
	LockedAt time.Time
	Failures int // the failures that locked it
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

// TrustedDevice is a browser that signed in as Username.
type TrustedDevice struct {
	Username string
	Failures int // wrong passwords typed in it since its last sign-in
}

// LoginsQueries are the statements of logins.go.
type LoginsQueries interface {
	// LoginStateOf reads the failures of a username and an address in one round trip.
	LoginStateOf(ctx context.Context, username, addr string, addrSince, pairSince time.Time) (LoginState, error)

	// RecordAttemptFailure remembers a failed sign-in (or a wrong current password) by attempted
	// username and client address, and returns the failures of the pair since pairSince and of
	// the username from any address since userSince, this one included.
	RecordAttemptFailure(ctx context.Context, username, addr string, at, pairSince, userSince time.Time) (pair, user int, err error)

	// ClearPairFailures forgets the failures of a username from an address (after it signed in
	// from there).
	ClearPairFailures(ctx context.Context, username, addr string) error

	// LockLogin locks a username; it reports false when it was locked already.
	LockLogin(ctx context.Context, username string, failures int, at time.Time) (bool, error)

	// UnlockLogin lifts the lock of a username and forgets its failures, so it starts afresh;
	// ErrNotFound when it was not locked.
	UnlockLogin(ctx context.Context, username string) (LoginLock, error)

	// LockedAccounts lists the users that are locked, newest lock first, at most limit, and
	// how many there are. Locks of usernames nobody has are not listed.
	LockedAccounts(ctx context.Context, limit int) ([]LockedAccount, int, error)

	// CountLockedAccounts counts the users that are locked.
	CountLockedAccounts(ctx context.Context) (int, error)

	// DeviceByHash finds a trusted browser by the hash of its token; found false when none.
	DeviceByHash(ctx context.Context, hash []byte) (TrustedDevice, bool, error)

	// TrustDevice remembers a browser that signed in as username, or clears its failures.
	TrustDevice(ctx context.Context, hash []byte, username string, at time.Time) error

	// DeviceFailed counts a wrong password typed in a trusted browser; at maxFailures the
	// browser is trusted no more. It returns the failures counted.
	DeviceFailed(ctx context.Context, hash []byte, maxFailures int) (int, error)

	// PruneLoginFailures forgets failures from before since, and trusted browsers not used
	// since deviceSince.
	PruneLoginFailures(ctx context.Context, since, deviceSince time.Time) error
}

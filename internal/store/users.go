package store

import (
	"context"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
)

// User is a person who signs in to the portal.
type User struct {
	ID                   int64
	Username             string
	FullName             string
	PasswordHash         string
	Role                 authz.Role
	UnitID               int64 // 0 when none
	UnitCode             string
	UnitName             string
	Active               bool
	MustChangePassword   bool
	PasswordNeverExpires bool
	Locked               bool // sign-in locked until an administrator unlocks it (read by ListUsers only)
	LastLoginAt          *time.Time
	PasswordChangedAt    time.Time
	SessionEpoch         int
	UpdatedAt            time.Time
}

// UserInput is what a person can set on a user.
type UserInput struct {
	Username           string
	FullName           string
	Role               string
	UnitID             int64
	Active             bool
	MustChangePassword bool
}

// UserFilter narrows the admin's user list.
type UserFilter struct {
	Query  string // part of username or full name
	Role   string
	UnitID int64
}

// UsersQueries are the statements of users.go.
type UsersQueries interface {
	// UserByUsername finds a user by login name, active or not.
	UserByUsername(ctx context.Context, username string) (User, error)

	// UserByID finds a user by id.
	UserByID(ctx context.Context, id int64) (User, error)

	// ListUsers returns one page of users sorted by unit then username, and the total count.
	ListUsers(ctx context.Context, f UserFilter, page Page) ([]User, int, error)

	// CreateUser inserts a user; ErrConflict when the username is taken.
	CreateUser(ctx context.Context, in UserInput, passwordHash string) (int64, error)

	// UpdateUser changes a user's details.
	UpdateUser(ctx context.Context, id int64, in UserInput) error

	// UserForUpdate reads a user and locks the row until the transaction ends.
	UserForUpdate(ctx context.Context, id int64) (User, error)

	// SetPassword stores a new hash; mustChange marks a one-time password. The browsers trusted
	// for the old password are trusted no more (the password may have been changed because it
	// leaked).
	SetPassword(ctx context.Context, id int64, hash string, mustChange bool) error

	// RecordLoginSuccess notes when the user last signed in.
	RecordLoginSuccess(ctx context.Context, id int64, at time.Time) error

	// CountUsersByRole returns how many active users each role has.
	CountUsersByRole(ctx context.Context) (map[string]int, error)

	// RevokeSessions ends every session of the user by moving to a new epoch, which it returns.
	RevokeSessions(ctx context.Context, id int64) (int, error)

	// ExpirePassword makes the user choose a new password at their next request.
	ExpirePassword(ctx context.Context, id int64) error

	// ExemptFromPasswordExpiry marks a user whose password never ages (demo users).
	ExemptFromPasswordExpiry(ctx context.Context, id int64) error
}

package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

const userColumns = `u.id, u.username, u.full_name, u.password_hash, u.role, coalesce(u.unit_id, 0),
	coalesce(un.code, ''), coalesce(un.name, ''), u.active, u.must_change_password, u.password_never_expires,
	u.last_login_at, u.password_changed_at, u.session_epoch, u.updated_at`

func scanUser(row pgx.Row) (store.User, error) {
	var u store.User
	err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.PasswordHash, &u.Role, &u.UnitID,
		&u.UnitCode, &u.UnitName, &u.Active, &u.MustChangePassword, &u.PasswordNeverExpires,
		&u.LastLoginAt, &u.PasswordChangedAt, &u.SessionEpoch, &u.UpdatedAt)
	return u, err
}

// UserByUsername finds a user by login name, active or not.
func (q *Queries) UserByUsername(ctx context.Context, username string) (store.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+`
		FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.username = $1`, username))
	if err != nil {
		return store.User{}, fmt.Errorf("store: user by username: %w", notFound(err))
	}
	return u, nil
}

// UserByID finds a user by id.
func (q *Queries) UserByID(ctx context.Context, id int64) (store.User, error) {
	return q.userByID(ctx, id)
}

func (q *Queries) userByID(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+`
		FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1`, id))
	if err != nil {
		return store.User{}, fmt.Errorf("store: user %d: %w", id, notFound(err))
	}
	return u, nil
}

// ListUsers returns one page of users sorted by unit then username, and the total count.
func (q *Queries) ListUsers(ctx context.Context, f store.UserFilter, page store.Page) ([]store.User, int, error) {
	rows, err := q.Query(ctx, `SELECT `+userColumns+`, l.username IS NOT NULL, count(*) OVER ()
		FROM users u LEFT JOIN units un ON un.id = u.unit_id LEFT JOIN login_locks l ON l.username = u.username
		WHERE ($1 = '' OR u.username ILIKE '%' || $1 || '%' OR u.full_name ILIKE '%' || $1 || '%')
		  AND ($2 = '' OR u.role = $2)
		  AND ($3 = 0 OR u.unit_id = $3)
		ORDER BY un.code NULLS FIRST, u.username
		LIMIT $4 OFFSET $5`, f.Query, f.Role, f.UnitID, page.Limit(), page.Offset())
	if err != nil {
		return nil, 0, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	var users []store.User
	total := 0
	for rows.Next() {
		var u store.User
		if err := rows.Scan(&u.ID, &u.Username, &u.FullName, &u.PasswordHash, &u.Role, &u.UnitID,
			&u.UnitCode, &u.UnitName, &u.Active, &u.MustChangePassword, &u.PasswordNeverExpires,
			&u.LastLoginAt, &u.PasswordChangedAt, &u.SessionEpoch, &u.UpdatedAt, &u.Locked, &total); err != nil {
			return nil, 0, fmt.Errorf("store: list users: %w", err)
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list users: %w", err)
	}
	return users, total, nil
}

func nullUnit(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// CreateUser inserts a user; ErrConflict when the username is taken.
func (q *Queries) CreateUser(ctx context.Context, in store.UserInput, passwordHash string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO users (username, full_name, password_hash, role, unit_id, active, must_change_password)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		in.Username, in.FullName, passwordHash, in.Role, nullUnit(in.UnitID), in.Active, in.MustChangePassword).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create user %q: %w", in.Username, store.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create user %q: %w", in.Username, err)
	}
	return id, nil
}

// UpdateUser changes a user's details.
func (q *Queries) UpdateUser(ctx context.Context, id int64, in store.UserInput) error {
	tag, err := q.Exec(ctx, `UPDATE users SET username = $2, full_name = $3, role = $4, unit_id = $5,
		active = $6, updated_at = now() WHERE id = $1`,
		id, in.Username, in.FullName, in.Role, nullUnit(in.UnitID), in.Active)
	if isUniqueViolation(err) {
		return fmt.Errorf("store: update user %d: %w", id, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: update user %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: update user %d: %w", id, store.ErrNotFound)
	}
	return nil
}

// UserForUpdate reads a user and locks the row until the transaction ends.
func (q *Queries) UserForUpdate(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+`
		FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1 FOR UPDATE OF u`, id))
	if err != nil {
		return store.User{}, fmt.Errorf("store: lock user %d: %w", id, notFound(err))
	}
	return u, nil
}

// SetPassword stores a new hash; mustChange marks a one-time password. The browsers trusted
// for the old password are trusted no more (the password may have been changed because it
// leaked).
func (q *Queries) SetPassword(ctx context.Context, id int64, hash string, mustChange bool) error {
	var username string
	err := q.QueryRow(ctx, `UPDATE users SET password_hash = $2, must_change_password = $3,
		password_changed_at = now(), updated_at = now() WHERE id = $1 RETURNING username`,
		id, hash, mustChange).Scan(&username)
	if err != nil {
		return fmt.Errorf("store: set password %d: %w", id, notFound(err))
	}
	if _, err := q.Exec(ctx, `DELETE FROM login_devices WHERE username = $1`, username); err != nil {
		return fmt.Errorf("store: set password %d: forget trusted browsers: %w", id, err)
	}
	return nil
}

// RecordLoginSuccess notes when the user last signed in.
func (q *Queries) RecordLoginSuccess(ctx context.Context, id int64, at time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE users SET last_login_at = $2 WHERE id = $1`, id, at); err != nil {
		return fmt.Errorf("store: record login success %d: %w", id, err)
	}
	return nil
}

// CountUsersByRole returns how many active users each role has.
func (q *Queries) CountUsersByRole(ctx context.Context) (map[string]int, error) {
	rows, err := q.Query(ctx, `SELECT role, count(*) FROM users WHERE active GROUP BY role`)
	if err != nil {
		return nil, fmt.Errorf("store: count users: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var role string
		var n int
		if err := rows.Scan(&role, &n); err != nil {
			return nil, fmt.Errorf("store: count users: %w", err)
		}
		out[role] = n
	}
	return out, rows.Err()
}

// RevokeSessions ends every session of the user by moving to a new epoch, which it returns.
func (q *Queries) RevokeSessions(ctx context.Context, id int64) (int, error) {
	var epoch int
	if err := q.QueryRow(ctx, `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch`, id).Scan(&epoch); err != nil {
		return 0, fmt.Errorf("store: revoke sessions of %d: %w", id, notFound(err))
	}
	return epoch, nil
}

// ExpirePassword makes the user choose a new password at their next request.
func (q *Queries) ExpirePassword(ctx context.Context, id int64) error {
	if _, err := q.Exec(ctx, `UPDATE users SET must_change_password = true WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: expire password %d: %w", id, err)
	}
	return nil
}

// ExemptFromPasswordExpiry marks a user whose password never ages (demo users).
func (q *Queries) ExemptFromPasswordExpiry(ctx context.Context, id int64) error {
	if _, err := q.Exec(ctx, `UPDATE users SET password_never_expires = true WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: exempt %d from password expiry: %w", id, err)
	}
	return nil
}

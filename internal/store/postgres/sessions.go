package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/store"
)

// sessionStore is scs's PostgreSQL store (the statements of scs/pgxstore, whose table this
// is) with the session's user kept beside its data (migration 000018): Find reads the
// session and, when the request asks for it (store.SessionUser), its user in one round trip.
type sessionStore struct {
	pool   *pgxpool.Pool
	userOf func(data []byte) int64
	stop   chan struct{}
}

func newSessionStore(pool *pgxpool.Pool, cleanup time.Duration, userOf func([]byte) int64) *sessionStore {
	s := &sessionStore{pool: pool, userOf: userOf}
	if cleanup > 0 {
		s.stop = make(chan struct{})
		go s.cleanup(cleanup)
	}
	return s
}

const sessionFind = `SELECT data FROM sessions WHERE token = $1 AND current_timestamp < expiry`

// FindCtx reads a session; with a SessionUser in ctx, the session's user too, in the same
// batch (one round trip, one snapshot per statement, both at this request).
func (s *sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	su := store.SessionUserFrom(ctx)
	if su == nil {
		var b []byte
		err := s.pool.QueryRow(ctx, sessionFind, token).Scan(&b)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("store: find session: %w", err)
		}
		return b, true, nil
	}
	batch := &pgx.Batch{}
	var b []byte
	found := true
	batch.Queue(sessionFind, token).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&b)
		if errors.Is(err, pgx.ErrNoRows) {
			found = false
			return nil
		}
		return err
	})
	// the user with what the layout shows on every page: the unread notifications (the bell)
	batch.Queue(`SELECT `+userColumns+`,
			(SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)
		FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units un ON un.id = u.unit_id
		WHERE s.token = $1 AND current_timestamp < s.expiry`, token).QueryRow(func(row pgx.Row) error {
		var u store.User
		var unread int
		err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.PasswordHash, &u.Role, &u.UnitID,
			&u.UnitCode, &u.UnitName, &u.Active, &u.MustChangePassword, &u.PasswordNeverExpires,
			&u.LastLoginAt, &u.PasswordChangedAt, &u.SessionEpoch, &u.UpdatedAt, &unread)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		su.User, su.Unread, su.Found = u, unread, err == nil
		return err
	})
	if err := s.pool.SendBatch(ctx, batch).Close(); err != nil {
		*su = store.SessionUser{}
		return nil, false, fmt.Errorf("store: find session and user: %w", err)
	}
	if !found {
		*su = store.SessionUser{}
		return nil, false, nil
	}
	return b, true, nil
}

func (s *sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	var user *int64
	if id := s.userOf(b); id != 0 {
		user = &id
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry, user_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, user_id = EXCLUDED.user_id`,
		token, b, expiry, user)
	if err != nil {
		return fmt.Errorf("store: commit session: %w", err)
	}
	return nil
}

func (s *sessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *sessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

func (s *sessionStore) cleanup(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			// a failed cleanup is retried at the next tick; expired sessions are never found
			_, _ = s.pool.Exec(context.Background(), `DELETE FROM sessions WHERE expiry < current_timestamp`)
		case <-s.stop:
			return
		}
	}
}

// StopCleanup ends the background deletion of expired sessions.
func (s *sessionStore) StopCleanup() {
	if s.stop != nil {
		close(s.stop)
	}
}

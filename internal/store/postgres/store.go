// Package postgres holds every SQL statement of the portal (pgx on PostgreSQL), one file
// per aggregate, and the migrations runner. Its Store implements store.Store; only the
// binary's wiring (cmd/…), the seed, the load tools and the tests import this package.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/store"
)

// DBTX is what both a pool and a transaction can do.
type DBTX interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Queries runs the statements on a pool or inside a transaction; it implements store.Queries.
type Queries struct {
	DBTX
}

var _ store.Store = (*Store)(nil)

// Store is the portal's access to PostgreSQL: the pool and every statement on it.
type Store struct {
	*Queries
	pool *pgxpool.Pool
}

// Open connects a pool. maxConns bounds the connections one app instance holds
// (PostgreSQL's max_connections is shared by every instance).
func Open(ctx context.Context, databaseURL string, maxConns int32) (*Store, error) {
	cfg, err := poolConfig(databaseURL, maxConns)
	if err != nil {
		return nil, fmt.Errorf("store: parse DATABASE_URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: ping %s: %w", cfg.ConnConfig.Host, err)
	}
	return New(pool), nil
}

// poolConfig is the pool settings every pool of the portal shares, primary or replica.
func poolConfig(databaseURL string, maxConns int32) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, err
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 15 * time.Second
	return cfg, nil
}

// New wraps an existing pool (tests).
func New(pool *pgxpool.Pool) *Store { return &Store{Queries: &Queries{pool}, pool: pool} }

// On runs the statements on a connection or transaction the caller holds (tests and
// tools that drive pgx themselves).
func On(db DBTX) *Queries { return &Queries{db} }

// Pool exposes the pool for the benchmark and for tests that read tables directly.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close releases every connection.
func (s *Store) Close() { s.pool.Close() }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// InTx runs fn in one transaction: committed if fn returns nil, rolled back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(tx store.Queries) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return fn(&Queries{tx}) })
}

// Sessions returns the session store (sessions.go), deleting expired sessions every cleanup.
func (s *Store) Sessions(cleanup time.Duration, userOf func(data []byte) int64) store.Sessions {
	return newSessionStore(s.pool, cleanup, userOf)
}

// Unavailable reports whether err means PostgreSQL cannot be reached or is restarting.
func (s *Store) Unavailable(err error) bool { return Unavailable(err) }

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// InPgxTx is InTx for the seed, the load tools and tests, whose function also runs its own
// SQL on the transaction (tx.Exec, tx.QueryRow) besides the portal's statements.
func (s *Store) InPgxTx(ctx context.Context, fn func(tx *Queries) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return fn(&Queries{tx}) })
}

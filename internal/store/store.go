// Package store holds every SQL statement of the portal, one file per aggregate.
// Every call takes a context; errors are wrapped with the operation that failed.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound means the record does not exist (or is not visible to the caller).
var ErrNotFound = errors.New("not found")

// ErrConflict means the record changed since the caller read it (optimistic locking)
// or a unique value is already taken.
var ErrConflict = errors.New("conflict")

// DBTX is what both a pool and a transaction can do; store functions that may run
// inside a caller's transaction take it.
type DBTX interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Store is the portal's access to PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects a pool. maxConns bounds the connections one app instance holds
// (PostgreSQL's max_connections is shared by every instance).
func Open(ctx context.Context, databaseURL string, maxConns int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("store: parse DATABASE_URL: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 15 * time.Second
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
	return &Store{pool: pool}, nil
}

// New wraps an existing pool (tests).
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Pool exposes the pool for the session store.
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
func (s *Store) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// Page bounds a list query. Every list in the portal is paginated.
type Page struct {
	Number int // 1-based
	Size   int
	// Lookahead fetches one row more than the page holds, so the caller can tell whether
	// a next page exists without counting; the offset still steps by Size.
	Lookahead bool
}

// Offset is the number of rows before this page.
func (p Page) Offset() int { return (p.normal().Number - 1) * p.normal().Size }

// Limit is the number of rows to fetch: the page size, bounded, plus one with Lookahead.
func (p Page) Limit() int {
	if p.Lookahead {
		return p.normal().Size + 1
	}
	return p.normal().Size
}

func (p Page) normal() Page {
	if p.Number < 1 {
		p.Number = 1
	}
	if p.Size < 1 || p.Size > 200 {
		p.Size = 50
	}
	return p
}

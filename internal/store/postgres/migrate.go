package postgres

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	_ "github.com/golang-migrate/migrate/v4/database/pgx/v5" // registers the pgx5:// driver
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"github.com/vn-cchc/cchc/migrations"
)

// ErrDirty means a migration failed half-way; a person must look before anything runs.
var ErrDirty = errors.New("database schema is dirty")

// Migrator applies the embedded migrations. It takes PostgreSQL's advisory lock, so
// instances started together wait for the one that migrates.
type Migrator struct {
	m *migrate.Migrate
}

// NewMigrator opens a dedicated connection for migrating (the lock is session-level).
func NewMigrator(databaseURL string) (*Migrator, error) {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("migrate: open embedded migrations: %w", err)
	}
	u, err := migrateURL(databaseURL)
	if err != nil {
		return nil, err
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, u)
	if err != nil {
		return nil, fmt.Errorf("migrate: connect: %w", err)
	}
	return &Migrator{m: m}, nil
}

// migrateURL rewrites postgres:// to the pgx5:// scheme golang-migrate's pgx driver registers.
func migrateURL(databaseURL string) (string, error) {
	u, err := url.Parse(databaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql" && u.Scheme != "pgx5") {
		return "", fmt.Errorf("migrate: DATABASE_URL must be a postgres:// URL")
	}
	u.Scheme = "pgx5"
	q := u.Query()
	q.Set("x-migrations-table", "schema_migrations")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// Close releases the migrator's connection.
func (mg *Migrator) Close() {
	_, _ = mg.m.Close()
}

// Version returns the applied version and whether it is dirty (0 when none applied).
func (mg *Migrator) Version() (uint, bool, error) {
	v, dirty, err := mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("migrate: version: %w", err)
	}
	return v, dirty, nil
}

// Up applies every pending migration. A dirty schema is refused with how to fix it.
// The dirty check happens under golang-migrate's advisory lock: checked before it, an
// instance would see another instance's migration in progress as dirty.
func (mg *Migrator) Up() error {
	err := mg.m.Up()
	var dirty migrate.ErrDirty
	if errors.As(err, &dirty) {
		return mg.refuseDirty()
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate: up: %w", err)
	}
	return nil
}

// Down rolls back n migrations.
func (mg *Migrator) Down(n int) error {
	if n < 1 {
		return fmt.Errorf("migrate: down: want a positive number of steps")
	}
	if err := mg.refuseDirty(); err != nil {
		return err
	}
	if err := mg.m.Steps(-n); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate: down %d: %w", n, err)
	}
	return nil
}

// Force marks version v as applied and clean, after a person fixed a failed migration by hand.
func (mg *Migrator) Force(v int) error {
	if err := mg.m.Force(v); err != nil {
		return fmt.Errorf("migrate: force %d: %w", v, err)
	}
	return nil
}

func (mg *Migrator) refuseDirty() error {
	v, dirty, err := mg.Version()
	if err != nil {
		return err
	}
	if dirty {
		return fmt.Errorf("%w at version %d: migration %d failed part-way. Inspect the database, undo or finish "+
			"that migration's changes by hand, then run `cchc migrate force %d` (if it is fully applied) or "+
			"`cchc migrate force %d` (if it is fully undone) and start again", ErrDirty, v, v, v, v-1)
	}
	return nil
}

// ErrSchemaBehind and ErrSchemaAhead mean the schema is not the one this binary was built
// for: migrations are pending, or a newer binary migrated the database past what this one knows.
var (
	ErrSchemaBehind = errors.New("database schema is older than this binary")
	ErrSchemaAhead  = errors.New("database schema is newer than this binary")
)

// CheckCurrent refuses to serve on a dirty schema, on one older than the binary expects
// (pending migrations) and on one newer (written by a newer binary), saying what to do.
func CheckCurrent(databaseURL string) error {
	mg, err := NewMigrator(databaseURL)
	if err != nil {
		return err
	}
	defer mg.Close()
	if err := mg.refuseDirty(); err != nil {
		return err
	}
	v, _, err := mg.Version()
	if err != nil {
		return err
	}
	latest, err := LatestVersion()
	if err != nil {
		return err
	}
	switch {
	case v < latest:
		return fmt.Errorf("%w: the database is at version %d, this binary needs %d; run `cchc migrate up`", ErrSchemaBehind, v, latest)
	case v > latest:
		return fmt.Errorf("%w: the database is at version %d, this binary knows up to %d; run the newer binary, "+
			"or roll the database back to version %d with it (`cchc migrate down N`) first", ErrSchemaAhead, v, latest, latest)
	}
	return nil
}

// LatestVersion is the newest migration embedded in this binary.
func LatestVersion() (uint, error) {
	entries, err := migrations.FS.ReadDir(".")
	if err != nil {
		return 0, err
	}
	var latest uint
	for _, e := range entries {
		var v uint
		name := e.Name()
		if !strings.HasSuffix(name, ".up.sql") {
			continue
		}
		if _, err := fmt.Sscanf(name, "%d_", &v); err == nil && v > latest {
			latest = v
		}
	}
	return latest, nil
}

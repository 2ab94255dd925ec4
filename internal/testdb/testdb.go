// Package testdb gives each test package its own fresh, migrated PostgreSQL database,
// cloned from a template database that is migrated once per schema version (fast).
// There is no fallback: without PostgreSQL the tests fail and say how to start it.
package testdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/migrations"
)

const defaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var (
	packageURL string
	adminURL   string
	templateDB string
)

// Main creates the package's database, runs the tests and drops it. Call it from TestMain.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	admin := os.Getenv("DATABASE_URL")
	if admin == "" {
		admin = defaultURL
	}
	name, err := create(ctx, admin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testdb: %v\n\nThese tests need PostgreSQL. Run `make test` (it finds or starts one), "+
			"or set DATABASE_URL to a server where this user may create databases.\n", err)
		return 1
	}
	adminURL = admin
	packageURL = withDatabase(admin, name)
	code := m.Run()
	if err := drop(ctx, admin, name); err != nil {
		fmt.Fprintf(os.Stderr, "testdb: %v\n", err)
	}
	return code
}

// URL is the connection string of this package's database.
func URL(tb testing.TB) string {
	tb.Helper()
	if packageURL == "" {
		tb.Fatal("testdb: call testdb.Main(m) from TestMain first")
	}
	return packageURL
}

// Store opens a store on this package's database, closed when the test ends.
func Store(tb testing.TB) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), URL(tb), 8)
	if err != nil {
		tb.Fatalf("testdb: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Extra creates one more fresh, migrated database for a test that must not share the
// package's (it would see, or disturb, what other tests wrote); dropped when the test ends.
func Extra(tb testing.TB) string {
	tb.Helper()
	return extra(tb, templateDB)
}

// Empty creates a database with no schema at all (for tests of migrating), dropped when
// the test ends.
func Empty(tb testing.TB) string {
	tb.Helper()
	return extra(tb, "template0")
}

func extra(tb testing.TB, template string) string {
	tb.Helper()
	if adminURL == "" {
		tb.Fatal("testdb: call testdb.Main(m) from TestMain first")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		tb.Fatalf("testdb: %v", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("cchc_extra_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	if template == "template0" {
		_, err = conn.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE template0`, pgx.Identifier{name}.Sanitize()))
	} else {
		err = cloneTemplate(ctx, conn, adminURL, template, name)
	}
	if err != nil {
		tb.Fatalf("testdb: create %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := drop(context.Background(), adminURL, name); err != nil {
			tb.Logf("testdb: %v", err)
		}
	})
	return withDatabase(adminURL, name)
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	q := u.Query()
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// schemaHash names the template after the migrations it holds, so a changed
// migration gets a new template and an old one is never reused by mistake.
func schemaHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.FS.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12], err
}

func create(ctx context.Context, admin string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redact(admin), err)
	}
	defer conn.Close(ctx)

	hash, err := schemaHash()
	if err != nil {
		return "", err
	}
	template := "cchc_tmpl_" + hash
	templateDB = template
	pkg := strings.NewReplacer("-", "_", ".", "_").Replace(filepath.Base(mustWd()))
	name := fmt.Sprintf("cchc_test_%s_%d_%d", pkg, os.Getpid(), time.Now().UnixNano()%1e6)
	if len(name) > 60 {
		name = name[:60]
	}
	if err := cloneTemplate(ctx, conn, admin, template, name); err != nil {
		return "", fmt.Errorf("create %s: %w", name, err)
	}
	return name, nil
}

// cloneTemplate creates database name from the schema's template, building the template
// first when it is missing. It holds one lock from the check to the copy: packages run in
// parallel, and another checkout with other migrations may be dropping stale templates, so
// a template seen a moment ago may be gone by the time it is copied.
func cloneTemplate(ctx context.Context, conn *pgx.Conn, admin, template, name string) error {
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('cchc testdb template'))`); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock(hashtext('cchc testdb template'))`)

	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, template).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if err := buildTemplate(ctx, conn, admin, template); err != nil {
			return err
		}
	}
	_, err := conn.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, pgx.Identifier{name}.Sanitize(), pgx.Identifier{template}.Sanitize()))
	return err
}

func buildTemplate(ctx context.Context, conn *pgx.Conn, admin, template string) error {
	building := template + "_build"
	if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{building}.Sanitize()); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{building}.Sanitize()); err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	mg, err := postgres.NewMigrator(withDatabase(admin, building))
	if err != nil {
		return err
	}
	err = mg.Up()
	mg.Close()
	if err != nil {
		return err
	}
	// Renaming last makes the template appear only once it is complete.
	if _, err := conn.Exec(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, pgx.Identifier{building}.Sanitize(), pgx.Identifier{template}.Sanitize())); err != nil {
		return fmt.Errorf("publish template: %w", err)
	}
	dropStaleTemplates(ctx, conn, template)
	return nil
}

// dropStaleTemplates removes templates of earlier schemas so a developer's server does not
// fill up with them. One still in use (another checkout's tests) refuses and stays.
func dropStaleTemplates(ctx context.Context, conn *pgx.Conn, current string) {
	rows, err := conn.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'cchc\_tmpl\_%' AND datname <> $1`, current)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, name := range names {
		_, _ = conn.Exec(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize())
	}
}

func drop(ctx context.Context, admin, name string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, pgx.Identifier{name}.Sanitize()))
	return err
}

func mustWd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "pkg"
	}
	return wd
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "DATABASE_URL"
	}
	return u.Redacted()
}

// fixedNow is the day tests stand on unless CCHC_TEST_NOW names another: a fixed day, so
// no test depends on the day it runs.
var fixedNow = time.Date(2026, 11, 27, 9, 0, 0, 0, domain.Location)

// Now is the tests' clock: CCHC_TEST_NOW (YYYY-MM-DD, 09:00 Vietnam time) or a fixed day.
// Seed the demo with it and give the server the same clock (server.WithClock(testdb.Now)),
// then derive expectations from the data rather than from the calendar.
func Now() time.Time {
	v := os.Getenv("CCHC_TEST_NOW")
	if v == "" {
		return fixedNow
	}
	d, err := time.ParseInLocation("2006-01-02", v, domain.Location)
	if err != nil {
		panic(fmt.Sprintf("testdb: CCHC_TEST_NOW=%q: want YYYY-MM-DD", v))
	}
	return d.Add(9 * time.Hour)
}

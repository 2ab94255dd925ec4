// Package backup dumps and restores the portal's database with PostgreSQL's own tools
// (pg_dump / pg_restore, custom format), so a backup can be restored without the portal.
package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

// Dump writes the whole database to file in pg_dump's custom format.
func Dump(ctx context.Context, databaseURL, file string) error {
	bin, err := tool("pg_dump")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	out, err := exec.CommandContext(ctx, bin, "--format=custom", "--no-owner", "--file", file, "--dbname", databaseURL).CombinedOutput()
	if err != nil {
		return fmt.Errorf("backup: pg_dump: %v: %s", err, out)
	}
	return nil
}

// Restore loads a dump into the database, replacing the objects the dump holds. Restore
// into a new, empty database when you can: it is the tested path.
func Restore(ctx context.Context, databaseURL, file string) error {
	bin, err := tool("pg_restore")
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	out, err := exec.CommandContext(ctx, bin, "--no-owner", "--clean", "--if-exists", "--exit-on-error",
		"--single-transaction", "--dbname", databaseURL, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("restore: pg_restore: %v: %s", err, out)
	}
	return nil
}

// tool finds a PostgreSQL client program: on PATH or in Debian's /usr/lib/postgresql/N/bin,
// newest first (a newer pg_dump reads older servers, not the reverse).
func tool(name string) (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	sort.Sort(sort.Reverse(sort.StringSlice(matches)))
	if len(matches) > 0 {
		return matches[0], nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", errors.New(name + " not found: install the PostgreSQL client (Debian: postgresql-client)")
}

package store_test

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/migrations"
)

// Three instances started at once on an empty database: one migrates, the others wait
// on the advisory lock and find the schema current.
func TestConcurrentMigrationsOnEmptyDatabase(t *testing.T) {
	dbURL := testdb.Empty(t)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mg, err := store.NewMigrator(dbURL)
			if err != nil {
				errs[i] = err
				return
			}
			defer mg.Close()
			errs[i] = mg.Up()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	mg, err := store.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	latest, _ := store.LatestVersion()
	if v, dirty, err := mg.Version(); v != latest || dirty || err != nil {
		t.Fatalf("version %d dirty=%v err=%v, want %d clean", v, dirty, err, latest)
	}
}

// A failed migration leaves the version dirty; nothing starts until a person repairs it.
func TestDirtySchemaRefusesToStart(t *testing.T) {
	dbURL := testdb.Empty(t)
	mg, err := store.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `UPDATE schema_migrations SET dirty = true`); err != nil {
		t.Fatal(err)
	}
	err = store.CheckCurrent(dbURL)
	if !errors.Is(err, store.ErrDirty) || !strings.Contains(err.Error(), "cchc migrate force") {
		t.Fatalf("CheckCurrent on a dirty schema = %v; want ErrDirty with how to fix it", err)
	}
	if err := mg.Up(); !errors.Is(err, store.ErrDirty) {
		t.Fatalf("Up on a dirty schema = %v", err)
	}
	latest, _ := store.LatestVersion()
	if err := mg.Force(int(latest)); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckCurrent(dbURL); err != nil {
		t.Fatalf("after force: %v", err)
	}
}

// Every migration rolls back cleanly and applies again.
func TestMigrationsDownAndUp(t *testing.T) {
	dbURL := testdb.Empty(t)
	mg, err := store.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		t.Fatal(err)
	}
	ups, _ := fs.Glob(migrations.FS, "*.up.sql")
	if err := mg.Down(len(ups)); err != nil {
		t.Fatalf("down %d: %v", len(ups), err)
	}
	if v, _, _ := mg.Version(); v != 0 {
		t.Fatalf("after rolling back every migration the version is %d", v)
	}
	if err := mg.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
}

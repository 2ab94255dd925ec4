package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store/postgres"
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
			mg, err := postgres.NewMigrator(dbURL)
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
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	latest, _ := postgres.LatestVersion()
	if v, dirty, err := mg.Version(); v != latest || dirty || err != nil {
		t.Fatalf("version %d dirty=%v err=%v, want %d clean", v, dirty, err, latest)
	}
}

// A failed migration leaves the version dirty; nothing starts until a person repairs it.
func TestDirtySchemaRefusesToStart(t *testing.T) {
	dbURL := testdb.Empty(t)
	mg, err := postgres.NewMigrator(dbURL)
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
	err = postgres.CheckCurrent(dbURL)
	if !errors.Is(err, postgres.ErrDirty) || !strings.Contains(err.Error(), "cchc migrate force") {
		t.Fatalf("CheckCurrent on a dirty schema = %v; want ErrDirty with how to fix it", err)
	}
	if err := mg.Up(); !errors.Is(err, postgres.ErrDirty) {
		t.Fatalf("Up on a dirty schema = %v", err)
	}
	latest, _ := postgres.LatestVersion()
	if err := mg.Force(int(latest)); err != nil {
		t.Fatal(err)
	}
	if err := postgres.CheckCurrent(dbURL); err != nil {
		t.Fatalf("after force: %v", err)
	}
}

// TestCheckCurrentRefusesAnotherSchema: serving needs exactly the schema this binary was
// built for; an older one (pending migrations) and a newer one are refused with what to do.
func TestCheckCurrentRefusesAnotherSchema(t *testing.T) {
	dbURL := testdb.Empty(t)
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	if err := postgres.CheckCurrent(dbURL); !errors.Is(err, postgres.ErrSchemaBehind) {
		t.Errorf("CheckCurrent on an empty database = %v, want ErrSchemaBehind", err)
	}
	if err := mg.Up(); err != nil {
		t.Fatal(err)
	}
	if err := postgres.CheckCurrent(dbURL); err != nil {
		t.Fatalf("CheckCurrent on the current schema: %v", err)
	}
	if err := mg.Down(1); err != nil {
		t.Fatal(err)
	}
	if err := postgres.CheckCurrent(dbURL); !errors.Is(err, postgres.ErrSchemaBehind) || !strings.Contains(err.Error(), "cchc migrate up") {
		t.Errorf("CheckCurrent one migration behind = %v, want ErrSchemaBehind saying to run cchc migrate up", err)
	}
	latest, _ := postgres.LatestVersion()
	if err := mg.Force(int(latest) + 1); err != nil {
		t.Fatal(err)
	}
	if err := postgres.CheckCurrent(dbURL); !errors.Is(err, postgres.ErrSchemaAhead) || !strings.Contains(err.Error(), "newer binary") {
		t.Errorf("CheckCurrent one version ahead = %v, want ErrSchemaAhead", err)
	}
	t.Logf("Up on a newer schema: %v", mg.Up())
}

// TestMigrateDownAndUp walks the migrations one at a time: up from an empty database,
// recording the schema after each, then down again, where every down must leave exactly the
// schema that was there before its up (tables, columns, constraints, indexes, views,
// functions, triggers, types, sequences), ending with nothing; then all the way up again.
func TestMigrateDownAndUp(t *testing.T) {
	ctx := context.Background()
	dbURL := testdb.Empty(t)
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	versions := migrationVersions(t)
	before := map[uint]string{0: schemaOf(t, conn)} // the schema at each version
	if before[0] != "" {
		t.Fatalf("the empty database has a schema:\n%s", before[0])
	}
	for _, v := range versions {
		if err := mg.Steps(1); err != nil {
			t.Fatalf("up to %d: %v", v, err)
		}
		if got, dirty, _ := mg.Version(); got != v || dirty {
			t.Fatalf("after one step up the version is %d (dirty %v), want %d", got, dirty, v)
		}
		before[v] = schemaOf(t, conn)
	}
	for i := len(versions) - 1; i >= 0; i-- {
		prev := uint(0)
		if i > 0 {
			prev = versions[i-1]
		}
		if err := mg.Steps(-1); err != nil {
			t.Fatalf("down from %d: %v", versions[i], err)
		}
		if got, dirty, _ := mg.Version(); got != prev || dirty {
			t.Fatalf("after one step down from %d the version is %d (dirty %v), want %d", versions[i], got, dirty, prev)
		}
		if diff := schemaDiff(before[prev], schemaOf(t, conn)); diff != "" {
			t.Fatalf("%06d's down does not restore the schema of version %d:\n%s", versions[i], prev, diff)
		}
	}
	if err := mg.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	latest := versions[len(versions)-1]
	if diff := schemaDiff(before[latest], schemaOf(t, conn)); diff != "" {
		t.Errorf("up again differs from the first up:\n%s", diff)
	}
}

// migrationVersions lists the embedded migrations' versions in order.
func migrationVersions(t *testing.T) []uint {
	t.Helper()
	ups, err := fs.Glob(migrations.FS, "*.up.sql")
	if err != nil || len(ups) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	var out []uint
	for _, name := range ups {
		var v uint
		if _, err := fmt.Sscanf(name, "%d_", &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// schemaOf describes every object of the database's schema, one sorted line each, leaving
// out golang-migrate's own table.
func schemaOf(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()),
		rel AS (SELECT c.oid, c.relname, c.relkind FROM pg_class c, ns WHERE c.relnamespace = ns.oid
			AND c.relname NOT LIKE 'schema\_migrations%')
		SELECT line FROM (
			SELECT 'relation ' || relname || ' kind ' || relkind::text AS line FROM rel
			UNION ALL
			SELECT 'column ' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
				CASE WHEN a.attnotnull THEN ' not null' ELSE '' END ||
				coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') ||
				CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END ||
				CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
			FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
			LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
			UNION ALL
			SELECT 'constraint ' || r.relname || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
			FROM pg_constraint co JOIN rel r ON r.oid = co.conrelid
			UNION ALL
			SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN rel r ON r.oid = i.indrelid
			UNION ALL
			SELECT 'view ' || r.relname || ' ' || pg_get_viewdef(r.oid) FROM rel r WHERE r.relkind IN ('v', 'm')
			UNION ALL
			SELECT 'function ' || p.oid::regprocedure || ' ' || CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE '' END
			FROM pg_proc p, ns WHERE p.pronamespace = ns.oid
			UNION ALL
			SELECT 'trigger ' || pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid WHERE NOT tg.tgisinternal
			UNION ALL
			SELECT 'type ' || ty.typname || ' ' || ty.typtype::text FROM pg_type ty, ns WHERE ty.typnamespace = ns.oid
				AND (ty.typtype IN ('e', 'd', 'r', 'm') OR (ty.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = ty.typrelid) = 'c'))
			UNION ALL
			SELECT 'enum ' || ty.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
			FROM pg_enum e JOIN pg_type ty ON ty.oid = e.enumtypid, ns WHERE ty.typnamespace = ns.oid GROUP BY ty.typname
		) objects ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// schemaDiff lists the lines only one of two schema descriptions has.
func schemaDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			if l != "" {
				m[l] = true
			}
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for l := range w {
		if !g[l] {
			out = append(out, "  missing: "+firstLine(l))
		}
	}
	for l := range g {
		if !w[l] {
			out = append(out, "  left over: "+firstLine(l))
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

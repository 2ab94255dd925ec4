package server_test

import (
	"context"
	"sort"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// dbState fingerprints every table of the schema (an md5 of its rows) but the session
// store, which a request touches to keep the session alive, and golang-migrate's own.
func dbState(t *testing.T, st *postgres.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
		AND tablename NOT IN ('sessions', 'schema_migrations') ORDER BY tablename`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) == 0 {
		t.Fatalf("tables: %v %v", tables, err)
	}
	state := map[string]string{}
	for _, table := range tables {
		var sum string
		q := `SELECT coalesce(md5(string_agg(x::text, E'\n' ORDER BY x::text)), '') FROM ` + pgx.Identifier{table}.Sanitize() + ` x`
		if err := st.Pool().QueryRow(ctx, q).Scan(&sum); err != nil {
			t.Fatalf("fingerprint %s: %v", table, err)
		}
		state[table] = sum
	}
	return state
}

// changedTables lists the tables whose rows differ between two fingerprints.
func changedTables(before, after map[string]string) []string {
	var out []string
	for table, sum := range after {
		if before[table] != sum {
			out = append(out, table)
		}
	}
	for table := range before {
		if _, ok := after[table]; !ok {
			out = append(out, table)
		}
	}
	sort.Strings(out)
	return out
}

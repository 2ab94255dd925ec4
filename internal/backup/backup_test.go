package backup_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vn-cchc/cchc/internal/backup"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// fingerprint summarises the reports and results so two databases can be compared.
const fingerprint = `SELECT count(*) || ':' || coalesce(sum(r.version), 0) || ':' ||
	coalesce(md5(string_agg(r.unit_id || '/' || r.period_id || '/' || r.status || '/' || coalesce(tr.value::text, '-') || '/' || tr.narrative, ',' ORDER BY r.id, tr.target_id)), '')
	FROM reports r LEFT JOIN target_results tr ON tr.report_id = r.id`

func TestDumpAndRestoreIntoFreshDatabase(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	var want string
	if err := st.Pool().QueryRow(ctx, fingerprint).Scan(&want); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cchc.dump")
	if err := backup.Dump(ctx, testdb.URL(t), file); err != nil {
		t.Fatal(err)
	}

	fresh := testdb.Empty(t)
	if err := backup.Restore(ctx, fresh, file); err != nil {
		t.Fatal(err)
	}
	restored, err := postgres.Open(ctx, fresh, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	var got string
	if err := restored.Pool().QueryRow(ctx, fingerprint).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != want || want == "" {
		t.Fatalf("restored reports differ:\n got %s\nwant %s", got, want)
	}
	// The restored audit log is still append-only.
	if _, err := restored.Pool().Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("restored audit log accepts DELETE")
	}
}

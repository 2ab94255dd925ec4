package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// `cchc api-client create|list|revoke` runs internal/opendata's use case: it refuses what
// the admin page refuses, prints the token once and stores only its hash.
func TestAPIClientCommand(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string { return map[string]string{"DATABASE_URL": testdb.URL(t)}[k] })
	if err != nil {
		t.Fatal(err)
	}
	out := func(args ...string) (string, error) {
		r, w, _ := os.Pipe()
		stdout := os.Stdout
		os.Stdout = w
		err := apiClientCommand(ctx, cfg, args)
		os.Stdout = stdout
		w.Close()
		b, _ := io.ReadAll(r)
		return string(b), err
	}
	if _, err := out("create", "-name", "Thử", "-plans", "9999/KH-XYZ"); err == nil || !strings.Contains(err.Error(), "Không có kế hoạch số 9999/KH-XYZ") {
		t.Fatalf("an unknown plan: %v", err)
	}
	s, err := out("create", "-name", "Hệ thống báo cáo tỉnh", "-plans", "2320/KH-SNV", "-unit", "vps", "-expires", "31/12/2099")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(s), "\n")
	token := lines[len(lines)-1]
	if !strings.HasPrefix(token, "cchc_") || len(token) < 40 {
		t.Fatalf("create printed %q", s)
	}
	var n int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM api_clients WHERE token_hash = sha256($1::bytea) AND unit_id IS NOT NULL
		AND cardinality(plan_ids) = 1 AND length(token_hint) < 20`, token).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the client is not stored by its token's hash alone: %d %v", n, err)
	}
	list, err := out("list")
	if err != nil || !strings.Contains(list, "Hệ thống báo cáo tỉnh") || !strings.Contains(list, "never used") || strings.Contains(list, token) {
		t.Fatalf("list: %v\n%s", err, list)
	}
	id := strings.Fields(list)[0]
	if s, err := out("revoke", "-id", id); err != nil || !strings.Contains(s, "revoked") {
		t.Fatalf("revoke: %v %s", err, s)
	}
	if _, err := out("revoke", "-id", id); err == nil {
		t.Error("revoking twice succeeds")
	}
}

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestServeRefusesANewerSchema: a database a newer binary migrated is refused at start,
// saying so, instead of being served by code that does not know its tables.
func TestServeRefusesANewerSchema(t *testing.T) {
	bin := buildBinary(t)
	dbURL := testdb.Extra(t)
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	latest, _ := postgres.LatestVersion()
	if err := mg.Force(int(latest) + 1); err != nil {
		t.Fatal(err)
	}
	mg.Close()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ADDR="+freeAddr(t), "LOG_LEVEL=warn")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "newer than this binary") {
		t.Fatalf("serve on a newer schema: %v\n%s", err, out)
	}
}

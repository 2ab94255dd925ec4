package migrations

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// migrationName is golang-migrate's naming as this project writes it: a six-digit version,
// a lower-case name, and the direction.
var migrationName = regexp.MustCompile(`^(\d{6})_([a-z0-9_]+)\.(up|down)\.sql$`)

// TestFilesArePairedAndNumbered checks the rules `make check` promises (docs/ARCHITECTURE.md):
// every file is named NNNNNN_name.up.sql or NNNNNN_name.down.sql; every up has its down and
// every down its up; no two migrations share a number. Gaps between numbers are allowed:
// golang-migrate orders by number and skips none that exist, 000005 was never landed, and a
// branch that renumbers its migration after a rebase may leave one.
func TestFilesArePairedAndNumbered(t *testing.T) {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if problems := checkMigrationFiles(names(entries)); len(problems) > 0 {
		t.Fatalf("migrations/:\n%s", strings.Join(problems, "\n"))
	}
	if len(entries) == 0 {
		t.Fatal("no migrations embedded")
	}
}

func names(entries []fs.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// checkMigrationFiles returns one line per broken rule.
func checkMigrationFiles(files []string) []string {
	var problems []string
	type pair struct{ name, up, down string }
	byVersion := map[string]*pair{}
	var versions []string
	for _, f := range files {
		m := migrationName.FindStringSubmatch(f)
		if m == nil {
			problems = append(problems, f+": not named NNNNNN_name.up.sql or NNNNNN_name.down.sql")
			continue
		}
		version, name, dir := m[1], m[2], m[3]
		p := byVersion[version]
		if p == nil {
			p = &pair{name: name}
			byVersion[version] = p
			versions = append(versions, version)
		}
		if p.name != name {
			problems = append(problems, "number "+version+" used twice: "+p.name+" and "+name+" (renumber one with the next free number)")
			continue
		}
		if dir == "up" {
			p.up = f
		} else {
			p.down = f
		}
	}
	for _, v := range versions {
		p := byVersion[v]
		if p.up == "" {
			problems = append(problems, p.down+": no matching .up.sql")
		}
		if p.down == "" {
			problems = append(problems, p.up+": no matching .down.sql")
		}
	}
	return problems
}

func TestCheckMigrationFilesFindsEachProblem(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"pairs with a gap", []string{"000001_a.up.sql", "000001_a.down.sql", "000003_b.up.sql", "000003_b.down.sql"}, nil},
		{"up without down", []string{"000001_a.up.sql"}, []string{"000001_a.up.sql: no matching .down.sql"}},
		{"down without up", []string{"000002_b.down.sql"}, []string{"000002_b.down.sql: no matching .up.sql"}},
		{"number used twice", []string{"000007_a.up.sql", "000007_a.down.sql", "000007_b.up.sql", "000007_b.down.sql"},
			[]string{"number 000007 used twice: a and b (renumber one with the next free number)", "number 000007 used twice: a and b (renumber one with the next free number)"}},
		{"bad name", []string{"7_a.up.sql", "000008_A.up.sql", "000009_c.sql"}, []string{
			"7_a.up.sql: not named NNNNNN_name.up.sql or NNNNNN_name.down.sql",
			"000008_A.up.sql: not named NNNNNN_name.up.sql or NNNNNN_name.down.sql",
			"000009_c.sql: not named NNNNNN_name.up.sql or NNNNNN_name.down.sql"}},
	}
	for _, tt := range tests {
		got := checkMigrationFiles(tt.files)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

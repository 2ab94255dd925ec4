// Package docs holds the project's documents; its test keeps docs/SECURITY.md honest.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	testName = regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9_]+)`")
	command  = regexp.MustCompile("`(cmd/[a-z]+)`")
	testFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]+)\(`)
)

// TestEverySecurityClaimNamesItsTest: every row of every table in SECURITY.md names, in
// its last column, at least one test (or, for the load test, the command that runs it), and
// every test it names exists.
func TestEverySecurityClaimNamesItsTest(t *testing.T) {
	doc, err := os.ReadFile("SECURITY.md")
	if err != nil {
		t.Fatal(err)
	}
	defined := testFunctions(t, "..")
	rows := 0
	for i, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if !strings.HasPrefix(line, "|") || len(cells) < 2 || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") ||
			strings.TrimSpace(cells[0]) == "control" {
			continue
		}
		rows++
		last := cells[len(cells)-1]
		names := testName.FindAllStringSubmatch(last, -1)
		commands := command.FindAllStringSubmatch(last, -1)
		if len(names) == 0 && len(commands) == 0 {
			t.Errorf("SECURITY.md:%d: %q names no test", i+1, strings.TrimSpace(cells[0]))
		}
		for _, n := range names {
			if !defined[n[1]] {
				t.Errorf("SECURITY.md:%d: test %s does not exist", i+1, n[1])
			}
		}
		for _, c := range commands {
			if _, err := os.Stat(filepath.Join("..", c[1])); err != nil {
				t.Errorf("SECURITY.md:%d: %s does not exist", i+1, c[1])
			}
		}
	}
	if rows < 20 {
		t.Errorf("only %d claim rows found in SECURITY.md; has its table format changed?", rows)
	}
}

// testFunctions finds every test and fuzz function in the repository's _test.go files,
// whatever their build tags.
func testFunctions(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range testFunc.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

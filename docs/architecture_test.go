package docs

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/vn-cchc/cchc/"

// goPackage is what `go list -json` says of a package.
type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// TestArchitectureMatchesImports holds ARCHITECTURE.md to the code: every package of the
// module has a row in "Who may import whom", every import of another package of the module
// is an arrow that row allows, every arrow allowed is used (so the table says what is, not
// what was), no package depends, even indirectly, on what "Never, even indirectly" forbids,
// and none imports what "Never imported directly" forbids.
func TestArchitectureMatchesImports(t *testing.T) {
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	allowed := tableAfter(t, string(doc), "## Who may import whom")
	never := tableAfter(t, string(doc), "## Never, even indirectly")
	neverDirect := tableAfter(t, string(doc), "## Never imported directly")
	pkgs := listPackages(t)
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, module)
		may, ok := allowed[name]
		if !ok {
			t.Errorf("package %s has no row in ARCHITECTURE.md's import table", name)
			continue
		}
		var uses []string
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module) {
				uses = append(uses, strings.TrimPrefix(imp, module))
			}
		}
		for _, u := range uses {
			if !slices.Contains(may, u) {
				t.Errorf("%s imports %s: an arrow ARCHITECTURE.md does not allow (add it there, or import otherwise)", name, u)
			}
		}
		for _, m := range may {
			if !slices.Contains(uses, m) {
				t.Errorf("ARCHITECTURE.md allows %s → %s, which the code does not use: remove the arrow", name, m)
			}
		}
		for _, forbidden := range neverDirect[name] {
			if slices.Contains(p.Imports, forbidden) {
				t.Errorf("%s imports %s, which ARCHITECTURE.md forbids", name, forbidden)
			}
		}
		for _, forbidden := range never[name] {
			for _, d := range p.Deps {
				if d == forbidden || strings.HasPrefix(d, forbidden+"/") || d == module+forbidden {
					t.Errorf("%s depends on %s (through its imports), which ARCHITECTURE.md forbids", name, d)
				}
			}
		}
	}
	for name := range allowed {
		if !slices.ContainsFunc(pkgs, func(p goPackage) bool { return p.ImportPath == module+name }) {
			t.Errorf("ARCHITECTURE.md has a row for %s, which is not a package", name)
		}
	}
}

var code = regexp.MustCompile("`([^`]+)`")

// tableAfter reads the first table after the heading: package → the packages its second
// column names ("—" for none).
func tableAfter(t *testing.T, doc, heading string) map[string][]string {
	t.Helper()
	i := strings.Index(doc, heading)
	if i < 0 {
		t.Fatalf("ARCHITECTURE.md has no %q", heading)
	}
	out := map[string][]string{}
	started := false
	for _, line := range strings.Split(doc[i:], "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			if started {
				break
			}
			continue
		}
		started = true
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) < 2 {
			continue
		}
		name := code.FindStringSubmatch(cells[0])
		if name == nil {
			continue // the header and its rule
		}
		var list []string
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			list = append(list, m[1])
		}
		out[name[1]] = list
	}
	if len(out) == 0 {
		t.Fatalf("no table after %q", heading)
	}
	return out
}

// listPackages asks the go command for every package of the module (non-test files).
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = ".."
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(out)
	for {
		var p goPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	return pkgs
}

package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every key the code names literally — i18n.T(ctx, "…"), i18n.Tf(ctx, "…", …), i18n.M("…", …),
// Translate(l, "…") — is in the catalogue in both languages. (Keys built at run time, such as
// "plan."+status, are checked where they are built.)
func TestEveryKeyUsedIsTranslated(t *testing.T) {
	root := filepath.Join("..", "..")
	uses := regexp.MustCompile(`i18n\.(?:T|Tf)\(\s*ctx\s*,\s*"([^"]+)"|i18n\.M\(\s*"([^"]+)"|i18n\.Translate\([^,]+,\s*"([^"]+)"`)
	missing := map[string]string{}
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == ".data" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) || strings.HasSuffix(path, "_templ.go") || d.Name() == "keys_test.go" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2] + m[3]
			if strings.HasSuffix(key, ".") || strings.HasSuffix(key, "_") {
				continue // a prefix completed at run time
			}
			n++
			e, ok := catalogue[key]
			switch {
			case !ok:
				missing[key] = path + ": not in the catalogue"
			case strings.TrimSpace(e[0]) == "":
				missing[key] = path + ": no Vietnamese text"
			case strings.TrimSpace(e[1]) == "":
				missing[key] = path + ": no English text"
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("found only %d keys in use: is the walk looking in the right place?", n)
	}
	for key, why := range missing {
		t.Errorf("key %q (%s)", key, why)
	}
}

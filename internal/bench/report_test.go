package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGoalJudge(t *testing.T) {
	results := []Result{
		{Name: "form", RPS: 180, P95: 40 * time.Millisecond},
		{Name: "dash", RPS: 200, P95: 60 * time.Millisecond},
		{Name: "broken", RPS: 5000, P95: time.Millisecond, Errors: 3},
	}
	for _, c := range []struct {
		goal       Goal
		figure     float64
		met, found bool
	}{
		{Goal{Page: "form", Metric: "ratio", Value: 0.2}, 0.18, false, true}, // 0,18 is not ≥ 0,2
		{Goal{Page: "dash", Metric: "ratio", Value: 0.2}, 0.2, true, true},
		{Goal{Page: "form", Metric: "p95", AtMost: true, Value: 50}, 40, true, true},
		{Goal{Page: "dash", Metric: "p95", AtMost: true, Value: 50}, 60, false, true},
		{Goal{Page: "broken", Metric: "ratio", Value: 0.2}, 5, false, true},
		{Goal{Page: "absent", Metric: "ratio", Value: 0.2}, 0, false, false},
	} {
		figure, met, found := c.goal.Judge(results, 1000)
		if met != c.met || found != c.found || figure < c.figure-1e-9 || figure > c.figure+1e-9 {
			t.Errorf("%s: got %.3f met=%v found=%v, want %.3f met=%v found=%v", c.goal, figure, met, found, c.figure, c.met, c.found)
		}
	}
}

func TestWriteSectionReplacesOnlyBetweenMarkers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "doc.md")
	doc := "intro\n<!-- bench:pages:begin -->\nold figures\n<!-- bench:pages:end -->\nafter\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteSection(path, "pages", "new figures"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "intro\n<!-- bench:pages:begin -->\nnew figures\n<!-- bench:pages:end -->\nafter\n"
	if string(got) != want {
		t.Errorf("got %q", got)
	}
	if err := WriteSection(path, "rush", "x"); err == nil || !strings.Contains(err.Error(), "markers") {
		t.Errorf("a missing section: %v", err)
	}
}

package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// Goal is a figure a page must reach under a stated load, judged from what was measured.
type Goal struct {
	Page   string  // the measured page's name
	Metric string  // "ratio" (throughput ÷ reference) or "p95" (milliseconds)
	AtMost bool    // true: the figure must stay below Value; false: reach at least Value
	Value  float64 // the threshold
}

// Judge returns the measured figure and whether it meets the goal; found is false when
// the page was not measured in this run.
func (g Goal) Judge(results []Result, reference float64) (figure float64, met, found bool) {
	for _, r := range results {
		if r.Name != g.Page {
			continue
		}
		switch g.Metric {
		case "ratio":
			figure = r.Ratio(reference)
		case "p95":
			figure = ms(r.P95)
		default:
			return 0, false, false
		}
		if r.Errors > 0 {
			return figure, false, true // a figure reached by failing requests meets nothing
		}
		if g.AtMost {
			return figure, figure < g.Value, true
		}
		return figure, figure >= g.Value, true
	}
	return 0, false, false
}

func (g Goal) String() string {
	op, unit := "≥", ""
	if g.AtMost {
		op = "<"
	}
	if g.Metric == "p95" {
		unit = " ms"
	}
	name := map[string]string{"ratio": "throughput ratio", "p95": "p95"}[g.Metric]
	return fmt.Sprintf("%s: %s %s %g%s", g.Page, name, op, g.Value, unit)
}

// MarkdownTable writes the results as a Markdown table for docs/PERFORMANCE.md.
func MarkdownTable(w io.Writer, results []Result, reference float64) {
	fmt.Fprintln(w, "| page | clients | requests | p50 ms | p95 ms | p99 ms | req/s | ratio | errors | peak heap MB | peak RSS MB |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		fmt.Fprintf(w, "| %s | %d | %d | %.2f | %.2f | %.2f | %.0f | %.3f | %d | %.1f | %.1f |\n", r.Name, r.Clients, r.Requests,
			ms(r.P50), ms(r.P95), ms(r.P99), r.RPS, r.Ratio(reference), r.Errors, r.PeakHeap, r.PeakRSS)
	}
}

// MarkdownGoals writes one line per goal with the measured figure and "met" or "not met".
func MarkdownGoals(w io.Writer, goals []Goal, results []Result, reference float64) {
	fmt.Fprintln(w, "| goal | measured | verdict |")
	fmt.Fprintln(w, "|---|---:|---|")
	for _, g := range goals {
		figure, met, found := g.Judge(results, reference)
		verdict, shown := "not met", fmt.Sprintf("%.3f", figure)
		if g.Metric == "p95" {
			shown = fmt.Sprintf("%.2f ms", figure)
		}
		switch {
		case !found:
			verdict, shown = "not measured in this run", "—"
		case met:
			verdict = "met"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", g, shown, verdict)
	}
}

// WriteSection replaces what lies between the markers <!-- bench:NAME:begin --> and
// <!-- bench:NAME:end --> in the file at path, so a document's figures are only ever the
// last run's.
func WriteSection(path, name, content string) error {
	doc, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	begin, end := "<!-- bench:"+name+":begin -->", "<!-- bench:"+name+":end -->"
	i, j := bytes.Index(doc, []byte(begin)), bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %s … %s markers", path, begin, end)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString("\n" + strings.TrimSpace(content) + "\n")
	out.Write(doc[j:])
	return os.WriteFile(path, out.Bytes(), 0o644)
}

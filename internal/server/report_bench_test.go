package server

import (
	"fmt"
	"net/http"
	"testing"
)

var (
	allTargets = []string{"CT01", "CT02", "CT03", "CT04", "CT05", "CT06", "CT07", "CT08", "CT09", "CT10", "CT11", "CT12", "CT13", "CT14"}
	allTasks   = []string{"NV1", "NV2", "NV3", "NV4", "NV5", "NV6", "NV7"}
)

// fullValues fills every result of a 14-target, 7-task report; salt makes each save differ.
func fullValues(salt int) map[string]string {
	v := map[string]string{}
	for i, c := range allTargets {
		switch c {
		case "CT07", "CT08", "CT11":
			v[c+".done"], v[c+".done_on"] = "1", "10/11/2031"
		case "CT04", "CT06": // ratios of two counts
			v[c+".num"], v[c+".den"] = fmt.Sprint(40+(i+salt)%50), "100"
		default:
			v[c] = fmt.Sprintf("%d,5", 40+(i+salt)%50)
		}
		v[c+".narrative"] = fmt.Sprintf("Giải trình %s lần %d", c, salt)
	}
	for _, c := range allTasks {
		v[c], v[c+".narrative"] = "in_progress", "Đang triển khai theo kế hoạch lần "+fmt.Sprint(salt)
	}
	return v
}

// saveQueries counts the round trips to PostgreSQL of one save that changes every result.
func saveQueries(t *testing.T, p *portal, targets, tasks []string, submit bool) int64 {
	f := getFixture(t)
	u := newUnit(t, targets, tasks)
	staff := p.login(t, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", fullValues(1))); r.Status != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.Status)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	action := "save"
	if submit {
		action = "submit"
	}
	start := f.queries.Load()
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, action, fullValues(2))); r.Status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.Status)
	}
	return f.queries.Load() - start
}

// TestSaveTakesBoundedQueries: saving a 14-target report (and its 7 tasks) takes as many
// round trips to PostgreSQL as saving a 3-target one: results are written in one batch.
func TestSaveTakesBoundedQueries(t *testing.T) {
	p := newPortal(t, nil)
	small := saveQueries(t, p, threeTargets, twoTasks, false)
	large := saveQueries(t, p, allTargets, allTasks, false)
	t.Logf("round trips per save: 3 targets + 2 tasks %d, 14 targets + 7 tasks %d", small, large)
	if large != small || large > 20 {
		t.Errorf("save round trips: %d for 3 targets, %d for 14: want equal and at most 20", small, large)
	}
	if sub := saveQueries(t, p, allTargets, allTasks, true); sub > 20 {
		t.Errorf("submit took %d round trips", sub)
	}
	// The form itself is a fixed number of queries too.
	f := getFixture(t)
	u := newUnit(t, allTargets, allTasks)
	staff := p.login(t, u.Staff)
	_ = staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "save", fullValues(1)))
	start := f.queries.Load()
	if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK || !r.HasText(".result h3 .code", "CT14") {
		t.Fatalf("form: %d", r.Status)
	}
	if n := f.queries.Load() - start; n > 20 {
		t.Errorf("form render took %d round trips", n)
	} else {
		t.Logf("round trips per form render (14 targets + 7 tasks): %d", n)
	}
}

// BenchmarkReportForm renders the form of a 14-target, 7-task report (with a draft).
func BenchmarkReportForm(b *testing.B) {
	f := getFixture(b)
	p := newPortal(b, nil)
	u := newUnit(b, allTargets, allTasks)
	staff := p.login(b, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(b, u, 0, "save", fullValues(1))); r.Status != http.StatusSeeOther {
		b.Fatal(r.Status)
	}
	start := f.queries.Load()
	b.ResetTimer()
	for b.Loop() {
		if r := staff.Get(formURL(u, f.open)); r.Status != http.StatusOK {
			b.Fatal(r.Status)
		}
	}
	b.ReportMetric(float64(f.queries.Load()-start)/float64(b.N), "queries/op")
}

// BenchmarkReportSave saves a 14-target, 7-task report with every value changed.
func BenchmarkReportSave(b *testing.B) {
	f := getFixture(b)
	p := newPortal(b, nil)
	u := newUnit(b, allTargets, allTasks)
	staff := p.login(b, u.Staff)
	if r := staff.PostMultipart(formURL(u, f.open), reportForm(b, u, 0, "save", fullValues(1))); r.Status != http.StatusSeeOther {
		b.Fatal(r.Status)
	}
	rep, _ := reportRow(b, u.ID, f.open.ID)
	version := rep.Version
	start := f.queries.Load()
	b.ResetTimer()
	i := 2
	for b.Loop() {
		if r := staff.PostMultipart(formURL(u, f.open), reportForm(b, u, version, "save", fullValues(i))); r.Status != http.StatusSeeOther {
			b.Fatalf("save %d: %d", i, r.Status)
		}
		version++
		i++
	}
	b.ReportMetric(float64(f.queries.Load()-start)/float64(b.N), "queries/op")
}

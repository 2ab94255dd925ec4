package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/exportjobs"
	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestExportJobs: a whole-tree export is queued, not built in the request; a second click
// finds the same job; while no worker runs the owner reads that it waits; once River's
// exports queue runs it the owner downloads the file, and another user finds neither the
// job nor its file.
func TestExportJobs(t *testing.T) {
	p := newPortal(t, func(c *config.Config) { c.ExportWorkers = 1 })
	f := getFixture(t)
	workers := river.NewWorkers()
	exportjobs.Register(workers, f.st, p.srv.BuildExportFile, testdb.Now)
	client, err := jobs.New(f.st.Pool(), jobs.Config{Workers: workers, Queues: map[string]int{exportjobs.Queue: 1},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Work: true})
	if err != nil {
		t.Fatal(err)
	}
	p.srv.SetExportQueue(exportjobs.Enqueuer{Client: client})
	director, other := p.login(t, "giamdoc"), p.login(t, "cchc")

	r := director.Get("/exports/report.xlsx")
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/exports/jobs/") {
		t.Fatalf("whole-tree export: %d → %q, want a redirect to its job", r.Status, r.Location)
	}
	job := r.Location
	if again := director.Get("/exports/report.xlsx"); again.Location != job {
		t.Errorf("a second click queued another job: %q, first %q", again.Location, job)
	}
	r = director.Get(job)
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Đang chờ") || r.Header.Get("Refresh") == "" {
		t.Fatalf("queued job page: %d, Refresh %q\n%s", r.Status, r.Header.Get("Refresh"), r.Body)
	}
	if r := other.Get(job); r.Status != http.StatusNotFound {
		t.Errorf("another user's job page: %d, want 404", r.Status)
	}

	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(client, 5*time.Second, slog.New(slog.NewTextHandler(io.Discard, nil))) })
	deadline := time.Now().Add(60 * time.Second)
	for {
		r = director.Get(job)
		if strings.Contains(r.Body, job+"/file") {
			break
		}
		if time.Now().After(deadline) || strings.Contains(r.Body, "Không tạo được") {
			t.Fatalf("the export job did not finish:\n%s", r.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if r.Header.Get("Refresh") != "" {
		t.Errorf("a finished job's page still reloads itself")
	}
	file := director.Get(job + "/file")
	if file.Status != http.StatusOK || !strings.Contains(file.Header.Get("Content-Disposition"), ".xlsx") ||
		!strings.HasPrefix(file.Body, "PK") {
		t.Fatalf("owner's download: %d %q %q", file.Status, file.Header.Get("Content-Disposition"), file.Header.Get("Content-Type"))
	}
	if r := other.Get(job + "/file"); r.Status != http.StatusNotFound {
		t.Errorf("another user's download: %d, want 404", r.Status)
	}
	// a unit's own report and the print view stay in the request
	var leaf int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM units u
		WHERE NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id) ORDER BY id LIMIT 1`).Scan(&leaf); err != nil {
		t.Fatal(err)
	}
	if r := director.Get(fmt.Sprintf("/exports/report.xlsx?scope=%d", leaf)); r.Status != http.StatusOK {
		t.Errorf("a unit's own export with a queue: %d → %q, want the file at once", r.Status, r.Location)
	}
	if r := director.Get("/exports/print"); r.Status != http.StatusOK {
		t.Errorf("print view with a queue: %d", r.Status)
	}
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// rush runs cmd/rush through nginx, kills instance A once the users are at work, restarts
// it, and judges the outcome.
func (c *cluster) rush(ctx context.Context, users, concurrency int, killAfter, down time.Duration) error {
	sumFile := filepath.Join(c.dir, "rush.json")
	cmd := exec.Command(c.rushBin, "-base", c.baseURL(), "-insecure", "-tolerate", "-users", strconv.Itoa(users),
		"-concurrency", strconv.Itoa(concurrency), "-summary", sumFile)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+c.dbURL)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	started := make(chan struct{})
	copied := make(chan struct{})
	go func() { watchLines(out, os.Stdout, "rush: ", started); close(copied) }()
	rushDone := make(chan error, 1)
	go func() { <-copied; rushDone <- cmd.Wait() }()

	select {
	case <-started:
	case err := <-rushDone:
		return fmt.Errorf("the rush ended before it started: %v", err)
	}
	victim := c.instances[0]
	time.Sleep(killAfter)
	killedAt := time.Now()
	if err := victim.kill(); err != nil {
		return err
	}
	logf("killed %s (SIGKILL) %s into the rush", victim.name, killAfter)
	time.Sleep(down)
	if err := victim.start(); err != nil {
		return err
	}
	if err := victim.waitReady(ctx); err != nil {
		return err
	}
	backAt := time.Now()
	logf("%s restarted and ready after %s down", victim.name, backAt.Sub(killedAt).Round(time.Millisecond))
	rushErr := <-rushDone
	s, err := readSummary(sumFile)
	if err != nil {
		return fmt.Errorf("the rush wrote no summary (%v): %v", rushErr, err)
	}
	servedAfter, err := victim.requestsServed()
	if err != nil {
		return err
	}
	replicaReports, err := c.replicaCaughtUp(ctx)
	if err != nil {
		return err
	}

	reads, err := c.reads()
	if err != nil {
		return err
	}

	inKill, outside := 0, 0
	for _, ms := range s.Failures {
		t := time.UnixMilli(ms)
		if !t.Before(killedAt.Add(-time.Second)) && !t.After(backAt.Add(time.Second)) {
			inKill++
		} else {
			outside++
		}
	}
	fmt.Println()
	fmt.Println("cluster-test figures:")
	fmt.Printf("  requests through nginx          %d (%d users, %d at a time, 2 instances)\n", s.Requests, s.Users, concurrency)
	fmt.Printf("  failed requests                 %d during the kill (%s down), %d outside it; by step %v\n", inKill, backAt.Sub(killedAt).Round(time.Millisecond), outside, s.FailureSteps)
	fmt.Printf("  sessions lost                   %d\n", s.SessionsLost)
	fmt.Printf("  writes acknowledged vs stored   %d acknowledged, %d stored (units missing an acknowledged write: %d)\n", s.Acknowledged, s.Stored, s.UnitsShort)
	fmt.Printf("  submissions                     %d confirmed + %d stored without an answer = %d submitted in the database\n", s.Confirmed, s.Unacknowledged, s.StoredSubmitted)
	fmt.Printf("  restarted instance served       %d requests after it came back\n", servedAfter)
	fmt.Printf("  replica                         caught up; holds %d submitted reports of the rush's units\n", replicaReports)
	fmt.Printf("  dashboards read from            replica %d, primary for the user's own write %d, primary as the replica was behind %d (instance A's counts since its restart)\n",
		reads["replica"], reads["primary_own_write"], reads["primary_replica_behind"])
	fmt.Println()
	switch {
	case rushErr != nil:
		return fmt.Errorf("the rush failed: %v", rushErr)
	case outside > 0:
		return fmt.Errorf("%d requests failed outside the kill", outside)
	case s.SessionsLost > 0:
		return fmt.Errorf("%d sessions were lost", s.SessionsLost)
	case s.UnitsShort > 0 || s.Stored < s.Acknowledged:
		return fmt.Errorf("acknowledged writes are missing: %d acknowledged, %d stored", s.Acknowledged, s.Stored)
	case replicaReports != s.StoredSubmitted:
		return fmt.Errorf("the replica holds %d submitted reports, the primary %d", replicaReports, s.StoredSubmitted)
	}
	return c.lagDrill(ctx)
}

// watchLines copies lines to w and closes seen at the first line starting with prefix.
func watchLines(r io.Reader, w io.Writer, prefix string, seen chan<- struct{}) {
	sc := bufio.NewScanner(r)
	closed := false
	for sc.Scan() {
		fmt.Fprintln(w, sc.Text())
		if !closed && strings.HasPrefix(sc.Text(), prefix) {
			closed = true
			close(seen)
		}
	}
	if !closed {
		close(seen)
	}
}

// requestsServed reads the instance's own request count from its metrics (METRICS_ADDR):
// since its restart, so what it served after coming back.
func (i *instance) requestsServed() (int, error) {
	resp, err := http.Get("http://" + i.metricsAddr + "/metrics")
	if err != nil {
		return 0, fmt.Errorf("%s metrics: %w", i.name, err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "cchc_http_request_duration_seconds_count{") && !strings.Contains(line, `route="/readyz"`) {
			f := strings.Fields(line)
			v, _ := strconv.ParseFloat(f[len(f)-1], 64)
			n += int(v)
		}
	}
	return n, sc.Err()
}

// replicaCaughtUp waits until the replica has replayed everything the primary wrote, then
// counts the rush's submitted reports there.
func (c *cluster) replicaCaughtUp(ctx context.Context) (int, error) {
	var target string
	if err := queryRow(ctx, c.dbURL, `SELECT pg_current_wal_lsn()::text`, &target); err != nil {
		return 0, err
	}
	err := waitFor(ctx, "replica catching up", 30*time.Second, func() bool {
		var ok bool
		return queryRow(ctx, c.readURL, `SELECT pg_last_wal_replay_lsn() >= '`+target+`'::pg_lsn`, &ok) == nil && ok
	})
	if err != nil {
		return 0, err
	}
	var n int
	err = queryRow(ctx, c.readURL, `SELECT count(*) FROM reports r JOIN units u ON u.id = r.unit_id
		WHERE u.code LIKE 'RUSH%' AND r.status = 'submitted'`, &n)
	return n, err
}

// Command clustertest is `make cluster-test`: on this machine and on private ports it starts
// a PostgreSQL primary and a streaming replica (pg_basebackup), two `cchc serve` instances
// and nginx in front of them (configured from deploy/nginx/cchc.conf), then runs the
// deadline rush (cmd/rush) through nginx while one instance is killed (SIGKILL, as a crash)
// and restarted. It fails unless sessions survive the kill, no write the portal acknowledged
// is missing from the database, and every failed request falls within the kill; it prints
// the rush's figures. Everything it starts lives under one temporary directory and ends
// with it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	users := flag.Int("users", 150, "rush users")
	concurrency := flag.Int("concurrency", 30, "rush users at the same moment")
	killAfter := flag.Duration("kill-after", 3*time.Second, "how long after the rush starts instance A is killed")
	down := flag.Duration("down", 3*time.Second, "how long instance A stays down")
	keep := flag.Bool("keep", false, "leave the temporary directory (logs, data) in place")
	flag.Parse()
	start := time.Now()
	c, err := newCluster(*keep)
	if err == nil {
		err = c.run(*users, *concurrency, *killAfter, *down)
		c.close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cluster-test: FAIL:", err)
		if c != nil {
			fmt.Fprintln(os.Stderr, "cluster-test: logs in", c.dir)
		}
		os.Exit(1)
	}
	fmt.Printf("cluster-test: PASS in %s\n", time.Since(start).Round(time.Second))
}

func logf(format string, args ...any) {
	fmt.Printf("cluster-test: "+format+"\n", args...)
}

// freePort asks the kernel for a port of 127.0.0.1 nobody uses now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// summary is what cmd/rush -summary writes.
type summary struct {
	Requests        int            `json:"requests"`
	Failures        []int64        `json:"failure_unix_ms"`
	FailureSteps    map[string]int `json:"failures_by_step"`
	SessionsLost    int            `json:"sessions_lost"`
	Acknowledged    int            `json:"writes_acknowledged"`
	Stored          int            `json:"writes_stored"`
	UnitsShort      int            `json:"units_with_acknowledged_writes_missing"`
	Confirmed       int            `json:"submits_confirmed"`
	Unacknowledged  int            `json:"submits_stored_unacknowledged"`
	StoredSubmitted int            `json:"submits_stored"`
	Users           int            `json:"users"`
	Wrong           int            `json:"reports_differing"`
}

func readSummary(path string) (summary, error) {
	var s summary
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(b, &s)
}

// waitFor polls until ok answers true or the time is up.
func waitFor(ctx context.Context, what string, limit time.Duration, ok func() bool) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	for {
		if ok() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: not ready after %s", what, limit)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// readMaxLag is the instances' READ_MAX_LAG: short, so the drill need not wait long.
const readMaxLag = 2 * time.Second

// reads sums, over both instances' metrics, where the reads that may lag went.
func (c *cluster) reads() (map[string]int, error) {
	sum := map[string]int{}
	for _, inst := range c.instances {
		resp, err := http.Get("http://" + inst.metricsAddr + "/metrics")
		if err != nil {
			return nil, fmt.Errorf("%s metrics: %w", inst.name, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, `cchc_db_reads_total{target="`); ok {
				target, value, _ := strings.Cut(rest, `"} `)
				n, _ := strconv.ParseFloat(value, 64)
				sum[target] += int(n)
			}
		}
	}
	return sum, nil
}

// browserSession is a signed-in user through nginx.
type browserSession struct {
	base string
	http *http.Client
}

func (c *cluster) signIn(username, password string) (*browserSession, error) {
	jar, _ := cookiejar.New(nil)
	b := &browserSession{base: c.baseURL(), http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport:     &http.Transport{ForceAttemptHTTP2: true, TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, // #nosec G402: the test's own certificate
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp, err := b.http.PostForm(b.base+"/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return nil, fmt.Errorf("sign in %s: %d", username, resp.StatusCode)
	}
	return b, nil
}

func (b *browserSession) dashboard() error {
	resp, err := b.http.Get(b.base + "/dashboard")
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("dashboard: %d", resp.StatusCode)
	}
	return nil
}

// lagDrill shows, with the replica's replay paused and resumed, where a dashboard is read:
// from the replica while it keeps up; from the primary for a user whose own write it has not
// replayed; from the primary for everyone once it is more than READ_MAX_LAG behind; from the
// replica again once it has caught up.
func (c *cluster) lagDrill(ctx context.Context) error {
	step := func(what, want string, do func() error) error {
		before, err := c.reads()
		if err != nil {
			return err
		}
		if err := do(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		after, err := c.reads()
		if err != nil {
			return err
		}
		got := ""
		for _, target := range []string{"replica", "primary_own_write", "primary_replica_behind"} {
			if after[target]-before[target] == 1 {
				got = target
			}
		}
		fmt.Printf("  %-62s → %s\n", what, got)
		if got != want {
			return fmt.Errorf("%s: the dashboard was read from %q, want %q (before %v, after %v)", what, got, want, before, after)
		}
		return nil
	}
	caughtUp := func() error {
		if _, err := c.replicaCaughtUp(ctx); err != nil {
			return err
		}
		time.Sleep(3 * checkEvery) // both instances have seen it
		return nil
	}
	fmt.Println("read replica drill (READ_MAX_LAG=" + readMaxLag.String() + "):")
	first, err := c.signIn("giamdoc", "demo")
	if err != nil {
		return err
	}
	if err := caughtUp(); err != nil {
		return err
	}
	if err := step("replica caught up: a director's dashboard", "replica", first.dashboard); err != nil {
		return err
	}
	if err := queryRow(ctx, c.readURL, `SELECT pg_wal_replay_pause()::text IS NULL`, new(bool)); err != nil {
		return fmt.Errorf("pause replay: %w", err)
	}
	second, err := c.signIn("giamdoc", "demo") // a write (session, audit) the replica will not replay
	if err != nil {
		return err
	}
	if err := step("replay paused: the dashboard of a user who has just written", "primary_own_write", second.dashboard); err != nil {
		return err
	}
	time.Sleep(readMaxLag + time.Second)
	if err := step("replay paused "+(readMaxLag+time.Second).String()+": another user's dashboard", "primary_replica_behind", first.dashboard); err != nil {
		return err
	}
	if err := queryRow(ctx, c.readURL, `SELECT pg_wal_replay_resume()::text IS NULL`, new(bool)); err != nil {
		return fmt.Errorf("resume replay: %w", err)
	}
	if err := caughtUp(); err != nil {
		return err
	}
	return step("replay resumed and caught up: the writer's dashboard", "replica", second.dashboard)
}

// checkEvery is how often an instance checks its replica (postgres.ReadRouter).
const checkEvery = 200 * time.Millisecond

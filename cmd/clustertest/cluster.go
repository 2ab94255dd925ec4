package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/pgctl"
)

// cluster is everything the test starts, under dir.
type cluster struct {
	dir              string
	keep             bool
	bin, rushBin     string
	primary, replica *pgctl.Cluster
	dbURL, readURL   string
	instances        [2]*instance
	nginx            *exec.Cmd
	nginxPort        int
}

// instance is one `cchc serve`.
type instance struct {
	name, addr, metricsAddr string
	env                     []string
	log                     *os.File
	cmd                     *exec.Cmd
	exited                  chan struct{} // closed when the running process has exited
}

func newCluster(keep bool) (*cluster, error) {
	dir, err := os.MkdirTemp("", "cchc-cluster-")
	if err != nil {
		return nil, err
	}
	// PostgreSQL runs as the postgres user when we are root: it must reach its directories.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	return &cluster{dir: dir, keep: keep}, nil
}

func (c *cluster) run(users, concurrency int, killAfter, down time.Duration) error {
	ctx := context.Background()
	if err := c.build(); err != nil {
		return err
	}
	if err := c.startDatabases(ctx); err != nil {
		return err
	}
	if err := c.prepareData(); err != nil {
		return err
	}
	for i := range c.instances {
		inst, err := c.newInstance(fmt.Sprintf("instance-%c", 'a'+i))
		if err != nil {
			return err
		}
		c.instances[i] = inst
		if err := inst.start(); err != nil {
			return err
		}
	}
	for _, inst := range c.instances {
		if err := inst.waitReady(ctx); err != nil {
			return err
		}
	}
	if err := c.startNginx(ctx); err != nil {
		return err
	}
	return c.rush(ctx, users, concurrency, killAfter, down)
}

// build compiles cchc and the rush once, so no compile runs inside the measured window.
func (c *cluster) build() error {
	c.bin, c.rushBin = filepath.Join(c.dir, "cchc"), filepath.Join(c.dir, "rush")
	for out, pkg := range map[string]string{c.bin: "./cmd/cchc", c.rushBin: "./cmd/rush"} {
		if b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
		}
	}
	return nil
}

// startDatabases starts the primary, then makes the replica from it with pg_basebackup
// (streaming replication, standby.signal written by -R) and starts it.
func (c *cluster) startDatabases(ctx context.Context) error {
	p1, err := freePort()
	if err != nil {
		return err
	}
	if c.primary, err = pgctl.New(filepath.Join(c.dir, "primary"), p1); err != nil {
		return err
	}
	c.primary.Options = []string{"wal_level=replica", "max_wal_senders=4", "shared_buffers=64MB"}
	if err := c.primary.Init(); err != nil {
		return err
	}
	if err := c.primary.Start(); err != nil {
		return err
	}
	logf("primary PostgreSQL on 127.0.0.1:%d", p1)
	conn, err := pgx.Connect(ctx, c.primary.URL("postgres"))
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `CREATE DATABASE cchc ENCODING 'UTF8' TEMPLATE template0`)
	conn.Close(ctx)
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	p2, err := freePort()
	if err != nil {
		return err
	}
	if c.replica, err = pgctl.New(filepath.Join(c.dir, "replica"), p2); err != nil {
		return err
	}
	c.replica.Options = []string{"hot_standby=on", "shared_buffers=64MB"}
	if err := c.replica.BaseBackup(c.primary); err != nil {
		return err
	}
	if err := c.replica.Start(); err != nil {
		return err
	}
	c.dbURL, c.readURL = c.primary.URL("cchc"), c.replica.URL("cchc")
	var inRecovery bool
	if err := queryRow(ctx, c.readURL, `SELECT pg_is_in_recovery()`, &inRecovery); err != nil || !inRecovery {
		return fmt.Errorf("replica on %d is not a standby (in recovery %v): %v", p2, inRecovery, err)
	}
	var streaming int
	err = waitFor(ctx, "replication", 20*time.Second, func() bool {
		return queryRow(ctx, c.primary.URL("postgres"), `SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'`, &streaming) == nil && streaming == 1
	})
	if err != nil {
		return err
	}
	logf("replica PostgreSQL on 127.0.0.1:%d, streaming from the primary (pg_basebackup)", p2)
	return nil
}

func queryRow(ctx context.Context, url, sql string, dest ...any) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.QueryRow(ctx, sql).Scan(dest...)
}

// prepareData migrates the primary and loads the demo (the rush adds its own units).
func (c *cluster) prepareData() error {
	for _, args := range [][]string{{"migrate", "up"}, {"seed", "demo"}} {
		cmd := exec.Command(c.bin, args...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+c.dbURL, "LOG_LEVEL=warn")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("cchc %v: %v\n%s", args, err, out)
		}
	}
	return nil
}

func (c *cluster) newInstance(name string) (*instance, error) {
	p, err := freePort()
	if err != nil {
		return nil, err
	}
	m, err := freePort()
	if err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(c.dir, name+".log"))
	if err != nil {
		return nil, err
	}
	inst := &instance{name: name, addr: "127.0.0.1:" + strconv.Itoa(p), metricsAddr: "127.0.0.1:" + strconv.Itoa(m), log: log}
	inst.env = append(os.Environ(), "DATABASE_URL="+c.dbURL, "DATABASE_READ_URL="+c.readURL, "ADDR="+inst.addr,
		"METRICS_ADDR="+inst.metricsAddr, "BASE_URL=https://127.0.0.1:"+strconv.Itoa(c.nginxPortOrReserve()),
		"TRUSTED_PROXIES=127.0.0.1/32", "READ_MAX_LAG="+readMaxLag.String(), "LOG_LEVEL=warn", "DB_MAX_CONNS=8", "SHUTDOWN_GRACE=5s")
	inst.cmd = exec.Command(c.bin, "serve")
	return inst, nil
}

// nginxPortOrReserve picks nginx's port once, before the instances need it for BASE_URL.
func (c *cluster) nginxPortOrReserve() int {
	if c.nginxPort == 0 {
		c.nginxPort, _ = freePort()
	}
	return c.nginxPort
}

func (i *instance) start() error {
	i.cmd = exec.Command(i.cmd.Path, i.cmd.Args[1:]...)
	i.cmd.Env = i.env
	i.cmd.Stdout, i.cmd.Stderr = i.log, i.log
	if err := i.cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", i.name, err)
	}
	exited := make(chan struct{})
	i.exited = exited
	go func(cmd *exec.Cmd) { _ = cmd.Wait(); close(exited) }(i.cmd)
	return nil
}

func (i *instance) waitReady(ctx context.Context) error {
	return waitFor(ctx, i.name, 30*time.Second, func() bool {
		resp, err := http.Get("http://" + i.addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// kill ends the instance as a crash would: no drain, connections cut.
func (i *instance) kill() error {
	if err := i.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill %s: %w", i.name, err)
	}
	select {
	case <-i.exited:
		return nil
	case <-time.After(5 * time.Second):
		return fmt.Errorf("%s did not die of SIGKILL", i.name)
	}
}

func (i *instance) stop() {
	if i == nil || i.exited == nil {
		return
	}
	_ = i.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-i.exited:
	case <-time.After(10 * time.Second):
		_ = i.cmd.Process.Kill()
		<-i.exited
	}
	i.log.Close()
}

// close stops everything, newest first, and removes the directory unless asked to keep it.
func (c *cluster) close() {
	if c.nginx != nil && c.nginx.Process != nil {
		_ = c.nginx.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = c.nginx.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = c.nginx.Process.Kill()
		}
	}
	for _, inst := range c.instances {
		inst.stop()
	}
	for _, pg := range []*pgctl.Cluster{c.replica, c.primary} {
		if pg != nil {
			_ = pg.Stop()
		}
	}
	if !c.keep {
		_ = os.RemoveAll(c.dir)
	}
}

// httpsClient talks to nginx, whose certificate is the test's own.
var httpsClient = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{ForceAttemptHTTP2: true,
	TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // #nosec G402: a certificate made a minute ago

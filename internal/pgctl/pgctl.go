// Package pgctl initialises, starts and stops a private PostgreSQL server with the
// machine's own binaries: for `make run` on a machine without a running server, and for
// tests that must restart the database under a running portal.
package pgctl

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Cluster is a data directory served on a port of 127.0.0.1.
type Cluster struct {
	Dir  string
	Port int
	// Options are extra server settings given at Start, each "name=value" (e.g. "wal_level=replica").
	Options []string
	bin     string
}

// New prepares a cluster in dir (created if missing) for the port.
func New(dir string, port int) (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &Cluster{Dir: abs, Port: port, bin: bin}, nil
}

// URL is the superuser's connection URL to a database of the cluster.
func (c *Cluster) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, database)
}

// Init creates the data directory once. initdb refuses to run as root, so as root the
// server's files belong to, and its programs run as, the postgres user.
func (c *Cluster) Init() error {
	if err := c.prepareDir(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "PG_VERSION")); err == nil {
		return nil
	}
	return c.run("initdb", "-D", c.Dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
}

// BaseBackup makes c, a new empty directory, a streaming replica of primary: pg_basebackup
// copies the primary over a replication connection (initdb's trust rules allow one from
// 127.0.0.1) and, with -R, writes standby.signal and primary_conninfo, so Start starts a hot
// standby that follows the primary.
func (c *Cluster) BaseBackup(primary *Cluster) error {
	if err := c.prepareDir(); err != nil {
		return err
	}
	return c.run("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port), "-U", "postgres",
		"-D", c.Dir, "-R", "-X", "stream", "-c", "fast")
}

// prepareDir creates the data directory; as root it is handed to the postgres user.
func (c *Cluster) prepareDir() error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("pgctl: running as root needs a postgres user: %w", err)
		}
		if out, err := exec.Command("chown", "-R", pg.Username, c.Dir).CombinedOutput(); err != nil {
			return fmt.Errorf("pgctl: chown %s: %v: %s", c.Dir, err, out)
		}
	}
	return nil
}

// Start starts the server and waits until it accepts connections.
func (c *Cluster) Start() error {
	opts := "-p " + strconv.Itoa(c.Port) + " -k " + c.Dir + " -c listen_addresses=127.0.0.1"
	for _, o := range c.Options {
		opts += " -c " + o
	}
	return c.run("pg_ctl", "-D", c.Dir, "-l", filepath.Join(c.Dir, "server.log"), "-w", "-o", opts, "start")
}

// Stop stops the server, disconnecting clients.
func (c *Cluster) Stop() error { return c.run("pg_ctl", "-D", c.Dir, "-w", "-m", "fast", "stop") }

func (c *Cluster) run(name string, args ...string) error {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pgctl: %s: %v: %s", name, err, out)
	}
	return nil
}

// binDir finds initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin (newest).
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		// A link on PATH (Debian links only some programs) leads to the directory that has
		// them all, pg_basebackup included.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p), nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		return "", errors.New("pgctl: initdb not found (Debian: apt-get install postgresql)")
	}
	sort.Slice(matches, func(i, j int) bool { return major(matches[i]) > major(matches[j]) })
	return filepath.Dir(matches[0]), nil
}

func major(path string) int {
	parts := strings.Split(path, "/")
	if len(parts) > 4 {
		n, _ := strconv.Atoi(parts[4])
		return n
	}
	return 0
}

// Command devdb finds or starts a PostgreSQL server for `make run` and `make test`, and
// prints a connection URL on standard output (everything else goes to standard error).
//
// Order: $DATABASE_URL if set; a server on 127.0.0.1:5432; a project-local server under
// .data/ started with the system's PostgreSQL binaries (as the postgres user when run as
// root, since initdb refuses root); `docker compose up -d db` where Docker works.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/pgctl"
)

const localPort = "54329" // the project-local server's port, away from a system server's 5432

func main() {
	database := flag.String("database", "cchc", "database to create if missing and print the URL of")
	localOnly := flag.Bool("local", false, "use only the project-local server in .data/ (start it if needed)")
	flag.Parse()
	find := find
	if *localOnly {
		find = findLocal
	}
	u, err := find(*database)
	if err != nil {
		fmt.Fprintln(os.Stderr, "devdb:", err)
		os.Exit(1)
	}
	fmt.Println(u)
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "devdb: "+format+"\n", args...) }

func find(database string) (string, error) {
	if env := os.Getenv("DATABASE_URL"); env != "" {
		return env, nil
	}
	candidates := []string{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"}
	if u := "postgres://postgres@127.0.0.1:" + localPort + "/postgres?sslmode=disable"; answers(u) {
		return ensureDatabase(u, database)
	}
	for _, c := range candidates {
		if answers(c) {
			return ensureDatabase(c, database)
		}
	}
	if err := startLocal(); err == nil {
		return ensureDatabase("postgres://postgres@127.0.0.1:"+localPort+"/postgres?sslmode=disable", database)
	} else {
		logf("no local PostgreSQL binaries usable: %v", err)
	}
	if _, err := exec.LookPath("docker"); err == nil {
		logf("starting PostgreSQL with docker compose")
		cmd := exec.Command("docker", "compose", "up", "-d", "--wait", "db")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err == nil {
			u := "postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable"
			if waitFor(u, 60*time.Second) {
				return ensureDatabase(u, database)
			}
		}
	}
	return "", errors.New("no PostgreSQL found or startable: install PostgreSQL (Debian: apt-get install postgresql) " +
		"or Docker, or set DATABASE_URL")
}

func answers(u string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return false
	}
	conn.Close(ctx)
	return true
}

func waitFor(u string, limit time.Duration) bool {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		if answers(u) {
			return true
		}
	}
	return false
}

func ensureDatabase(adminURL, database string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, database).Scan(&exists); err != nil {
		return "", err
	}
	if !exists {
		logf("creating database %s", database)
		if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{database}.Sanitize()+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
			return "", fmt.Errorf("create database %s: %w", database, err)
		}
	}
	u, _ := url.Parse(adminURL)
	u.Path = "/" + database
	return u.String(), nil
}

func findLocal(database string) (string, error) {
	u := "postgres://postgres@127.0.0.1:" + localPort + "/postgres?sslmode=disable"
	if !answers(u) {
		if err := startLocal(); err != nil {
			return "", err
		}
	}
	return ensureDatabase(u, database)
}

// startLocal initialises (once) and starts a server in .data/pg on localPort.
func startLocal() error {
	port, _ := strconv.Atoi(localPort)
	c, err := pgctl.New(filepath.Join(".data", "pg"), port)
	if err != nil {
		return err
	}
	logf("using a project-local PostgreSQL in %s", c.Dir)
	if err := c.Init(); err != nil {
		return err
	}
	logf("starting it on 127.0.0.1:%s", localPort)
	return c.Start()
}

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/backup"
	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store"
)

func migrateUp(cfg config.Config) error {
	mg, err := store.NewMigrator(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer mg.Close()
	return mg.Up()
}

func migrateCommand(cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("migrate: want up, down N, version or force V")
	}
	mg, err := store.NewMigrator(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer mg.Close()
	switch args[0] {
	case "up":
		if err := mg.Up(); err != nil {
			return err
		}
	case "down", "force":
		if len(args) != 2 {
			return fmt.Errorf("migrate %s: want a number", args[0])
		}
		n, err := strconv.Atoi(args[1])
		if err != nil {
			return fmt.Errorf("migrate %s: %q is not a number", args[0], args[1])
		}
		if args[0] == "down" {
			err = mg.Down(n)
		} else {
			err = mg.Force(n)
		}
		if err != nil {
			return err
		}
	case "version":
	default:
		return fmt.Errorf("migrate: unknown step %q", args[0])
	}
	v, dirty, err := mg.Version()
	if err != nil {
		return err
	}
	latest, _ := store.LatestVersion()
	fmt.Printf("schema version %d (dirty: %v; this binary knows up to %d)\n", v, dirty, latest)
	return nil
}

func seedCommand(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) >= 1 && args[0] == "scale" {
		return seedScale(ctx, cfg, args[1:])
	}
	if len(args) != 1 || args[0] != "demo" {
		return errors.New("seed: want `seed demo` or `seed scale --units N --targets M --periods P`")
	}
	if err := migrateUp(cfg); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, 4)
	if err != nil {
		return err
	}
	defer st.Close()
	loaded, err := seed.Demo(ctx, st, time.Now())
	if err != nil {
		return err
	}
	if loaded {
		fmt.Printf("Demo data loaded: plan 2320/KH-SNV (2021–2025, ended) and its successor %s (2026–2030, in force). It is for trying the portal, not for production.\n", seed.SuccessorCode)
	} else {
		fmt.Println("Demo data already present; nothing changed.")
	}
	fmt.Printf("Demo logins (password %q):\n", seed.DemoPassword)
	for _, u := range seed.DemoUsers {
		fmt.Printf("  %-9s %s (%s)\n", u.Username, u.FullName, authz.Role(u.Role).Label("vi"))
	}
	return nil
}

func userCommand(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("user: want create or set-password")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "create":
		return userCreate(ctx, st, args[1:])
	case "set-password":
		return userSetPassword(ctx, st, args[1:])
	}
	return fmt.Errorf("user: unknown command %q", args[0])
}

// userCreate makes a user with a one-time password that must be changed at first login.
func userCreate(ctx context.Context, st *store.Store, args []string) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	username := fs.String("username", "", "login name (lowercase)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "admin", "staff, unit_head, reform_office, director or admin")
	unit := fs.String("unit", "", "unit code (required for staff, unit_head, reform_office)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r := authz.Role(*role)
	in := store.UserInput{Username: strings.ToLower(strings.TrimSpace(*username)), FullName: strings.TrimSpace(*name),
		Role: *role, Active: true, MustChangePassword: true}
	switch {
	case in.Username == "" || in.FullName == "":
		return errors.New("user create: -username and -name are required")
	case !r.Valid():
		return fmt.Errorf("user create: unknown role %q", *role)
	case r.NeedsUnit() && *unit == "":
		return fmt.Errorf("user create: role %s needs -unit", *role)
	}
	otp := password.OneTime()
	hash, err := password.Hash(otp)
	if err != nil {
		return err
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		if *unit != "" {
			if in.UnitID, err = store.UnitIDByCode(ctx, tx, *unit); err != nil {
				return err
			}
		}
		id, err := store.CreateUser(ctx, tx, in, hash)
		if err != nil {
			return err
		}
		return store.Audit(ctx, tx, store.AuditEntry{ActorName: "cli", Action: "user.create", Entity: "user", EntityID: fmt.Sprint(id)}, nil, in)
	})
	if err != nil {
		return err
	}
	fmt.Printf("Created %s. One-time password (shown once; must be changed at first login): %s\n", in.Username, otp)
	return nil
}

// userSetPassword sets a password read from standard input, or issues a one-time password.
func userSetPassword(ctx context.Context, st *store.Store, args []string) error {
	fs := flag.NewFlagSet("user set-password", flag.ContinueOnError)
	username := fs.String("username", "", "login name")
	oneTime := fs.Bool("one-time", false, "issue a one-time password instead of reading one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := st.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(*username)))
	if err != nil {
		return err
	}
	plain := ""
	if *oneTime {
		plain = password.OneTime()
	} else {
		fmt.Fprintln(os.Stderr, "New password (one line on standard input):")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("user set-password: read password: %w", err)
		}
		plain = strings.TrimRight(line, "\r\n")
		if msg := password.Validate(plain, u.Username); msg != "" {
			return errors.New(msg)
		}
	}
	hash, err := password.Hash(plain)
	if err != nil {
		return err
	}
	err = st.InTx(ctx, func(tx pgx.Tx) error {
		if err := store.SetPassword(ctx, tx, u.ID, hash, *oneTime); err != nil {
			return err
		}
		if _, err := store.RevokeSessions(ctx, tx, u.ID); err != nil {
			return err
		}
		return store.Audit(ctx, tx, store.AuditEntry{ActorName: "cli", Action: "user.password_reset", Entity: "user", EntityID: fmt.Sprint(u.ID)}, nil, nil)
	})
	if err != nil {
		return err
	}
	if *oneTime {
		fmt.Printf("One-time password for %s (shown once): %s\n", u.Username, plain)
	} else {
		fmt.Printf("Password of %s changed; their sessions ended.\n", u.Username)
	}
	return nil
}

func backupCommand(ctx context.Context, cfg config.Config, verb string, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%s: want one file name", verb)
	}
	if verb == "backup" {
		if err := backup.Dump(ctx, cfg.DatabaseURL, args[0]); err != nil {
			return err
		}
		fmt.Println("Backup written to", args[0])
		return nil
	}
	if err := backup.Restore(ctx, cfg.DatabaseURL, args[0]); err != nil {
		return err
	}
	fmt.Println("Restored", args[0])
	return nil
}

// seedScale generates the national-scale data set (see docs/PERFORMANCE.md).
func seedScale(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("seed scale", flag.ContinueOnError)
	opt := seed.ScaleOptions{}
	fs.IntVar(&opt.Units, "units", 3800, "reporting units, spread over the provinces")
	fs.IntVar(&opt.Targets, "targets", 100, "targets of the plan")
	fs.IntVar(&opt.Periods, "periods", 20, "regime periods from Q1/2021 (4 a year)")
	fs.IntVar(&opt.Tasks, "tasks", 10, "tasks of the plan")
	fs.IntVar(&opt.Provinces, "provinces", 34, "provinces under the national root")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := migrateUp(cfg); err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL, 4)
	if err != nil {
		return err
	}
	defer st.Close()
	if info, ok, err := seed.ExistingScale(ctx, st); err != nil {
		return err
	} else if ok {
		fmt.Printf("Scale data already present: %d units × %d targets × %d periods (%d target results). Use a fresh database to regenerate.\n",
			info.Units, info.Targets, info.Periods, info.TargetResults)
		return nil
	}
	opt.Log = func(format string, args ...any) { fmt.Printf("  "+format+"\n", args...) }
	fmt.Printf("Generating %d units × %d targets × %d periods (+%d tasks) …\n", opt.Units, opt.Targets, opt.Periods, opt.Tasks)
	info, err := seed.Scale(ctx, st, opt, time.Now())
	if err != nil {
		return err
	}
	fmt.Printf("Done in %.1f s: %d reports, %d target results, %d task results. Logins %s / %s (password %q).\n",
		info.Seconds, info.Reports, info.TargetResults, info.TaskResults, seed.ScaleDirector, seed.ScaleStaff, seed.DemoPassword)
	return nil
}

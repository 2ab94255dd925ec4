package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/backup"
	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// migrateUp applies pending migrations and then checks the schema is exactly the one this
// binary was built for (postgres.CheckCurrent): a database a newer binary migrated is refused
// with what to do, not with golang-migrate's "no migration found".
func migrateUp(cfg config.Config) error {
	mg, err := postgres.NewMigrator(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	err = mg.Up()
	mg.Close()
	if cerr := postgres.CheckCurrent(cfg.DatabaseURL); err == nil || errors.Is(cerr, postgres.ErrSchemaAhead) {
		return cerr
	}
	return err
}

func migrateCommand(cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("migrate: want up, down N, version or force V")
	}
	mg, err := postgres.NewMigrator(cfg.DatabaseURL)
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
	latest, _ := postgres.LatestVersion()
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
	st, err := openMigrated(ctx, cfg, 4)
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
	st, err := postgres.Open(ctx, cfg.DatabaseURL, 2)
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
// It goes through accounts.CreateUser, so it refuses what the admin page refuses.
func userCreate(ctx context.Context, st *postgres.Store, args []string) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	username := fs.String("username", "", "login name (lowercase)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "admin", "staff, unit_head, reform_office, director or admin")
	unit := fs.String("unit", "", "unit code (required for staff, unit_head, reform_office)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := accounts.New(st, accounts.Policy{}, time.Now, nil).CreateUser(ctx, usecase.CLI,
		accounts.UserInput{Username: *username, FullName: *name, Role: authz.Role(*role), UnitCode: *unit})
	if err != nil {
		return cliError("user create", err)
	}
	fmt.Printf("Created %s. One-time password (shown once; must be changed at first login): %s\n", c.Username, c.OneTime)
	return nil
}

// userSetPassword sets a password read from standard input, or issues a one-time password.
func userSetPassword(ctx context.Context, st *postgres.Store, args []string) error {
	fs := flag.NewFlagSet("user set-password", flag.ContinueOnError)
	username := fs.String("username", "", "login name")
	oneTime := fs.Bool("one-time", false, "issue a one-time password instead of reading one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	plain := ""
	if !*oneTime {
		fmt.Fprintln(os.Stderr, "New password (one line on standard input):")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("user set-password: read password: %w", err)
		}
		plain = strings.TrimRight(line, "\r\n")
	}
	c, err := accounts.New(st, accounts.Policy{}, time.Now, nil).SetPassword(ctx, usecase.CLI, *username, plain, *oneTime)
	if err != nil {
		return cliError("user set-password", err)
	}
	if *oneTime {
		fmt.Printf("One-time password for %s (shown once): %s\n", c.Username, c.OneTime)
	} else {
		fmt.Printf("Password of %s changed; their sessions ended.\n", c.Username)
	}
	return nil
}

// cliError writes a use case's refusal the way the admin page would say it (in Vietnamese,
// the portal's language), one field a line.
func cliError(cmd string, err error) error {
	e := usecase.As(err)
	if e == nil {
		return err
	}
	ctx := i18n.With(context.Background(), i18n.VI)
	switch e.Kind {
	case usecase.KindNotFound:
		return fmt.Errorf("%s: %s", cmd, i18n.T(ctx, "err.not_found"))
	case usecase.KindInvalid:
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		lines := []string{}
		if !e.Msg.Zero() {
			lines = append(lines, e.Msg.In(ctx))
		}
		for _, k := range keys {
			lines = append(lines, k+": "+e.Fields[k].In(ctx))
		}
		return fmt.Errorf("%s: %s", cmd, strings.Join(lines, "\n  "))
	}
	return err
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
	st, err := openMigrated(ctx, cfg, 4)
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

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// apiClientCommand runs `cchc api-client create|list|revoke` through internal/opendata, the
// use case the admin page runs, so both refuse the same input.
func apiClientCommand(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("api-client: want create, list or revoke")
	}
	st, err := postgres.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := opendata.New(st, time.Now)
	switch args[0] {
	case "create":
		fs := flag.NewFlagSet("api-client create", flag.ContinueOnError)
		name := fs.String("name", "", "who uses the token (a system, an office)")
		plans := fs.String("plans", "", "plan codes, comma-separated (empty: every plan that is not a draft)")
		unit := fs.String("unit", "", "unit code whose subtree it reads (empty: the whole tree)")
		submitted := fs.Bool("submitted", false, "results awaiting review are visible too")
		expires := fs.String("expires", "", "last day the token works, dd/mm/yyyy (empty: no expiry)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		in := opendata.ClientInput{Name: *name, Unit: *unit, IncludeSubmitted: *submitted, Expires: *expires}
		if *plans != "" {
			in.Plans = strings.Split(*plans, ",")
		}
		c, err := svc.CreateClient(ctx, usecase.CLI, in)
		if err != nil {
			return cliError("api-client create", err)
		}
		fmt.Printf("Created API client %d (%s). Token (shown once; keep it secret):\n%s\n", c.ID, c.Name, c.Token)
		return nil
	case "list":
		for page := 1; ; page++ {
			cs, err := svc.Clients(ctx, store.Page{Number: page, Size: 200, Lookahead: true})
			if err != nil {
				return err
			}
			more := len(cs) > 200
			if more {
				cs = cs[:200]
			}
			for _, c := range cs {
				fmt.Println(clientLine(c))
			}
			if !more {
				return nil
			}
		}
	case "revoke":
		fs := flag.NewFlagSet("api-client revoke", flag.ContinueOnError)
		id := fs.Int64("id", 0, "the client's number (cchc api-client list)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := svc.RevokeClient(ctx, usecase.CLI, *id); err != nil {
			return cliError("api-client revoke", err)
		}
		fmt.Printf("API client %d revoked.\n", *id)
		return nil
	}
	return fmt.Errorf("api-client: unknown command %q", args[0])
}

func clientLine(c store.APIClient) string {
	state := "active"
	if c.RevokedAt != nil {
		state = "revoked " + c.RevokedAt.Format(time.RFC3339)
	}
	plans := "all plans"
	if len(c.PlanIDs) > 0 {
		plans = fmt.Sprintf("plans %v", c.PlanIDs)
	}
	unit := "all units"
	if c.UnitID != 0 {
		unit = "unit " + c.UnitName
	}
	last := "never used"
	if c.LastUsedAt != nil {
		last = "last used " + c.LastUsedAt.Format(time.RFC3339)
	}
	exp := ""
	if c.ExpiresAt != nil {
		exp = ", expires " + c.ExpiresAt.Format(time.RFC3339)
	}
	sub := ""
	if c.IncludeSubmitted {
		sub = ", submitted results"
	}
	return fmt.Sprintf("%d\t%s\t%s…\t%s, %s%s%s\t%s\t%s", c.ID, c.Name, c.TokenHint, plans, unit, sub, exp, last, state)
}

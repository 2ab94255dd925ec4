package server

import (
	"context"
	"fmt"
	"net/url"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// Options of the forms' select boxes, and the query strings of filtered lists.

func roleOptions(ctx context.Context, selected string, withAll bool) []web.Option {
	var opts []web.Option
	if withAll {
		opts = append(opts, web.Option{Value: "", Label: i18n.T(ctx, "common.all"), Selected: selected == ""})
	}
	for _, r := range authz.Roles() {
		opts = append(opts, web.Option{Value: string(r), Label: r.Label(lang(ctx)), Selected: string(r) == selected})
	}
	return opts
}

func unitOptions(ctx context.Context, units []store.Unit, selected int64, none string) []web.Option {
	opts := []web.Option{{Value: "", Label: none, Selected: selected == 0}}
	for _, u := range units {
		opts = append(opts, web.Option{Value: fmt.Sprint(u.ID), Label: u.Code + " — " + u.Name, Selected: u.ID == selected})
	}
	return opts
}

// urlValues builds a query string from key, value pairs, leaving out empty values.
func urlValues(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}

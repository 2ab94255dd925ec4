package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
)

func pageURL(base string, page int) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("page", strconv.Itoa(page))
	u.RawQuery = q.Encode()
	return u.String()
}

func join(items []string) string { return strings.Join(items, ", ") }

// describedBy names the elements that describe a field: its error, else its hint.
func describedBy(name, hint string, errs FieldErrors) string {
	switch {
	case errs[name] != "":
		return "e-" + name
	case hint != "":
		return "h-" + name
	}
	return ""
}

// bellLabel says what the bell holds, for screen readers and the tooltip.
func bellLabel(ctx context.Context, unread int) string {
	if unread == 0 {
		return i18n.T(ctx, "notify.nav")
	}
	return i18n.Tf(ctx, "notify.bell_unread", unread)
}

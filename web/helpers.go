package web

import (
	"net/url"
	"strconv"
	"strings"
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

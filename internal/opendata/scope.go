package opendata

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Scope is what one client may read.
type Scope struct {
	ClientID  int64
	Name      string
	Plans     []int64 // empty: every plan that is not a draft
	Unit      int64   // 0: the whole tree
	Submitted bool    // results of reports awaiting review count too
}

// HasPlan reports whether the scope reaches a plan (the store still hides drafts).
func (s Scope) HasPlan(id int64) bool { return len(s.Plans) == 0 || slices.Contains(s.Plans, id) }

// Statuses are the report statuses whose results the client may read. Drafts and returned
// reports are in no scope.
func (s Scope) Statuses() []string {
	if s.Submitted {
		return []string{"approved", "submitted"}
	}
	return []string{"approved"}
}

// Page sizes: a client asks for up to MaxPageSize rows; DefaultPageSize without asking.
const (
	DefaultPageSize = 100
	MaxPageSize     = 1000
)

// ErrBadCursor is a cursor this server did not hand out (or one from another list).
var ErrBadCursor = errors.New("opendata: bad cursor")

// Cursor is the position after the last row of a page: a list's name and its keyset key.
// It is opaque to clients (base64 of "list:a:b"); a cursor of another list is refused.
type Cursor struct {
	List string
	Key  [2]int64
}

// Encode writes the cursor as the client receives it.
func (c Cursor) Encode() string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s:%d:%d", c.List, c.Key[0], c.Key[1]))
}

// DecodeCursor reads a client's cursor for a list; "" is the first page.
func DecodeCursor(list, s string) (Cursor, error) {
	c := Cursor{List: list}
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(s) > 100 {
		return c, ErrBadCursor
	}
	parts := strings.Split(string(b), ":")
	if len(parts) != 3 || parts[0] != list {
		return c, ErrBadCursor
	}
	for i := range 2 {
		if c.Key[i], err = strconv.ParseInt(parts[i+1], 10, 64); err != nil || c.Key[i] < 0 {
			return c, ErrBadCursor
		}
	}
	return c, nil
}

// PageSize reads the client's "limit": DefaultPageSize when empty, an error outside 1…MaxPageSize.
func PageSize(s string) (int, error) {
	if s == "" {
		return DefaultPageSize, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxPageSize {
		return 0, fmt.Errorf("limit must be a whole number from 1 to %d", MaxPageSize)
	}
	return n, nil
}

// Package web holds the portal's templ pages, their shared components and static assets.
// Pages take typed props that handlers build; nothing here reads the database.
package web

import "embed"

// Static holds the CSS and other files served under /static/.
//
//go:embed static
var Static embed.FS

// Meta is what the layout needs from every page.
type Meta struct {
	Title  string
	Lang   string // "vi" or "en"
	Path   string // the request path, for the language switch's return
	Active string // key of the navigation entry to highlight
	User   *SessionUser
	Flash  string
	Demo   bool // the database holds demo data: say so on every page
	// Alert is a notice for the signed-in user on every page (the administrator: locked
	// accounts), linking to AlertHref.
	Alert     string
	AlertHref string
	Version   string
	// what a printed page says at its top: when it was printed and, where the page does
	// not say it in its own words, what it covers (plan, period, unit)
	PrintedAt  string
	PrintScope string
}

// SessionUser is the signed-in user as the layout shows them.
type SessionUser struct {
	Username  string
	FullName  string
	RoleLabel string
	UnitName  string
	Nav       []NavItem
	Unread    int // unread notifications, on the bell
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Key   string
	Label string
	Href  string
}

// FieldErrors maps a form field's name to its Vietnamese (or English) message.
type FieldErrors map[string]string

// Any reports whether there is at least one error.
func (e FieldErrors) Any() bool { return len(e) > 0 }

// Pager describes a page of a list for the pagination component.
type Pager struct {
	Page    int
	HasNext bool
	Total   int    // -1 when not counted
	BaseURL string // URL with query, without page
}

// Option is one choice of a select.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

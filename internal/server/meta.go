package server

import (
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

// meta builds the layout's props for a page: language, user, navigation and the pending flash.
func (s *Server) meta(r *http.Request, title, active string) web.Meta {
	ctx := r.Context()
	m := web.Meta{Title: title, Lang: string(i18n.From(ctx)), Path: r.URL.RequestURI(), Active: active, Demo: s.demo,
		PrintedAt: domain.FormatDateTime(s.now())}
	u := userFrom(ctx)
	if u == nil {
		return m
	}
	m.User = &web.SessionUser{
		Username:  u.Username,
		FullName:  u.FullName,
		RoleLabel: authz.Role(u.Role).Label(m.Lang),
		UnitName:  u.UnitName,
		Nav:       s.navigation(r, u.principal()),
	}
	m.Flash = s.sessions.PopString(ctx, sessFlash)
	if u.unread >= 0 {
		m.User.Unread = u.unread
	} else if n, err := s.store.UnreadNotifications(ctx, u.ID); err != nil {
		// the bell without its count is better than no page
		s.log.WarnContext(ctx, "count unread notifications", "err", err)
	} else {
		m.User.Unread = n
	}
	if authz.Can(u.principal(), authz.AdminUsers, 0) {
		// The administrator is told of locked accounts on every page, for only they can unlock.
		if n, err := s.store.CountLockedAccounts(ctx); err != nil {
			s.log.WarnContext(ctx, "count locked accounts", "err", err)
		} else if n > 0 {
			m.Alert, m.AlertHref = i18n.Tf(ctx, "admin.locked_notice", n), "/admin/users#locked"
		}
	}
	return m
}

// navigation lists the areas a role may open, in the order users work through them.
func (s *Server) navigation(r *http.Request, p authz.Principal) []web.NavItem {
	t := func(k string) string { return i18n.T(r.Context(), k) }
	items := []web.NavItem{{Key: "home", Label: t("nav.home"), Href: "/"},
		// every signed-in role has a dashboard; unit staff see their own unit's
		{Key: "dashboard", Label: t("nav.dashboard"), Href: "/dashboard"}}
	if p.UnitID != 0 && authz.Can(p, authz.EditUnitReport, p.UnitID) {
		items = append(items, web.NavItem{Key: "reports", Label: t("nav.reports"), Href: "/reports"})
	}
	if (p.UnitID != 0 && authz.Can(p, authz.EditUnitReport, p.UnitID)) || authz.Can(p, authz.ViewAllUnits, 0) && p.Role != authz.RoleAdmin {
		items = append(items, web.NavItem{Key: "register", Label: t("register.nav"), Href: "/register"})
	}
	if authz.Can(p, authz.ReviewReports, 0) {
		items = append(items, web.NavItem{Key: "review", Label: t("nav.review"), Href: "/review"})
	} else if authz.Can(p, authz.Comment, 0) {
		// the director reads every unit's reports (and comments on them) from the same pages
		items = append(items, web.NavItem{Key: "review", Label: t("nav.unit_reports"), Href: "/review/matrix"})
	}
	items = append(items, web.NavItem{Key: "plans", Label: t("nav.plans"), Href: "/plans"})
	if authz.Can(p, authz.ExportReports, 0) {
		items = append(items, web.NavItem{Key: "documents", Label: t("doc.nav"), Href: "/documents"},
			web.NavItem{Key: "exports", Label: t("nav.exports"), Href: "/exports"})
	}
	if authz.Can(p, authz.ManagePlans, 0) {
		items = append(items, web.NavItem{Key: "periods", Label: t("plan.nav.periods"), Href: "/periods"})
	}
	if authz.Can(p, authz.AdminUsers, 0) {
		items = append(items,
			web.NavItem{Key: "users", Label: t("nav.users"), Href: "/admin/users"},
			web.NavItem{Key: "units", Label: t("nav.units"), Href: "/admin/units"},
			web.NavItem{Key: "mail", Label: t("admin.mail"), Href: "/admin/mail"},
			web.NavItem{Key: "api_clients", Label: t("nav.api_clients"), Href: "/admin/api-clients"})
	}
	if authz.Can(p, authz.ViewAudit, 0) {
		items = append(items, web.NavItem{Key: "audit", Label: t("nav.audit"), Href: "/admin/audit"})
	}
	return items
}

package server

import (
	"context"
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// home shows each role what it comes for: a unit its open periods, the reform office and
// director the submission progress, the admin users and recent activity.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	p := u.principal()
	props := web.HomeProps{
		Meta:     s.meta(r, i18n.T(ctx, "home.title"), "home"),
		Greeting: i18n.Tf(ctx, "home.welcome", u.FullName),
	}
	unit := p.UnitID != 0 && authz.Can(p, authz.EditUnitReport, p.UnitID)
	hq := store.HomeQuery{Today: domain.StartOfDay(s.now()), Progress: authz.Can(p, authz.ViewAllUnits, 0) && p.Role != authz.RoleAdmin,
		Plans: p.Role != authz.RoleAdmin}
	if unit {
		hq.UnitID = p.UnitID
	}
	// everything below in one round trip (store.HomePage)
	h, err := s.store.HomePage(ctx, hq)
	if err != nil {
		return err
	}
	if unit {
		props.ShowUnit, props.UnitName = true, u.UnitName
		props.Targets, props.Tasks = h.Targets, h.Tasks
		for _, r := range h.History {
			for _, o := range h.Open {
				if o.ID == r.Period.ID {
					props.OpenPeriods = append(props.OpenPeriods, s.periodRow(ctx, r, reportURL(p.UnitID, r.Period.ID)))
				}
			}
		}
	}
	if hq.Progress {
		props.ShowReview = true
		for _, pp := range h.Progress {
			started := pp.Draft + pp.Submitted + pp.Returned + pp.Approved
			props.Progress = append(props.Progress, web.ProgressRow{
				Label: periodLabel(ctx, pp.Period), Deadline: domain.FormatDate(pp.Period.Deadline), Expected: pp.Expected,
				Draft: pp.Draft, Submitted: pp.Submitted, Returned: pp.Returned, Approved: pp.Approved,
				Late: pp.Late, Missing: max(pp.Expected-started, 0),
			})
		}
	}
	for _, pl := range h.Plans {
		if pl.Status == "active" {
			props.Plans = append(props.Plans, planRow(ctx, pl, s.now()))
		}
	}
	if authz.Can(p, authz.AdminUsers, 0) {
		props.ShowAdmin = true
		counts, err := s.store.CountUsersByRole(ctx)
		if err != nil {
			return err
		}
		for _, role := range authz.Roles() {
			props.UsersByRole = append(props.UsersByRole, web.CountRow{Label: role.Label(lang(ctx)), Count: counts[string(role)]})
		}
		entries, _, err := s.store.ListAudit(ctx, store.AuditFilter{}, store.Page{Size: 8})
		if err != nil {
			return err
		}
		if props.RecentAudit, err = s.auditRows(ctx, entries); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, web.HomePage(props))
	return nil
}

// auditRows tells a page of audit entries as sentences.
func (s *Server) auditRows(ctx context.Context, entries []store.AuditEntry) ([]web.AuditRow, error) {
	names, err := s.store.AuditNames(ctx, entries)
	if err != nil {
		return nil, err
	}
	rows := make([]web.AuditRow, 0, len(entries))
	for _, e := range entries {
		row := web.AuditRow{At: domain.FormatDateTime(e.At), Actor: e.ActorName, Action: e.Action, Address: e.ClientAddr,
			Sentence: auditSentence(ctx, e, names), Changes: auditChanges(ctx, e)}
		if k := "audit.action." + e.Action; i18n.Has(k) {
			row.Action = i18n.T(ctx, k) + " (" + e.Action + ")"
		}
		rows = append(rows, row)
	}
	return rows, nil
}

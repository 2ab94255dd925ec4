package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

// notificationPrefs shows how the user hears of each kind by e-mail, and to the reform
// office the days units are reminded before a deadline.
func (s *Server) notificationPrefs(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	modes, err := s.store.NotificationPrefs(ctx, u.ID)
	if err != nil {
		return err
	}
	props, err := s.prefsProps(r, modes)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, web.NotificationPrefsPage(props))
	return nil
}

func (s *Server) prefsProps(r *http.Request, modes map[string]string) (web.NotificationPrefsProps, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	p := web.NotificationPrefsProps{Meta: s.meta(r, i18n.T(ctx, "prefs.title"), ""), Errors: web.FieldErrors{},
		CanSetDays: authz.Can(u.principal(), authz.ManagePlans, 0)}
	for _, k := range domain.KindsFor(string(u.Role)) {
		m := modes[string(k)]
		if m == "" {
			m = string(domain.DefaultMode(k))
		}
		p.Rows = append(p.Rows, web.PrefRow{Kind: string(k), Label: i18n.T(ctx, "prefs.kind."+string(k)),
			Help: i18n.T(ctx, "prefs.help."+string(k)), Mode: m})
	}
	if p.CanSetDays {
		v, err := s.store.Setting(ctx, domain.ReminderDaysSetting)
		if err != nil {
			return p, err
		}
		days, err := domain.ParseReminderDays(v)
		if err != nil || len(days) == 0 && strings.TrimSpace(v) == "" {
			days = domain.DefaultReminderDays
		}
		p.ReminderDays = joinDays(days)
	}
	return p, nil
}

// saveNotificationPrefs stores the user's choices; a bad list of days comes back with
// everything chosen kept.
func (s *Server) saveNotificationPrefs(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	modes := map[string]string{}
	for _, k := range domain.KindsFor(string(u.Role)) {
		m := domain.DeliveryMode(r.PostFormValue("mode_" + string(k)))
		if !m.Valid() {
			return badRequest(nil)
		}
		modes[string(k)] = string(m)
	}
	props, err := s.prefsProps(r, modes)
	if err != nil {
		return err
	}
	var days []int
	if props.CanSetDays {
		props.ReminderDays = r.PostFormValue("reminder_days")
		if days, err = domain.ParseReminderDays(props.ReminderDays); err != nil || len(days) == 0 {
			props.Errors["reminder_days"] = i18n.T(ctx, "prefs.days_invalid")
			s.render(w, r, http.StatusUnprocessableEntity, web.NotificationPrefsPage(props))
			return nil
		}
	}
	if err := s.store.SetNotificationPrefs(ctx, u.ID, modes); err != nil {
		return err
	}
	if props.CanSetDays {
		if err := s.store.SetSetting(ctx, domain.ReminderDaysSetting, joinDays(days)); err != nil {
			return err
		}
	}
	s.flash(r, i18n.T(ctx, "prefs.saved"))
	return seeOther(w, r, "/account/notifications")
}

func joinDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ", ")
}

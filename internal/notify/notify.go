// Package notify decides who is told what, and when, and mails it: reminders before a
// deadline and overdue notices, the reform office's morning digest of late reports, the
// director's weekly summary (what happens to a report is told by the reporting use cases,
// in their own transactions). The rules are plain Go in internal/domain (ReminderFor,
// NotifyRoles, DefaultMode); this package reads the candidates, applies the rules and
// writes one notification per recipient and thing told, the unique (user, dedup key)
// keeping anyone from being told twice. Mail (mail.go) is composed once per notification
// or daily digest and sent by a River job that records the outcome in the mail's row. Its
// River workers and periodic jobs run in every `cchc serve` and `cchc worker`.
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// Service applies the notification rules.
type Service struct {
	st  store.Store
	now func() time.Time
	log *slog.Logger
}

// New makes the service; now is the clock "today" is read from.
func New(st store.Store, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, now: now, log: log}
}

// ReminderDaysSetting is the app setting holding the reform office's reminder days.
const ReminderDaysSetting = domain.ReminderDaysSetting

// ReminderDays are the days before a deadline units are reminded: the reform office's
// setting ("7, 3, 1"), or domain.DefaultReminderDays.
func (s *Service) ReminderDays(ctx context.Context) ([]int, error) {
	v, err := s.st.Setting(ctx, ReminderDaysSetting)
	if err != nil {
		return nil, err
	}
	days, err := domain.ParseReminderDays(v)
	if err != nil || len(days) == 0 {
		// a setting the page would not have stored: the defaults, never no reminders
		return domain.DefaultReminderDays, nil
	}
	return days, nil
}

// SendReminders tells every unit what it is owed today about the deadlines near or just
// past (domain.ReminderFor) and returns how many people were told now. Run again the same
// day, by this instance or another, it tells nobody twice.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	now := s.now()
	days, err := s.ReminderDays(ctx)
	if err != nil {
		return 0, err
	}
	horizon := 0
	for _, d := range days {
		horizon = max(horizon, d)
	}
	today := provinceDate(now)
	cands, err := s.st.ReminderCandidates(ctx, today.AddDate(0, 0, -8), today.AddDate(0, 0, horizon))
	if err != nil {
		return 0, err
	}
	told := 0
	for _, c := range cands {
		r, ok := domain.ReminderFor(c.Period.Deadline, now, domain.ReportStatus(c.Status), c.Period.Closed(), days)
		if !ok {
			continue
		}
		n, err := s.st.NotifyUnit(ctx, c.UnitID, domain.NotifyRoles(r.Kind), store.NewNotification{
			Kind: string(r.Kind), DedupKey: r.Key(c.UnitID, c.Period.ID), UnitID: c.UnitID, PeriodID: c.Period.ID,
			Params: store.NotificationParams{Days: r.DaysLeft}, Link: ReportLink(c.UnitID, c.Period.ID), At: now})
		if err != nil {
			return told, err
		}
		told += n
	}
	if told > 0 {
		s.log.InfoContext(ctx, "deadline reminders sent", "told", told)
	}
	return told, nil
}

// ReportLink is the path of a unit's report for a period.
func ReportLink(unitID, periodID int64) string {
	return fmt.Sprintf("/reports/%d/%d", unitID, periodID)
}

// Package notify decides who is told what, and when: reminders before a deadline, overdue
// notices, and (from the use cases) what happens to a report. The rules are plain Go in
// internal/domain (ReminderFor, NotifyRoles); this package reads the candidates, applies
// the rules and writes one notification per recipient and thing told, the unique
// (user, dedup key) being what keeps anyone from being told twice. Its River workers and
// periodic jobs run in every `cchc serve` and `cchc worker` (internal/jobs).
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
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
const ReminderDaysSetting = "reminder_days"

// ReminderDays are the days before a deadline units are reminded: the reform office's
// setting ("7,3,1"), or domain.DefaultReminderDays.
func (s *Service) ReminderDays(ctx context.Context) ([]int, error) {
	v, err := s.st.Setting(ctx, ReminderDaysSetting)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(v) == "" {
		return domain.DefaultReminderDays, nil
	}
	return ParseDays(v)
}

// ParseDays reads "7, 3, 1": whole days from 1 to 60, each once, largest first.
func ParseDays(v string) ([]int, error) {
	var days []int
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		d, err := strconv.Atoi(f)
		if err != nil || d < 1 || d > 60 {
			return nil, fmt.Errorf("notify: reminder day %q: want a whole number of days from 1 to 60", f)
		}
		if !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.SortFunc(days, func(a, b int) int { return b - a })
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
	// the province's calendar day, as a date the statement compares with deadlines
	y, m, d := now.In(domain.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
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

package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// SendLateDigest tells the reform office each morning how many reports are late, with a
// link to the matrix that names the units; nothing on a morning when none is. One per day.
func (s *Service) SendLateDigest(ctx context.Context) (int, error) {
	now := s.now()
	late, _, err := s.st.ReportBacklog(ctx, provinceDate(now))
	if err != nil || late == 0 {
		return 0, err
	}
	kind := domain.NotifyLateDigest
	return s.st.NotifyRole(ctx, domain.NotifyRoles(kind), store.NewNotification{Kind: string(kind),
		DedupKey: fmt.Sprintf("%s:%s", kind, provinceDate(now).Format("2006-01-02")),
		Params:   store.NotificationParams{Count: late}, Link: "/review/matrix", At: now})
}

// SendWeeklySummary tells the directors who asked for it (off by default) where reporting
// stands: reports late and waiting for review. One per ISO week.
func (s *Service) SendWeeklySummary(ctx context.Context) (int, error) {
	now := s.now()
	late, waiting, err := s.st.ReportBacklog(ctx, provinceDate(now))
	if err != nil {
		return 0, err
	}
	kind := domain.NotifyWeekly
	y, w := now.In(domain.Location).ISOWeek()
	return s.st.NotifyRole(ctx, domain.NotifyRoles(kind), store.NewNotification{Kind: string(kind),
		DedupKey: fmt.Sprintf("%s:%d-W%02d", kind, y, w), Params: store.NotificationParams{Count: late, Waiting: waiting},
		Link: "/dashboard", At: now, OptIn: domain.OptIn(kind)})
}

// provinceDate is the province's calendar day of t, as a date for statements.
func provinceDate(t time.Time) time.Time {
	y, m, d := t.In(domain.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

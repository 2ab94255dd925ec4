package planning

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// SettingDeadlineDay is the setting that remembers the internal deadline day last used.
const SettingDeadlineDay = "period_deadline_day"

// PeriodAudit is a period as the audit log keeps it.
func PeriodAudit(p store.Period) map[string]any {
	return map[string]any{"year": p.Year, "kind": p.Kind, "starts_on": domain.FormatDate(p.StartsOn), "ends_on": domain.FormatDate(p.EndsOn),
		"deadline": domain.FormatDate(p.Deadline), "closed": p.Closed()}
}

// Generated counts the periods a generation created and brought up to date.
type Generated struct{ Created, Updated int }

// GeneratePeriods creates a year's periods of the chosen kinds or, where they exist, brings
// their data windows and deadlines (on the given day) up to date: running it twice never
// duplicates a period, and a closed period stays closed.
func (s *Service) GeneratePeriods(ctx context.Context, a usecase.Actor, year int, kinds []domain.PeriodKind, day int) (Generated, error) {
	var out Generated
	err := s.inTx(ctx, func(tx store.Queries) error {
		for _, k := range kinds {
			start, end := domain.DataWindow(year, k)
			p := store.Period{Year: year, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(year, k, day)}
			before, err := tx.PeriodByYearKind(ctx, year, string(k))
			switch {
			case errors.Is(err, store.ErrNotFound):
				out.Created++
			case err != nil:
				return err
			default:
				out.Updated++
				p.ClosedAt = before.ClosedAt
			}
			id, err := tx.UpsertPeriod(ctx, p)
			if err != nil {
				return err
			}
			var old any
			if before.ID != 0 {
				old = PeriodAudit(before)
			}
			if err := tx.Audit(ctx, entry(a, "period.generate", "period", id), old, PeriodAudit(p)); err != nil {
				return err
			}
		}
		return tx.SetSetting(ctx, SettingDeadlineDay, strconv.Itoa(day))
	})
	return out, err
}

// SetDeadline changes a period's internal deadline.
func (s *Service) SetDeadline(ctx context.Context, a usecase.Actor, id int64, deadline time.Time) error {
	return s.inTx(ctx, func(tx store.Queries) error {
		before, err := tx.LockPeriod(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.SetPeriodDeadline(ctx, id, deadline); err != nil {
			return err
		}
		after := before
		after.Deadline = deadline
		return tx.Audit(ctx, entry(a, "period.deadline", "period", id), PeriodAudit(before), PeriodAudit(after))
	})
}

// ClosePeriod closes a period (units can no longer enter or submit its reports) or, with
// closing false, reopens it; it returns the period as it was.
func (s *Service) ClosePeriod(ctx context.Context, a usecase.Actor, id int64, closing bool) (store.Period, error) {
	var p store.Period
	err := s.inTx(ctx, func(tx store.Queries) error {
		before, err := tx.LockPeriod(ctx, id)
		if err != nil {
			return err
		}
		p = before
		if before.Closed() == closing {
			return nil // already so: nothing changes, nothing to log
		}
		after := before
		if closing {
			now := s.now()
			after.ClosedAt = &now
		} else {
			after.ClosedAt = nil
		}
		if err := tx.SetPeriodClosed(ctx, id, after.ClosedAt); err != nil {
			return err
		}
		action := "period.close"
		if !closing {
			action = "period.reopen"
		}
		return tx.Audit(ctx, entry(a, action, "period", id), PeriodAudit(before), PeriodAudit(after))
	})
	return p, err
}

package planning

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
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

// closingListLimit bounds the units a closing lists by name; the rest are counted.
const closingListLimit = 200

// ClosingCheck is what the reform office sees before it closes a period: who has not
// submitted, and whether the deadline is still ahead.
type ClosingCheck struct {
	Period            store.Period
	Early             bool // the units' deadline has not passed: closing needs a second confirmation
	DaysLeft          int  // days to the deadline when Early (0: it is the deadline day)
	NotSubmitted      []store.UnitReportState
	NotSubmittedTotal int
}

// CheckClosing reads what closing the period would leave behind.
func (s *Service) CheckClosing(ctx context.Context, id int64) (ClosingCheck, error) {
	var c ClosingCheck
	err := s.inTx(ctx, func(tx store.Queries) error {
		p, err := tx.LockPeriodShared(ctx, id)
		if err != nil {
			return err
		}
		c.Period = p
		c.Early = domain.ClosingEarly(p.Deadline, s.now())
		if c.Early {
			c.DaysLeft = domain.DaysUntil(p.Deadline, s.now())
		}
		c.NotSubmitted, c.NotSubmittedTotal, err = tx.UnitsNotSubmitted(ctx, id, closingListLimit)
		return err
	})
	return c, err
}

// PeriodClosing is the reform office's decision on a period.
type PeriodClosing struct {
	Close bool // false reopens
	// EarlyConfirmed: the reform office confirmed closing before the units' deadline
	EarlyConfirmed bool
}

// ClosePeriod closes a period (units can no longer enter or submit its reports) or
// reopens it; it returns the period as it was. Closing before the deadline has passed is
// refused unless confirmed as such. The audit entry names the units that had not
// submitted when it closed.
func (s *Service) ClosePeriod(ctx context.Context, a usecase.Actor, id int64, c PeriodClosing) (store.Period, error) {
	closing := c.Close
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
		now := s.now()
		if closing && domain.ClosingEarly(before.Deadline, now) && !c.EarlyConfirmed {
			return usecase.Refused(i18n.M("plan.periods.close_early_unconfirmed", domain.FormatDate(before.Deadline)), nil)
		}
		after := before
		if closing {
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
		audited := PeriodAudit(after)
		if closing {
			units, total, err := tx.UnitsNotSubmitted(ctx, id, closingListLimit)
			if err != nil {
				return err
			}
			codes := make([]string, 0, len(units))
			for _, u := range units {
				codes = append(codes, u.Code)
			}
			audited["not_submitted"], audited["not_submitted_total"] = codes, total
			audited["early"] = domain.ClosingEarly(before.Deadline, now)
		}
		return tx.Audit(ctx, entry(a, action, "period", id), PeriodAudit(before), audited)
	})
	return p, err
}

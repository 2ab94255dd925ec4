package planning

import (
	"context"
	"errors"
	"strconv"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// A plan that has ended is succeeded by the next: the reform office drafts the successor
// from it (targets, tasks and their units copied; each target linked to the one it
// continues; what the ended plan left unmet carried over), edits the draft and activates
// it, which opens its periods.

var (
	// ErrNotEnded refuses a successor of a plan that has not ended.
	ErrNotEnded = usecase.Conflict(i18n.M("plan.successor.not_ended"), nil)
	// ErrHasSuccessor refuses a second successor.
	ErrHasSuccessor = usecase.Conflict(i18n.M("plan.successor.exists"), nil)
)

// Succeedable loads a plan that may be succeeded now: it has ended and has no successor.
func (s *Service) Succeedable(ctx context.Context, id int64) (store.Plan, error) {
	pred, err := s.st.PlanByID(ctx, id)
	if err != nil {
		return pred, usecase.NotFound(err)
	}
	if domain.PhaseOf(pred.Status, spanOf(pred), s.now()) != domain.PhaseEnded {
		return pred, ErrNotEnded
	}
	links, err := s.st.PlanLinksOf(ctx, id)
	if err != nil {
		return pred, err
	}
	if links.Successor != nil {
		return pred, ErrHasSuccessor
	}
	return pred, nil
}

func spanOf(p store.Plan) domain.PlanSpan {
	return domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}
}

// CreateSuccessor drafts the successor of plan predID with the header given, carrying over
// the chosen targets of the predecessor (its own only); a successor overlapping the ended
// plan's years is refused.
func (s *Service) CreateSuccessor(ctx context.Context, a usecase.Actor, predID int64, h domain.PlanHeader, carried map[int64]bool) (int64, error) {
	pred, err := s.Succeedable(ctx, predID)
	if err != nil {
		return 0, err
	}
	if h.StartYear <= pred.EndYear {
		return 0, field("start_year", "plan.successor.overlap", pred.Code, pred.EndYear)
	}
	var id int64
	err = s.inTx(ctx, func(tx store.Queries) error {
		if _, err := tx.LockPlan(ctx, pred.ID); err != nil {
			return err
		}
		targets, err := tx.CurrentTargets(ctx, pred.ID)
		if err != nil {
			return err
		}
		own := map[int64]bool{}
		var codes []string
		for _, t := range targets {
			if carried[t.ID] {
				own[t.ID] = true
				codes = append(codes, t.Code)
			}
		}
		if id, err = tx.CreateSuccessor(ctx, pred.ID, store.SuccessorInput{Plan: planInput(h, string(domain.PlanDraft)), Carried: own}); err != nil {
			return err
		}
		after := PlanAudit(h, string(domain.PlanDraft))
		after["predecessor"] = pred.Code
		after["carried_over"] = codes
		return tx.Audit(ctx, entry(a, "plan.successor", "plan", id), nil, after)
	})
	if errors.Is(err, store.ErrConflict) {
		return 0, field("code", "plan.v.code_taken")
	}
	return id, err
}

// openPlanPeriods creates, when a plan is activated, the regime periods of its years up to
// the current one (at least its first year) that belong to it and do not exist yet, with the
// internal deadline day last used; existing periods are left as they are.
func (s *Service) openPlanPeriods(ctx context.Context, tx store.Queries, a usecase.Actor, p store.Plan) (int, error) {
	day := 10 // what provinces commonly set, ten days before the ministry's 20th
	if v, err := s.st.Setting(ctx, SettingDeadlineDay); err != nil {
		return 0, err
	} else if d, err := strconv.Atoi(v); err == nil && d >= 1 && d <= 31 {
		day = d
	}
	span := spanOf(p)
	last := min(p.EndYear, max(p.StartYear, domain.StartOfDay(s.now()).AddDate(0, 0, 17).Year()))
	created := 0
	for year := p.StartYear; year <= last; year++ {
		for _, k := range domain.RegimePeriods() {
			if !span.Admits(year, k) {
				continue
			}
			if _, err := tx.PeriodByYearKind(ctx, year, string(k)); err == nil {
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				return 0, err
			}
			start, end := domain.DataWindow(year, k)
			per := store.Period{Year: year, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(year, k, day)}
			id, err := tx.UpsertPeriod(ctx, per)
			if err != nil {
				return 0, err
			}
			if err := tx.Audit(ctx, entry(a, "period.generate", "period", id), nil, PeriodAudit(per)); err != nil {
				return 0, err
			}
			created++
		}
	}
	return created, nil
}

package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// Periods belong to plans: a period is generated only where a plan's span admits it (one of
// its years, data gathered no earlier than its issue date), and an internal deadline later
// than the ministry's asks the reform office to confirm it.

// ministryDeadline is when the province's report of a period is due at the ministry.
func (s *Server) ministryDeadline(year int, k domain.PeriodKind) time.Time {
	day := s.cfg.MinistryDeadlineDay
	if day <= 0 {
		day = domain.MinistryDeadline(year, k).Day()
	}
	return domain.DefaultDeadline(year, k, day)
}

// outsidePlans explains, for each chosen kind of a year that no plan admits, why; nil when
// every one belongs to a plan.
func outsidePlans(ctx context.Context, plans []store.Plan, year int, kinds []domain.PeriodKind) []string {
	var out []string
	for _, k := range kinds {
		admitted := false
		var reasons []string
		for _, p := range plans {
			span := domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}
			switch span.Fit(year, k) {
			case domain.PeriodInPlan:
				admitted = true
			case domain.PeriodBeforeIssueDate:
				start, _ := domain.DataWindow(year, k)
				reasons = append(reasons, i18n.Tf(ctx, "plan.periods.before_issue", p.Code, domain.FormatDate(p.IssuedOn), domain.FormatDate(start)))
			}
		}
		if admitted {
			continue
		}
		label := domain.PeriodLabel(year, k, lang(ctx))
		if len(reasons) == 0 {
			var spans []string
			for _, p := range plans {
				spans = append(spans, fmt.Sprintf("%s: %d–%d", p.Code, p.StartYear, p.EndYear))
			}
			list := strings.Join(spans, "; ")
			if list == "" {
				list = i18n.T(ctx, "plan.periods.no_plans")
			}
			reasons = append(reasons, i18n.Tf(ctx, "plan.periods.outside_years", year, list))
		}
		out = append(out, i18n.Tf(ctx, "plan.periods.outside", label, strings.Join(reasons, " ")))
	}
	return out
}

// confirmedDay reads the deadline day the reform office confirmed on the warning step; 0
// when none.
func confirmedDay(v string) int {
	d, _ := strconv.Atoi(strings.TrimSpace(v))
	return d
}

// renderPeriodConfirm shows a period's deadline form again with what was typed and a warning
// that the date is later than the ministry's, with a button that confirms it.
func (s *Server) renderPeriodConfirm(w http.ResponseWriter, r *http.Request, p store.Period, typed string, deadline time.Time) error {
	ctx := r.Context()
	label := periodLabel(ctx, p)
	ministry := domain.FormatDate(s.ministryDeadline(p.Year, domain.PeriodKind(p.Kind)))
	props := web.PeriodFormProps{Meta: s.meta(r, i18n.Tf(ctx, "plan.periods.edit_of", label), "periods"), Label: label,
		Window: periodWindow(p), Ministry: ministry, Deadline: typed,
		Action: fmt.Sprintf("/periods/%d", p.ID), BackURL: fmt.Sprintf("/periods?show=%d", p.Year),
		Confirm: i18n.Tf(ctx, "plan.periods.late_deadline", domain.FormatDate(deadline), ministry), ConfirmValue: domain.FormatDate(deadline)}
	s.render(w, r, http.StatusOK, web.PeriodFormPage(props))
	return nil
}

package server

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

func lang(ctx context.Context) string { return string(i18n.From(ctx)) }

func periodLabel(ctx context.Context, p store.Period) string {
	return domain.PeriodLabel(p.Year, domain.PeriodKind(p.Kind), lang(ctx))
}

func periodWindow(p store.Period) string {
	return domain.FormatDate(p.StartsOn) + " – " + domain.FormatDate(p.EndsOn)
}

// dueText says how a unit stands against a period's deadline: days left, due today,
// days late, or when it was sent.
func (s *Server) periodRow(ctx context.Context, r store.UnitPeriodReport, href string) web.PeriodRow {
	p := r.Period
	row := web.PeriodRow{
		Label:       periodLabel(ctx, p),
		Window:      periodWindow(p),
		Deadline:    domain.FormatDate(p.Deadline),
		StatusClass: r.Status,
		StatusLabel: domain.ReportStatus(r.Status).Label(lang(ctx)),
		Href:        href,
	}
	if r.Status == "not_started" {
		row.StatusLabel = i18n.T(ctx, "status.not_started")
	}
	t := domain.ReportTimeliness(p.Deadline, r.SubmittedAt, s.now())
	row.DueClass = string(t)
	row.DueText = t.Label(lang(ctx))
	switch {
	case r.SubmittedAt != nil:
		row.Submitted = domain.FormatDate(*r.SubmittedAt)
	case p.Closed():
		row.DueText = i18n.T(ctx, "status.closed")
		row.DueClass = "closed"
	default:
		days := domain.DaysUntil(p.Deadline, s.now())
		switch {
		case days > 0:
			row.DueText = i18n.Tf(ctx, "home.days_left", days)
		case days == 0:
			row.DueText = i18n.T(ctx, "home.due_today")
		default:
			row.DueText = i18n.Tf(ctx, "home.days_late", -days)
		}
	}
	return row
}

// planRow is a plan as lists show it; its status says what the plan is on the day: an
// active plan whose years have passed has ended (domain.PhaseOf).
func planRow(ctx context.Context, p store.Plan, today time.Time) web.PlanRow {
	phase := domain.PhaseOf(domain.PlanStatus(p.Status), domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}, today)
	class := map[domain.PlanPhase]string{domain.PhaseDraft: "draft", domain.PhaseActive: "active", domain.PhaseEnded: "closed"}[phase]
	return web.PlanRow{
		Href:        fmt.Sprintf("/plans/%d", p.ID),
		Code:        p.Code,
		Title:       p.Title,
		Years:       fmt.Sprintf("%d–%d", p.StartYear, p.EndYear),
		Issued:      domain.FormatDate(p.IssuedOn),
		StatusClass: class,
		StatusLabel: phase.Label(lang(ctx)),
		Targets:     p.Targets,
		Tasks:       p.Tasks,
	}
}

func commitmentText(ctx context.Context, t store.Target) string {
	c := domain.Commitment{
		Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, Unit: t.MeasureUnit,
		DeadlineYear: t.DeadlineYear, EachYear: t.EachYear, Baseline: t.Baseline,
	}
	return c.Text(lang(ctx))
}

func joinCodes(codes []string) string { return strings.Join(codes, ", ") }

// clip shortens s to n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

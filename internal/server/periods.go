package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// The reform office generates each year's periods (Decree 09/2019 data windows and an
// internal deadline day it chooses), edits a period's deadline, and closes or reopens it.

// settingDeadlineDay is the install setting holding the internal deadline day last used.
const settingDeadlineDay = planning.SettingDeadlineDay

func (s *Server) deadlineDay(r *http.Request) (int, error) {
	v, err := s.store.Setting(r.Context(), settingDeadlineDay)
	if err != nil {
		return 0, err
	}
	if d, err := strconv.Atoi(v); err == nil && d >= 1 && d <= 31 {
		return d, nil
	}
	return 10, nil // what provinces commonly set, ten days before the ministry's 20th
}

func (s *Server) listPeriods(w http.ResponseWriter, r *http.Request) error {
	day, err := s.deadlineDay(r)
	if err != nil {
		return err
	}
	year := s.now().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("show")); err == nil && y >= 2000 && y <= 2100 {
		year = y
	}
	var kinds []string
	for _, k := range domain.RegimePeriods() {
		kinds = append(kinds, string(k))
	}
	gen := web.PeriodGenForm{Year: strconv.Itoa(year), Day: strconv.Itoa(day), Kinds: s.kindOptions(r, kinds)}
	return s.renderPeriods(w, r, http.StatusOK, year, gen, nil)
}

func (s *Server) kindOptions(r *http.Request, selected []string) []web.Option {
	var opts []web.Option
	for _, k := range domain.AllPeriodKinds() {
		label := domain.PeriodKindLabel(k, lang(r.Context()))
		if !slices.Contains(domain.RegimePeriods(), k) {
			label += " " + i18n.T(r.Context(), "plan.periods.optional")
		}
		opts = append(opts, web.Option{Value: string(k), Label: label, Selected: slices.Contains(selected, string(k))})
	}
	return opts
}

func (s *Server) renderPeriods(w http.ResponseWriter, r *http.Request, status, year int, gen web.PeriodGenForm, errs web.FieldErrors) error {
	ctx := r.Context()
	periods, err := s.store.ListPeriods(ctx, year, year)
	if err != nil {
		return err
	}
	counts, err := s.store.PeriodReportCounts(ctx, year)
	if err != nil {
		return err
	}
	years, err := s.store.PeriodYears(ctx)
	if err != nil {
		return err
	}
	for _, y := range []int{year, s.now().Year(), s.now().Year() + 1} {
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)
	props := web.PeriodsProps{Meta: s.meta(r, i18n.T(ctx, "plan.periods.title"), "periods"), Year: year, Gen: gen, Errors: errs}
	for _, y := range years {
		props.Years = append(props.Years, web.Option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	for _, p := range periods {
		props.Rows = append(props.Rows, web.PeriodAdminRow{Label: periodLabel(ctx, p), Window: periodWindow(p),
			Deadline: domain.FormatDate(p.Deadline), Ministry: domain.FormatDate(s.ministryDeadline(p.Year, domain.PeriodKind(p.Kind))),
			Reports: counts[p.ID], Closed: p.Closed(), EditURL: fmt.Sprintf("/periods/%d", p.ID), CloseURL: fmt.Sprintf("/periods/%d/close", p.ID)})
	}
	s.render(w, r, status, web.PeriodsPage(props))
	return nil
}

// generatePeriods creates a year's periods or, where they exist, brings their data
// windows and deadlines up to date: running it twice never duplicates a period, and a
// closed period stays closed.
func (s *Server) generatePeriods(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	gen := web.PeriodGenForm{Year: strings.TrimSpace(r.PostFormValue("year")), Day: strings.TrimSpace(r.PostFormValue("day"))}
	kinds := r.PostForm["kinds"]
	gen.Kinds = s.kindOptions(r, kinds)
	errs := web.FieldErrors{}
	year, err := strconv.Atoi(gen.Year)
	if err != nil || year < 2000 || year > 2100 {
		errs["year"] = i18n.T(ctx, "plan.v.year")
	}
	day, err := strconv.Atoi(gen.Day)
	if err != nil || day < 1 || day > 31 {
		errs["day"] = i18n.T(ctx, "plan.v.day")
	}
	var chosen []domain.PeriodKind
	for _, k := range domain.AllPeriodKinds() {
		if slices.Contains(kinds, string(k)) {
			chosen = append(chosen, k)
		}
	}
	if len(chosen) == 0 {
		errs["kinds"] = i18n.T(ctx, "plan.v.kinds")
	}
	if !errs.Any() {
		plans, err := s.store.ListPlans(ctx, store.Page{Size: 100})
		if err != nil {
			return err
		}
		if out := outsidePlans(ctx, plans, year, chosen); len(out) > 0 {
			errs["kinds"] = strings.Join(out, " ")
		}
	}
	if !errs.Any() && day > s.cfg.MinistryDeadlineDay && s.cfg.MinistryDeadlineDay > 0 && confirmedDay(r.PostFormValue("confirm_day")) != day {
		// a warning, not a refusal: the form comes back with a button that confirms this day
		gen.Confirm = i18n.Tf(ctx, "plan.periods.late_day", day, s.cfg.MinistryDeadlineDay)
		gen.ConfirmDay = strconv.Itoa(day)
		return s.renderPeriods(w, r, http.StatusOK, year, gen, nil)
	}
	if errs.Any() {
		shown := s.now().Year()
		if _, ok := errs["year"]; !ok {
			shown = year
		}
		return s.renderPeriods(w, r, http.StatusUnprocessableEntity, shown, gen, errs)
	}
	g, err := s.planning.GeneratePeriods(ctx, s.actor(r), year, chosen, day)
	if err != nil {
		return err
	}
	created, updated := g.Created, g.Updated
	s.flash(r, i18n.Tf(ctx, "plan.periods.generated", year, created, updated))
	return seeOther(w, r, fmt.Sprintf("/periods?show=%d", year))
}

func (s *Server) editPeriodForm(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "periodID")
	if err != nil {
		return err
	}
	p, err := s.store.PeriodByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.renderPeriodForm(w, r, http.StatusOK, p, domain.FormatDate(p.Deadline), nil)
}

func (s *Server) renderPeriodForm(w http.ResponseWriter, r *http.Request, status int, p store.Period, deadline string, errs web.FieldErrors) error {
	ctx := r.Context()
	label := periodLabel(ctx, p)
	props := web.PeriodFormProps{Meta: s.meta(r, i18n.Tf(ctx, "plan.periods.edit_of", label), "periods"), Label: label,
		Window: periodWindow(p), Ministry: domain.FormatDate(s.ministryDeadline(p.Year, domain.PeriodKind(p.Kind))),
		Deadline: deadline, Errors: errs, Action: fmt.Sprintf("/periods/%d", p.ID), BackURL: fmt.Sprintf("/periods?show=%d", p.Year)}
	s.render(w, r, status, web.PeriodFormPage(props))
	return nil
}

func (s *Server) updatePeriod(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "periodID")
	if err != nil {
		return err
	}
	p, err := s.store.PeriodByID(ctx, id)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	typed := r.PostFormValue("deadline")
	deadline, err := domain.ParseDate(typed)
	switch {
	case err != nil:
		return s.renderPeriodForm(w, r, http.StatusUnprocessableEntity, p, typed, web.FieldErrors{"deadline": i18n.T(ctx, "v.date")})
	case deadline.Before(p.StartsOn):
		return s.renderPeriodForm(w, r, http.StatusUnprocessableEntity, p, typed,
			web.FieldErrors{"deadline": i18n.Tf(ctx, "plan.v.deadline_before_start", domain.FormatDate(p.StartsOn))})
	case deadline.After(s.ministryDeadline(p.Year, domain.PeriodKind(p.Kind))) && r.PostFormValue("confirm_deadline") != domain.FormatDate(deadline):
		// a warning, not a refusal: the form comes back with a button that confirms this date
		return s.renderPeriodConfirm(w, r, p, typed, deadline)
	}
	err = s.planning.SetDeadline(ctx, s.actor(r), id, deadline)
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "plan.periods.deadline_saved", periodLabel(ctx, p), domain.FormatDate(deadline)))
	return seeOther(w, r, fmt.Sprintf("/periods?show=%d", p.Year))
}

// closePeriodForm asks the reform office to confirm closing a period, listing the units
// that have not submitted and, before the deadline, warning that they still may.
func (s *Server) closePeriodForm(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "periodID")
	if err != nil {
		return err
	}
	return s.renderClosePeriod(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderClosePeriod(w http.ResponseWriter, r *http.Request, status int, id int64, errs web.FieldErrors) error {
	ctx := r.Context()
	c, err := s.planning.CheckClosing(ctx, id)
	if err != nil {
		return err
	}
	p := c.Period
	back := fmt.Sprintf("/periods?show=%d", p.Year)
	if p.Closed() {
		return seeOther(w, r, back)
	}
	label := periodLabel(ctx, p)
	props := web.PeriodCloseProps{Meta: s.meta(r, i18n.Tf(ctx, "plan.periods.close_of", label), "periods"), Label: label,
		Window: periodWindow(p), Deadline: domain.FormatDate(p.Deadline), Action: fmt.Sprintf("/periods/%d/close", p.ID),
		BackURL: back, Early: c.Early, Total: c.NotSubmittedTotal, More: c.NotSubmittedTotal - len(c.NotSubmitted), Errors: errs}
	if props.Errors == nil {
		props.Errors = web.FieldErrors{}
	}
	if c.Early {
		if c.DaysLeft == 0 {
			props.Warning = i18n.Tf(ctx, "plan.periods.close_early_today", props.Deadline)
		} else {
			props.Warning = i18n.Tf(ctx, "plan.periods.close_early", props.Deadline, c.DaysLeft)
		}
	}
	for _, u := range c.NotSubmitted {
		props.Units = append(props.Units, web.UnitLine{Name: u.Name, Href: reportURL(u.UnitID, p.ID),
			StatusClass: u.Status, StatusLabel: statusLabel(ctx, u.Status)})
	}
	domain.SortByVI(props.Units, func(u web.UnitLine) string { return u.Name })
	s.render(w, r, status, web.PeriodClosePage(props))
	return nil
}

// closePeriod closes a period (units can no longer enter or submit its reports) or
// reopens it (closed=0). Closing needs the confirmation page's confirm=1 (a bare post
// shows that page), and before the deadline also its second confirmation, early=1.
func (s *Server) closePeriod(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "periodID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	closing := r.PostFormValue("closed") != "0"
	if closing && r.PostFormValue("confirm") != "1" {
		return s.renderClosePeriod(w, r, http.StatusOK, id, nil)
	}
	p, err := s.planning.ClosePeriod(ctx, s.actor(r), id, planning.PeriodClosing{Close: closing, EarlyConfirmed: r.PostFormValue("early") == "1"})
	if usecase.KindOf(err) == usecase.KindInvalid {
		return s.renderClosePeriod(w, r, http.StatusUnprocessableEntity, id, web.FieldErrors{"early": refusalText(ctx, err)})
	}
	if err != nil {
		return err
	}
	key := "plan.periods.closed"
	if !closing {
		key = "plan.periods.reopened"
	}
	s.flash(r, i18n.Tf(ctx, key, periodLabel(ctx, p)))
	return seeOther(w, r, fmt.Sprintf("/periods?show=%d", p.Year))
}

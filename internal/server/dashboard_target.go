package server

import (
	"context"
	"fmt"
	"net/http"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// dashboardTarget is a target's drill-down for the view's scope: its verdict and the rule
// behind it in words, every period's figure with the status it had then, the figures of
// each unit directly under the scope, and the period's narratives and evidence.
func (s *Server) dashboardTarget(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "targetID")
	if err != nil {
		return err
	}
	scopeID, err := queryID(r, "scope")
	if err != nil {
		return err
	}
	t, plan, err := s.reads(ctx).DashTargetByID(ctx, id)
	if err != nil {
		return err
	}
	st, err := s.dashboardState(r, plan.ID, scopeID)
	if err != nil {
		return err
	}
	if st.noPlan {
		return errNotFound
	}
	if !st.all {
		// unit staff see only the targets their unit reports on
		ok, err := s.reads(ctx).TargetAssignedTo(ctx, t.ID, st.onlyUnit)
		if err != nil {
			return err
		}
		if !ok {
			return errNotFound
		}
	}
	// a country's narratives are read province by province: thousands on one page help nobody
	nested := st.dc.Scope.Nested
	d, err := s.reads(ctx).TargetDetailFor(ctx, t.ID, st.dc.Scope.ID, st.period.ID, st.statuses(), 50, !nested, !st.all)
	if err != nil {
		return err
	}
	byPeriod := map[int64]domain.Tally{}
	for _, p := range d.Points {
		byPeriod[p.PeriodID] = byPeriod[p.PeriodID].Add(st.tally(p))
	}
	if err := s.loadFigures(ctx, st, st.dc.Scope.ID, !st.all, []store.DashTarget{t}); err != nil {
		return err
	}
	sr := st.series(t, byPeriod)
	year, slot := st.asOf()
	ev := sr.eval(year, slot)

	props := web.TargetPageProps{
		Meta:        s.meta(r, t.Code+" — "+i18n.T(ctx, "dashboard.target_detail"), "dashboard"),
		BackHref:    st.url("/dashboard") + "#h-target-list",
		Code:        t.Code,
		Text:        t.Text,
		Plan:        plan.Code + " — " + plan.Title,
		Commitment:  ev.InForce.Text(st.lang),
		ScopeName:   st.dc.Scope.Name,
		PeriodLabel: st.periodLabel(),
		DataNote:    st.dataNote(ctx),
		Path:        st.path(ctx, fmt.Sprintf("/dashboard/targets/%d", t.ID)),
		StatusClass: string(ev.Status),
		StatusLabel: ev.Status.Label(st.lang),
		Reason:      ev.Reason.Text(i18n.Parse(st.lang)),
		Latest:      "–",
		NotesNested: nested,
	}
	for _, a := range st.dc.Areas {
		if a.ID == t.AreaID {
			props.Area = a.Name
			if st.lang == "en" && a.NameEN != "" {
				props.Area = a.NameEN
			}
		}
	}
	if ev.Latest != nil {
		for i := len(sr.tallies) - 1; i >= 0; i-- {
			if !sr.tallies[i].Empty() {
				props.Latest = valueText(ctx, sr.c, sr.tallies[i]) + " (" + periodLabel(ctx, st.dc.Periods[i]) + ")"
				if basis := sr.tallies[i].Basis(sr.c.Kind, sr.ratio, st.lang); basis != "" {
					props.Latest += " — " + basis
				}
				break
			}
		}
	}
	if ev.Projected != nil {
		toYear := year
		if !sr.c.EachYear && sr.c.DeadlineYear != 0 {
			toYear = sr.c.DeadlineYear
		}
		props.Projection = i18n.Tf(ctx, "dashboard.projected", sr.c.Format(*ev.Projected, st.lang), toYear)
	}
	props.Chart, props.History = st.targetHistory(ctx, t.Code, sr)
	props.PeriodHeads, props.Units = st.unitSeries(ctx, t, sr, d)
	props.UnitsNote = i18n.Tf(ctx, "dashboard.by_unit_note", st.dc.Scope.Name)
	if t.Ratio.IsRatio() {
		props.UnitsNote += " " + i18n.Tf(ctx, "dashboard.by_unit_ratio", t.Ratio.Numerator, t.Ratio.Denominator)
	}
	domain.SortByVI(d.Notes, func(n store.ResultNote) string { return n.UnitName })
	for _, n := range d.Notes {
		if n.Narrative == "" {
			continue
		}
		tl := domain.TallyOf([]domain.UnitValue{{Value: n.Value, Done: n.Done}})
		props.Notes = append(props.Notes, web.NoteRow{Unit: n.UnitName, Href: st.url(fmt.Sprintf("/dashboard/units/%d", n.UnitID)),
			ReportHref: reportURL(n.UnitID, st.period.ID),
			Value:      valueText(ctx, sr.c, tl), Status: domain.ReportStatus(n.Status).Label(st.lang), Narrative: n.Narrative,
			Updated: domain.FormatDate(n.UpdatedAt)})
	}
	for _, e := range d.Evidence {
		doc := e.DocNumber
		if e.DocDate != nil {
			doc += " " + i18n.Tf(ctx, "dashboard.doc_date", domain.FormatDate(*e.DocDate))
		}
		if e.DocIssuer != "" {
			doc += " — " + e.DocIssuer
		}
		props.Evidence = append(props.Evidence, web.DashEvidenceRow{Unit: e.UnitName, ReportHref: reportURL(e.UnitID, st.period.ID),
			FileName: e.FileName, Href: fmt.Sprintf("/evidence/%d", e.ID), Doc: doc, Size: sizeText(e.SizeBytes)})
	}
	s.render(w, r, http.StatusOK, web.TargetPage(props))
	return nil
}

// targetHistory is the column chart of every period up to the view's and, newest first,
// each period with data and the status the rule gave as of that period.
func (st *dashState) targetHistory(ctx context.Context, code string, sr series) (web.Columns, []web.DashHistoryRow) {
	var cols []web.ColumnPoint
	var rows []web.DashHistoryRow
	for i, tl := range sr.tallies {
		pr := st.dc.Periods[i]
		ev := sr.eval(pr.Year, domain.PeriodKind(pr.Kind).Slot())
		cp := web.ColumnPoint{Value: plotValue(sr.c, tl), Tick: shortKind(pr, st.lang), Class: string(ev.Status),
			Title: periodLabel(ctx, pr) + ": " + valueText(ctx, sr.c, tl)}
		if i == 0 || st.dc.Periods[i-1].Year != pr.Year {
			cp.Year = fmt.Sprint(pr.Year)
		}
		if !tl.Empty() {
			cp.Text = valueText(ctx, sr.c, tl)
			if len(sr.tallies) > 12 && sr.c.Kind != domain.KindMilestone {
				cp.Text = domain.FormatNumber(*plotValue(sr.c, tl), 1) // one decimal: 99,7 must not read as 100 on a red bar
			}
			if sr.c.Kind == domain.KindMilestone {
				cp.Text = map[bool]string{true: "✓", false: "✗"}[*plotValue(sr.c, tl) > 0]
			}
			rows = append(rows, web.DashHistoryRow{Period: periodLabel(ctx, pr), Value: valueText(ctx, sr.c, tl), Basis: tl.Basis(sr.c.Kind, sr.ratio, st.lang),
				Units: fmt.Sprint(tl.Units(sr.c.Kind)), StatusClass: string(ev.Status), StatusLabel: ev.Status.Label(st.lang),
				Reason: ev.Reason.Text(i18n.Parse(st.lang)), Current: i == st.periodIdx})
		}
		cols = append(cols, cp)
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	in := sr.in(st.period.Year)
	target := chartTarget(in)
	targetText := ""
	if target != nil {
		targetText = i18n.T(ctx, "dashboard.commitment") + " " + in.Text(st.lang)
	}
	label := i18n.Tf(ctx, "dashboard.chart_label", code, st.dc.Scope.Name)
	return web.NewColumns(cols, target, targetText, rateLike(sr.c.Kind), 760, 190, label), rows
}

// unitSeries is the table of each unit directly under the scope by period (the periods
// with data in the scope). A unit with units under it links to its own drill-down.
func (st *dashState) unitSeries(ctx context.Context, t store.DashTarget, sr series, d store.TargetDetail) ([]string, []web.UnitSeriesRow) {
	var cols []int
	var heads []string
	for i, tl := range sr.tallies {
		if !tl.Empty() {
			cols = append(cols, i)
			heads = append(heads, shortPeriod(st.dc.Periods[i], st.lang))
		}
	}
	byUnit := map[int64]map[int64]domain.Tally{}
	for _, p := range d.ChildPoints {
		m := byUnit[p.UnitID]
		if m == nil {
			m = map[int64]domain.Tally{}
			byUnit[p.UnitID] = m
		}
		m[p.PeriodID] = m[p.PeriodID].Add(st.tally(p))
	}
	var rows []web.UnitSeriesRow
	for _, u := range d.Children {
		if byUnit[u.ID] == nil && !d.Assigned[u.ID] {
			continue
		}
		row := web.UnitSeriesRow{Name: u.Name, Assigned: d.Assigned[u.ID], Href: st.url(fmt.Sprintf("/dashboard/units/%d", u.ID))}
		if u.HasChildren {
			row.Href = st.url(fmt.Sprintf("/dashboard/targets/%d", t.ID), "scope", idStr(u.ID))
		}
		for _, i := range cols {
			pr := st.dc.Periods[i]
			tl := byUnit[u.ID][pr.ID]
			if t.Ratio.IsRatio() {
				tl = st.withRatioUnder(tl, st.figures[t.ID][pr.ID], u.ID)
			}
			if tl.Empty() {
				row.Cells = append(row.Cells, "–")
				row.Titles = append(row.Titles, "")
			} else {
				row.Cells = append(row.Cells, valueText(ctx, sr.c, tl))
				row.Titles = append(row.Titles, tl.Basis(sr.c.Kind, sr.ratio, st.lang))
			}
		}
		rows = append(rows, row)
	}
	domain.SortByVI(rows, func(r web.UnitSeriesRow) string { return r.Name })
	return heads, rows
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return domain.FormatNumber(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return domain.FormatNumber(float64(n)/(1<<10), 0) + " KB"
	}
	return fmt.Sprintf("%d B", n)
}

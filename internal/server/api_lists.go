package server

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/store"
)

// The lists of /api/v1. Each reads its filters, holds them to the client's scope (a plan or
// unit outside it is a 404, as if it did not exist), reads one page more than it serves to
// know whether another follows, and says how its rows look in CSV.

const apiDate = "2006-01-02"

// apiQuery is a list request's filters and page, checked against the scope.
type apiQuery struct {
	f      store.OpenFilter
	size   int
	cursor opendata.Cursor
}

func apiID(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, apiBadParam(name, "a positive whole number")
	}
	return id, nil
}

// apiFilters reads plan, period, unit, target, cursor and limit. A plan outside the scope,
// or a unit outside its subtree, is not found.
func (s *Server) apiFilters(r *http.Request, sc opendata.Scope, list string) (apiQuery, error) {
	ctx := r.Context()
	q := apiQuery{f: store.OpenFilter{Plans: sc.Plans, Statuses: sc.Statuses(), UnitID: sc.Unit}}
	var err error
	if q.f.PlanID, err = apiID(r, "plan"); err != nil {
		return q, err
	}
	if q.f.PeriodID, err = apiID(r, "period"); err != nil {
		return q, err
	}
	if q.f.TargetID, err = apiID(r, "target"); err != nil {
		return q, err
	}
	unit, err := apiID(r, "unit")
	if err != nil {
		return q, err
	}
	if q.size, err = opendata.PageSize(r.URL.Query().Get("limit")); err != nil {
		return q, apiBadParam("limit", err.Error())
	}
	if q.cursor, err = opendata.DecodeCursor(list, r.URL.Query().Get("cursor")); err != nil {
		return q, apiBadParam("cursor", "not a cursor of this list")
	}
	q.f.After, q.f.Limit = q.cursor.Key, q.size+1
	if q.f.PlanID != 0 {
		if err := s.apiCheckPlan(ctx, sc, q.f.PlanID); err != nil {
			return q, err
		}
	}
	if unit != 0 {
		ok, err := s.store.UnitInSubtree(ctx, unit, sc.Unit)
		if err != nil {
			return q, err
		}
		if !ok {
			return q, apiNotFound()
		}
		q.f.UnitID = unit
	}
	return q, nil
}

// apiCheckPlan is nil when the plan exists, is no draft and is in the scope.
func (s *Server) apiCheckPlan(ctx context.Context, sc opendata.Scope, planID int64) error {
	if !sc.HasPlan(planID) {
		return apiNotFound()
	}
	ps, err := s.store.APIPlans(ctx, store.OpenFilter{Plans: sc.Plans, PlanID: planID, Limit: 1})
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return apiNotFound()
	}
	return nil
}

// keysetPage cuts the look-ahead row off and makes the next cursor from the last row served.
func keysetPage[T any](q apiQuery, list string, rows []T, key func(T) [2]int64) ([]T, string) {
	if len(rows) <= q.size {
		if rows == nil {
			rows = []T{}
		}
		return rows, ""
	}
	rows = rows[:q.size]
	return rows, opendata.Cursor{List: list, Key: key(rows[len(rows)-1])}.Encode()
}

func idKey(id int64) [2]int64 { return [2]int64{id, 0} }

type apiPlanRow struct {
	store.OpenPlan
	IssuedOn string `json:"issued_on"`
}

func apiPlanOf(p store.OpenPlan) apiPlanRow {
	return apiPlanRow{OpenPlan: p, IssuedOn: p.IssuedOn.Format(apiDate)}
}

var planColumns = []string{"id", "code", "title", "issued_on", "issued_by", "start_year", "end_year", "status", "published"}

func (s *Server) apiPlans(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "plans")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APIPlans(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "plans", rows, func(p store.OpenPlan) [2]int64 { return idKey(p.ID) })
	out := make([]apiPlanRow, len(rows))
	for i, p := range rows {
		out[i] = apiPlanOf(p)
	}
	return apiPage{Data: out, Rows: len(out), Next: next, Columns: planColumns}, nil
}

func (s *Server) apiPlan(r *http.Request, sc opendata.Scope) (any, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "planID"), 10, 64)
	if err != nil || !sc.HasPlan(id) {
		return nil, apiNotFound()
	}
	ps, err := s.openReads().APIPlans(r.Context(), store.OpenFilter{Plans: sc.Plans, PlanID: id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, apiNotFound()
	}
	return apiPlanOf(ps[0]), nil
}

func (s *Server) apiAreas(r *http.Request, sc opendata.Scope) (apiPage, error) {
	rows, err := s.openReads().APIAreas(r.Context())
	if err != nil {
		return apiPage{}, err
	}
	return apiPage{Data: rows, Rows: len(rows), Columns: []string{"id", "key", "name", "name_en", "position"}}, nil
}

func (s *Server) apiTargets(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "targets")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APITargets(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "targets", rows, func(t store.OpenTarget) [2]int64 { return idKey(t.ID) })
	for i := range rows {
		if rows[i].Commitments == nil {
			rows[i].Commitments = []store.OpenCommitment{}
		}
	}
	return apiPage{Data: rows, Rows: len(rows), Next: next, Columns: []string{"id", "plan_id", "area_id", "code", "text", "kind", "op",
		"value", "measure_unit", "baseline", "deadline_year", "each_year", "numerator_label", "denominator_label", "commitments"}}, nil
}

type apiTaskRow struct {
	store.OpenTask
	Deadline *string `json:"deadline"`
}

func (s *Server) apiTasks(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "tasks")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APITasks(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "tasks", rows, func(t store.OpenTask) [2]int64 { return idKey(t.ID) })
	out := make([]apiTaskRow, len(rows))
	for i, t := range rows {
		out[i] = apiTaskRow{OpenTask: t}
		if t.Deadline != nil {
			d := t.Deadline.Format(apiDate)
			out[i].Deadline = &d
		}
	}
	return apiPage{Data: out, Rows: len(out), Next: next, Columns: []string{"id", "plan_id", "area_id", "code", "text", "lead_unit_id",
		"deadline", "deadline_note", "expected_output"}}, nil
}

func (s *Server) apiUnits(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "units")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APIUnits(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "units", rows, func(u store.OpenUnit) [2]int64 { return idKey(u.ID) })
	return apiPage{Data: rows, Rows: len(rows), Next: next, Columns: []string{"id", "code", "name", "parent_id", "active"}}, nil
}

type apiPeriodRow struct {
	store.OpenPeriod
	StartsOn string `json:"starts_on"`
	EndsOn   string `json:"ends_on"`
	Deadline string `json:"deadline"`
}

func (s *Server) apiPeriods(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "periods")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APIPeriods(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "periods", rows, func(p store.OpenPeriod) [2]int64 { return idKey(p.ID) })
	out := make([]apiPeriodRow, len(rows))
	for i, p := range rows {
		out[i] = apiPeriodRow{OpenPeriod: p, StartsOn: p.StartsOn.Format(apiDate), EndsOn: p.EndsOn.Format(apiDate),
			Deadline: p.Deadline.Format(apiDate)}
	}
	return apiPage{Data: out, Rows: len(out), Next: next, Columns: []string{"id", "year", "kind", "starts_on", "ends_on", "deadline"}}, nil
}

type apiResultRow struct {
	store.OpenResult
	DoneOn *string `json:"done_on"`
}

func (s *Server) apiResults(r *http.Request, sc opendata.Scope) (apiPage, error) {
	q, err := s.apiFilters(r, sc, "results")
	if err != nil {
		return apiPage{}, err
	}
	rows, err := s.openReads().APIResults(r.Context(), q.f)
	if err != nil {
		return apiPage{}, err
	}
	rows, next := keysetPage(q, "results", rows, func(x store.OpenResult) [2]int64 { return [2]int64{x.ReportID, x.TargetID} })
	out := make([]apiResultRow, len(rows))
	for i, x := range rows {
		out[i] = apiResultRow{OpenResult: x}
		if x.DoneOn != nil {
			d := x.DoneOn.Format(apiDate)
			out[i].DoneOn = &d
		}
	}
	return apiPage{Data: out, Rows: len(out), Next: next, Columns: []string{"unit_id", "unit_code", "target_id", "target_code", "plan_id",
		"period_id", "value", "numerator", "denominator", "done", "done_on", "report_status"}}, nil
}

// apiVerdict is a target's verdict as the dashboard gives it.
type apiVerdict struct {
	TargetID   int64  `json:"target_id"`
	TargetCode string `json:"target_code"`
	AreaID     int64  `json:"area_id"`
	Status     string `json:"status"`
	Label      string `json:"label"`
	Reason     string `json:"reason"`
	Commitment string `json:"commitment"`
	Latest     string `json:"latest"`
	PeriodID   int64  `json:"period_id"`
	Final      bool   `json:"final"`
}

// apiVerdicts evaluates a plan's targets over the client's subtree (or a unit in it), from
// approved reports, and from submitted ones too when the client may see them and asks
// (include=submitted).
func (s *Server) apiVerdicts(r *http.Request, sc opendata.Scope) (apiPage, error) {
	ctx := r.Context()
	planID, err := strconv.ParseInt(chi.URLParam(r, "planID"), 10, 64)
	if err != nil {
		return apiPage{}, apiNotFound()
	}
	if err := s.apiCheckPlan(ctx, sc, planID); err != nil {
		return apiPage{}, err
	}
	q, err := s.apiFilters(r, sc, "verdicts")
	if err != nil {
		return apiPage{}, err
	}
	include := false
	switch r.URL.Query().Get("include") {
	case "":
	case "submitted":
		if !sc.Submitted {
			return apiPage{}, &apiProblem{status: http.StatusForbidden, key: "api.problem.no_submitted"}
		}
		include = true
	default:
		return apiPage{}, apiBadParam("include", "only submitted")
	}
	v, err := s.openVerdicts(ctx, planID, q.f.UnitID, q.f.PeriodID, include)
	if errors.Is(err, errPeriodNotInPlan) {
		return apiPage{}, apiNotFound()
	}
	if err != nil {
		return apiPage{}, err
	}
	var rows []apiVerdict
	// in the order of target ids, which the cursor follows (the page shows them by position)
	vs := slices.Clone(v.verdicts)
	slices.SortFunc(vs, func(a, b openVerdict) int { return int(a.Target.ID - b.Target.ID) })
	for _, ov := range vs {
		if ov.Target.ID <= q.cursor.Key[0] || (q.f.TargetID != 0 && ov.Target.ID != q.f.TargetID) {
			continue
		}
		rows = append(rows, apiVerdict{TargetID: ov.Target.ID, TargetCode: ov.Target.Code, AreaID: ov.Target.AreaID, Status: string(ov.Status),
			Label: ov.Status.Label(v.st.lang), Reason: ov.Reason, Commitment: ov.Commitment, Latest: ov.Latest,
			PeriodID: v.st.period.ID, Final: v.final})
	}
	rows, next := keysetPage(q, "verdicts", rows, func(x apiVerdict) [2]int64 { return idKey(x.TargetID) })
	return apiPage{Data: rows, Rows: len(rows), Next: next, Columns: []string{"target_id", "target_code", "area_id", "status", "label",
		"reason", "commitment", "latest", "period_id", "final"}}, nil
}

package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/documents"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reportdoc"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The reform office's exports (authz.ExportReports, checked by the route group): one form
// picks plan, year, period and scope and shows what the report will hold; the same query
// string then downloads the XLSX, PDF or CSV or opens the print view. All are GETs: an
// export changes nothing.

// exportFinal is the period choice of a plan's closing report (báo cáo tổng kết): the
// final evaluation over all of its years, drafted from its annual reports.
const exportFinal = "final"

// exportQuery is the form as submitted, kept as typed so it can be shown again.
type exportQuery struct {
	Plan, Year, Period, Scope, Submitted string
	Gov, Issuer, Number, Place, Date     string
	SignerTitle, SignerName, Recipients  string
}

func readExportQuery(r *http.Request) exportQuery { return exportQueryOf(r.URL.Query()) }

func exportQueryOf(q url.Values) exportQuery {
	return exportQuery{
		Plan: q.Get("plan"), Year: q.Get("year"), Period: q.Get("period"), Scope: q.Get("scope"), Submitted: q.Get("submitted"),
		Gov: q.Get("gov"), Issuer: q.Get("issuer"), Number: q.Get("number"), Place: q.Get("place"), Date: q.Get("date"),
		SignerTitle: q.Get("signer_title"), SignerName: q.Get("signer_name"), Recipients: q.Get("recipients"),
	}
}

func (q exportQuery) encode() string {
	v := url.Values{}
	for k, s := range map[string]string{"plan": q.Plan, "year": q.Year, "period": q.Period, "scope": q.Scope,
		"submitted": q.Submitted, "gov": q.Gov, "issuer": q.Issuer, "number": q.Number, "place": q.Place, "date": q.Date,
		"signer_title": q.SignerTitle, "signer_name": q.SignerName, "recipients": q.Recipients} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v.Encode()
}

// exportChoices are what the form offers.
type exportChoices struct {
	organ   documents.Organ
	plans   []store.Plan
	units   []store.Unit
	years   []int
	periods []store.Period
}

// withDefaults fills what the user left empty: the first active plan, the report of the day
// (defaultExportPeriod) for the whole tree, and the header from the organ's settings.
func (s *Server) withDefaults(q exportQuery, c exportChoices) exportQuery {
	o := c.organ
	if q.Plan == "" {
		for _, p := range c.plans {
			if q.Plan == "" || p.Status == "active" {
				q.Plan = strconv.FormatInt(p.ID, 10)
			}
			if p.Status == "active" {
				break
			}
		}
	}
	plan, _ := c.plan(q.Plan)
	if y, err := strconv.Atoi(q.Year); err == nil && plan.ID != 0 && (y < plan.StartYear || y > plan.EndYear) {
		// a year of another plan, left in the form when the plan changed: this plan's default
		q.Year, q.Period = "", ""
	}
	if q.Year == "" && q.Period == "" {
		q.Year, q.Period = s.defaultExportPeriod(q.Plan, c)
	}
	if q.Period == exportFinal && plan.ID != 0 {
		q.Year = strconv.Itoa(plan.EndYear) // the closing report runs to the plan's last year
	}
	if q.Year == "" {
		q.Year = strconv.Itoa(s.now().In(domain.Location).Year())
	}
	if q.Period == "" {
		q.Period = string(domain.PeriodYear)
	}
	if q.Gov == "" {
		q.Gov = o.GoverningBody
	}
	if q.Issuer == "" {
		q.Issuer = o.IssuingBody
	}
	if q.Place == "" {
		q.Place = o.Place
	}
	if q.SignerName == "" {
		q.SignerName = o.SignerName
	}
	if q.Date == "" {
		q.Date = domain.FormatDate(s.now())
	}
	if q.SignerTitle == "" {
		q.SignerTitle = o.SignerTitle
	}
	if q.Recipients == "" {
		q.Recipients = o.Recipients
	}
	return q
}

// plan is the offered plan with that id.
func (c exportChoices) plan(id string) (store.Plan, bool) {
	for _, p := range c.plans {
		if strconv.FormatInt(p.ID, 10) == id {
			return p, true
		}
	}
	return store.Plan{}, false
}

// defaultExportPeriod is the report a reform officer most likely wants today from the
// chosen plan: for an ended plan, its closing report (the final evaluation of all its
// years); else among the plan's periods the latest whose internal deadline has passed,
// or the first that has begun.
func (s *Server) defaultExportPeriod(plan string, c exportChoices) (year, kind string) {
	var span domain.PlanSpan
	if p, ok := c.plan(plan); ok {
		span = domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}
		if domain.PhaseOf(domain.PlanStatus(p.Status), span, s.now()) == domain.PhaseEnded {
			return strconv.Itoa(p.EndYear), exportFinal
		}
	}
	var choices []domain.PeriodChoice
	for _, p := range c.periods {
		k := domain.PeriodKind(p.Kind)
		if isRegime(k) && span.EndYear != 0 && span.Admits(p.Year, k) {
			choices = append(choices, domain.PeriodChoice{Year: p.Year, Kind: k, StartsOn: p.StartsOn, Deadline: p.Deadline})
		}
	}
	if p, ok := domain.DefaultReportPeriod(choices, s.now()); ok {
		return strconv.Itoa(p.Year), string(p.Kind)
	}
	return "", ""
}

// params checks the query; errors are keyed by field for the form.
func (q exportQuery) params(ctx context.Context) (export.Params, web.FieldErrors) {
	errs := web.FieldErrors{}
	var p export.Params
	var err error
	if p.PlanID, err = strconv.ParseInt(q.Plan, 10, 64); err != nil || p.PlanID <= 0 {
		errs["plan"] = i18n.T(ctx, "export.err_plan")
	}
	if p.Year, err = strconv.Atoi(strings.TrimSpace(q.Year)); err != nil || p.Year < 2000 || p.Year > 2100 {
		errs["year"] = i18n.T(ctx, "export.err_year")
	}
	kind, ok := domain.ParsePeriodKind(q.Period)
	if q.Period == exportFinal {
		kind, ok = domain.PeriodYear, true // the plan's annual reports, year by year
	}
	if !ok || !isRegime(kind) {
		errs["period"] = i18n.T(ctx, "export.err_period")
	}
	p.Kind = kind
	if q.Scope != "" && q.Scope != "0" {
		if p.ScopeUnitID, err = strconv.ParseInt(q.Scope, 10, 64); err != nil || p.ScopeUnitID <= 0 {
			errs["scope"] = i18n.T(ctx, "export.err_scope")
		}
	}
	p.IncludeSubmitted = q.Submitted == "1"
	h := &p.Header
	h.GoverningBody, h.IssuingBody = strings.TrimSpace(q.Gov), strings.TrimSpace(q.Issuer)
	h.Number, h.Place, h.SignerName = strings.TrimSpace(q.Number), strings.TrimSpace(q.Place), strings.TrimSpace(q.SignerName)
	if strings.TrimSpace(q.Date) != "" {
		d, err := domain.ParseDate(q.Date)
		if err != nil {
			errs["date"] = err.Error()
		}
		h.Date = d
	}
	h.SignerTitle = domain.TextLines(q.SignerTitle)
	h.Recipients = domain.TextLines(q.Recipients)
	for name, v := range map[string]string{"gov": q.Gov, "issuer": q.Issuer, "number": q.Number, "place": q.Place,
		"signer_name": q.SignerName, "signer_title": q.SignerTitle, "recipients": q.Recipients} {
		if len([]rune(v)) > 1000 {
			errs[name] = i18n.T(ctx, "export.err_long")
		}
	}
	return p, errs
}

func isRegime(k domain.PeriodKind) bool {
	for _, r := range domain.RegimePeriods() {
		if r == k {
			return true
		}
	}
	return false
}

func (s *Server) exportChoices(ctx context.Context) (exportChoices, error) {
	var c exportChoices
	var err error
	if c.organ, err = documents.LoadOrgan(ctx, s.reads(ctx)); err != nil {
		return c, err
	}
	if c.plans, err = s.reads(ctx).ListPlans(ctx, store.Page{Size: 100}); err != nil {
		return c, err
	}
	if c.units, err = s.reads(ctx).ListUnits(ctx, true); err != nil {
		return c, err
	}
	first, last := s.now().Year(), s.now().Year()
	for _, p := range c.plans {
		first = min(first, p.StartYear)
		last = max(last, p.EndYear)
	}
	periods, err := s.reads(ctx).ListPeriods(ctx, first, last)
	if err != nil {
		return c, err
	}
	c.periods = periods
	for _, p := range periods {
		if len(c.years) == 0 || c.years[len(c.years)-1] != p.Year {
			c.years = append(c.years, p.Year)
		}
	}
	return c, nil
}

// exportsPage shows the form and, for the chosen report, what it will contain.
func (s *Server) exportsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	c, err := s.exportChoices(ctx)
	if err != nil {
		return err
	}
	q := s.withDefaults(readExportQuery(r), c)
	props := web.ExportsProps{Meta: s.meta(r, i18n.T(ctx, "export.title"), "exports"), Form: exportFormProps(ctx, q, c)}
	p, errs := q.params(ctx)
	props.Errors = errs
	status := http.StatusOK
	if errs.Any() {
		status = http.StatusUnprocessableEntity
	} else {
		rep, draft, err := s.buildExport(ctx, q, p)
		switch {
		case errors.Is(err, export.ErrNoPeriod):
			label := domain.PeriodLabel(p.Year, p.Kind, lang(ctx))
			if lang(ctx) == "vi" { // mid-sentence: "kỳ báo cáo năm 2019"
				label = strings.ToLower(label[:1]) + label[1:]
			}
			props.Problem = i18n.Tf(ctx, "export.no_period", label)
		case errors.Is(err, store.ErrNotFound):
			props.Problem = i18n.T(ctx, "export.not_found")
		case err != nil:
			return err
		default:
			props.Preview = previewProps(ctx, rep, q.encode())
			if draft != nil {
				finalPreview(ctx, props.Preview, rep, draft)
			}
		}
	}
	s.render(w, r, status, web.ExportsPage(props))
	return nil
}

func exportFormProps(ctx context.Context, q exportQuery, c exportChoices) web.ExportForm {
	f := web.ExportForm{Gov: q.Gov, Issuer: q.Issuer, Number: q.Number, Place: q.Place, Date: q.Date,
		SignerTitle: q.SignerTitle, SignerName: q.SignerName, Recipients: q.Recipients, Submitted: q.Submitted == "1"}
	for _, p := range c.plans {
		id := strconv.FormatInt(p.ID, 10)
		f.Plans = append(f.Plans, web.Option{Value: id, Label: p.Code + " — " + p.Title, Selected: id == q.Plan})
	}
	for i := len(c.years) - 1; i >= 0; i-- {
		y := strconv.Itoa(c.years[i])
		f.Years = append(f.Years, web.Option{Value: y, Label: y, Selected: y == q.Year})
	}
	labels := map[domain.PeriodKind]string{domain.PeriodQ1: "export.kind_q1", domain.PeriodH1: "export.kind_h1",
		domain.PeriodQ3: "export.kind_q3", domain.PeriodYear: "export.kind_year"}
	for _, k := range domain.RegimePeriods() {
		f.Periods = append(f.Periods, web.Option{Value: string(k), Label: i18n.T(ctx, labels[k]), Selected: string(k) == q.Period})
	}
	f.Periods = append(f.Periods, web.Option{Value: exportFinal, Label: i18n.T(ctx, "export.kind_final"), Selected: q.Period == exportFinal})
	f.Scopes = append(f.Scopes, web.Option{Value: "0", Label: i18n.T(ctx, "export.scope_all"), Selected: q.Scope == "" || q.Scope == "0"})
	depth := map[int64]int{}
	for _, u := range c.units {
		if u.ParentID != 0 {
			depth[u.ID] = depth[u.ParentID] + 1
		}
		id := strconv.FormatInt(u.ID, 10)
		f.Scopes = append(f.Scopes, web.Option{Value: id, Label: strings.Repeat("— ", depth[u.ID]) + u.Name, Selected: id == q.Scope})
	}
	return f
}

func previewProps(ctx context.Context, r *export.Report, query string) *web.ExportPreview {
	l := lang(ctx)
	p := &web.ExportPreview{
		Title:     r.Summary(),
		Plan:      r.Plan.Code + ": " + r.Plan.Title,
		Period:    domain.PeriodLabel(r.Year, r.Kind, l),
		Deadline:  domain.FormatDate(r.Period().Period.Deadline),
		Scope:     r.Scope.Name,
		Expected:  len(r.Units),
		Approved:  r.Approved,
		Submitted: r.Submitted,
		Targets:   len(r.Targets),
		Tasks:     len(r.Tasks),
		Evidence:  len(r.Evidence),
		Notice:    r.Notice(),
		Query:     query,
	}
	if r.ScopeAll {
		p.Scope = i18n.T(ctx, "export.scope_all")
	}
	for _, c := range r.Columns {
		p.Columns = append(p.Columns, domain.PeriodKindLabel(c.Kind, l))
	}
	for _, t := range r.Targets {
		if !t.Current().Empty() {
			p.WithData++
		}
	}
	counts := map[domain.TargetStatus]int{}
	for _, t := range r.Targets {
		counts[t.Eval.Status]++
	}
	for _, st := range domain.AllTargetStatuses() {
		p.Statuses = append(p.Statuses, web.StatusCount{Class: string(st), Label: st.Label(l), Count: counts[st]})
	}
	covered := r.Period().Period.ID
	for _, u := range r.Reporting {
		if u.Column.Period.ID != covered || u.Counted {
			continue
		}
		row := web.MissingUnit{Code: u.Unit.Code, Name: u.Unit.Name, StatusClass: u.Status,
			StatusLabel: i18n.T(ctx, "status.not_started"), Timeliness: u.Timeliness.Label(l), TimelinessClass: string(u.Timeliness)}
		if u.Status != "" {
			row.StatusLabel = domain.ReportStatus(u.Status).Label(l)
		} else {
			row.StatusClass = "not_started"
		}
		p.Missing = append(p.Missing, row)
	}
	return p
}

// buildExport builds the chosen report; for the plan's closing report, the report of its
// last year and the draft formed from all of its annual reports (documents.Prepare, as a
// report document of that kind is drafted).
func (s *Server) buildExport(ctx context.Context, q exportQuery, p export.Params) (*export.Report, *documents.Draft, error) {
	if q.Period != exportFinal {
		rep, err := export.Build(ctx, s.reads(ctx), p, s.now())
		return rep, nil, err
	}
	d, rep, err := s.docs().Prepare(ctx, documents.CreateInput{PlanID: p.PlanID, Kind: documents.KindFinal,
		IncludeSubmitted: p.IncludeSubmitted, ScopeUnitID: p.ScopeUnitID})
	if err != nil {
		return nil, nil, err
	}
	rep.Header = p.Header
	return rep, &d, nil
}

// finalPreview says what the closing report holds: the whole plan, judged as at its end.
func finalPreview(ctx context.Context, p *web.ExportPreview, rep *export.Report, d *documents.Draft) {
	p.Title = d.Summary
	p.Period = i18n.Tf(ctx, "export.final_period", rep.Plan.StartYear, rep.Plan.EndYear, rep.Year)
	p.Deadline = ""
	p.Columns = nil
	span := domain.PlanSpan{IssuedOn: rep.Plan.IssuedOn, StartYear: rep.Plan.StartYear, EndYear: rep.Plan.EndYear}
	for y := rep.Plan.StartYear; y <= rep.Plan.EndYear; y++ {
		if span.Admits(y, domain.PeriodYear) { // the years with an annual report of the plan
			p.Columns = append(p.Columns, strconv.Itoa(y))
		}
	}
	// the workbook and the raw results are those of the last year: say so before a download
	p.Notice = strings.TrimSpace(p.Notice + " " + i18n.Tf(ctx, "export.final_files", rep.Year))
}

// exportDownload builds the report and writes it in one of the formats.
func (s *Server) exportDownload(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		defer s.metrics.exportStarted(format)()
		ctx := r.Context()
		q := readExportQuery(r)
		if format == "print" {
			b, err := s.prepareExport(ctx, q)
			if err != nil {
				return err
			}
			s.render(w, r, http.StatusOK, web.ExportPrintPage(web.ExportPrintProps{Doc: b.doc(), Back: "/exports?" + q.encode()}))
			return nil
		}
		if format == "csv" {
			b, err := s.prepareExport(ctx, q)
			if err != nil {
				return err
			}
			// streamed straight from the database: headers go first, so an error midway
			// can only cut the file short, which the log records
			setDownload(w, "text/csv; charset=utf-8", b.name+".csv")
			if err := export.WriteCSV(ctx, w, s.reads(ctx), b.rep); err != nil {
				s.log.Error("csv export failed midway", "err", err, "request_id", requestID(ctx))
			}
			return nil
		}
		f, err := s.exportFile(ctx, q, format)
		if err != nil {
			return err
		}
		writeExportFile(w, f)
		return nil
	}
}

// builtExport is a report ready to be written in any format.
type builtExport struct {
	p    export.Params
	rep  *export.Report
	name string // without the extension
	// finalName names the closing report's document (its workbook and CSV keep name)
	finalName string
	doc       func() reportdoc.Document
}

// prepareExport reads the query (with the form's defaults) and builds the report.
func (s *Server) prepareExport(ctx context.Context, raw exportQuery) (builtExport, error) {
	var b builtExport
	c, err := s.exportChoices(ctx)
	if err != nil {
		return b, err
	}
	q := s.withDefaults(raw, c)
	p, errs := q.params(ctx)
	if errs.Any() {
		return b, badRequest(fmt.Errorf("export query: %v", errs))
	}
	rep, draft, err := s.buildExport(ctx, q, p)
	if errors.Is(err, export.ErrNoPeriod) {
		return b, errNotFound
	}
	if err != nil {
		return b, err
	}
	b = builtExport{p: p, rep: rep, name: fmt.Sprintf("bao-cao-cchc-%d-%s", p.Year, p.Kind)}
	// the narrative report is the draft a report document of the period starts from
	b.doc = func() reportdoc.Document {
		return documents.DraftDocument(documents.Compose(rep, documents.Kind(p.Kind), nil), rep, p.Header)
	}
	if draft != nil {
		// the closing report; its workbook and raw results are those of the plan's last year
		b.doc = func() reportdoc.Document { return documents.DraftDocument(*draft, rep, p.Header) }
		b.finalName = fmt.Sprintf("bao-cao-tong-ket-%d-%d", rep.Plan.StartYear, rep.Plan.EndYear)
	}
	return b, nil
}

// exportFile builds the report and writes it whole in a file format (xlsx, pdf, docx, csv).
func (s *Server) exportFile(ctx context.Context, q exportQuery, format string) (store.ExportFile, error) {
	b, err := s.prepareExport(ctx, q)
	if err != nil {
		return store.ExportFile{}, err
	}
	name := b.name
	if b.finalName != "" && format != "xlsx" && format != "csv" {
		name = b.finalName
	}
	var buf bytes.Buffer
	var werr error
	ctype := "application/pdf"
	switch format {
	case "xlsx":
		werr, ctype = export.WriteXLSX(&buf, b.rep), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "docx":
		werr, ctype = reportdoc.WriteDOCX(&buf, b.doc()), docxType
	case "csv":
		werr, ctype = export.WriteCSV(ctx, &buf, s.reads(ctx), b.rep), "text/csv; charset=utf-8"
	case "pdf":
		werr = reportdoc.WritePDF(&buf, b.doc())
	default:
		return store.ExportFile{}, badRequest(fmt.Errorf("export format %q", format))
	}
	if werr != nil {
		return store.ExportFile{}, werr
	}
	return store.ExportFile{Name: name + "." + format, ContentType: ctype, Data: buf.Bytes()}, nil
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// writeExportFile sends a file built whole, in the request or by an export job.
func writeExportFile(w http.ResponseWriter, f store.ExportFile) {
	setDownload(w, f.ContentType, f.Name)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}

func setDownload(w http.ResponseWriter, ctype, name string) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
}

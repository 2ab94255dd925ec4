package server

import (
	"context"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// areaBuilder turns a report's scope, results, evidence and history into the form's or
// review page's fields, grouped by reform area.
type areaBuilder struct {
	ctx      context.Context
	s        *Server
	d        *reportData
	fs       formState
	evidence map[string][]store.EvidenceItem
	history  map[string][]web.HistoryRow
	targets  map[string]store.Target
	parsed   []parsedEntry // the report's audit entries, decoded once
	// registerDocs are the documents the unit may attach (for naming pending ones)
	registerDocs []web.Option
}

func (s *Server) newAreaBuilder(ctx context.Context, d *reportData, fs formState) *areaBuilder {
	b := &areaBuilder{ctx: ctx, s: s, d: d, fs: fs, evidence: map[string][]store.EvidenceItem{}, targets: map[string]store.Target{}}
	for _, e := range d.Evidence {
		switch {
		case e.TargetID != nil:
			b.evidence[targetKey(*e.TargetID)] = append(b.evidence[targetKey(*e.TargetID)], e)
		case e.TaskID != nil:
			b.evidence[taskKey(*e.TaskID)] = append(b.evidence[taskKey(*e.TaskID)], e)
		}
	}
	for _, t := range d.Targets {
		b.targets[targetKey(t.ID)] = t.Target
	}
	b.parsed = parseHistory(d.History)
	b.history = b.resultHistory()
	return b
}

func (b *areaBuilder) areas(edit, review bool) []web.ReportArea {
	var out []web.ReportArea
	for _, a := range b.d.Areas {
		sec := web.ReportArea{Name: a.Name}
		if lang(b.ctx) == domain.LangEN && a.NameEN != "" {
			sec.Name = a.NameEN
		}
		for _, t := range b.d.Targets {
			if t.AreaID == a.ID {
				sec.Targets = append(sec.Targets, b.targetField(t, edit, review))
			}
		}
		for _, t := range b.d.Tasks {
			if t.AreaID == a.ID {
				sec.Tasks = append(sec.Tasks, b.taskField(t, edit))
			}
		}
		if len(sec.Targets)+len(sec.Tasks) > 0 {
			out = append(out, sec)
		}
	}
	return out
}

// typed is what the user typed for a result, if the form being re-rendered carried it.
func (b *areaBuilder) typed(key string) *resultInput {
	if b.fs.in == nil {
		return nil
	}
	if ri := b.fs.in.Results[key]; ri != nil && ri.Present {
		return ri
	}
	return nil
}

func (b *areaBuilder) targetField(t store.ReportTarget, edit, review bool) web.ResultField {
	ctx, key := b.ctx, targetKey(t.ID)
	kind := domain.TargetKind(t.Kind)
	stored := storedTargetState(t.Result)
	f := web.ResultField{Key: key, Code: t.Code, PlanCode: t.PlanCode, Text: t.Text, Kind: string(t.Kind),
		Commitment: b.inForce(t.Target).Text(lang(ctx)), Shown: showTarget(ctx, t.Target, stored),
		StoredNote: b.fs.stored[key], History: b.history[key], EvidenceRequired: t.EvidenceRequired}
	switch kind {
	case domain.KindPercent:
		f.ValueLabel, f.ValueHint, f.Suffix = i18n.T(ctx, "report.value_percent"), i18n.T(ctx, "report.hint_percent"), "%"
	case domain.KindGrowth:
		f.ValueLabel, f.ValueHint, f.Suffix = i18n.T(ctx, "report.value_growth"), i18n.T(ctx, "report.hint_growth"), "%"
	case domain.KindCount:
		f.ValueLabel, f.ValueHint, f.Suffix = i18n.T(ctx, "report.value_count"), i18n.T(ctx, "report.hint_count"), t.MeasureUnit
	}
	if r := t.Ratio(); r.IsRatio() {
		f.Ratio, f.NumLabel, f.DenLabel = true, upperFirst(r.Numerator), upperFirst(r.Denominator)
		f.ValueHint = i18n.T(ctx, "report.hint_ratio")
	}
	if t.Result != nil {
		if v := t.Result.Value; v != nil {
			f.Value = domain.FormatNumberInput(*v)
		}
		if t.Result.Num != nil && t.Result.Den != nil {
			f.Num, f.Den = domain.FormatNumberInput(*t.Result.Num), domain.FormatNumberInput(*t.Result.Den)
		}
		if dn := t.Result.Done; dn != nil {
			f.Done = map[bool]string{true: "1", false: "0"}[*dn]
		}
		if t.Result.DoneOn != nil {
			f.DoneOn = domain.FormatDate(*t.Result.DoneOn)
		}
		f.Narrative = t.Result.Narrative
	}
	if ri := b.typed(key); ri != nil {
		f.Value, f.Done, f.DoneOn, f.Narrative = ri.ValueText, ri.DoneText, ri.DoneOnText, ri.Narrative
		f.Num, f.Den = ri.NumText, ri.DenText
	}
	past := b.d.Past.Targets[t.ID]
	for _, p := range past {
		st := resultState{Value: p.Value, Done: p.Done} // without the date or counts: a short line
		f.Previous = append(f.Previous, web.PastValue{Label: periodLabel(ctx, p.Period), Value: showTarget(ctx, t.Target, st)})
	}
	if kind == domain.KindGrowth && stored.Value != nil {
		f.Growth = b.growthNote(t, *stored.Value, past)
	}
	if review {
		b.evaluate(&f, t, stored, past)
	}
	b.attachments(&f, edit)
	return f
}

func (b *areaBuilder) taskField(t store.ReportTask, edit bool) web.ResultField {
	ctx, key := b.ctx, taskKey(t.ID)
	stored := storedTaskState(t.Result)
	f := web.ResultField{Key: key, IsTask: true, Code: t.Code, PlanCode: t.PlanCode, Text: t.Text,
		Lead: t.LeadUnitCode, Deadline: t.DeadlineNote, Output: t.ExpectedOutput,
		Progress: stored.Progress, Narrative: stored.Narrative, Shown: showProgress(ctx, stored.Progress),
		StoredNote: b.fs.stored[key], History: b.history[key]}
	if t.Deadline != nil {
		f.Deadline = domain.FormatDate(*t.Deadline)
	}
	if ri := b.typed(key); ri != nil {
		f.Progress, f.Narrative = ri.Progress, ri.Narrative
	}
	f.Options = []web.Option{{Value: "", Label: i18n.T(ctx, "report.choose_progress"), Selected: f.Progress == ""}}
	for _, p := range domain.AllTaskProgress() {
		f.Options = append(f.Options, web.Option{Value: string(p), Label: p.Label(lang(ctx)), Selected: f.Progress == string(p)})
	}
	for _, p := range b.d.Past.Tasks[t.ID] {
		f.Previous = append(f.Previous, web.PastValue{Label: periodLabel(ctx, p.Period), Value: showProgress(ctx, p.Progress)})
	}
	b.attachments(&f, edit)
	return f
}

// attachments lists a result's evidence and keeps what was typed into its upload fields.
func (b *areaBuilder) attachments(f *web.ResultField, edit bool) {
	ri := b.typed(f.Key)
	deleting := map[int64]bool{}
	attached := map[int64]bool{}
	for _, e := range b.evidence[f.Key] {
		attached[e.DocumentID] = true
	}
	if ri != nil {
		f.DocNumber, f.DocDate, f.DocIssuer, f.DocSummary = ri.DocNumber, ri.DocDateText, ri.DocIssuer, ri.Summary
		for _, id := range ri.Delete {
			deleting[id] = true
		}
		f.OpenAttach = ri.DocNumber != "" || ri.DocDateText != "" || ri.DocIssuer != "" || ri.Summary != "" || len(ri.Files) > 0 ||
			b.fs.errs[f.Key+"_doc"] != "" || b.fs.errs[f.Key+"_file"] != "" // the summary links into it

		shown := map[int64]bool{}
		for _, id := range append(append([]int64{}, ri.Docs...), ri.Pending...) {
			if !shown[id] && !attached[id] {
				shown[id] = true
				f.Pending = append(f.Pending, web.Option{Value: fmt.Sprint(id), Label: b.docLabel(id)})
			}
		}
	}
	for _, e := range b.evidence[f.Key] {
		f.Evidence = append(f.Evidence, evidenceRow(b.ctx, e, edit, deleting[e.ID]))
	}
}

// docLabel names a register document the way the form's list of documents does.
func (b *areaBuilder) docLabel(id int64) string {
	for _, o := range b.registerDocs {
		if o.Value == fmt.Sprint(id) {
			return o.Label
		}
	}
	return fmt.Sprintf("#%d", id)
}

func evidenceRow(ctx context.Context, e store.EvidenceItem, edit, deleting bool) web.EvidenceRow {
	row := web.EvidenceRow{ID: fmt.Sprint(e.ID), Href: fmt.Sprintf("/evidence/%d", e.ID), DocHref: registerDocURL(e.DocumentID), Name: e.FileName,
		Type: typeLabel(e.ContentType), Size: formatBytes(e.SizeBytes), CanDelete: edit, Deleting: deleting,
		Uploaded: i18n.Tf(ctx, "report.uploaded_by", e.UploadedByName, domain.FormatDateTime(e.UploadedAt))}
	var doc []string
	if e.DocNumber != "" {
		doc = append(doc, i18n.Tf(ctx, "report.doc_no", e.DocNumber))
	}
	if e.DocDate != nil {
		doc = append(doc, i18n.Tf(ctx, "report.doc_dated", domain.FormatDate(*e.DocDate)))
	}
	if e.DocIssuer != "" {
		doc = append(doc, e.DocIssuer)
	}
	row.Doc = joinComma(doc)
	return row
}

// growthNote says how many points the rate gained over the end of last year (or over the
// baseline in a plan's first year), the figure a growth commitment is judged on.
func (b *areaBuilder) growthNote(t store.ReportTarget, v float64, past []store.PastTarget) string {
	ctx := b.ctx
	for i := len(past) - 1; i >= 0; i-- {
		if p := past[i]; p.Period.Year == b.d.Period.Year-1 && p.Value != nil {
			return i18n.Tf(ctx, "report.growth_since", signed(v-*p.Value), periodLabel(ctx, p.Period))
		}
	}
	if t.Baseline != nil {
		return i18n.Tf(ctx, "report.growth_baseline", signed(v-*t.Baseline))
	}
	return ""
}

func signed(f float64) string {
	if f > 0 {
		return "+" + domain.FormatNumberShort(f)
	}
	return domain.FormatNumberShort(f)
}

// evaluate judges the result against its commitment with the dashboard's rule, from the
// unit's earlier values and this one.
func (b *areaBuilder) evaluate(f *web.ResultField, t store.ReportTarget, st resultState, past []store.PastTarget) {
	var hist []domain.Observation
	for _, p := range past {
		hist = append(hist, domain.Observation{Year: p.Period.Year, Slot: domain.PeriodKind(p.Period.Kind).Slot(), Value: p.Value, Done: p.Done})
	}
	slot := domain.PeriodKind(b.d.Period.Kind).Slot()
	hist = append(hist, domain.Observation{Year: b.d.Period.Year, Slot: slot, Value: st.Value, Done: st.Done})
	ev := domain.Evaluate(commitment(t.Target), b.d.Past.Schedules[t.ID], hist, b.d.Period.Year, slot)
	f.Evaluation, f.EvalClass, f.EvalReason = ev.Status.Label(lang(b.ctx)), string(ev.Status), ev.Reason.In(b.ctx)
}

// inForce is the commitment the report's period is judged by: the plan's, or the yearly
// commitment in force for the period's year.
func (b *areaBuilder) inForce(t store.Target) domain.Commitment {
	return domain.CommitmentInForce(commitment(t), b.d.Past.Schedules[t.ID], b.d.Period.Year)
}

// errorList is the error summary: each message with the code of its result, in form order.
func (b *areaBuilder) errorList(errs web.FieldErrors) []web.ErrorItem {
	if len(errs) == 0 {
		return nil
	}
	fields := []string{"value", "num", "den", "done", "done_on", "progress", "narrative", "file", "doc_number", "doc_date", "doc_issuer"}
	var out []web.ErrorItem
	add := func(key, code string) {
		for _, f := range fields {
			if msg, ok := errs[key+"_"+f]; ok {
				out = append(out, web.ErrorItem{Field: key + "_" + f, Label: code, Message: msg})
			}
		}
	}
	for _, t := range b.d.Targets {
		add(targetKey(t.ID), t.Code)
	}
	for _, t := range b.d.Tasks {
		add(taskKey(t.ID), t.Code)
	}
	return out
}

// showTarget writes a target's result for reading: 85,5%, 12 văn bản, Đã hoàn thành (10/11/2026).
func showTarget(ctx context.Context, t store.Target, st resultState) string {
	if domain.TargetKind(t.Kind) == domain.KindMilestone {
		switch {
		case st.Done == nil:
			return i18n.T(ctx, "report.no_value")
		case *st.Done && st.DoneOn != "":
			return i18n.T(ctx, "report.done") + " (" + domain.FormatDate(*reporting.ParseISO(st.DoneOn)) + ")"
		case *st.Done:
			return i18n.T(ctx, "report.done")
		}
		return i18n.T(ctx, "report.not_done")
	}
	if st.Value == nil {
		return i18n.T(ctx, "report.no_value")
	}
	if r := t.Ratio(); r.IsRatio() && st.Num != nil && st.Den != nil {
		// 45/50 hồ sơ tiếp nhận (90%)
		return domain.FormatNumberShort(*st.Num) + "/" + domain.FormatNumberShort(*st.Den) + " " + r.Denominator + " (" + formatValue(t, *st.Value) + ")"
	}
	return formatValue(t, *st.Value)
}

func formatValue(t store.Target, v float64) string {
	switch {
	case domain.TargetKind(t.Kind) == domain.KindCount && t.MeasureUnit != "":
		return domain.FormatNumberShort(v) + " " + t.MeasureUnit
	case domain.TargetKind(t.Kind) == domain.KindCount:
		return domain.FormatNumberShort(v)
	}
	return domain.FormatPercent(v)
}

func showProgress(ctx context.Context, p string) string {
	if p == "" {
		return i18n.T(ctx, "report.no_value")
	}
	return domain.TaskProgress(p).Label(lang(ctx))
}

// upperFirst starts a label with a capital, as a form label does.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

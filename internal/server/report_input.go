package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reporting"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

const (
	maxNarrative  = reporting.MaxNarrative // runes of a narrative (giải trình)
	maxDocNumber  = 100
	maxDocIssuer  = 300
	maxDocSummary = 2000
)

// resultInput is what the posted form says about one target or task: as typed, for
// re-rendering, and as parsed, for the save (the embedded reporting.Result).
type resultInput struct {
	reporting.Result
	Code string

	ValueText, DoneText, DoneOnText, Progress, Narrative string
	NumText, DenText                                     string // a ratio target's two counts

	DocDateText string
	Files       []*upload.Part
	kinds       map[*upload.Part]upload.Kind // sniffed kind of each file accepted
	Pending     []int64                      // register documents kept from a refused post, to attach
}

// reportInput is a decoded report form.
type reportInput struct {
	Version int
	Action  domain.ReportAction
	Results map[string]*resultInput
	Order   []string // result keys in form order, for the error summary
}

// save is the decoded form as the reporting use case takes it; the results are shared, so
// what the save merges from the stored report shows when the form is rendered again.
func (in *reportInput) save() *reporting.Save {
	out := &reporting.Save{Version: in.Version, Action: in.Action, Results: map[string]*reporting.Result{}, Order: in.Order}
	for k, ri := range in.Results {
		ri.Attach = ri.accepted()
		out.Results[k] = &ri.Result
	}
	return out
}

// accepted are the files that passed the checks, ready to store.
func (ri *resultInput) accepted() []reporting.File {
	var out []reporting.File
	for _, p := range ri.Files {
		if kind, ok := ri.kinds[p]; ok {
			out = append(out, reporting.File{Name: p.Name, Kind: kind, Size: p.Size, SHA256: p.SHA256,
				Open: func() (io.ReadCloser, error) { return p.Open() }})
		}
	}
	return out
}

// decodeReport reads the posted form against the report's scope and checks every field;
// submitting also requires every result. Messages are in the request's language.
func (s *Server) decodeReport(r *http.Request, d *reportData, files map[string][]*upload.Part) (*reportInput, web.FieldErrors) {
	ctx := r.Context()
	in := &reportInput{Results: map[string]*resultInput{}, Action: domain.ActionSave}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if r.PostFormValue("action") == string(domain.ActionSubmit) {
		in.Action = domain.ActionSubmit
	}
	errs := web.FieldErrors{}
	for _, t := range d.Targets {
		ri := readResult(r, files, targetKey(t.ID), t.Code)
		ri.ID = t.ID
		in.add(ri)
		switch ratio := t.Ratio(); {
		case ri.Present && ratio.IsRatio():
			checkRatio(ctx, ri, ratio, errs)
		case ri.Present:
			checkTarget(ctx, ri, domain.TargetKind(t.Kind), errs)
		default:
			ri.State = storedTargetState(t.Result)
		}
		s.checkEvidence(ctx, ri, errs)
	}
	for _, t := range d.Tasks {
		ri := readResult(r, files, taskKey(t.ID), t.Code)
		ri.ID, ri.IsTask = t.ID, true
		in.add(ri)
		if ri.Present {
			ri.State = resultState{Progress: ri.Progress, Narrative: ri.Narrative}
			if _, ok := domain.ParseTaskProgress(ri.Progress); ri.Progress != "" && !ok {
				errs[ri.Key+"_progress"] = i18n.T(ctx, "report.v.choice")
			}
			checkNarrative(ctx, ri, errs)
		} else {
			ri.State = storedTaskState(t.Result)
		}
		s.checkEvidence(ctx, ri, errs)
	}
	if in.Action == domain.ActionSubmit {
		for k, msg := range missing(ctx, d, in) {
			if _, ok := errs[k]; !ok {
				errs[k] = msg
			}
		}
	}
	return in, errs
}

func (in *reportInput) add(ri *resultInput) {
	in.Results[ri.Key] = ri
	in.Order = append(in.Order, ri.Key)
}

func readResult(r *http.Request, files map[string][]*upload.Part, key, code string) *resultInput {
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(key + "_" + name)) }
	_, present := r.PostForm[key+"_narrative"]
	ri := &resultInput{Result: reporting.Result{Key: key, Present: present,
		DocMeta: reporting.DocMeta{DocNumber: f("doc_number"), DocIssuer: f("doc_issuer"), Summary: f("doc_summary")}},
		Code: code, ValueText: f("value"), NumText: f("num"), DenText: f("den"), DoneText: f("done"), DoneOnText: f("done_on"), Progress: f("progress"),
		Narrative: strings.ReplaceAll(f("narrative"), "\r\n", "\n"), DocDateText: f("doc_date"),
		Files: files[key+"_file"],
	}
	seen := map[int64]bool{}
	for _, v := range r.PostForm[key+"_doc"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && !seen[id] {
			seen[id] = true
			ri.Docs = append(ri.Docs, id)
		}
	}
	for _, v := range r.PostForm[key+"_delete"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ri.Delete = append(ri.Delete, id)
		}
	}
	return ri
}

// message is the text of a domain error in the request's language, from the catalogue key
// it carries.
func message(ctx context.Context, err error) string {
	if m := usecase.MsgOf(err); !m.Zero() {
		return m.In(ctx)
	}
	return err.Error()
}

func checkTarget(ctx context.Context, ri *resultInput, kind domain.TargetKind, errs web.FieldErrors) {
	ri.State.Narrative = ri.Narrative
	checkNarrative(ctx, ri, errs)
	if kind == domain.KindMilestone {
		switch ri.DoneText {
		case "":
		case "1", "0":
			done := ri.DoneText == "1"
			ri.State.Done = &done
		default:
			errs[ri.Key+"_done"] = i18n.T(ctx, "report.v.choice")
		}
		if ri.DoneOnText != "" {
			on, err := domain.ParseDate(ri.DoneOnText)
			switch {
			case err != nil:
				errs[ri.Key+"_done_on"] = message(ctx, err)
			case ri.DoneText != "1":
				errs[ri.Key+"_done_on"] = i18n.T(ctx, "report.v.done_on_without_done")
			default:
				ri.State.DoneOn = isoDate(&on)
			}
		}
		return
	}
	if ri.ValueText == "" {
		return
	}
	v, err := domain.ParseNumber(ri.ValueText)
	if err == nil {
		// a growth target is reported as the rate reached; the growth is computed from it
		check := kind
		if kind == domain.KindGrowth {
			check = domain.KindPercent
		}
		err = domain.ValidateValue(check, v)
	}
	if err != nil {
		errs[ri.Key+"_value"] = message(ctx, err)
		return
	}
	ri.State.Value = &v
}

// checkRatio reads a ratio target's two counts: both or neither, whole numbers, a
// denominator above zero and a numerator no greater; the value kept is their percentage.
func checkRatio(ctx context.Context, ri *resultInput, r domain.Ratio, errs web.FieldErrors) {
	ri.State.Narrative = ri.Narrative
	checkNarrative(ctx, ri, errs)
	read := func(text, field string) (*float64, bool) {
		if text == "" {
			return nil, true
		}
		v, err := domain.ParseNumber(text)
		if err != nil {
			errs[ri.Key+"_"+field] = message(ctx, err)
			return nil, false
		}
		return &v, true
	}
	num, okN := read(ri.NumText, "num")
	den, okD := read(ri.DenText, "den")
	if !okN || !okD {
		return
	}
	if err := domain.ValidateRatio(r, num, den); err != nil {
		var re *domain.RatioError
		field := "num"
		if errors.As(err, &re) {
			field = re.Field
		}
		errs[ri.Key+"_"+field] = message(ctx, err)
		return
	}
	if num != nil {
		v := domain.Percent(*num, *den)
		ri.State.Num, ri.State.Den, ri.State.Value = num, den, &v
	}
}

func checkNarrative(ctx context.Context, ri *resultInput, errs web.FieldErrors) {
	if utf8.RuneCountInString(ri.Narrative) > maxNarrative {
		errs[ri.Key+"_narrative"] = i18n.Tf(ctx, "report.v.narrative_long", maxNarrative)
	}
}

// missing lists what a submission lacks, keyed by field, in the request's language.
func missing(ctx context.Context, d *reportData, in *reportInput) map[string]string {
	results := map[string]*reporting.Result{}
	for k, ri := range in.Results {
		results[k] = &ri.Result
	}
	out := map[string]string{}
	for k, m := range reporting.Missing(&d.ReportPage, results) {
		out[k] = m.In(ctx)
	}
	// evidence the reform office asks for: what is attached, less what is ticked for
	// removal, plus what this form attaches (the save checks again in its transaction)
	counts := map[int64]int{}
	for _, t := range d.Targets {
		n := t.EvidenceCount
		if ri := in.Results[targetKey(t.ID)]; ri != nil {
			n += len(ri.accepted()) + len(ri.Docs) - len(ri.Delete)
		}
		counts[t.ID] = n
	}
	for k, m := range reporting.MissingEvidence(&d.ReportPage, counts) {
		out[k] = m.In(ctx)
	}
	return out
}

// checkEvidence checks the files attached to a result: size, then type by content.
func (s *Server) checkEvidence(ctx context.Context, ri *resultInput, errs web.FieldErrors) {
	k := ri.Key
	if len(ri.DocNumber) > maxDocNumber {
		errs[k+"_doc_number"] = i18n.Tf(ctx, "report.v.too_long", maxDocNumber)
	}
	if len(ri.DocIssuer) > maxDocIssuer {
		errs[k+"_doc_issuer"] = i18n.Tf(ctx, "report.v.too_long", maxDocIssuer)
	}
	if utf8.RuneCountInString(ri.Summary) > maxDocSummary {
		errs[k+"_doc_summary"] = i18n.Tf(ctx, "report.v.too_long", maxDocSummary)
	}
	if ri.DocDateText != "" {
		if t, err := domain.ParseDate(ri.DocDateText); err != nil {
			errs[k+"_doc_date"] = message(ctx, err)
		} else {
			ri.DocDate = &t
		}
	}
	if len(ri.Files) == 0 {
		if ri.DocNumber != "" || ri.DocDateText != "" || ri.DocIssuer != "" || ri.Summary != "" {
			errs[k+"_file"] = i18n.T(ctx, "report.v.doc_without_file")
		}
		return
	}
	var msgs []string
	ri.kinds = map[*upload.Part]upload.Kind{}
	for _, p := range ri.Files {
		name := upload.CleanName(p.Name)
		switch {
		case p.TooLarge:
			msgs = append(msgs, i18n.Tf(ctx, "report.v.file_too_large", name, formatBytes(p.Size), formatBytes(s.cfg.UploadMaxBytes)))
			continue
		case p.TooMany:
			msgs = append(msgs, i18n.Tf(ctx, "report.v.file_not_kept", name, maxFilesPerSave))
			continue
		}
		kind, err := sniffPart(p)
		if err != nil {
			msgs = append(msgs, uploadMessage(ctx, name, err))
			continue
		}
		ri.kinds[p] = kind
	}
	if len(msgs) > 0 {
		errs[k+"_file"] = strings.Join(msgs, " ")
	}
}

func sniffPart(p *upload.Part) (upload.Kind, error) {
	if !p.Kept() {
		return upload.Sniff(p.Name, strings.NewReader(""), 0) // an empty file
	}
	f, err := p.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	return upload.Sniff(p.Name, f, p.Size)
}

func uploadMessage(ctx context.Context, name string, err error) string {
	var ue *upload.Error
	if !errors.As(err, &ue) {
		return i18n.Tf(ctx, "report.v.file_unreadable", name)
	}
	switch ue.Reason {
	case upload.Empty:
		return i18n.Tf(ctx, "report.v.file_empty", name)
	case upload.Mismatch:
		return i18n.Tf(ctx, "report.v.file_mismatch", name, ue.Content.Label())
	case upload.Macro:
		return i18n.Tf(ctx, "report.v.file_macro", name)
	}
	return i18n.Tf(ctx, "report.v.file_type", name)
}

// formatBytes writes a size the way the limit is announced: 20 MB, 350 KB, 1,5 MB.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return domain.FormatNumberShort(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return domain.FormatNumberShort(float64(n)/(1<<10)) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

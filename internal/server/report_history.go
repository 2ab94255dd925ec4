package server

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/web"
)

// A report's history is read back from its audit entries: every save, submit, return,
// approve and reopen records the results it changed before and after, so each result's
// history (who changed what, when) needs no table of its own.

type parsedEntry struct {
	store.HistoryEntry
	before, after reportAudit
}

func parseHistory(entries []store.HistoryEntry) []parsedEntry {
	out := make([]parsedEntry, 0, len(entries))
	for _, h := range entries {
		p := parsedEntry{HistoryEntry: h}
		_ = json.Unmarshal(h.Before, &p.before) // "null" leaves it empty
		_ = json.Unmarshal(h.After, &p.after)
		out = append(out, p)
	}
	return out
}

func actionLabel(ctx context.Context, action string) string {
	if a, ok := strings.CutPrefix(action, "report."); ok {
		return domain.ReportAction(a).Label(lang(ctx))
	}
	return action
}

// resultHistory groups the changes of each result, newest first.
func (b *areaBuilder) resultHistory() map[string][]web.HistoryRow {
	ctx := b.ctx
	out := map[string][]web.HistoryRow{}
	for _, h := range b.parsed {
		row := web.HistoryRow{At: domain.FormatDateTime(h.At), Actor: h.ActorName, Action: actionLabel(ctx, h.Action)}
		keys := map[string]bool{}
		for k := range h.before.Results {
			keys[k] = true
		}
		for k := range h.after.Results {
			keys[k] = true
		}
		for k := range keys {
			row.Change = b.describe(k, h.before.Results[k].State, h.after.Results[k].State)
			out[k] = append(out[k], row)
		}
		for _, e := range h.after.Evidence {
			row.Change = i18n.Tf(ctx, "report.h_attached", e.FileName)
			out[e.Result] = append(out[e.Result], row)
		}
		for _, e := range h.before.Evidence {
			row.Change = i18n.Tf(ctx, "report.h_removed", e.FileName)
			out[e.Result] = append(out[e.Result], row)
		}
	}
	return out
}

// describe says what changed in one result: "Giá trị: 85% → 90%; Giải trình: “…”".
func (b *areaBuilder) describe(key string, before, after resultState) string {
	ctx := b.ctx
	var parts []string
	if t, ok := b.targets[key]; ok {
		if !eqPtr(before.Value, after.Value) || !eqPtr(before.Done, after.Done) || before.DoneOn != after.DoneOn {
			parts = append(parts, i18n.T(ctx, "report.result")+": "+showTarget(ctx, t, before)+" → "+showTarget(ctx, t, after))
		}
	} else if !eqPtr(before.Value, after.Value) {
		parts = append(parts, i18n.T(ctx, "report.result")+": "+showNumber(before.Value)+" → "+showNumber(after.Value))
	}
	if before.Progress != after.Progress {
		parts = append(parts, i18n.T(ctx, "report.progress")+": "+showProgress(ctx, before.Progress)+" → "+showProgress(ctx, after.Progress))
	}
	if before.Narrative != after.Narrative {
		parts = append(parts, i18n.T(ctx, "report.narrative")+": “"+clip(after.Narrative, 160)+"”")
	}
	return strings.Join(parts, "; ")
}

func showNumber(v *float64) string {
	if v == nil {
		return "—"
	}
	return domain.FormatNumberShort(*v)
}

// reportHistory is the report's own history: status moves, comments, what a save touched,
// and the director's and reform office's comments, newest first.
func (b *areaBuilder) reportHistory() []web.HistoryRow {
	ctx := b.ctx
	var out []web.HistoryRow
	comments := b.d.Comments // newest first, like the entries
	commentRow := func(c store.ReportComment) web.HistoryRow {
		return web.HistoryRow{At: domain.FormatDateTime(c.CreatedAt), Actor: c.AuthorName,
			Action: i18n.T(ctx, "report.h_comment"), Change: "“" + clip(c.Body, 300) + "”"}
	}
	for _, h := range b.parsed {
		for len(comments) > 0 && comments[0].CreatedAt.After(h.At) {
			out = append(out, commentRow(comments[0]))
			comments = comments[1:]
		}
		var parts []string
		if h.before.Status != h.after.Status && h.after.Status != "" {
			parts = append(parts, statusLabel(ctx, h.before.Status)+" → "+statusLabel(ctx, h.after.Status))
		}
		if h.after.Late {
			parts = append(parts, i18n.T(ctx, "report.h_late"))
		}
		if n := len(h.after.Results); n > 0 {
			codes := make([]string, 0, n)
			for _, r := range h.after.Results {
				codes = append(codes, r.Code)
			}
			sort.Strings(codes)
			parts = append(parts, i18n.Tf(ctx, "report.h_changed", n, strings.Join(codes, ", ")))
		}
		if n := len(h.after.Evidence); n > 0 {
			parts = append(parts, i18n.Tf(ctx, "report.h_files_added", n))
		}
		if n := len(h.before.Evidence); n > 0 {
			parts = append(parts, i18n.Tf(ctx, "report.h_files_removed", n))
		}
		if h.after.Comment != "" {
			parts = append(parts, "“"+clip(h.after.Comment, 300)+"”")
		}
		out = append(out, web.HistoryRow{At: domain.FormatDateTime(h.At), Actor: h.ActorName,
			Action: actionLabel(ctx, h.Action), Change: strings.Join(parts, "; ")})
	}
	for _, c := range comments {
		out = append(out, commentRow(c))
	}
	return out
}

func statusLabel(ctx context.Context, s string) string {
	if s == "" || s == string(domain.NotStarted) {
		return i18n.T(ctx, "status.not_started")
	}
	return domain.ReportStatus(s).Label(lang(ctx))
}

// byLine is "27/11/2026 08:15 — Lê Thị Thu Hà".
func byLine(at time.Time, name string) string {
	if name == "" {
		return domain.FormatDateTime(at)
	}
	return domain.FormatDateTime(at) + " — " + name
}

func joinComma(parts []string) string { return strings.Join(parts, ", ") }

// typeLabel names a stored content type the way users know it: PDF, DOCX, JPG.
func typeLabel(contentType string) string {
	for _, k := range []upload.Kind{upload.PDF, upload.DOCX, upload.XLSX, upload.ODT, upload.ODS, upload.JPEG, upload.PNG} {
		if k.ContentType() == contentType {
			return k.Label()
		}
	}
	return contentType
}

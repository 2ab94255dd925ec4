package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// The public page (/cong-khai, /public): the plans the reform office published, each
// target's verdict and trend, progress by reform area and the issued reports to download.
// Approved figures only (openVerdicts without submitted reports), no narratives, no one's
// name; no sign-in. It is built from the dashboard's summaries and cached like a dashboard:
// by the data version of scope 0, "any unit" (migration 000014; publishing a plan and issuing a report
// too) and the day, so a cache hit costs one one-row read.

func (s *Server) publicPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd := s.openReads()
	cache := s.dash.Load()
	key := "public|" + lang(ctx) + "|" + domain.FormatDate(s.now())
	var version int64
	meta := s.meta(r, i18n.T(ctx, "public.title"), "")
	if cache != nil {
		var err error
		if version, err = rd.DashboardVersion(ctx, 0); err != nil {
			return err
		}
		if e, ok := cache.get(key, version); ok {
			s.renderLarge(w, r, http.StatusOK, web.CachedPage(meta, e.body), len(e.body)+16<<10)
			return nil
		}
	}
	plans, err := rd.PublishedPlans(ctx)
	if err != nil {
		return err
	}
	props := web.PublicProps{Meta: meta}
	for _, p := range plans {
		pp, err := s.publicPlan(r, rd, p)
		if err != nil {
			return err
		}
		props.Plans = append(props.Plans, pp)
	}
	var buf strings.Builder
	if err := web.PublicContent(props).Render(ctx, &buf); err != nil {
		return err
	}
	if cache != nil {
		cache.put(dashEntry{key: key, version: version, title: meta.Title, body: buf.String()})
	}
	s.renderLarge(w, r, http.StatusOK, web.CachedPage(meta, buf.String()), buf.Len()+16<<10)
	return nil
}

func (s *Server) publicPlan(r *http.Request, rd store.Store, p store.OpenPlan) (web.PublicPlan, error) {
	ctx := r.Context()
	span := domain.PlanSpan{IssuedOn: p.IssuedOn, StartYear: p.StartYear, EndYear: p.EndYear}
	phase := domain.PhaseOf(domain.PlanStatus(p.Status), span, s.now())
	pp := web.PublicPlan{Anchor: fmt.Sprintf("plan-%d", p.ID), Code: p.Code, Title: p.Title, IssuedBy: p.IssuedBy,
		Issued: domain.FormatDate(p.IssuedOn), Years: fmt.Sprintf("%d–%d", p.StartYear, p.EndYear),
		PhaseClass: map[domain.PlanPhase]string{domain.PhaseDraft: "draft", domain.PhaseActive: "active", domain.PhaseEnded: "closed"}[phase],
		PhaseLabel: phase.Label(lang(ctx))}
	// approved reports only, over the whole organisation
	v, err := s.openVerdicts(ctx, p.ID, 0, 0, false)
	if err != nil {
		return pp, err
	}
	switch {
	case v.empty:
		pp.Empty, pp.AsOf = true, i18n.T(ctx, "public.no_data")
	case v.final:
		pp.AsOf = i18n.Tf(ctx, "public.as_of_final", p.StartYear, min(p.EndYear, v.st.period.Year))
	default:
		pp.AsOf = i18n.Tf(ctx, "public.as_of", periodLabel(ctx, v.st.period))
	}
	if !v.empty {
		counts := make([]int, len(domain.AllTargetStatuses()))
		for _, ov := range v.verdicts {
			counts[statusIndex(ov.Status)]++
			pp.Targets = append(pp.Targets, web.PublicTarget{Code: ov.Target.Code, Text: ov.Target.Text, Commitment: ov.Commitment,
				Latest: ov.Latest, LatestWhen: ov.LatestWhen, Spark: ov.Spark, StatusClass: string(ov.Status),
				StatusLabel: ov.Status.Label(v.st.lang), Reason: ov.Reason, Path: ov.Path})
		}
		for i, st := range domain.AllTargetStatuses() {
			pp.StatusCounts = append(pp.StatusCounts, web.DashStatusCount{Class: string(st), Label: st.Label(v.st.lang), Count: counts[i]})
		}
		pp.StatusBar, pp.StatusLabel = stackOf(ctx, "dashboard.targets", pp.StatusCounts)
		for i, ts := range taskStates {
			pp.TaskCounts = append(pp.TaskCounts, web.DashStatusCount{Class: ts.class, Label: i18n.T(ctx, ts.key), Count: v.tasks[i]})
		}
		pp.Areas = v.areas
	}
	docs, err := rd.IssuedDocuments(ctx, p.ID)
	if err != nil {
		return pp, err
	}
	for _, d := range docs {
		pd := web.PublicDocument{Title: i18n.Tf(ctx, "public.doc_kind."+d.Kind, d.Year), Date: domain.FormatDate(d.DocDate),
			Href: fmt.Sprintf("/cong-khai/van-ban/%d.pdf", d.ID), Size: sizeText(int64(d.PDFBytes))}
		if d.Kind == "final" {
			pd.Title = i18n.Tf(ctx, "public.doc_kind.final", p.Code)
		}
		if d.Number > 0 {
			pd.Number = domain.FormatDocNumber(d.Number, d.Symbol)
		}
		pp.Documents = append(pp.Documents, pd)
	}
	return pp, nil
}

// publicDocument sends an issued report of a published plan; anything else is not found.
func (s *Server) publicDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "docID")
	if err != nil {
		return err
	}
	pdf, d, err := s.store.PublicDocumentPDF(r.Context(), id)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("bao-cao-%d-%s.pdf", d.Year, d.Kind)
	if d.Number > 0 {
		name = "bao-cao-" + strings.ReplaceAll(domain.FormatDocNumber(d.Number, d.Symbol), "/", "-") + ".pdf"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", fmt.Sprint(len(pdf)))
	_, err = w.Write(pdf)
	return err
}

package documents

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/reportdoc"
	"github.com/vn-cchc/cchc/internal/store"
)

// Render lays a stored document out as the document its files and print view show.
func Render(d store.ReportDocument, secs []store.DocumentSection) (reportdoc.Document, error) {
	number := "Số:" + reportdoc.Blank + "/" + d.Symbol
	ref := "số" + reportdoc.Blank + "/" + d.Symbol + " ngày" + reportdoc.Blank
	if d.Number != nil {
		number = "Số: " + domain.FormatDocNumber(*d.Number, d.Symbol)
		ref = "số " + domain.FormatDocNumber(*d.Number, d.Symbol) + " ngày"
		if d.DocDate != nil {
			ref += " " + domain.FormatDate(*d.DocDate)
		} else {
			ref += reportdoc.Blank
		}
	}
	var date = domain.LongDateVI(zeroOr(d.DocDate))
	place := d.Place
	if place == "" {
		place = "…"
	}
	issuer := issuerName(d.IssuingBody)
	out := reportdoc.Document{
		GoverningBody: strings.ToUpper(d.GoverningBody),
		IssuingBody:   strings.ToUpper(d.IssuingBody),
		Number:        number,
		PlaceDate:     place + ", " + date,
		Type:          "BÁO CÁO",
		Summary:       d.Summary,
		Counted:       d.Counted,
		Recipients:    reportdoc.Recipients(domain.TextLines(d.Recipients)),
		SignerTitle:   domain.TextLines(d.SignerTitle),
		SignerName:    d.SignerName,
		Meta:          reportdoc.Meta{Title: "BÁO CÁO " + d.Summary, Subject: "Kế hoạch số " + d.PlanCode, Author: issuer, Created: d.UpdatedAt},
	}
	if d.Status != StatusIssued {
		out.Draft = "DỰ THẢO"
	}
	for _, s := range secs {
		switch s.Level {
		case 0:
			out.Body = append(out.Body, reportdoc.Block{Kind: reportdoc.Heading, Text: s.Title})
		case 1:
			out.Body = append(out.Body, reportdoc.Block{Kind: reportdoc.Subheading, Text: s.Title})
		}
		out.Body = append(out.Body, reportdoc.TextBlocks(s.Body)...)
	}
	if err := json.Unmarshal(d.Appendix, &out.Appendix); err != nil {
		return out, fmt.Errorf("documents: appendix of %d: %w", d.ID, err)
	}
	out.Appendix.Ref = "(Kèm theo Báo cáo " + ref + " của " + issuer + ")"
	return out.Normalized(), nil
}

// issuerName is the issuing body in running text: "SỞ NỘI VỤ" → "Sở Nội vụ".
func issuerName(upper string) string {
	words := strings.Fields(strings.ToLower(upper))
	for i := range words {
		if i < 2 {
			words[i] = upperFirst(words[i])
		}
	}
	return strings.Join(words, " ")
}

func zeroOr[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

// DraftDocument lays out a draft that is not stored — the exports page's downloads for a
// period without a document — with the header the form gave.
func DraftDocument(d Draft, r *export.Report, h export.Header) reportdoc.Document {
	symbol := "BC-" + r.Scope.Code
	number := "Số:" + reportdoc.Blank + "/" + symbol
	ref := "số" + reportdoc.Blank + "/" + symbol
	if strings.TrimSpace(h.Number) != "" {
		number = "Số: " + domain.PadDocNumber(h.Number)
		ref = "số " + domain.PadDocNumber(h.Number)
	}
	if h.Date.IsZero() {
		ref += " ngày" + reportdoc.Blank
	} else {
		ref += " ngày " + domain.FormatDate(h.Date)
	}
	place := strings.TrimSpace(h.Place)
	if place == "" {
		place = "…"
	}
	out := reportdoc.Document{
		GoverningBody: strings.ToUpper(h.GoverningBody),
		IssuingBody:   strings.ToUpper(h.IssuingBody),
		Number:        number,
		PlaceDate:     place + ", " + domain.LongDateVI(h.Date),
		Type:          "BÁO CÁO",
		Summary:       d.Summary,
		Counted:       d.Counted,
		Notice:        r.Notice(),
		Recipients:    reportdoc.Recipients(h.Recipients),
		SignerTitle:   h.SignerTitle,
		SignerName:    h.SignerName,
		Meta: reportdoc.Meta{Title: "BÁO CÁO " + d.Summary, Subject: r.Plan.Code + ": " + r.Plan.Title,
			Author: r.Issuer(), Created: r.GeneratedAt},
	}
	for _, s := range d.Sections {
		switch s.Level {
		case 0:
			out.Body = append(out.Body, reportdoc.Block{Kind: reportdoc.Heading, Text: s.Title})
		case 1:
			out.Body = append(out.Body, reportdoc.Block{Kind: reportdoc.Subheading, Text: s.Title})
		}
		out.Body = append(out.Body, reportdoc.TextBlocks(s.Body)...)
	}
	out.Appendix = d.Appendix
	out.Appendix.Ref = "(Kèm theo Báo cáo " + ref + " của " + r.Issuer() + ")"
	return out.Normalized()
}

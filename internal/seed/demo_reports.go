package seed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// yearEnd is each target's department-wide value at the end of each year from 2020
// (baseline) to 2030; the annual reports carry these values exactly, quarterly reports
// move towards them with a little noise. The story of 2320/KH-SNV (2021–2025): most
// targets met; CT10 (> 30% in 2023) missed in 2023 and met late in 2024 (32,5%); CT12
// (100% by 2023) met in 2023 and not maintained (98,7% in 2025); CT03, CT06 and CT13 not
// met. The successor plan carries those over and moves on.
var yearEnd = map[string][11]float64{
	"CT01": {90, 97, 100, 100, 100, 100, 100, 100, 100, 100, 100},
	"CT02": {0, 18, 40, 61, 83, 96, 99, 100, 100, 100, 100},
	"CT03": {0, 18, 40, 61, 83, 96, 99, 100, 100, 100, 100},
	"CT04": {70, 85, 94, 100, 100, 100, 100, 100, 100, 100, 100},
	"CT05": {40, 55, 68, 79, 84, 88, 88, 90, 92, 94, 95},
	"CT06": {5, 12, 22, 31, 38, 44, 47, 53, 58, 63, 68},
	"CT09": {60, 70, 78, 86, 93, 100, 100, 100, 100, 100, 100},
	"CT10": {12, 18, 24, 29, 32.5, 33, 34, 36, 38, 40, 42},
	"CT12": {50, 60, 82, 100, 100, 98.7, 99.2, 100, 100, 100, 100},
	"CT13": {0, 10, 22, 35, 40, 43, 45, 52, 60, 68, 75},
	"CT14": {84, 86, 88, 90.5, 91.2, 92.4, 91, 92, 93, 94, 95},
	"CT15": {92, 93, 94, 95, 96, 96.8, 97.6, 98.3, 98.8, 99.2, 99.5},
}

// ratioScale is how many of a ratio's units each unit handles in a quarter: the counts a
// unit reports are its share of the year so far (a quarter's, a half's, …) times this.
var ratioScale = map[string]float64{"VPS": 3, "CCHC": 1, "TTLT": 2}

// ratioCounts are a unit's two counts for a percentage v (one decimal) in a period: whole
// numbers whose ratio is v exactly, so the annual figures stay those of yearEnd.
func ratioCounts(unit string, slot int, v float64) (num, den float64) {
	scale := ratioScale[unit]
	if scale == 0 {
		scale = 1
	}
	den = 1000 * scale * float64(slot)
	return math.Round(v * den / 100), den
}

const firstSeriesYear = 2020

// The (year, slot) a one-off milestone was reported done; CT08 is done every year at the
// 6-month report.
var (
	predecessorMilestones = map[string][2]int{"CT07": {2025, 2}, "CT11": {2023, 4}}
	successorMilestones   = map[string][2]int{"CT07": {2027, 4}, "CT11": {2028, 2}}
)

// metAtEnd judges a target of the predecessor at its plan's end by the status rule on the
// department's yearly values, which the annual reports carry exactly: what it left unmet
// is carried over to the successor.
func metAtEnd(code, kind, op string, value *float64, by int, eachYear bool, endYear int) bool {
	c := domain.Commitment{Kind: domain.TargetKind(kind), Op: domain.Comparison(op), Value: value, DeadlineYear: by, EachYear: eachYear}
	var obs []domain.Observation
	for y := firstSeriesYear + 1; y <= endYear; y++ {
		o := domain.Observation{Year: y, Slot: 4}
		if kind == string(domain.KindMilestone) {
			done := milestoneReached(predecessorMilestones, code, y, 4)
			o.Done = &done
		} else {
			v := yearEnd[code][y-firstSeriesYear]
			o.Value = &v
		}
		obs = append(obs, o)
	}
	return domain.EvaluateTarget(c, obs, endYear, 4).Status.Achieved() // met on time or late, and kept
}

var narratives = []string{
	"Đơn vị đã triển khai theo kế hoạch; số liệu lấy từ hệ thống một cửa điện tử của Sở.",
	"Kết quả tăng so với kỳ trước nhờ đẩy mạnh tuyên truyền, hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến.",
	"Còn khó khăn do hạ tầng mạng chưa ổn định và một số công chức chưa thành thạo phần mềm; đề nghị Sở bố trí kinh phí nâng cấp.",
	"Đã ban hành văn bản hướng dẫn và tổ chức kiểm tra định kỳ; kết quả được cập nhật trên Cổng dịch vụ công của tỉnh.",
}

// reportsOf writes the reports of the i-th demo plan.
func (d *demo) reportsOf(i int) func(context.Context) error {
	return func(ctx context.Context) error { return d.reports(ctx, &d.plans[i]) }
}

func (d *demo) reports(ctx context.Context, pl *demoPlan) error {
	reporting := []string{"VPS", "TTLT", "CCHC", "TCBC", "CCVC", "TTS"}
	reviewer := d.users["cchc"]
	today := domain.StartOfDay(d.now)
	for _, p := range pl.periods {
		if p.StartsOn.After(today) {
			continue
		}
		for _, unit := range reporting {
			outcome := d.outcome(pl, unit, p, today)
			if outcome == "" {
				continue
			}
			if err := d.writeReport(ctx, pl, unit, p, outcome, reviewer); err != nil {
				return err
			}
		}
	}
	return nil
}

// outcome decides what a unit did in a period: "" (nothing yet), draft, submitted,
// submitted_late, returned, approved or approved_late. Every annual report of the ended
// plan was approved; the plan in force has reports in every state.
func (d *demo) outcome(pl *demoPlan, unit string, p store.Period, today time.Time) string {
	deadlinePassed := today.After(p.Deadline)
	ended := pl == &d.plans[0] && pl.span.Ended(d.now)
	n := noise(unit, p.Year, p.Kind)
	switch {
	case p.Closed() || (ended && deadlinePassed):
		switch {
		case n < 0.05 && p.Kind != domain.PeriodYear:
			return "" // never reported: the period closed without it
		case n < 0.22:
			return "approved_late"
		}
		return "approved"
	case deadlinePassed:
		return map[string]string{"VPS": "approved", "CCHC": "approved", "TTLT": "submitted_late",
			"TTS": "", "CCVC": "draft", "TCBC": "returned"}[unit]
	case !today.Before(p.StartsOn.AddDate(0, 0, 7)):
		// a week into the period: some units are early
		return map[string]string{"CCHC": "draft", "TTLT": "draft", "CCVC": "submitted_early", "TCBC": "returned"}[unit]
	default:
		return map[string]string{"CCHC": "draft", "TTLT": "draft"}[unit]
	}
}

func (d *demo) writeReport(ctx context.Context, pl *demoPlan, unit string, p store.Period, outcome string, reviewer int64) error {
	author := d.users[map[string]string{"VPS": "vanphong", "TTLT": "ttlt", "CCHC": "cchc"}[unit]]
	var authorPtr *int64
	if author != 0 {
		authorPtr = &author
	}
	rec := store.ReportRecord{UnitID: d.units[unit], PeriodID: p.ID, Status: outcome}
	offset := -1 - int(noise("submit", unit, p.ID)*7)
	if outcome == "approved_late" || outcome == "submitted_late" {
		offset = 1 + int(noise("late", unit, p.ID)*12)
	}
	submitted := p.Deadline.Add(time.Duration(offset)*24*time.Hour + 15*time.Hour)
	if outcome == "submitted_early" || (outcome == "returned" && !d.now.After(p.Deadline)) {
		submitted = d.now.Add(-(2*24 + 3) * time.Hour) // a few days ago, before the deadline
	}
	if !submitted.Before(d.now) {
		submitted = d.now.Add(-time.Hour) // sent late, yet never in the future
	}
	switch outcome {
	case "approved", "approved_late":
		approved := submitted.Add(72 * time.Hour)
		if approved.After(d.now) {
			approved = d.now.Add(-time.Hour / 2)
		}
		rec.Status, rec.SubmittedAt, rec.SubmittedBy, rec.ApprovedAt, rec.ApprovedBy = "approved", &submitted, authorPtr, &approved, &reviewer
	case "submitted", "submitted_late", "submitted_early":
		rec.Status, rec.SubmittedAt, rec.SubmittedBy = "submitted", &submitted, authorPtr
	case "returned":
		returned := submitted.Add(24 * time.Hour)
		if returned.After(d.now) {
			returned = d.now.Add(-time.Hour / 2)
		}
		rec.Status, rec.SubmittedAt, rec.SubmittedBy, rec.ReturnedAt, rec.ReturnedBy = "returned", &submitted, authorPtr, &returned, &reviewer
		rec.ReturnComment = "Đề nghị bổ sung tài liệu kiểm chứng cho chỉ tiêu CT09 và giải trình rõ nguyên nhân chưa đạt."
	}
	id, err := d.tx.InsertReport(ctx, rec)
	if err != nil {
		return err
	}
	d.reportCount++
	targets, tasks := d.results(pl, id, unit, p, outcome == "draft", authorPtr)
	if err := d.tx.UpsertResults(ctx, targets, tasks); err != nil {
		return err
	}
	if rec.Status == "approved" && p.Year >= 2024 && len(targets) > 0 {
		return d.evidence(ctx, id, unit, p, targets[0].TargetID, submitted, authorPtr)
	}
	return nil
}

// results builds the unit's values for the period; a draft has only the first half filled.
// Annual reports carry the year's value exactly, so the department's yearly figures are
// those of yearEnd.
func (d *demo) results(pl *demoPlan, reportID int64, unit string, p store.Period, draft bool, author *int64) ([]store.TargetResult, []store.TaskResult) {
	slot := domain.PeriodKind(p.Kind).Slot()
	var targets []store.TargetResult
	var tasks []store.TaskResult
	n := 0
	for _, t := range d.targetsOf(pl) {
		if !contains(targetUnits[t.Code], unit) {
			continue
		}
		n++
		if draft && n%2 == 0 {
			continue
		}
		r := store.TargetResult{ReportID: reportID, TargetID: pl.targets[t.Code], UpdatedBy: author,
			Narrative: narratives[int(noise("n", unit, t.Code, p.ID)*float64(len(narratives)))]}
		if t.Kind == "milestone" {
			done := milestoneReached(pl.milestones, t.Code, p.Year, slot)
			r.Done = &done
			if done {
				on := p.EndsOn.AddDate(0, 0, -10)
				r.DoneOn = &on
			}
		} else {
			v := valueAt(t.Code, p.Year, slot)
			if p.Kind != domain.PeriodYear {
				v += (noise("v", unit, t.Code, p.ID) - 0.5) * 3
			}
			v = math.Round(math.Max(0, math.Min(100, v))*10) / 10
			r.Value = &v
			if _, ok := ratioLabels[t.Code]; ok {
				num, den := ratioCounts(unit, slot, v)
				pct := domain.Percent(num, den)
				r.Num, r.Den, r.Value = &num, &den, &pct
			}
		}
		targets = append(targets, r)
	}
	for _, t := range d.plan.Tasks {
		lt := taskLeads[t.Code]
		if lt.lead != unit && !contains(lt.coop, unit) {
			continue
		}
		progress := string(domain.ProgressInProgress)
		switch {
		case slot == 4 && noise("done", unit, t.Code, p.Year) < 0.7:
			progress = string(domain.ProgressDone)
		case pl == &d.plans[1] && t.Code == "NV7" && slot >= 2:
			progress = string(domain.ProgressOverdue) // the IT upgrade slips in the new plan
		}
		tasks = append(tasks, store.TaskResult{ReportID: reportID, TaskID: pl.tasks[t.Code], Progress: progress, UpdatedBy: author,
			Narrative: narratives[int(noise("k", unit, t.Code, p.ID)*float64(len(narratives)))]})
	}
	return targets, tasks
}

func milestoneReached(at map[string][2]int, code string, year, slot int) bool {
	if code == "CT08" {
		return slot >= 2
	}
	done, ok := at[code]
	return ok && (year > done[0] || (year == done[0] && slot >= done[1]))
}

// valueAt interpolates a target's value within a year from the previous year's end.
func valueAt(code string, year, slot int) float64 {
	series := yearEnd[code]
	i := max(1, min(year-firstSeriesYear, len(series)-1))
	prev, end := series[i-1], series[i]
	return prev + (end-prev)*float64(slot)/4
}

func (d *demo) evidence(ctx context.Context, reportID int64, unit string, p store.Period, targetID int64, submitted time.Time, author *int64) error {
	number := fmt.Sprintf("%02d/BC-%s", 10+int(noise("doc", unit, p.ID)*80), unit)
	docDate := submitted.AddDate(0, 0, -2)
	content := minimalPDF(fmt.Sprintf("Bao cao %s ky %s/%d", unit, p.Kind, p.Year))
	sum := sha256.Sum256(content)
	unitID := d.units[unit]
	docID, err := d.tx.InsertEvidenceDoc(ctx, store.EvidenceDoc{UnitID: unitID, DocNumber: number, DocDate: &docDate,
		DocIssuer: unitName(d.plan, unit), Summary: "Báo cáo kết quả thực hiện công tác cải cách hành chính", CreatedBy: author})
	if err != nil {
		return err
	}
	f, err := d.tx.AddEvidenceFile(ctx, store.EvidenceFile{DocumentID: docID,
		FileName:    fmt.Sprintf("Báo cáo kết quả CCHC %s %s.pdf", domain.PeriodLabel(p.Year, domain.PeriodKind(p.Kind), "vi"), unit),
		ContentType: "application/pdf", SizeBytes: int64(len(content)), SHA256: hex.EncodeToString(sum[:]),
		StorageKey: "demo-" + hexKey(reportID, targetID), UploadedBy: author})
	if err != nil {
		return err
	}
	if _, err := d.tx.WriteEvidenceChunks(ctx, f.ID, bytes.NewReader(content)); err != nil {
		return err
	}
	_, _, err = d.tx.AttachEvidence(ctx, store.Attachment{ReportID: reportID, TargetID: &targetID, DocumentID: docID, By: author})
	return err
}

func unitName(p planFile, code string) string {
	for _, u := range p.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// minimalPDF is a one-page PDF with an ASCII line, enough to download and open.
func minimalPDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 14 Tf 72 760 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	out := []byte("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(out)
		out = append(out, fmt.Sprintf("%d 0 obj\n%s\nendobj\n", i+1, o)...)
	}
	xref := len(out)
	out = append(out, fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)...)
	for _, off := range offsets {
		out = append(out, fmt.Sprintf("%010d 00000 n \n", off)...)
	}
	out = append(out, fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)...)
	return out
}

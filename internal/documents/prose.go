package documents

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// The sentences a report is drafted with: full sentences in the plan's own words, past
// tense for the period, with the verdict of the plan's rules (domain.EvaluateTarget) and
// why. Every figure is export.ValueText of the same cell the appendix shows, so the text,
// the appendix and the dashboard agree.

// verdict is the verdict word of a target's status as a report writes it mid-sentence:
// "đạt", "đạt, trễ hạn", "không đạt", "không duy trì được", "đúng tiến độ", "có nguy cơ
// không đạt" (domain.Evaluate's verdicts).
func verdict(s domain.TargetStatus, due bool) string {
	switch s {
	case domain.StatusMet:
		return "đạt"
	case domain.StatusOnTrack:
		return "đúng tiến độ"
	case domain.StatusAtRisk:
		return "có nguy cơ không đạt"
	case domain.StatusMetLate:
		return "đạt, trễ hạn"
	case domain.StatusMissed:
		return "không đạt"
	case domain.StatusNotKept:
		return "không duy trì được"
	}
	return "chưa có số liệu để đánh giá"
}

// want is a commitment's required level in words: "tối thiểu 80%", "trên 30%",
// "100%", "tăng tối thiểu 20 điểm phần trăm mỗi năm", "hoàn thành".
func want(c domain.Commitment) string {
	if c.Kind == domain.KindMilestone || c.Value == nil {
		return "hoàn thành"
	}
	v := domain.FormatNumberShort(*c.Value)
	switch {
	case c.Kind == domain.KindGrowth:
		v += " điểm phần trăm"
	case c.Kind == domain.KindPercent || c.Unit == "%":
		v += "%"
	case c.Unit != "":
		v += " " + c.Unit
	}
	op := ""
	switch c.Op {
	case domain.OpGE, "":
		if c.Value != nil && *c.Value == 100 && c.Kind == domain.KindPercent {
			op = ""
		} else {
			op = "tối thiểu "
		}
	case domain.OpGT:
		op = "trên "
	case domain.OpLE:
		op = "tối đa "
	case domain.OpLT:
		op = "dưới "
	}
	if c.Kind == domain.KindGrowth {
		return "tăng " + op + v + " mỗi năm"
	}
	return op + v
}

// when is the commitment's time: "hằng năm", "đến năm 2025".
func when(c domain.Commitment) string {
	switch {
	case c.Kind == domain.KindGrowth:
		return ""
	case c.DeadlineYear != 0 && !c.EachYear:
		return "đến năm " + strconv.Itoa(c.DeadlineYear)
	}
	return "hằng năm"
}

// subject is the target as the subject of a sentence: its text without the required level
// it ends with ("… đạt tối thiểu 50%"), first letter kept as the plan wrote it.
func subject(t export.TargetRow) string {
	s := strings.TrimRight(strings.TrimSpace(t.Text), ".;")
	return s
}

// periodWords is the period as a sentence starts with it: "Năm 2025", "Quý I năm 2025",
// "6 tháng đầu năm 2025", "9 tháng đầu năm 2025".
func periodWords(year int, k domain.PeriodKind) string {
	y := strconv.Itoa(year)
	switch k {
	case domain.PeriodQ1:
		return "Quý I năm " + y
	case domain.PeriodH1:
		return "6 tháng đầu năm " + y
	case domain.PeriodQ3:
		return "9 tháng đầu năm " + y
	}
	return "Năm " + y
}

// gainWords is a growth in a year: "tăng 13 điểm phần trăm (từ 83% lên 96%)"; a fall
// is said as one.
func gainWords(gain, from, to float64) string {
	verb := "tăng"
	if gain < 0 {
		verb, gain = "giảm", -gain
	}
	return fmt.Sprintf("%s %s điểm phần trăm (từ %s lên %s)", verb, domain.FormatNumberShort(gain), domain.FormatPercent(from), domain.FormatPercent(to))
}

// requiredWords is what a growth had to gain: "mức tăng tối thiểu 20 điểm phần trăm của
// Kế hoạch", or where less remained to 100%, "mức tăng cần thiết 17 điểm phần trăm (chỉ
// tiêu tăng tối thiểu 20 điểm phần trăm mỗi năm, còn 17 điểm phần trăm là đạt 100%)".
func requiredWords(c domain.Commitment, ev domain.Evaluation) string {
	if ev.Capped && ev.Required != nil {
		r := domain.FormatNumberShort(*ev.Required)
		return fmt.Sprintf("mức tăng cần thiết %s điểm phần trăm (chỉ tiêu %s, còn %s điểm phần trăm là đạt 100%%)", r, want(c), r)
	}
	return "chỉ tiêu " + want(c) + " của Kế hoạch"
}

// basisWords says in a sentence how a figure was formed, where it is not one unit's own
// plain figure: "(tổng hồ sơ … / tổng hồ sơ tiếp nhận của 2 đơn vị: 460/600)",
// "(trung bình cộng tỷ lệ của 2 đơn vị)".
func basisWords(t export.TargetRow, c export.Cell) string {
	if c.Basis == "" || t.Kind == domain.KindMilestone || (c.Units <= 1 && !t.Ratio.IsRatio()) {
		return ""
	}
	b := lowerFirst(c.Basis)
	if i := strings.LastIndex(b, " ("); i > 0 && strings.HasSuffix(b, ")") {
		b = b[:i] + ": " + b[i+2:len(b)-1] // "(460/600)" inside the parenthesis reads as a colon
	}
	return " (" + b + ")"
}

// targetSentence is one target's result in the period:
// "Tỷ lệ hồ sơ … (CT06): năm 2025 đạt 62,5%, đạt chỉ tiêu tối thiểu 50% hằng năm của Kế hoạch."
func targetSentence(r *export.Report, t export.TargetRow) string {
	var s strings.Builder
	due := r.Kind == domain.PeriodYear && (t.Commitment.DeadlineYear == 0 || t.Commitment.EachYear || t.Commitment.DeadlineYear <= r.Year)
	level := strings.TrimSpace(want(t.Commitment) + " " + when(t.Commitment))
	fmt.Fprintf(&s, "%s (chỉ tiêu %s): ", subject(t), t.Code)
	cur := t.Current()
	period := lowerFirst(periodWords(r.Year, r.Kind))
	if cur.Empty() {
		fmt.Fprintf(&s, "%s chưa có đơn vị báo cáo số liệu, chưa đủ căn cứ đánh giá so với chỉ tiêu %s của Kế hoạch.", period, level)
		return s.String()
	}
	value := export.ValueText(t, cur)
	ev := t.Eval
	growth := t.Kind == domain.KindGrowth && ev.Gain != nil && ev.From != nil && cur.Value != nil
	switch {
	case t.Kind == domain.KindMilestone && cur.Done != nil && *cur.Done:
		fmt.Fprintf(&s, "%s đã hoàn thành", period)
	case t.Kind == domain.KindMilestone:
		fmt.Fprintf(&s, "%s chưa hoàn thành", period)
	case growth:
		// a growth is judged on the increase, so the sentence states the increase
		g := gainWords(*ev.Gain, *ev.From, *cur.Value)
		if b := basisWords(t, cur); b != "" {
			g = strings.TrimSuffix(g, ")") + ", " + strings.TrimPrefix(b, " (") // one parenthesis: (từ 83% lên 96%, trung bình cộng …)
		}
		fmt.Fprintf(&s, "%s %s", period, g)
	default:
		fmt.Fprintf(&s, "%s đạt %s%s", period, value, basisWords(t, cur))
	}
	v := verdict(ev.Status, due)
	lvl := want(t.Commitment)
	switch {
	case growth && ev.Required != nil:
		need := requiredWords(t.Commitment, ev)
		switch ev.Status {
		case domain.StatusMet, domain.StatusMetLate:
			fmt.Fprintf(&s, ", đạt %s", need)
		case domain.StatusMissed:
			fmt.Fprintf(&s, ", không đạt %s", need)
		case domain.StatusNotKept:
			fmt.Fprintf(&s, ", không duy trì được mức 100%% đã đạt")
		case domain.StatusOnTrack:
			fmt.Fprintf(&s, ", %s để đạt %s", v, need)
		case domain.StatusAtRisk:
			fmt.Fprintf(&s, ", %s %s", v, need)
		}
	case ev.Status == domain.StatusMet:
		fmt.Fprintf(&s, ", đạt chỉ tiêu %s của Kế hoạch", level)
	case ev.Status == domain.StatusMetLate && t.Commitment.DeadlineYear != 0:
		fmt.Fprintf(&s, ", đạt chỉ tiêu %s nhưng trễ hạn so với thời hạn năm %d của Kế hoạch", lvl, t.Commitment.DeadlineYear)
	case ev.Status == domain.StatusMetLate:
		fmt.Fprintf(&s, ", đạt chỉ tiêu %s của Kế hoạch nhưng trễ hạn", level)
	case ev.Status == domain.StatusMissed:
		fmt.Fprintf(&s, ", chưa đạt chỉ tiêu %s của Kế hoạch (%s)", level, v)
	case ev.Status == domain.StatusNotKept && !t.Commitment.EachYear && t.Commitment.DeadlineYear != 0:
		fmt.Fprintf(&s, "; chỉ tiêu %s đã đạt trong thời hạn năm %d của Kế hoạch nhưng không duy trì được", lvl, t.Commitment.DeadlineYear)
	case ev.Status == domain.StatusNotKept:
		fmt.Fprintf(&s, "; chỉ tiêu %s đã đạt kỳ trước nhưng không duy trì được", level)
	case ev.Status == domain.StatusAtRisk:
		fmt.Fprintf(&s, ", %s chỉ tiêu %s của Kế hoạch", v, level)
		if ev.Projected != nil && t.Kind != domain.KindMilestone {
			c := export.Cell{Value: ev.Projected}
			fmt.Fprintf(&s, "; theo xu hướng các kỳ đã qua, dự kiến chỉ đạt khoảng %s", export.ValueText(t, c))
		}
	case ev.Status == domain.StatusOnTrack:
		fmt.Fprintf(&s, ", %s để đạt chỉ tiêu %s của Kế hoạch", v, level)
	case ev.Status == domain.StatusNoData && !ev.Reason.Zero():
		fmt.Fprintf(&s, ", chưa đủ căn cứ đánh giá (%s)", strings.TrimSuffix(lowerFirst(ev.Reason.Text(i18n.VI)), "."))
	}
	if earlier := earlierValues(r, t); earlier != "" {
		s.WriteString("; " + earlier)
	}
	s.WriteString(".")
	if missing := t.Assigned - cur.Units; missing > 0 && t.Assigned > 0 {
		fmt.Fprintf(&s, " Còn %d/%d đơn vị được giao chưa báo cáo số liệu chỉ tiêu này trong kỳ.", missing, t.Assigned)
	}
	return s.String()
}

// earlierValues tells the path through the year: "quý I đạt 95%, 6 tháng đạt 97%".
func earlierValues(r *export.Report, t export.TargetRow) string {
	if t.Kind == domain.KindMilestone || len(r.Columns) < 2 {
		return ""
	}
	var parts []string
	for i, c := range r.Columns[:len(r.Columns)-1] {
		if v := export.ValueText(t, t.Cells[i]); v != "" {
			parts = append(parts, lowerFirst(periodWords(r.Year, c.Kind))+" đạt "+v)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "trước đó, " + strings.Join(parts, ", ")
}

// taskSentence is a task's progress: "Nhiệm vụ rà soát … (NV2, Văn phòng Sở chủ trì) đã hoàn thành."
func taskSentence(t export.TaskRow) string {
	text := lowerFirst(strings.TrimRight(strings.TrimSpace(t.Text), ".;"))
	head := fmt.Sprintf("Về nhiệm vụ %s (%s, %s chủ trì)", text, t.Code, t.Lead.Name)
	switch t.Progress {
	case domain.ProgressDone:
		return head + ": đã hoàn thành trong kỳ."
	case domain.ProgressInProgress:
		return head + ": đang triển khai thực hiện."
	case domain.ProgressOverdue:
		return head + ": chậm so với thời hạn đề ra."
	case domain.ProgressNotStarted:
		return head + ": chưa triển khai trong kỳ."
	}
	return head + ": các đơn vị chưa báo cáo tiến độ trong kỳ."
}

// lowerFirst lets a phrase start mid-sentence: "Năm 2025" → "năm 2025". An acronym
// ("TTHC", "UBND") keeps its case.
func lowerFirst(s string) string {
	f := strings.Fields(s)
	if len(f) > 0 && len([]rune(f[0])) > 1 && strings.ToUpper(f[0]) == f[0] {
		return s
	}
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// unitList joins names as a sentence does: "A, B và C".
func unitList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " và " + names[len(names)-1]
}

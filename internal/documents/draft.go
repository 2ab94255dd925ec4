package documents

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/reportdoc"
)

// Section is one section of a report's outline as drafted: its heading, the prose formed
// from the data, and the units' narratives the clerk takes from.
type Section struct {
	Key     string
	Level   int // 0 a part (I., II.…), 1 a section of a part, 2 text without a heading
	Title   string
	Body    string
	Sources string
}

// Draft is a report as drafted from the data.
type Draft struct {
	Summary  string
	Counted  string
	Sections []Section
	Appendix reportdoc.Appendix
}

// Kind is which report: a regime period's or the plan's closing report.
type Kind string

// KindFinal is the plan's closing report (báo cáo tổng kết).
const KindFinal Kind = "final"

// Kinds lists the reports in the order the form offers them.
func Kinds() []Kind {
	return []Kind{Kind(domain.PeriodQ1), Kind(domain.PeriodH1), Kind(domain.PeriodQ3), Kind(domain.PeriodYear), KindFinal}
}

// Label names the kind for the form.
func (k Kind) Label() i18n.Msg {
	switch k {
	case Kind(domain.PeriodQ1):
		return i18n.M("doc.kind.q1")
	case Kind(domain.PeriodH1):
		return i18n.M("doc.kind.h1")
	case Kind(domain.PeriodQ3):
		return i18n.M("doc.kind.q3")
	case Kind(domain.PeriodYear):
		return i18n.M("doc.kind.year")
	case KindFinal:
		return i18n.M("doc.kind.final")
	}
	return i18n.M("doc.unknown", string(k))
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds() {
		if k == x {
			return true
		}
	}
	return false
}

// keywords route a direction item or a unit's narrative to a section of part I.
var partOne = []struct {
	key, title string
	words      []string
}{
	{"I.1", "1. Kế hoạch cải cách hành chính", []string{"kế hoạch cải cách", "ban hành kế hoạch"}},
	{"I.2", "2. Công tác tổ chức, chỉ đạo, điều hành", nil},
	{"I.3", "3. Công tác kiểm tra cải cách hành chính", []string{"kiểm tra"}},
	{"I.4", "4. Công tác tuyên truyền cải cách hành chính", []string{"tuyên truyền", "truyền thông"}},
	{"I.5", "5. Sáng kiến, cách làm mới trong cải cách hành chính", []string{"sáng kiến", "mô hình mới", "cách làm mới", "giải pháp mới"}},
}

func partOneKey(text string) string {
	low := strings.ToLower(text)
	for _, p := range partOne {
		for _, w := range p.words {
			if strings.Contains(low, w) {
				return p.key
			}
		}
	}
	return "I.2"
}

// Compose drafts the report of r's period; years are the plan's annual reports, oldest
// first, for the closing report (nil otherwise).
func Compose(r *export.Report, kind Kind, years []*export.Report) Draft {
	c := composer{r: r, kind: kind, years: years, sources: map[string][]string{}}
	return c.draft()
}

type composer struct {
	r       *export.Report
	kind    Kind
	years   []*export.Report
	sources map[string][]string // section key → lines of units' narratives
}

func (c *composer) final() bool { return c.kind == KindFinal }

// phrase is the period in running text: "năm 2025", "giai đoạn 2021–2025".
func (c *composer) phrase() string {
	if c.final() {
		return fmt.Sprintf("giai đoạn %d–%d", c.r.Plan.StartYear, c.r.Plan.EndYear)
	}
	return lowerFirst(periodWords(c.r.Year, c.r.Kind))
}

func (c *composer) draft() Draft {
	r := c.r
	d := Draft{Summary: "Kết quả thực hiện công tác cải cách hành chính " + summaryPhrase(r.Year, r.Kind), Counted: r.CountedLine()}
	if c.final() {
		d.Summary = fmt.Sprintf("Tổng kết thực hiện Kế hoạch cải cách hành chính giai đoạn %d–%d", r.Plan.StartYear, r.Plan.EndYear)
		d.Counted = fmt.Sprintf("(Số liệu tổng hợp từ báo cáo năm đã được phê duyệt của các đơn vị, từ năm %d đến năm %d)", r.Plan.StartYear, r.Plan.EndYear)
	}
	c.route()
	add := func(key string, level int, title, body string) {
		d.Sections = append(d.Sections, Section{Key: key, Level: level, Title: title, Body: body, Sources: strings.Join(c.sources[key], "\n")})
	}
	p := r.Plan
	add("mo-dau", 2, "", fmt.Sprintf("Thực hiện Kế hoạch số %s ngày %s của %s về %s, %s báo cáo %s như sau:",
		p.Code, domain.FormatDate(p.IssuedOn), p.IssuedBy, about(p.Title), r.Issuer(), c.reportWhat()))

	add("I", 0, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "")
	for _, po := range partOne {
		add(po.key, 1, po.title, c.partOne(po.key))
	}
	add("II", 0, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "")
	n := 1
	for _, a := range r.Areas {
		if a.Direction || len(a.Targets)+len(a.Tasks) == 0 {
			continue
		}
		add("II."+a.Key, 1, fmt.Sprintf("%d. %s", n, a.Name), c.area(a))
		n++
	}
	add("III", 0, "III. ĐÁNH GIÁ CHUNG", "")
	add("III.1", 1, "1. Ưu điểm", c.strengths())
	add("III.2", 1, "2. Tồn tại, hạn chế và nguyên nhân", c.weaknesses())
	add("IV", 0, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ "+c.nextTitle(), c.next())
	add("V", 0, "V. ĐỀ XUẤT, KIẾN NGHỊ", c.proposals())
	add("ket-thuc", 2, "", fmt.Sprintf("Trên đây là báo cáo %s của %s./.", c.reportWhat(), r.Issuer()))
	d.Appendix = c.appendix()
	return d
}

// reportWhat is what the report reports on, mid-sentence.
func (c *composer) reportWhat() string {
	if c.final() {
		return fmt.Sprintf("tổng kết thực hiện Kế hoạch cải cách hành chính giai đoạn %d–%d", c.r.Plan.StartYear, c.r.Plan.EndYear)
	}
	return "kết quả thực hiện công tác cải cách hành chính " + summaryPhrase(c.r.Year, c.r.Kind)
}

// summaryPhrase is the period in a title: "năm 2025", "quý I năm 2025", "6 tháng đầu năm
// 2025", "9 tháng đầu năm 2025".
func summaryPhrase(year int, k domain.PeriodKind) string { return lowerFirst(periodWords(year, k)) }

// route files the units' narratives under the sections they speak to; the same words
// written by several units (or on several items) become one line naming them all.
func (c *composer) route() {
	r := c.r
	area := map[string]string{} // item code → section key
	for _, a := range r.Areas {
		for _, i := range a.Targets {
			area[r.Targets[i].Code] = sectionOf(a, r.Targets[i].Text)
		}
		for _, i := range a.Tasks {
			area[r.Tasks[i].Code] = sectionOf(a, r.Tasks[i].Text)
		}
	}
	type group struct {
		text         string
		units, items []string
	}
	groups := map[string][]*group{}
	add := func(key string, n export.Note) {
		text := strings.TrimSpace(n.Text)
		for _, g := range groups[key] {
			if g.text == text {
				g.units, g.items = appendNew(g.units, n.Units...), appendNew(g.items, n.Items...)
				return
			}
		}
		groups[key] = append(groups[key], &group{text: text, units: appendNew(nil, n.Units...), items: appendNew(nil, n.Items...)})
	}
	for _, n := range r.Notes() {
		for _, it := range n.Items {
			if k := area[it]; k != "" {
				add(k, n)
			}
		}
		if k := partOneKey(n.Text); k != "I.2" {
			add(k, n)
		}
	}
	for _, n := range r.Difficulty {
		add("III.2", n)
	}
	for _, n := range r.Proposals {
		add("V", n)
	}
	for key, gs := range groups {
		for _, g := range gs {
			line := g.text + " (" + strings.Join(g.units, ", ")
			if len(g.items) > 0 {
				line += "; " + strings.Join(g.items, ", ")
			}
			c.sources[key] = append(c.sources[key], line+")")
		}
	}
}

func sectionOf(a export.Area, text string) string {
	if a.Direction {
		return partOneKey(text)
	}
	return "II." + a.Key
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// partOne drafts a section of part I from the direction area's items routed to it.
func (c *composer) partOne(key string) string {
	r := c.r
	var lines []string
	switch key {
	case "I.1":
		areas := 0
		for _, a := range r.Areas {
			if len(a.Targets)+len(a.Tasks) > 0 {
				areas++
			}
		}
		lines = append(lines, fmt.Sprintf("%s ban hành Kế hoạch số %s ngày %s về %s, đề ra %d chỉ tiêu và %d nhiệm vụ trên %d lĩnh vực cải cách hành chính, "+
			"giao %d đơn vị thuộc, trực thuộc Sở chủ trì, phối hợp thực hiện và báo cáo kết quả định kỳ.",
			upperFirst(r.Issuer())+" đã", r.Plan.Code, domain.FormatDate(r.Plan.IssuedOn), about(r.Plan.Title), len(r.Targets), len(r.Tasks), areas, len(r.Units)))
	case "I.2":
		lines = append(lines, c.reportingSentence())
	}
	for _, a := range r.Areas {
		if !a.Direction {
			continue
		}
		for _, i := range a.Targets {
			if partOneKey(r.Targets[i].Text) == key {
				lines = append(lines, upperFirst(targetSentence(r, r.Targets[i])))
			}
		}
		for _, i := range a.Tasks {
			if partOneKey(r.Tasks[i].Text) == key {
				lines = append(lines, taskSentence(r.Tasks[i]))
			}
		}
	}
	if len(lines) == 0 {
		// the portal holds no data on it: say so plainly for the clerk to complete
		lines = append(lines, "[Phòng Cải cách hành chính bổ sung nội dung này; Cổng chưa có số liệu về "+lowerFirst(strings.SplitN(titleOf(key), ". ", 2)[1])+" trong kỳ.]")
	}
	return strings.Join(lines, "\n")
}

func titleOf(key string) string {
	for _, p := range partOne {
		if p.key == key {
			return p.title
		}
	}
	return key
}

// reportingSentence is how the units reported in the period.
func (c *composer) reportingSentence() string {
	r := c.r
	total := len(r.Units)
	onTime := 0
	covered := r.Period().Period.ID
	for _, u := range r.Reporting {
		if u.Column.Period.ID == covered && u.Counted && u.Timeliness == domain.OnTime {
			onTime++
		}
	}
	s := fmt.Sprintf("%s chỉ đạo các đơn vị thực hiện chế độ báo cáo định kỳ về cải cách hành chính trên Cổng theo dõi. "+
		"Kỳ báo cáo %s, %d/%d đơn vị có báo cáo được Phòng Cải cách hành chính phê duyệt, trong đó %d đơn vị gửi đúng hạn (hạn gửi ngày %s)",
		upperFirst(r.Issuer())+" đã", lowerFirst(periodWords(r.Year, r.Kind)), r.Approved, total, onTime, domain.FormatDate(r.Period().Period.Deadline))
	if len(r.Missing) == 0 {
		return s + "."
	}
	names := make([]string, len(r.Missing))
	for i, u := range r.Missing {
		names[i] = u.Name
	}
	return s + "; chưa tổng hợp được số liệu của " + unitList(names) + "."
}

// area drafts a section of part II: the area's targets, then its tasks.
func (c *composer) area(a export.Area) string {
	var lines []string
	for _, i := range a.Targets {
		if c.final() {
			lines = append(lines, "- "+c.path(c.r.Targets[i]))
		} else {
			lines = append(lines, "- "+targetSentence(c.r, c.r.Targets[i]))
		}
	}
	for _, i := range a.Tasks {
		lines = append(lines, "- "+taskSentence(c.r.Tasks[i]))
	}
	return strings.Join(lines, "\n")
}

// yearTarget finds a target in one year's report.
func yearTarget(y *export.Report, code string) (export.TargetRow, bool) {
	for _, t := range y.Targets {
		if t.Code == code {
			return t, true
		}
	}
	return export.TargetRow{}, false
}

// path is a target over the plan's years and its verdict at its deadline, for the
// closing report, in the words a reform officer writes it: "… (chỉ tiêu CT10): năm 2022 đạt
// 24%, năm 2023 đạt 29%, …; đến hết năm 2023 (thời hạn của Kế hoạch) đạt 29%, không đạt chỉ
// tiêu trên 30%; năm 2024 đạt 32,5%, đạt chỉ tiêu nhưng trễ hạn."
func (c *composer) path(t export.TargetRow) string {
	var steps []string
	var met, years, judged []int
	byYear := map[int]export.TargetRow{}
	for _, y := range c.years {
		yt, ok := yearTarget(y, t.Code)
		if !ok || yt.Current().Empty() {
			continue
		}
		byYear[y.Year] = yt
		years = append(years, y.Year)
		if yt.Eval.Status.Final() {
			judged = append(judged, y.Year) // a growth's first year, with nothing to grow from, is not
		}
		if yt.Eval.Status.Achieved() {
			met = append(met, y.Year)
		}
		steps = append(steps, yearStep(y.Year, yt))
	}
	s := fmt.Sprintf("%s (chỉ tiêu %s): ", subject(t), t.Code)
	if len(steps) == 0 {
		return s + "các đơn vị chưa báo cáo số liệu trong giai đoạn, chưa đủ căn cứ đánh giá."
	}
	s += strings.Join(steps, ", ") + "; "
	last := years[len(years)-1]
	if t.Commitment.EachYear || t.Commitment.DeadlineYear == 0 {
		level := strings.TrimSpace(want(t.Commitment) + " " + when(t.Commitment))
		switch {
		case len(judged) == 0:
			return s + fmt.Sprintf("chưa đủ căn cứ đánh giá chỉ tiêu %s.", level)
		case len(met) == len(judged):
			return s + fmt.Sprintf("đạt chỉ tiêu %s trong cả %d năm được đánh giá.", level, len(judged))
		case len(met) == 0:
			return s + fmt.Sprintf("không năm nào đạt chỉ tiêu %s (%d năm được đánh giá).", level, len(judged))
		}
		s += fmt.Sprintf("đạt chỉ tiêu %s trong %d/%d năm được đánh giá", level, len(met), len(judged))
		if len(met) > 0 {
			s += " (" + yearList(met) + ")"
		}
		return s + fmt.Sprintf("; năm %d %s.", last, lastYearVerdict(byYear[last]))
	}
	due := t.Commitment.DeadlineYear
	lvl := want(t.Commitment)
	at, atOK := byYear[due]
	milestone := t.Kind == domain.KindMilestone
	switch t.Eval.Status {
	case domain.StatusMet:
		if milestone {
			return s + fmt.Sprintf("đã hoàn thành trong thời hạn năm %d của Kế hoạch.", due)
		}
		return s + fmt.Sprintf("đến năm %d đạt chỉ tiêu %s của Kế hoạch.", due, lvl)
	case domain.StatusMetLate:
		first := 0
		for _, y := range years {
			if y > due && byYear[y].Eval.Status.Achieved() {
				first = y
				break
			}
		}
		if milestone {
			s += fmt.Sprintf("chưa hoàn thành trong thời hạn năm %d của Kế hoạch", due)
		} else if atOK {
			s += fmt.Sprintf("đến hết năm %d (thời hạn của Kế hoạch) đạt %s, không đạt chỉ tiêu %s", due, lowerFirst(export.ValueText(at, at.Current())), lvl)
		} else {
			s += fmt.Sprintf("đến hết năm %d (thời hạn của Kế hoạch) chưa có số liệu, không đạt chỉ tiêu %s", due, lvl)
		}
		if first != 0 {
			if milestone {
				return s + fmt.Sprintf("; đến năm %d đã hoàn thành nhưng trễ hạn.", first)
			}
			return s + fmt.Sprintf("; đến năm %d đạt %s, đạt chỉ tiêu nhưng trễ hạn.", first, lowerFirst(export.ValueText(byYear[first], byYear[first].Current())))
		}
		return s + "; sau đó đã đạt chỉ tiêu nhưng trễ hạn."
	case domain.StatusNotKept:
		now := byYear[last]
		return s + fmt.Sprintf("đạt chỉ tiêu %s trong thời hạn năm %d của Kế hoạch nhưng không duy trì được: năm %d còn %s.",
			lvl, due, last, lowerFirst(export.ValueText(now, now.Current())))
	case domain.StatusMissed:
		if milestone {
			return s + fmt.Sprintf("đến hết năm %d (thời hạn của Kế hoạch) chưa hoàn thành, không đạt chỉ tiêu.", due)
		}
		if atOK {
			return s + fmt.Sprintf("đến hết năm %d (thời hạn của Kế hoạch) đạt %s, không đạt chỉ tiêu %s.", due, lowerFirst(export.ValueText(at, at.Current())), lvl)
		}
		return s + fmt.Sprintf("không đạt chỉ tiêu %s đến năm %d của Kế hoạch.", lvl, due)
	}
	return s + fmt.Sprintf("chưa đủ căn cứ đánh giá chỉ tiêu %s đến năm %d của Kế hoạch.", lvl, due)
}

// yearStep is one year of a target's path: "năm 2023 đạt 61%", "năm 2023 tăng 21 điểm phần
// trăm (từ 40% lên 61%)" for a growth, "năm 2022 chưa hoàn thành" for a milestone.
func yearStep(year int, yt export.TargetRow) string {
	cur := yt.Current()
	switch {
	case cur.Done != nil && *cur.Done:
		return fmt.Sprintf("năm %d đã hoàn thành", year)
	case cur.Done != nil:
		return fmt.Sprintf("năm %d chưa hoàn thành", year)
	case yt.Kind == domain.KindGrowth && yt.Eval.Gain != nil && yt.Eval.From != nil:
		return fmt.Sprintf("năm %d %s", year, gainWords(*yt.Eval.Gain, *yt.Eval.From, *cur.Value))
	}
	return fmt.Sprintf("năm %d đạt %s", year, lowerFirst(export.ValueText(yt, cur)))
}

// lastYearVerdict is the verdict of a target judged each year, for its last year: "đạt
// chỉ tiêu", "không đạt chỉ tiêu", and for a growth the increase and what it needed.
func lastYearVerdict(yt export.TargetRow) string {
	ev := yt.Eval
	if yt.Kind == domain.KindGrowth && ev.Required != nil && ev.Gain != nil {
		need := requiredWords(yt.Commitment, ev)
		if ev.Status.Achieved() {
			return "đạt " + need
		}
		return "không đạt " + need
	}
	switch ev.Status {
	case domain.StatusMet, domain.StatusMetLate:
		return "đạt chỉ tiêu"
	case domain.StatusNotKept:
		return "không duy trì được mức đã đạt"
	case domain.StatusMissed:
		return "không đạt chỉ tiêu"
	}
	return "chưa đủ căn cứ đánh giá"
}

// yearList is "năm 2024, 2025".
func yearList(ys []int) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = strconv.Itoa(y)
	}
	return "năm " + strings.Join(parts, ", ")
}

func (c *composer) counts() (met, onTrack, weak int, done int) {
	for _, t := range c.r.Targets {
		switch t.Eval.Status {
		case domain.StatusMet, domain.StatusMetLate:
			met++
		case domain.StatusOnTrack:
			onTrack++
		case domain.StatusMissed, domain.StatusNotKept, domain.StatusAtRisk:
			weak++
		}
	}
	for _, t := range c.r.Tasks {
		if t.Progress == domain.ProgressDone {
			done++
		}
	}
	return
}

// strengths drafts part III.1: what was achieved, in figures.
func (c *composer) strengths() string {
	r := c.r
	met, onTrack, _, done := c.counts()
	s := fmt.Sprintf("%s, công tác cải cách hành chính của %s được triển khai theo Kế hoạch số %s; %d/%d chỉ tiêu đạt",
		upperFirst(c.phrase()), r.Issuer(), r.Plan.Code, met, len(r.Targets))
	if onTrack > 0 {
		s += fmt.Sprintf(", %d chỉ tiêu đúng tiến độ", onTrack)
	}
	s += fmt.Sprintf("; %d/%d nhiệm vụ đã hoàn thành.", done, len(r.Tasks))
	lines := []string{s}
	for _, t := range r.Targets {
		if t.Eval.Status == domain.StatusMet {
			v := export.ValueText(t, t.Current())
			if t.Kind == domain.KindMilestone {
				lines = append(lines, fmt.Sprintf("- %s (chỉ tiêu %s): đã hoàn thành.", subject(t), t.Code))
			} else if t.Kind == domain.KindGrowth && t.Eval.Gain != nil && t.Eval.From != nil && t.Current().Value != nil {
				lines = append(lines, fmt.Sprintf("- %s (chỉ tiêu %s): năm %d %s.", subject(t), t.Code, r.Year, gainWords(*t.Eval.Gain, *t.Eval.From, *t.Current().Value)))
			} else {
				lines = append(lines, fmt.Sprintf("- %s (chỉ tiêu %s): đạt %s.", subject(t), t.Code, v))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// weaknesses drafts part III.2: the targets not met or at risk with their reasons, the
// tasks behind, and the difficulties the units reported.
func (c *composer) weaknesses() string {
	r := c.r
	var lines []string
	for _, t := range r.Targets {
		switch t.Eval.Status {
		case domain.StatusMissed, domain.StatusNotKept, domain.StatusAtRisk, domain.StatusNoData:
		default:
			continue
		}
		line := "- " + targetSentence(r, t)
		if c.final() {
			line = "- " + c.path(t)
		}
		if why := c.reasons(t.Code); why != "" {
			line += " Nguyên nhân: " + why
		}
		lines = append(lines, line)
	}
	for _, t := range r.Tasks {
		if t.Progress == domain.ProgressOverdue || t.Progress == domain.ProgressNotStarted {
			lines = append(lines, "- "+taskSentence(t))
		}
	}
	var general []string
	for _, n := range r.Difficulty {
		general = append(general, strings.TrimRight(n.Text, "."))
	}
	if len(general) > 0 {
		lines = append(lines, "Các đơn vị phản ánh một số khó khăn, vướng mắc: "+lowerFirst(strings.Join(general, "; "))+".")
	}
	if len(lines) == 0 {
		return upperFirst(c.phrase()) + ", các chỉ tiêu, nhiệm vụ cải cách hành chính đều đạt yêu cầu; các đơn vị không phản ánh khó khăn, vướng mắc."
	}
	return strings.Join(lines, "\n")
}

// reasons are the difficulties units wrote on a target, as a clause.
func (c *composer) reasons(code string) string {
	var out []string
	for _, n := range c.r.Difficulty {
		for _, it := range n.Items {
			if it == code {
				out = append(out, lowerFirst(strings.TrimRight(n.Text, ".")))
				break
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "; ") + "."
}

// nextTitle is what part IV looks ahead to.
func (c *composer) nextTitle() string {
	if c.final() {
		return "GIAI ĐOẠN TIẾP THEO"
	}
	switch c.r.Kind {
	case domain.PeriodYear:
		return "NĂM " + strconv.Itoa(c.r.Year+1)
	case domain.PeriodQ3:
		return "QUÝ IV NĂM " + strconv.Itoa(c.r.Year)
	}
	return "KỲ TỚI"
}

// next drafts part IV from what is left to do.
func (c *composer) next() string {
	r := c.r
	lines := []string{fmt.Sprintf("%s tập trung thực hiện các nhiệm vụ trọng tâm sau:", upperFirst(r.Issuer()))}
	if c.final() || (r.Kind == domain.PeriodYear && r.Year >= r.Plan.EndYear) {
		lines = append(lines, fmt.Sprintf("- Tổng kết, rút kinh nghiệm việc thực hiện Kế hoạch số %s; xây dựng, triển khai Kế hoạch cải cách hành chính giai đoạn tiếp theo, kế thừa các chỉ tiêu chưa đạt.", r.Plan.Code))
	} else {
		lines = append(lines, fmt.Sprintf("- Tiếp tục triển khai đồng bộ các nhiệm vụ của Kế hoạch số %s.", r.Plan.Code))
	}
	for _, t := range r.Targets {
		if s := t.Eval.Status; s == domain.StatusMissed || s == domain.StatusNotKept || s == domain.StatusAtRisk || s == domain.StatusNoData {
			lines = append(lines, fmt.Sprintf("- Tập trung thực hiện chỉ tiêu %s: %s (chỉ tiêu %s).", t.Code, lowerFirst(subject(t)),
				strings.TrimSpace(want(t.Commitment)+" "+when(t.Commitment))))
		}
	}
	for _, t := range r.Tasks {
		if t.Progress != domain.ProgressDone {
			lines = append(lines, fmt.Sprintf("- Đẩy nhanh tiến độ nhiệm vụ %s: %s (%s chủ trì).", t.Code, lowerFirst(strings.TrimRight(t.Text, ".;")), t.Lead.Name))
		}
	}
	if len(r.Missing) > 0 {
		lines = append(lines, "- Chỉ đạo các đơn vị báo cáo đầy đủ, đúng hạn, kèm tài liệu kiểm chứng trên Cổng theo dõi.")
	}
	return strings.Join(lines, "\n")
}

// proposals drafts part V: what the department asks of the bodies above it. A unit's
// proposal to the department itself stays among the sources for the department to settle.
func (c *composer) proposals() string {
	var province, ministry []string
	for _, n := range c.r.Proposals {
		low := strings.ToLower(n.Text)
		switch {
		case strings.Contains(low, "bộ nội vụ") || strings.Contains(low, "trung ương") || strings.Contains(low, "chính phủ"):
			ministry = append(ministry, "- "+n.Text)
		case strings.Contains(low, "ubnd tỉnh") || strings.Contains(low, "ủy ban nhân dân tỉnh") || strings.Contains(low, "tỉnh"):
			province = append(province, "- "+n.Text)
		}
	}
	var weak []string
	for _, t := range c.r.Targets {
		if s := t.Eval.Status; s == domain.StatusMissed || s == domain.StatusNotKept || s == domain.StatusAtRisk {
			weak = append(weak, t.Code)
		}
	}
	if len(weak) > 0 {
		province = append(province, fmt.Sprintf("- Quan tâm chỉ đạo, hỗ trợ nguồn lực để %s hoàn thành các chỉ tiêu chưa đạt của Kế hoạch (%s).",
			c.r.Issuer(), strings.Join(weak, ", ")))
	}
	lines := []string{"1. Đối với Ủy ban nhân dân tỉnh:"}
	if len(province) == 0 {
		province = append(province, "- Tiếp tục quan tâm chỉ đạo, tạo điều kiện để "+c.r.Issuer()+" thực hiện các nhiệm vụ cải cách hành chính "+c.nextPhrase()+".")
	}
	lines = append(lines, province...)
	lines = append(lines, "2. Đối với Bộ Nội vụ:")
	if len(ministry) == 0 {
		ministry = append(ministry, "- Tiếp tục hướng dẫn, tập huấn nghiệp vụ về cải cách hành chính và chế độ báo cáo định kỳ.")
	}
	return strings.Join(append(lines, ministry...), "\n")
}

func (c *composer) nextPhrase() string {
	if c.final() || c.r.Kind == domain.PeriodYear {
		return "trong thời gian tới"
	}
	return "trong những tháng cuối năm"
}

// appendix is the figures' table: each target's required level and result (each year's,
// for the closing report) with the verdict.
func (c *composer) appendix() reportdoc.Appendix {
	r := c.r
	a := reportdoc.Appendix{Title: "Phụ lục",
		Subtitle: "SỐ LIỆU CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH " + strings.ToUpper(summaryPhrase(r.Year, r.Kind))}
	a.Columns = []string{"STT", "Chỉ tiêu", "Chỉ tiêu Kế hoạch", "Kết quả", "Đánh giá"}
	if c.final() {
		a.Subtitle = fmt.Sprintf("SỐ LIỆU CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN %d–%d", r.Plan.StartYear, r.Plan.EndYear)
		a.Columns = []string{"STT", "Chỉ tiêu", "Chỉ tiêu Kế hoạch"}
		for _, y := range c.years {
			a.Columns = append(a.Columns, "Năm "+strconv.Itoa(y.Year))
		}
		a.Columns = append(a.Columns, "Đánh giá")
	}
	for i, t := range r.Targets {
		row := []string{strconv.Itoa(i + 1), t.Code + ". " + subject(t), upperFirst(strings.TrimSpace(want(t.Commitment) + " " + when(t.Commitment)))}
		if c.final() {
			for _, y := range c.years {
				v := "—"
				if yt, ok := yearTarget(y, t.Code); ok {
					if s := export.ValueText(yt, yt.Current()); s != "" {
						v = s
					}
				}
				row = append(row, v)
			}
		} else {
			v := export.ValueText(t, t.Current())
			if v == "" {
				v = "—"
			}
			row = append(row, v)
		}
		due := c.final() || r.Kind == domain.PeriodYear
		row = append(row, upperFirst(verdict(t.Eval.Status, due)))
		a.Rows = append(a.Rows, row)
	}
	return a
}

// about is a plan's title after "Kế hoạch số … về": "Kế hoạch cải cách hành chính …" →
// "cải cách hành chính …", so the words "kế hoạch" are not said twice.
func about(title string) string {
	t := strings.TrimSpace(title)
	if low := strings.ToLower(t); strings.HasPrefix(low, "kế hoạch ") {
		return strings.TrimSpace(t[len("kế hoạch "):])
	}
	return lowerFirst(t)
}

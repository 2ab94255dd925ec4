package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// Sheet names of the workbook, in order.
const (
	SheetSummary   = "Tổng hợp"
	SheetTargets   = "Chỉ tiêu"
	SheetTasks     = "Nhiệm vụ"
	SheetReporting = "Tình hình báo cáo"
	SheetEvidence  = "Tài liệu kiểm chứng"
)

// HeaderRow is the row of column headings on every sheet; the rows above it hold the
// title, plan and period, the rows below it the data.
const HeaderRow = 5

// maxCellText is Excel's limit on a cell's text.
const maxCellText = 32767

// WriteXLSX writes the report's workbook. Sheets are streamed (excelize StreamWriter),
// so a province's workbook does not sit in memory as cells.
func WriteXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sheets := []sheetSpec{r.summarySheet(st), r.targetSheet(st), r.taskSheet(st), r.reportingSheet(st), r.evidenceSheet(st)}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return fmt.Errorf("export: xlsx sheet %s: %w", s.name, err)
		}
		if err := r.writeSheet(f, st, s); err != nil {
			return fmt.Errorf("export: xlsx sheet %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Summary(), Subject: r.Plan.Code, Creator: r.Scope.Name,
		Language: "vi-VN", Created: r.GeneratedAt.UTC().Format(time.RFC3339)}); err != nil {
		return fmt.Errorf("export: xlsx properties: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: write xlsx: %w", err)
	}
	return nil
}

type styles struct {
	title, subtitle, notice, header, text, center, number, integer, date, bold, boldNumber int
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	numFmt := "#,##0.0#"
	intFmt := "#,##0"
	dateFmt := "dd/mm/yyyy"
	defs := []*excelize.Style{
		{Font: font(true, 14)},
		{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Italic: true}},
		{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true, Color: "9C0006"}},
		{Font: font(true, 12), Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 12), Border: border, Alignment: top},
		{Font: font(false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}},
		{Font: font(false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, CustomNumFmt: &numFmt},
		{Font: font(false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, CustomNumFmt: &intFmt},
		{Font: font(false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: &dateFmt},
		{Font: font(true, 12), Border: border, Alignment: top},
		{Font: font(true, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top"}, CustomNumFmt: &intFmt},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, fmt.Errorf("export: xlsx style: %w", err)
		}
		ids[i] = id
	}
	return styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9], ids[10]}, nil
}

// column is a sheet's column: its heading and width in characters.
type column struct {
	head  string
	width float64
}

// sheetSpec describes a sheet: its columns and a function that emits its rows.
type sheetSpec struct {
	name    string
	title   string
	columns []column
	rows    func(emit func(cells ...any) error) error
}

func (r *Report) basisLine() string {
	s := "Kỳ báo cáo: " + domain.PeriodLabel(r.Year, r.Kind, domain.LangVI) + ". Phạm vi: " + r.Scope.Name
	if r.ScopeAll {
		s += " (toàn bộ đơn vị)"
	} else {
		s += " và các đơn vị trực thuộc"
	}
	s += ". Số liệu: "
	if r.IncludeSubmitted {
		s += "đã phê duyệt và đã gửi chưa phê duyệt."
	} else {
		s += "chỉ báo cáo đã được phê duyệt."
	}
	return s + " Lập ngày " + domain.FormatDateTime(r.GeneratedAt) + "."
}

func (r *Report) writeSheet(f *excelize.File, st styles, s sheetSpec) error {
	// Print setup lives in the worksheet that the stream writer serialises on Flush,
	// so it is set before streaming starts.
	a4, landscape, one, zero := 9, "landscape", 1, 0
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: m(0.6), Right: m(0.4), Top: m(0.6),
		Bottom: m(0.6), Header: m(0.3), Footer: m(0.3)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(s.columns))
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", s.name, HeaderRow, HeaderRow)}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	for i, c := range s.columns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: HeaderRow, TopLeftCell: fmt.Sprintf("A%d", HeaderRow+1),
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	lines := []struct {
		text  string
		style int
	}{
		{s.title, st.title},
		{"Kế hoạch số " + r.Plan.Code + ": " + r.Plan.Title, st.subtitle},
		{r.basisLine(), st.subtitle},
		{r.Notice(), st.notice},
	}
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: l.style, Value: domain.SheetText(norm.NFC.String(l.text))}}); err != nil {
			return err
		}
		if err := sw.MergeCell(cell, fmt.Sprintf("%s%d", last, i+1)); err != nil {
			return err
		}
	}
	head := make([]any, len(s.columns))
	for i, c := range s.columns {
		head[i] = excelize.Cell{StyleID: st.header, Value: domain.SheetText(c.head)}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", HeaderRow), head, excelize.RowOpts{Height: 33}); err != nil {
		return err
	}
	row := HeaderRow
	err = s.rows(func(cells ...any) error {
		row++
		// Every text cell passes through domain.SheetText, the escaping the CSV uses too.
		for i, c := range cells {
			switch v := c.(type) {
			case excelize.Cell:
				if t, ok := v.Value.(string); ok {
					v.Value = clip(domain.SheetText(norm.NFC.String(t)))
					cells[i] = v
				}
			case string:
				cells[i] = clip(domain.SheetText(norm.NFC.String(v)))
			}
		}
		return sw.SetRow("A"+strconv.Itoa(row), cells)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

func clip(s string) string {
	if len(s) <= maxCellText {
		return s
	}
	r := []rune(s)
	if len(r) <= maxCellText {
		return s
	}
	return string(r[:maxCellText-1]) + "…"
}

// cell helpers: a styled value, or an empty bordered cell for nil.
func (st styles) txt(s string) excelize.Cell { return excelize.Cell{StyleID: st.text, Value: s} }
func (st styles) mid(s string) excelize.Cell { return excelize.Cell{StyleID: st.center, Value: s} }
func (st styles) n(v int) excelize.Cell      { return excelize.Cell{StyleID: st.integer, Value: v} }
func (st styles) day(t *time.Time) excelize.Cell {
	if t == nil {
		return excelize.Cell{StyleID: st.date}
	}
	y, m, d := t.In(domain.Location).Date()
	return excelize.Cell{StyleID: st.date, Value: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// value is a target's cell: a number with the number format, a milestone's word, or blank.
func (st styles) value(t TargetRow, c Cell) excelize.Cell {
	switch {
	case c.Done != nil:
		return st.mid(ValueText(t, c))
	case c.Value == nil:
		return excelize.Cell{StyleID: st.number}
	case t.Kind == domain.KindCount:
		return excelize.Cell{StyleID: st.integer, Value: *c.Value}
	}
	return excelize.Cell{StyleID: st.number, Value: *c.Value}
}

func (r *Report) areaName(id int64) string {
	for _, a := range r.Areas {
		if a.ID == id {
			return a.Name
		}
	}
	return ""
}

func (r *Report) summarySheet(st styles) sheetSpec {
	cols := []column{{"STT", 6}, {"Lĩnh vực cải cách hành chính", 44}, {"Số chỉ tiêu", 10}}
	statuses := []domain.TargetStatus{domain.StatusMet, domain.StatusMetLate, domain.StatusOnTrack, domain.StatusAtRisk, domain.StatusMissed, domain.StatusNotKept, domain.StatusNoData}
	for _, s := range statuses {
		cols = append(cols, column{s.Label(domain.LangVI), 12})
	}
	cols = append(cols, column{"Số nhiệm vụ", 10})
	progress := append(domain.AllTaskProgress(), "")
	for _, p := range progress {
		cols = append(cols, column{progressLabel(p), 12})
	}
	return sheetSpec{name: SheetSummary, title: "TỔNG HỢP KẾT QUẢ THEO LĨNH VỰC CẢI CÁCH HÀNH CHÍNH — " + strings.ToUpper(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)),
		columns: cols, rows: func(emit func(...any) error) error {
			total := make([]int, 2+len(statuses)+len(progress))
			n := 0
			for _, a := range r.Areas {
				if len(a.Targets)+len(a.Tasks) == 0 {
					continue
				}
				n++
				counts := make([]int, len(total))
				counts[0] = len(a.Targets)
				for _, i := range a.Targets {
					for j, s := range statuses {
						if r.Targets[i].Eval.Status == s {
							counts[1+j]++
						}
					}
				}
				counts[1+len(statuses)] = len(a.Tasks)
				for _, i := range a.Tasks {
					for j, p := range progress {
						if r.Tasks[i].Progress == p {
							counts[2+len(statuses)+j]++
						}
					}
				}
				cells := []any{st.n(n), st.txt(a.Name)}
				for j, c := range counts {
					cells = append(cells, st.n(c))
					total[j] += c
				}
				if err := emit(cells...); err != nil {
					return err
				}
			}
			cells := []any{st.txt(""), excelize.Cell{StyleID: st.bold, Value: "Tổng cộng"}}
			for _, c := range total {
				cells = append(cells, excelize.Cell{StyleID: st.boldNumber, Value: c})
			}
			if err := emit(cells...); err != nil {
				return err
			}
			if err := emit(); err != nil {
				return err
			}
			missing := make([]string, len(r.Missing))
			for i, u := range r.Missing {
				missing[i] = u.Name
			}
			facts := [][2]string{
				{"Đơn vị phải báo cáo", strconv.Itoa(len(r.Units))},
				{"Có báo cáo được phê duyệt", strconv.Itoa(r.Approved)},
				{"Đã gửi, chờ phê duyệt", strconv.Itoa(r.Submitted)},
				{"Chưa có số liệu được tổng hợp", strings.Join(missing, "; ")},
				{"Tài liệu kiểm chứng", strconv.Itoa(len(r.Evidence))},
			}
			for _, f := range facts {
				if err := emit(st.txt(""), excelize.Cell{StyleID: st.bold, Value: f[0]}, st.txt(f[1])); err != nil {
					return err
				}
			}
			return nil
		}}
}

func progressLabel(p domain.TaskProgress) string {
	if p == "" {
		return "Chưa báo cáo"
	}
	return p.Label(domain.LangVI)
}

func (r *Report) targetSheet(st styles) sheetSpec {
	cols := []column{{"STT", 6}, {"Mã", 8}, {"Lĩnh vực", 24}, {"Chỉ tiêu", 52}, {"Loại chỉ tiêu", 14}, {"Đơn vị tính", 10}, {"Mức chỉ tiêu", 22}}
	for _, c := range r.Columns {
		cols = append(cols, column{c.Label + " " + strconv.Itoa(r.Year), 12})
	}
	cols = append(cols, column{"Đơn vị có số liệu", 11}, column{"Đánh giá", 14}, column{"Căn cứ đánh giá", 60}, column{"Cách tính số liệu kỳ báo cáo", 40})
	return sheetSpec{name: SheetTargets, title: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU — " + strings.ToUpper(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)),
		columns: cols, rows: func(emit func(...any) error) error {
			for i, t := range r.Targets {
				cells := []any{st.n(i + 1), st.mid(t.Code), st.txt(r.areaName(t.AreaID)), st.txt(t.Text),
					st.txt(t.Kind.Label(domain.LangVI)), st.mid(t.MeasureUnit), st.txt(t.Commitment.Text(domain.LangVI))}
				for _, c := range t.Cells {
					cells = append(cells, st.value(t, c))
				}
				cells = append(cells, st.mid(fmt.Sprintf("%d/%d", t.Current().Units, t.Assigned)),
					st.txt(t.Eval.Status.Label(domain.LangVI)), st.txt(t.Eval.Reason.Text(i18n.VI)), st.txt(t.Current().Basis))
				if err := emit(cells...); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) taskSheet(st styles) sheetSpec {
	cols := []column{{"STT", 6}, {"Mã", 8}, {"Lĩnh vực", 24}, {"Nhiệm vụ", 48}, {"Đơn vị chủ trì", 22}, {"Đơn vị phối hợp", 22},
		{"Thời hạn", 12}, {"Sản phẩm", 30}, {"Tiến độ", 15}, {"Đơn vị đã báo cáo", 11}, {"Tình hình thực hiện", 70}}
	return sheetSpec{name: SheetTasks, title: "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ — " + strings.ToUpper(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)),
		columns: cols, rows: func(emit func(...any) error) error {
			for i, t := range r.Tasks {
				var b strings.Builder
				for j, n := range t.Notes {
					if j > 0 {
						b.WriteString("\n")
					}
					b.WriteString(strings.Join(n.Units, ", ") + ": " + strings.TrimSpace(n.Text))
				}
				if err := emit(st.n(i+1), st.mid(t.Code), st.txt(r.areaName(t.AreaID)), st.txt(t.Text), st.txt(t.Lead.Name),
					st.txt(strings.Join(t.Cooperating, "; ")), st.mid(t.Deadline), st.txt(t.Output), st.txt(progressLabel(t.Progress)),
					st.mid(fmt.Sprintf("%d/%d", t.Reported, t.Assigned)), st.txt(b.String())); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) reportingSheet(st styles) sheetSpec {
	cols := []column{{"STT", 6}, {"Mã đơn vị", 10}, {"Đơn vị", 40}, {"Kỳ báo cáo", 16}, {"Hạn nộp", 12}, {"Ngày gửi", 12},
		{"Ngày phê duyệt", 12}, {"Trạng thái", 16}, {"Thời hạn", 18}, {"Được tổng hợp", 12}}
	return sheetSpec{name: SheetReporting, title: "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ — " + strings.ToUpper(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)),
		columns: cols, rows: func(emit func(...any) error) error {
			for i, u := range r.Reporting {
				status := "Chưa báo cáo"
				if u.Status != "" {
					status = domain.ReportStatus(u.Status).Label(domain.LangVI)
				}
				counted := "Không"
				if u.Counted {
					counted = "Có"
				}
				deadline := u.Column.Period.Deadline
				if err := emit(st.n(i+1), st.mid(u.Unit.Code), st.txt(u.Unit.Name),
					st.txt(domain.PeriodLabel(u.Column.Period.Year, u.Column.Kind, domain.LangVI)),
					st.day(&deadline), st.day(u.SubmittedAt), st.day(u.ApprovedAt), st.txt(status),
					st.txt(u.Timeliness.Label(domain.LangVI)), st.mid(counted)); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (r *Report) evidenceSheet(st styles) sheetSpec {
	cols := []column{{"STT", 6}, {"Số, ký hiệu", 16}, {"Ngày văn bản", 12}, {"Cơ quan ban hành", 32}, {"Tên tệp", 48},
		{"Đơn vị gửi", 30}, {"Kỳ báo cáo", 12}, {"Chỉ tiêu / nhiệm vụ", 12}}
	return sheetSpec{name: SheetEvidence, title: "DANH MỤC TÀI LIỆU KIỂM CHỨNG — " + strings.ToUpper(domain.PeriodLabel(r.Year, r.Kind, domain.LangVI)),
		columns: cols, rows: func(emit func(...any) error) error {
			for i, e := range r.Evidence {
				if err := emit(st.n(i+1), st.txt(e.Number), st.day(e.Date), st.txt(e.Issuer), st.txt(e.FileName),
					st.txt(e.Unit.Name), st.mid(e.Period), st.mid(e.Item)); err != nil {
					return err
				}
			}
			return nil
		}}
}

package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/text/unicode/norm"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

// CSVHeader is the first row of the raw results.
var CSVHeader = []string{"Mã đơn vị", "Đơn vị", "Năm", "Kỳ báo cáo", "Mã chỉ tiêu", "Chỉ tiêu", "Loại chỉ tiêu",
	"Đơn vị tính", "Giá trị", "Hoàn thành", "Ngày hoàn thành", "Thuyết minh", "Trạng thái báo cáo", "Ngày gửi", "Ngày phê duyệt",
	"Chỉ tiêu áp dụng", "Đánh giá chỉ tiêu", "Lý do đánh giá"}

// WriteCSV streams the raw results the report counts, one row per unit × target × period,
// as UTF-8 with a byte-order mark so that Excel reads the Vietnamese correctly. Values are
// written with a decimal point, as raw data for other tools; dates are dd/mm/yyyy. The last
// columns carry the target's verdict as of the row's period over the report's scope, the
// dashboard's and the other exports' verdict and reason, with the commitment in force for
// the row's year.
func WriteCSV(ctx context.Context, w io.Writer, st store.Store, r *Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	targets := make(map[int64]*TargetRow, len(r.Targets))
	for i := range r.Targets {
		targets[r.Targets[i].ID] = &r.Targets[i]
	}
	periods := map[int64]Column{}
	colOf := map[int64]int{}
	for i, c := range r.Columns {
		periods[c.Period.ID] = c
		colOf[c.Period.ID] = i
	}
	rec := make([]string, len(CSVHeader))
	out := make([]string, len(CSVHeader))
	err := st.EachExportResult(ctx, r.Filter(), func(v store.ExportResultRow) error {
		t, c := targets[v.TargetID], periods[v.PeriodID]
		if t == nil {
			return nil
		}
		u := r.units[v.UnitID]
		rec[0], rec[1] = u.Code, spreadsheetSafe(u.Name)
		rec[2], rec[3] = strconv.Itoa(c.Period.Year), domain.PeriodLabel(c.Period.Year, c.Kind, domain.LangVI)
		rec[4], rec[5], rec[6], rec[7] = t.Code, spreadsheetSafe(t.Text), t.Kind.Label(domain.LangVI), spreadsheetSafe(t.MeasureUnit)
		rec[8], rec[9], rec[10] = "", "", ""
		if v.Value != nil {
			rec[8] = strconv.FormatFloat(*v.Value, 'f', -1, 64)
		}
		if v.Done != nil {
			rec[9] = "Không"
			if *v.Done {
				rec[9] = "Có"
			}
		}
		if v.DoneOn != nil {
			rec[10] = domain.FormatDate(*v.DoneOn)
		}
		rec[11] = spreadsheetSafe(norm.NFC.String(v.Narrative))
		rec[12] = domain.ReportStatus(v.ReportStatus).Label(domain.LangVI)
		rec[13], rec[14] = "", ""
		if v.SubmittedAt != nil {
			rec[13] = domain.FormatDateTime(*v.SubmittedAt)
		}
		if v.ApprovedAt != nil {
			rec[14] = domain.FormatDateTime(*v.ApprovedAt)
		}
		rec[15], rec[16], rec[17] = "", "", ""
		if i, ok := colOf[v.PeriodID]; ok && i < len(t.Evals) {
			ev := t.Evals[i]
			rec[15] = ev.InForce.Text(domain.LangVI)
			rec[16], rec[17] = ev.Status.Label(domain.LangVI), ev.Reason.Text(i18n.VI)
		}
		return cw.Write(sheetRecord(out, rec))
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

// spreadsheetSafe is domain.SheetText, the one escaping function for text cells.
func spreadsheetSafe(s string) string { return domain.SheetText(s) }

// sheetRecord passes every cell of a CSV record through domain.SheetText (numbers come
// out unchanged), so a column added later cannot forget it.
func sheetRecord(out, rec []string) []string {
	out = out[:0]
	for _, c := range rec {
		out = append(out, domain.SheetText(c))
	}
	return out
}

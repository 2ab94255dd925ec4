package planxlsx

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/vn-cchc/cchc/internal/domain"
)

// Raw is an uploaded workbook's cell values by sheet name, rows as the file has them
// (row i is spreadsheet line i+1). A sheet the file lacks is absent.
type Raw map[string][][]string

// ErrUnreadable means the upload is not an XLSX workbook (or is damaged or too large).
var ErrUnreadable = errors.New("planxlsx: not a readable XLSX workbook")

// MaxRows bounds each sheet: a plan has tens to about a hundred targets and tasks.
const MaxRows = 2000

// Read loads the cells of the template's sheets. Cell values are raw (no number
// format applied), so numbers and dates come back as Excel stores them; Check reads both.
func Read(r io.Reader) (Raw, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true, UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer f.Close()
	raw := Raw{}
	for _, name := range []string{SheetPlan, SheetTargets, SheetTasks, SheetAssign} {
		idx, err := f.GetSheetIndex(name)
		if err != nil || idx < 0 {
			continue
		}
		rows, err := f.Rows(name)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		var out [][]string
		for rows.Next() {
			if len(out) > MaxRows+1 {
				break // Check reports the sheet as too long
			}
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				_ = rows.Close()
				return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
			}
			for i, c := range cols {
				cols[i] = domain.UnSheetText(c) // the portal's own template escapes formula-like text
			}
			out = append(out, cols)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		raw[name] = out
	}
	return raw, nil
}

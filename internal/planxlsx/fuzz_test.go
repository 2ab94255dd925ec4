package planxlsx_test

import (
	"reflect"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/planxlsx"
)

// FuzzParseTargetRow feeds arbitrary cells to the targets-sheet row parser. It must never
// panic, every problem must have both messages, and a row it accepts must come back
// unchanged from the cells the template writes for it (TestWriteThenReadGivesTheSamePlan
// covers the same cells through a real workbook).
// The committed corpus is in testdata/fuzz/FuzzParseTargetRow.
func FuzzParseTargetRow(f *testing.F) {
	f.Add("CT01", "tthc", "Tỷ lệ hồ sơ trực tuyến", "Tỷ lệ (%)", "≥", "80.5", "%", "", "", "x", "2028: ≥ 90")
	f.Fuzz(func(t *testing.T, code, area, text, kind, op, value, unit, baseline, deadline, each, schedule string) {
		rec := map[string]string{"code": code, "area": area, "text": text, "kind": kind, "op": op, "value": value,
			"measure_unit": unit, "baseline": baseline, "deadline_year": deadline, "each_year": each, "schedule": schedule}
		spec, ps := domain.ParseTarget(planxlsx.ParseTargetRow(rec), refs)
		for _, p := range ps {
			if vi, en := p.Text(domain.LangVI), p.Text(domain.LangEN); vi == "" || en == "" || vi == p.Msg.Key || p.Field == "" {
				t.Fatalf("problem without message or field: %+v", p)
			}
		}
		if len(ps) > 0 {
			return
		}
		// Writing the accepted target and reading it back gives the same target.
		back, ps := domain.ParseTarget(planxlsx.ParseTargetRow(planxlsx.TargetRecord(spec)), refs)
		if len(ps) > 0 || !reflect.DeepEqual(back, spec) {
			t.Fatalf("accepted row %q changed through the template:\n got %+v %v\nwant %+v", rec, back, ps, spec)
		}
	})
}

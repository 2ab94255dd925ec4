package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// TestRatioTargetEnteredAndSummedByCounts: a target defined as hồ sơ đúng hạn / hồ sơ
// tiếp nhận is reported as two counts; a bad pair gets a Vietnamese message and keeps what
// was typed; the unit's value is the percentage; and a figure over several units is Σ
// numerators / Σ denominators (46/60 = 76,67%), not the mean of 90% and 10%, and says so.
func TestRatioTargetEnteredAndSummedByCounts(t *testing.T) {
	f := getFixture(t)
	ctx := context.Background()
	p := newPortal(t, nil)
	u1, u2 := newUnit(t, nil, nil), newUnit(t, nil, nil)
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := f.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	// u2 sits under u1, so u1's dashboard counts both; u1 sits under top, whose drill-down
	// has a row for u1 that must be the ratio of their sums too
	top := newUnit(t, nil, nil)
	exec(`UPDATE units SET parent_id = $1 WHERE id = $2`, top.ID, u1.ID)
	exec(`UPDATE units SET parent_id = $1 WHERE id = $2`, u1.ID, u2.ID)
	var plan, target int64
	if err := f.pool.QueryRow(ctx, `INSERT INTO plans (code, title, issued_on, start_year, end_year, status)
		VALUES ($1, 'Kế hoạch thử chỉ tiêu tỷ lệ', '2020-01-02', $2, $2, 'active') RETURNING id`,
		"TL/"+u1.Code, f.open.Year).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	if err := f.pool.QueryRow(ctx, `INSERT INTO targets (plan_id, area_id, code, text, kind, op, value, measure_unit, each_year, numerator_label, denominator_label)
		VALUES ($1, (SELECT id FROM reform_areas WHERE key = 'tthc'), 'CT06', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'percent', '>=', 95, '%', true,
			'hồ sơ giải quyết đúng hạn', 'hồ sơ tiếp nhận') RETURNING id`, plan).Scan(&target); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO target_assignments (target_id, unit_id) VALUES ($1, $2), ($1, $3)`, target, u1.ID, u2.ID)
	key := targetKey(target)

	staff := p.login(t, u1.Staff)
	form := staff.Get(formURL(u1, f.open))
	for _, want := range []string{`input[name="` + key + `_num"]`, `input[name="` + key + `_den"]`} {
		if !form.Has(want) {
			t.Errorf("the report form lacks %s", want)
		}
	}
	for _, want := range []string{"Hồ sơ giải quyết đúng hạn", "Hồ sơ tiếp nhận"} {
		if !form.HasText("#r-"+key+" fieldset label", want) {
			t.Errorf("the report form lacks the label %q", want)
		}
	}
	post := func(u testUnit, s *servertest.Client, num, den string) *servertest.Response {
		return s.PostMultipart(formURL(u, f.open), url.Values{"version": {"0"}, "action": {"save"},
			key + "_num": {num}, key + "_den": {den}, key + "_narrative": {"Giải trình giữ nguyên"}})
	}
	for _, tc := range []struct{ num, den, msg string }{
		{"51", "50", "Số hồ sơ giải quyết đúng hạn không được lớn hơn số hồ sơ tiếp nhận"},
		{"45", "", "Nhập cả số hồ sơ giải quyết đúng hạn và số hồ sơ tiếp nhận"},
		{"4,5", "50", "Số lượng phải là số nguyên không âm"},
		{"0", "0", "Số hồ sơ tiếp nhận phải lớn hơn 0"},
		{"bốn", "50", `Giá trị "bốn" không phải là số`},
	} {
		res := post(u1, staff, tc.num, tc.den)
		if res.Status != http.StatusUnprocessableEntity || !res.HasText("#r-"+key+" .field-error", tc.msg) {
			t.Errorf("%s/%s: %d, message %q missing", tc.num, tc.den, res.Status, tc.msg)
		}
		if res.Value(key+"_num") != tc.num || res.Value(key+"_narrative") != "Giải trình giữ nguyên" {
			t.Errorf("%s/%s: the form lost what was typed", tc.num, tc.den)
		}
	}
	if _, ok := reportRow(t, u1.ID, f.open.ID); ok {
		t.Error("a refused save created the report")
	}
	if res := post(u1, staff, "45", "50"); res.Status != http.StatusSeeOther {
		t.Fatalf("save 45/50: %d\n%s", res.Status, res.Body)
	}
	staff2 := p.login(t, u2.Staff)
	if res := post(u2, staff2, "1", "10"); res.Status != http.StatusSeeOther {
		t.Fatalf("save 1/10: %d", res.Status)
	}
	var value, num, den float64
	if err := f.pool.QueryRow(ctx, `SELECT tr.value::float8, tr.numerator::float8, tr.denominator::float8 FROM target_results tr
		JOIN reports r ON r.id = tr.report_id WHERE r.unit_id = $1 AND r.period_id = $2 AND tr.target_id = $3`, u1.ID, f.open.ID, target).Scan(&value, &num, &den); err != nil {
		t.Fatal(err)
	}
	if value != 90 || num != 45 || den != 50 {
		t.Errorf("stored %v (%v/%v); want 90 (45/50)", value, num, den)
	}
	if form := staff.Get(formURL(u1, f.open)); form.Value(key+"_num") != "45" || form.Value(key+"_den") != "50" {
		t.Error("the form does not show the counts saved")
	}
	exec(`UPDATE reports SET status = 'approved', submitted_at = now(), approved_at = now() WHERE unit_id IN ($1, $2) AND period_id = $3`, u1.ID, u2.ID, f.open.ID)

	director := p.login(t, "giamdoc")
	dash := director.Get(fmt.Sprintf("/dashboard?plan=%d&period=%d&scope=%d", plan, f.open.ID, u1.ID))
	for sel, want := range map[string]string{"table.targets td.latest strong": "76,67%",
		"table.targets td.latest .small": "Tổng hồ sơ giải quyết đúng hạn / tổng hồ sơ tiếp nhận của 2 đơn vị (46/60)"} {
		if !dash.HasText(sel, want) {
			t.Errorf("the dashboard lacks %q in %s", want, sel)
		}
	}
	for _, v := range dash.Texts("main *") {
		if strings.HasPrefix(v, "50%") {
			t.Error("the dashboard shows the mean of the two units' percentages")
			break
		}
	}
	drill := director.Get(fmt.Sprintf("/dashboard/targets/%d?plan=%d&period=%d&scope=%d", target, plan, f.open.ID, u1.ID))
	if !drill.HasText(".facts dd", "76,67%") || !drill.HasText(".facts dd", "(46/60)") {
		t.Error("the target drill-down does not show the ratio of the sums")
	}
	// one level up: u1's row, a unit with a unit under it, is Σ 46 / Σ 60, not (90% + 10%) / 2
	up := director.Get(fmt.Sprintf("/dashboard/targets/%d?plan=%d&period=%d&scope=%d", target, plan, f.open.ID, top.ID))
	byUnit := "section:has(#h-by-unit)"
	if !up.Has(byUnit) {
		t.Fatal("the drill-down of the unit above has no table by unit")
	}
	basis := "Tổng hồ sơ giải quyết đúng hạn / tổng hồ sơ tiếp nhận của 2 đơn vị (46/60)"
	if cell := up.Text(byUnit + ` [title="` + basis + `"]`); cell != "76,67%" || slices.Contains(up.Texts(byUnit+" td"), "50%") {
		t.Errorf("the row of a unit with units under it is not the ratio of their sums: %q in %q", cell, up.Texts(byUnit+" tr"))
	}
	if !up.HasText(byUnit, "không phải trung bình cộng các tỷ lệ") {
		t.Error("the table by unit does not say how a parent unit's percentage is formed")
	}
	if !up.HasText("span.muted.small.basis", basis) {
		t.Error("the drill-down's history does not say how each figure was formed")
	}
}

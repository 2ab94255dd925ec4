package plantest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// TestEditsThatRejudgeResultsAreRefused: once a target has results, changing its
// comparison, unit of measure, kind, each-year flag or deadline would judge those results
// by another rule, so each is refused with a message that keeps what was typed, and the
// target is left as it was.
func TestEditsThatRejudgeResultsAreRefused(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	res := c.Post("/plans", url.Values{"code": {"77/KH-SUA"}, "title": {"Kế hoạch thử sửa chỉ tiêu đã có kết quả"}, "issued_on": {"02/01/2021"},
		"start_year": {"2021"}, "end_year": {"2025"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create plan: %d", res.Status)
	}
	base := res.Location
	planID := idFromLocation(t, base)
	byDeadline := url.Values{"area": {"tai-chinh"}, "code": {"CT10"}, "text": {"Mức tự bảo đảm kinh phí chi thường xuyên trên 30%"},
		"kind": {"percent"}, "op": {">"}, "value": {"30"}, "measure_unit": {"%"}, "deadline_year": {"2023"}, "units": {"VPS"}}
	for _, form := range []url.Values{targetForm("CT14", "90", ""), byDeadline} {
		if res := c.Post(base+"/targets", form); res.Status != http.StatusSeeOther {
			t.Fatalf("target %s: %d\n%s", form.Get("code"), res.Status, res.Body)
		}
	}
	ids := map[string]int64{}
	targets, err := s.PlanTargets(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range targets {
		ids[x.Code] = x.ID
	}
	// a result of 2022 for each target, in the unit VPS's report of that year
	pool := s.Pool()
	var report int64
	if err := pool.QueryRow(ctx, `SELECT r.id FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id
		WHERE u.code = 'VPS' AND p.year = 2022 ORDER BY p.ends_on DESC LIMIT 1`).Scan(&report); err != nil {
		t.Fatalf("VPS's 2022 report: %v", err)
	}
	for _, id := range ids {
		if _, err := pool.Exec(ctx, `INSERT INTO target_results (report_id, target_id, value) VALUES ($1, $2, 25)`, report, id); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name, code, field, value string
		form                     url.Values
	}{
		{"comparison", "CT14", "op", ">", targetForm("CT14", "90", "")},
		{"unit of measure", "CT14", "measure_unit", "điểm", targetForm("CT14", "90", "")},
		{"kind", "CT14", "kind", "count", targetForm("CT14", "90", "")},
		{"each-year flag", "CT14", "each_year", "", targetForm("CT14", "90", "")},
		{"deadline", "CT10", "deadline_year", "2024", byDeadline},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, err := postgres.On(pool).TargetByID(ctx, planID, ids[tc.code])
			if err != nil {
				t.Fatal(err)
			}
			form := url.Values{}
			for k, v := range tc.form {
				form[k] = v
			}
			if tc.field == "each_year" {
				form.Del("each_year")
				form.Set("deadline_year", "2025")
			} else {
				form.Set(tc.field, tc.value)
			}
			form.Set("text", form.Get("text")+" (đã sửa)")
			res := c.Post(fmt.Sprintf("%s/targets/%d", base, ids[tc.code]), form)
			if res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("%s changed after results: %d; want 422", tc.name, res.Status)
			}
			want := "Thay đổi này làm đổi chỉ tiêu của năm 2022, năm đã có kết quả báo cáo."
			if tc.field == "kind" {
				want = "Chỉ tiêu đã có kết quả báo cáo nên không đổi được loại chỉ tiêu."
			}
			if !res.HasText(".field-error", want) {
				t.Errorf("refusing the %s change does not say %q", tc.name, want)
			}
			if res.Value("text") != form.Get("text") {
				t.Error("the form lost the text typed")
			}
			after, err := postgres.On(pool).TargetByID(ctx, planID, ids[tc.code])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(before, after) {
				t.Errorf("the target changed:\n%+v\n%+v", before, after)
			}
		})
	}
}

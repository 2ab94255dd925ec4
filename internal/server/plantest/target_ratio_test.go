package plantest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// TestReformOfficeDefinesARatioTarget: the target form names a ratio's two counts; one
// without the other, or on a kind that is not a rate, is refused with a Vietnamese message
// that keeps what was typed.
func TestReformOfficeDefinesARatioTarget(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	res := c.Post("/plans", url.Values{"code": {"66/KH-TYLE"}, "title": {"Kế hoạch thử chỉ tiêu tỷ lệ"}, "issued_on": {"02/01/2027"},
		"start_year": {"2027"}, "end_year": {"2031"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create plan: %d", res.Status)
	}
	base := res.Location
	form := targetForm("CT06", "95", "")
	form.Set("text", "Tỷ lệ hồ sơ giải quyết đúng hạn")
	form.Set("numerator", "hồ sơ giải quyết đúng hạn")
	res = c.Post(base+"/targets", form)
	if res.Status != http.StatusUnprocessableEntity ||
		!res.HasText("#e-denominator.field-error", "Nhập tên của mẫu số (ví dụ: hồ sơ tiếp nhận) hoặc bỏ trống cả hai.") || res.Value("numerator") != "hồ sơ giải quyết đúng hạn" {
		t.Fatalf("numerator without a denominator: %d", res.Status)
	}
	count := targetForm("CT07", "12", "")
	count.Set("kind", "count")
	count.Set("numerator", "a")
	count.Set("denominator", "b")
	if res := c.Post(base+"/targets", count); res.Status != http.StatusUnprocessableEntity ||
		!res.HasText("#e-numerator.field-error", "Chỉ chỉ tiêu loại Tỷ lệ (%) hoặc Mức tăng mới tính theo tử số và mẫu số.") {
		t.Errorf("a count as a ratio: %d", res.Status)
	}
	form.Set("denominator", "hồ sơ tiếp nhận")
	if res := c.Post(base+"/targets", form); res.Status != http.StatusSeeOther {
		t.Fatalf("ratio target: %d\n%s", res.Status, res.Body)
	}
	targets, err := s.PlanTargets(ctx, idFromLocation(t, base))
	if err != nil || len(targets) != 1 {
		t.Fatalf("targets: %v, %v", targets, err)
	}
	if r := targets[0].Ratio(); r.Numerator != "hồ sơ giải quyết đúng hạn" || r.Denominator != "hồ sơ tiếp nhận" {
		t.Errorf("stored ratio %+v", r)
	}
	if page := c.Get(fmt.Sprintf("%s/targets/%d", base, targets[0].ID)); page.Value("denominator") != "hồ sơ tiếp nhận" {
		t.Error("the edit form does not show the denominator's name")
	}
}

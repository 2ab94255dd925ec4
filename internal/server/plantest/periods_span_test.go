package plantest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// TestPeriodsBelongToPlans: the reform office cannot generate a period that no plan's span
// admits (outside every plan's years, or gathering data from before the plan was issued),
// and an internal deadline later than the ministry's 20th asks to be confirmed — at
// generation and when a period's deadline is edited — before it is accepted.
func TestPeriodsBelongToPlans(t *testing.T) {
	ctx := context.Background()
	c := signIn(t, "cchc")
	_, s := portal(t)
	gen := func(extra url.Values, year, day string, kinds ...string) *servertest.Response {
		v := url.Values{"year": {year}, "day": {day}, "kinds": kinds}
		for k, x := range extra {
			v[k] = x
		}
		return c.Post("/periods/generate", v)
	}
	count := func(year int) int {
		ps, err := s.ListPeriods(ctx, year, year)
		if err != nil {
			t.Fatal(err)
		}
		return len(ps)
	}

	before := count(2031)
	res := gen(nil, "2031", "10", "q1")
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("#f-kinds .field-error", "Không tạo kỳ Quý I/2031: kỳ này không thuộc kế hoạch nào.") ||
		!res.HasText("#f-kinds .field-error", "Năm 2031 nằm ngoài thời gian của các kế hoạch") || res.Value("year") != "2031" {
		t.Errorf("a period after every plan: %d", res.Status)
	}
	if count(2031) != before {
		t.Error("a period outside every plan was created")
	}
	// 2320/KH-SNV was issued on 14/12/2021: 2021's periods gather data from before that day
	res = gen(nil, "2021", "10", "q1", "q3")
	if res.Status != http.StatusUnprocessableEntity ||
		!res.HasText("#f-kinds .field-error", "Kế hoạch 2320/KH-SNV ban hành ngày 14/12/2021, sau ngày bắt đầu lấy số liệu của kỳ (15/12/2020).") ||
		!res.HasText("#f-kinds .field-error", "Không tạo kỳ Quý III/2021") {
		t.Errorf("2021's periods: %d", res.Status)
	}
	if count(2021) != 0 {
		t.Error("a 2021 period was created")
	}
	if page := c.Get(fmt.Sprintf("/plans/%d", planID(t, s, "2320/KH-SNV"))); !page.HasText(".facts .span-note",
		"các kỳ báo cáo năm 2021 có số liệu từ trước ngày ban hành nên không thuộc kế hoạch; kỳ báo cáo đầu tiên là Quý I/2022") {
		t.Error("the plan's page does not say why 2021 has no period")
	}

	// a day after the ministry's 20th: a warning with a confirm button, nothing created
	q2 := func() (int64, bool) {
		ps, _ := s.ListPeriods(ctx, 2030, 2030)
		for _, p := range ps {
			if p.Kind == "q2" {
				return p.ID, true
			}
		}
		return 0, false
	}
	res = gen(nil, "2030", "25", "q2")
	if res.Status != http.StatusOK || !res.HasText("#confirm-late", "Hạn nộp nội bộ ngày 25 muộn hơn hạn báo cáo Bộ Nội vụ (ngày 20)") ||
		res.Attr(`[name="confirm_day"]`, "value") != "25" || res.Value("day") != "25" {
		t.Errorf("a late day: %d", res.Status)
	}
	if _, ok := q2(); ok {
		t.Fatal("a late deadline was accepted without confirmation")
	}
	// confirming another day than the one typed confirms nothing
	if res := gen(url.Values{"confirm_day": {"22"}}, "2030", "25", "q2"); res.Status != http.StatusOK || !res.HasText("#confirm-late", "ngày 25 muộn hơn") {
		t.Errorf("confirming 22 for 25: %d", res.Status)
	}
	if res := gen(url.Values{"confirm_day": {"25"}}, "2030", "25", "q2"); res.Status != http.StatusSeeOther {
		t.Fatalf("confirmed: %d\n%s", res.Status, res.Body)
	}
	id, ok := q2()
	if !ok {
		t.Fatal("the confirmed period was not created")
	}
	if p, _ := s.PeriodByID(ctx, id); domain.FormatDate(p.Deadline) != "25/06/2030" {
		t.Errorf("deadline %s, want 25/06/2030", domain.FormatDate(p.Deadline))
	}
	// editing one period's deadline past the ministry's: the same confirm step
	path := fmt.Sprintf("/periods/%d", id)
	res = c.Post(path, url.Values{"deadline": {"22/6/2030"}})
	if res.Status != http.StatusOK || !res.HasText("#confirm-late", "Hạn nộp nội bộ 22/06/2030 muộn hơn hạn báo cáo Bộ Nội vụ (20/06/2030)") ||
		res.Value("deadline") != "22/6/2030" {
		t.Errorf("a late deadline: %d", res.Status)
	}
	if p, _ := s.PeriodByID(ctx, id); domain.FormatDate(p.Deadline) != "25/06/2030" {
		t.Error("the deadline changed without confirmation")
	}
	if res := c.Post(path, url.Values{"deadline": {"22/6/2030"}, "confirm_deadline": {"22/06/2030"}}); res.Status != http.StatusSeeOther {
		t.Errorf("confirmed deadline: %d", res.Status)
	}
	if p, _ := s.PeriodByID(ctx, id); domain.FormatDate(p.Deadline) != "22/06/2030" {
		t.Errorf("deadline %s after confirming", domain.FormatDate(p.Deadline))
	}
	// on or before the 20th: no question asked
	if res := c.Post(path, url.Values{"deadline": {"20/6/2030"}}); res.Status != http.StatusSeeOther {
		t.Errorf("deadline on the ministry's day: %d", res.Status)
	}
}

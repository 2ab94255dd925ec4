package server_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// selectedOf reads the options the exports form has chosen.
func selectedOf(r *servertest.Response) map[string]string {
	return map[string]string{
		"year":   r.Attr(`select#f-year option[selected]`, "value"),
		"period": r.Attr(`select#f-period option[selected]`, "value"),
	}
}

// TestExportsOpenOnTheReportOfTheDay: the exports page opens, for the plan in force, on the
// latest period whose internal deadline has passed (else the first that has begun), and
// for the ended plan on its closing report (the final evaluation of 2021–2025). The expectation
// is read from the periods the demo seeded on the tests' day.
func TestExportsOpenOnTheReportOfTheDay(t *testing.T) {
	p := startPortal(t)
	ctx := context.Background()
	c := p.client("cchc")
	today := domain.StartOfDay(testdb.Now())
	var year int
	var kind string
	if err := p.st.Pool().QueryRow(ctx, `SELECT year, kind FROM periods WHERE year >= 2026 ORDER BY
			(deadline < $1) DESC,
			CASE WHEN deadline < $1 THEN -extract(epoch FROM deadline) ELSE extract(epoch FROM deadline) END,
			CASE WHEN deadline < $1 THEN -array_position(ARRAY['q1','h1','q3','year'], kind) ELSE 0 END
		LIMIT 1`, today).Scan(&year, &kind); err != nil {
		t.Fatal(err)
	}
	page := c.Get("/exports")
	got := selectedOf(page)
	if code := page.Status; code != http.StatusOK || got["year"] != itoa(int64(year)) || got["period"] != kind {
		t.Errorf("on %s /exports opens on %v; want %d %s (%s)", domain.FormatDate(today), got, year, kind,
			domain.PeriodLabel(year, domain.PeriodKind(kind), "vi"))
	}
	pred := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	// the ended plan: its closing report, the final evaluation of all its years; also when
	// the form still carries a year of the plan in force
	for _, q := range []string{"", "&year=" + itoa(int64(year)) + "&period=" + kind} {
		page := c.Get("/exports?plan=" + itoa(pred) + q)
		if got := selectedOf(page); got["year"] != "2025" || got["period"] != "final" ||
			page.Text("#preview > p > strong") != "Tổng kết thực hiện Kế hoạch cải cách hành chính giai đoạn 2021–2025" ||
			!page.HasText("#preview dl.facts dd", "Cả giai đoạn 2021–2025") || !slices.Contains(page.Texts("#preview dl.facts dd"), "2022, 2023, 2024, 2025") ||
			!page.HasText("#preview p.notice", "bảng tính (XLSX) và số liệu gốc (CSV) là số liệu năm 2025") {
			t.Errorf("the ended plan's exports (%q) open on %v; want its closing report", q, got)
		}
	}
	docx := c.Get("/exports/report.docx?plan=" + itoa(pred) + "&period=final")
	if cd := docx.Header.Get("Content-Disposition"); docx.Status != http.StatusOK || !strings.Contains(cd, "bao-cao-tong-ket-2021-2025.docx") {
		t.Errorf("the closing report's DOCX: %d %q", docx.Status, cd)
	}
	succ := p.id(`SELECT id FROM plans WHERE code = $1`, seed.SuccessorCode)
	if got := selectedOf(c.Get("/exports?plan=" + itoa(succ))); got["year"] != itoa(int64(year)) {
		t.Errorf("the plan in force's exports open on %v", got)
	}
}

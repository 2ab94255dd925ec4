package server_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/testdb"
)

var selectedRe = regexp.MustCompile(`(?s)<select\s+id="f-(year|period)".*?<option value="([^"]+)" selected`)

// selectedOf reads the options the exports form has chosen.
func selectedOf(body string) map[string]string {
	out := map[string]string{}
	for _, m := range selectedRe.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
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
	code, body := p.get(c, "/exports")
	got := selectedOf(body)
	if code != http.StatusOK || got["year"] != itoa(int64(year)) || got["period"] != kind {
		t.Errorf("on %s /exports opens on %v; want %d %s (%s)", domain.FormatDate(today), got, year, kind,
			domain.PeriodLabel(year, domain.PeriodKind(kind), "vi"))
	}
	pred := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	// the ended plan: its closing report, the final evaluation of all its years; also when
	// the form still carries a year of the plan in force
	for _, q := range []string{"", "&year=" + itoa(int64(year)) + "&period=" + kind} {
		_, body = p.get(c, "/exports?plan="+itoa(pred)+q)
		if got := selectedOf(body); got["year"] != "2025" || got["period"] != "final" ||
			!strings.Contains(body, "Tổng kết thực hiện Kế hoạch cải cách hành chính giai đoạn 2021–2025") ||
			!strings.Contains(body, "Cả giai đoạn 2021–2025") || !strings.Contains(body, "<dd>2022, 2023, 2024, 2025</dd>") ||
			!strings.Contains(body, "bảng tính (XLSX) và số liệu gốc (CSV) là số liệu năm 2025") {
			t.Errorf("the ended plan's exports (%q) open on %v; want its closing report", q, got)
		}
	}
	resp, err := c.Get(p.url + "/exports/report.docx?plan=" + itoa(pred) + "&period=final")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != http.StatusOK || !strings.Contains(cd, "bao-cao-tong-ket-2021-2025.docx") {
		t.Errorf("the closing report's DOCX: %d %q", resp.StatusCode, cd)
	}
	succ := p.id(`SELECT id FROM plans WHERE code = $1`, seed.SuccessorCode)
	_, body = p.get(c, "/exports?plan="+itoa(succ))
	if got := selectedOf(body); got["year"] != itoa(int64(year)) {
		t.Errorf("the plan in force's exports open on %v", got)
	}
}

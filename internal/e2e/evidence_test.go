//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// editablePeriods makes the two newest started, open periods editable for VPS (a report
// already there is returned to the unit, as the reform office would) and returns
// "/reports/{unit}/{period}" for each, newest first.
func editablePeriods(t *testing.T, st *postgres.Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT u.id, p.id FROM periods p, units u
		WHERE u.code = 'VPS' AND p.starts_on <= $1 AND p.closed_at IS NULL ORDER BY p.ends_on DESC LIMIT 2`, domain.StartOfDay(testdb.Now()))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var unit int64
	var periods []int64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&unit, &p); err != nil {
			t.Fatal(err)
		}
		periods = append(periods, p)
		out = append(out, fmt.Sprintf("/reports/%d/%d", unit, p))
	}
	rows.Close()
	if len(out) < 2 {
		t.Fatalf("VPS has %d open periods; the journey needs two", len(out))
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE reports SET status = 'returned' WHERE unit_id = $1 AND period_id = ANY($2) AND status <> 'draft'`, unit, periods); err != nil {
		t.Fatal(err)
	}
	return out
}

// pdfFile writes a PDF-looking file of the given size (sparse: no disk is spent on it).
func pdfFile(t *testing.T, name string, size int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"); err != nil {
		t.Fatal(err)
	}
	if size > 0 {
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestE2EUploadOverLimitKeepsForm: a 200 MB file chosen with a report comes back as the
// form, the message beside the file's field and every value typed still there.
func TestE2EUploadOverLimitKeepsForm(t *testing.T) {
	base, st := isolatedPortal(t)
	forms := editablePeriods(t, st)
	big := pdfFile(t, "Quyết định 200MB.pdf", 200<<20)
	ctx := browser(t)
	err := chromedp.Do(ctx, login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(base+forms[0]), chromedp.WaitVisible(chromedp.CSS("form.report-form")))
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form.report-form input[name$='_value']").id`))
	if err != nil || first == "" {
		t.Fatalf("no value field: %v", err)
	}
	key := strings.TrimSuffix(strings.TrimPrefix(first, "f-"), "_value")
	const narrative = "Giải trình vẫn còn sau khi tệp quá lớn bị từ chối."
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#"+first), "91,5"),
		chromedp.SendKeys(chromedp.CSS("#f-"+key+"_narrative"), narrative),
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details.attach").forEach(d => d.open = true)`),
		chromedp.SendKeys(chromedp.CSS("#f-"+key+"_doc_number"), "200/QĐ-SNV"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-"+key+"_file"), []string{big}),
		chromedp.Click(chromedp.CSS(`form.report-form button[value=save]`)),
		chromedp.WaitVisible(chromedp.CSS("#e-"+key+"_file")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if msg := text(t, ctx, "#e-"+key+"_file"); !strings.Contains(msg, "“Quyết định 200MB.pdf” (200 MB) vượt quá dung lượng cho phép 20 MB") {
		t.Errorf("message beside the file: %q", msg)
	}
	if v := value(t, ctx, "#"+first); v != "91,5" {
		t.Errorf("value after the refusal: %q", v)
	}
	if v := value(t, ctx, "#f-"+key+"_narrative"); v != narrative {
		t.Errorf("narrative after the refusal: %q", v)
	}
	if v := value(t, ctx, "#f-"+key+"_doc_number"); v != "200/QĐ-SNV" {
		t.Errorf("document number after the refusal: %q", v)
	}
	shot(t, ctx, "evidence-1-too-large")
}

// TestE2EOneDocumentThreeTargetsTwoPeriods: vanphong adds a decision to the unit's evidence
// register once, attaches it to two targets of this period and a third of the period before,
// and the document's page lists all three uses.
func TestE2EOneDocumentThreeTargetsTwoPeriods(t *testing.T) {
	base, st := isolatedPortal(t)
	forms := editablePeriods(t, st)
	file := pdfFile(t, "QĐ 3809 công bố TTHC.pdf", 0)
	ctx := browser(t)
	err := chromedp.Do(ctx, login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(base+"/register"), chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.Click(chromedp.CSS(`a[href^="/register/new"]`)), chromedp.WaitVisible(chromedp.CSS("#f-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file}),
		chromedp.SendKeys(chromedp.CSS("#f-doc_number"), "3809/QĐ-UBND"),
		chromedp.SendKeys(chromedp.CSS("#f-doc_date"), "12/03/2026"),
		chromedp.SendKeys(chromedp.CSS("#f-doc_issuer"), "UBND tỉnh"),
		chromedp.SendKeys(chromedp.CSS("#f-summary"), "Công bố danh mục thủ tục hành chính thực hiện tại bộ phận một cửa"),
		chromedp.Click(chromedp.CSS(`form button[type=submit].button`)),
		chromedp.WaitVisible(chromedp.CSS("#h-versions")),
	)
	if err != nil {
		t.Fatal(err)
	}
	docURL := strings.TrimPrefix(location(t, ctx), base) // /register/{id}
	docID := docURL[strings.LastIndex(docURL, "/")+1:]
	shot(t, ctx, "evidence-2-register-document")
	attach := func(form string, picks ...int) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const s = document.querySelectorAll("form.report-form select[name$='_doc']");
			for (const i of %s) { s[i].value = %q; } return s.length; })()`, strings.ReplaceAll(fmt.Sprint(picks), " ", ","), docID)
		err := chromedp.Do(ctx, chromedp.Navigate(base+form), chromedp.WaitVisible(chromedp.CSS("form.report-form")))
		if err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil || n < 3 {
			t.Fatalf("%d register lists in the form: %v", n, err)
		}
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.report-form button[value=save]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
		if err != nil {
			t.Fatal(err)
		}
	}
	attach(forms[0], 0, 1)
	if n := count(t, ctx, `a[href="`+docURL+`"]`); n != 2 {
		t.Errorf("this period's form links the document %d times, want 2", n)
	}
	shot(t, ctx, "evidence-3-attached")
	attach(forms[1], 2)
	err = chromedp.Do(ctx, chromedp.Navigate(base+docURL), chromedp.WaitVisible(chromedp.CSS("#h-uses")))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, ctx, `section[aria-labelledby="h-uses"] li`); n != 3 {
		t.Errorf("the document lists %d uses, want 3", n)
	}
	uses := text(t, ctx, `section[aria-labelledby="h-uses"]`)
	var periods int
	for _, f := range forms {
		if count(t, ctx, `section[aria-labelledby="h-uses"] a[href="`+f+`"]`) > 0 {
			periods++
		}
	}
	if periods != 2 {
		t.Errorf("uses in %d periods, want 2: %q", periods, uses)
	}
	shot(t, ctx, "evidence-4-uses")
}

// TestE2ERequiredEvidenceRefusesSubmit: the reform office marks a target as needing evidence;
// vanphong's submission without it is refused with a message naming the target.
func TestE2ERequiredEvidenceRefusesSubmit(t *testing.T) {
	base, st := isolatedPortal(t)
	forms := editablePeriods(t, st)
	var planID, code string
	if err := st.Pool().QueryRow(context.Background(), `SELECT p.id::text, t.code FROM target_assignments a JOIN targets t ON t.id = a.target_id
		JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = a.unit_id
		WHERE u.code = 'VPS' AND p.status = 'active' ORDER BY t.position, t.code LIMIT 1`).Scan(&planID, &code); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	err := chromedp.Do(ctx, login(base, "cchc", seed.DemoPassword),
		chromedp.Navigate(base+"/plans/"+planID), chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.Click(chromedp.CSS(`a[href="/plans/`+planID+`/evidence"]`)), chromedp.WaitVisible(chromedp.CSS("fieldset")),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll("input[name=target]")].find(i => i.nextElementSibling.textContent.startsWith(%q)).click()`, code+" —")),
		chromedp.Click(chromedp.CSS(`form button[type=submit].button`)), chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "evidence-5-required-targets")
	err = chromedp.Do(ctx, logout(), login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(base+forms[0]), chromedp.WaitVisible(chromedp.CSS("form.report-form")),
		chromedp.Click(chromedp.CSS(`form.report-form button[value=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := "Chỉ tiêu " + code + " cần có tài liệu kiểm chứng trước khi nộp báo cáo"
	if s := text(t, ctx, ".error-summary"); !strings.Contains(s, want) {
		t.Errorf("the refusal does not name the target: %q", s)
	}
	if n := text(t, ctx, ".report-form"); !strings.Contains(n, "cần có tài liệu kiểm chứng khi nộp báo cáo") {
		t.Error("the target is not marked in the form")
	}
	shot(t, ctx, "evidence-6-submit-refused")
}

// TestE2ESessionExtendedWhileTyping: with a 4-second idle timeout, someone who keeps typing
// for twelve seconds still saves (the form's script extends the session); the expired-session
// journey shows the timeout holding when nobody types.
func TestE2ESessionExtendedWhileTyping(t *testing.T) {
	ctx0 := context.Background()
	dbURL := testdb.Extra(t)
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "warn", "SESSION_IDLE_TIMEOUT": "4s"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := postgres.Open(ctx0, dbURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if _, err := seed.Demo(ctx0, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx0, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	forms := editablePeriods(t, st)

	ctx := browser(t)
	err = chromedp.Do(ctx, login(ts.URL, "vanphong", seed.DemoPassword),
		chromedp.Navigate(ts.URL+forms[0]), chromedp.WaitVisible(chromedp.CSS("form.report-form")))
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form.report-form textarea[name$='_narrative']").id`))
	if err != nil || first == "" {
		t.Fatalf("no narrative field: %v", err)
	}
	words := strings.Fields("Đơn vị đã rà soát toàn bộ thủ tục hành chính và niêm yết công khai")
	for _, w := range words[:12] { // twelve seconds of typing, a word a second
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#"+first), w+" "), chromedp.Sleep(time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.report-form button[value=save]`)), chromedp.WaitVisible(chromedp.CSS(".flash, #f-username")))
	if err != nil {
		t.Fatal(err)
	}
	if loc := location(t, ctx); !strings.HasSuffix(loc, forms[0]) {
		t.Fatalf("after twelve seconds of typing the save landed on %s", loc)
	}
	if v := value(t, ctx, "#"+first); !strings.HasPrefix(v, "Đơn vị đã rà soát") {
		t.Errorf("saved narrative %q", v)
	}
	shot(t, ctx, "evidence-7-typing-kept-session")
}

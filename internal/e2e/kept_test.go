//go:build e2e

package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
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

// TestE2EExpiredSessionKeepsReport: vanphong types into the report form, the session ends
// (a short SESSION_IDLE_TIMEOUT), "Lưu nháp" lands on the login page, which says the text
// was kept; after signing in, the form opens with what was typed and a note to save it.
func TestE2EExpiredSessionKeepsReport(t *testing.T) {
	ctx0 := context.Background()
	dbURL := testdb.Extra(t)
	// The idle timeout is long enough for the steps between signing in again and the second
	// save (a query, a screenshot) on a loaded machine: at 3 s they outlasted it, and the
	// second save landed on the login page instead of the form.
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "warn", "SESSION_IDLE_TIMEOUT": "10s"}[k]
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
	base := ts.URL

	var unitID, periodID string
	if err := st.Pool().QueryRow(ctx0, `SELECT u.id::text, p.id::text FROM periods p, units u
		WHERE u.code = 'VPS' AND p.starts_on <= $1 AND p.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM reports r
			WHERE r.period_id = p.id AND r.unit_id = u.id) ORDER BY p.ends_on DESC LIMIT 1`,
		domain.StartOfDay(testdb.Now())).Scan(&unitID, &periodID); err != nil {
		t.Fatalf("no open period for VPS: %v", err)
	}
	form := base + "/reports/" + unitID + "/" + periodID
	const narrative = "Đã rà soát toàn bộ thủ tục; viết trong lúc bị gọi đi họp."

	ctx := browser(t)
	err = chromedp.Do(ctx, login(base, "vanphong", seed.DemoPassword),
		chromedp.Navigate(form), chromedp.WaitVisible(chromedp.CSS("form.report-form")))
	if err != nil {
		t.Fatal(err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("form.report-form input[name$='_value']").id`))
	if err != nil || first == "" {
		t.Fatalf("no value field: %v", err)
	}
	note := "#" + strings.TrimSuffix(first, "_value") + "_narrative"
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#"+first), "87,5"),
		chromedp.SendKeys(chromedp.CSS(note), narrative),
		chromedp.Sleep(11*time.Second), // the meeting: the session ends
		chromedp.Click(chromedp.CSS(`form.report-form button[value=save]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if msg := text(t, ctx, "main"); !strings.Contains(msg, "Phiên làm việc đã hết hạn. Nội dung bạn nhập đã được giữ lại; hãy đăng nhập lại để tiếp tục.") {
		t.Errorf("the login page does not say why: %q", msg)
	}
	shot(t, ctx, "kept-1-login")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-username"), "vanphong"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), seed.DemoPassword),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("form.report-form")),
	)
	if err != nil {
		t.Fatal(err)
	}
	value, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#"+first)))
	typed, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(note)))
	if value != "87,5" || typed != narrative {
		t.Errorf("after signing in the form holds %q and %q", value, typed)
	}
	if n := text(t, ctx, "p.notice"); !strings.Contains(n, "CHƯA được lưu") {
		t.Errorf("no note to save: %q", n)
	}
	shot(t, ctx, "kept-2-restored")
	var reports int
	if err := st.Pool().QueryRow(ctx0, `SELECT count(*) FROM reports WHERE unit_id = $1::bigint AND period_id = $2::bigint`, unitID, periodID).Scan(&reports); err != nil || reports != 0 {
		t.Errorf("restoring saved silently: %d reports, %v", reports, err)
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.report-form button[value=save]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#"+first))); v != "87,5" {
		t.Errorf("after saving the form holds %q", v)
	}
	shot(t, ctx, "kept-3-saved")
}

//go:build e2e

// Package e2e drives the portal in headless Chromium (Debian package `chromium`) as users
// would, and saves a screenshot of every step to e2e-screenshots/ for people to look at.
// Run with `make e2e`.
package e2e

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	portalOnce sync.Once
	portalURL  string
	portalErr  error
)

// portal starts one in-process portal on the package's database with the demo data,
// shared by the tests that only read or that write to records no other test looks at.
func portal(t *testing.T) string {
	t.Helper()
	portalOnce.Do(func() { portalURL, portalErr = startPortal(testdb.URL(t)) })
	if portalErr != nil {
		t.Fatalf("start portal: %v", portalErr)
	}
	return portalURL
}

// isolatedPortal starts a portal with demo data on a database of the test's own, for a
// journey whose changes (a new plan assigned to VPS, say) would change other journeys' pages.
func isolatedPortal(t *testing.T) (string, *postgres.Store) {
	t.Helper()
	dbURL := testdb.Extra(t)
	base, err := startPortal(dbURL)
	if err != nil {
		t.Fatalf("start portal: %v", err)
	}
	st, err := postgres.Open(context.Background(), dbURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return base, st
}

func startPortal(dbURL string) (string, error) {
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "warn"}[k]
	})
	if err != nil {
		return "", err
	}
	st, err := postgres.Open(ctx, cfg.DatabaseURL, 8)
	if err != nil {
		return "", err
	}
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		return "", err
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})), server.WithClock(testdb.Now))
	if err != nil {
		return "", err
	}
	return httptest.NewServer(srv.Handler()).URL, nil
}

// browser starts headless Chromium for one test; it fails (never skips) without it.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "vi-VN"), chromedp.WindowSize(1280, 900),
	)
	if p := os.Getenv("CHROMIUM"); p != "" {
		opts = append(opts, chromedp.ExecPath(p))
	} else if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		opts = append(opts, chromedp.ExecPath("/usr/bin/chromium"))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// Start the browser before any timeout: a timeout on the first call would kill it.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start chromium (install the Debian package `chromium`): %v", err)
	}
	timed, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return timed
}

// shot saves a full-page screenshot as e2e-screenshots/<name>.png.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "e2e-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// login signs in through the form and waits for the next page.
func login(base, username, password string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
		chromedp.SendKeys(chromedp.CSS("#f-username"), username),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".whoami")),
	)
}

// logout signs out with the header's button.
func logout() chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("form[action='/logout'] button")),
		chromedp.WaitVisible(chromedp.CSS("#f-username")),
	)
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// download clicks a link that downloads a file and returns the file's path.
func download(t *testing.T, ctx context.Context, dir, link string) string {
	t.Helper()
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	events := chromedp.BrowserEvents(ctx, cdpbrowser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(link))); err != nil {
		t.Fatal(err)
	}
	for ev, err := range events {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCompleted:
			path := filepath.Join(dir, ev.GUID)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("downloaded file: %v", err)
			}
			return path
		case cdpbrowser.DownloadProgressStateCanceled:
			t.Fatal("download canceled")
		}
	}
	t.Fatal("no download")
	return ""
}

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

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	portalOnce sync.Once
	portalURL  string
	portalErr  error
)

// portal starts one in-process portal on the package's database with the demo data,
// shared by every test of the package.
func portal(t *testing.T) string {
	t.Helper()
	portalOnce.Do(func() {
		ctx := context.Background()
		cfg, err := config.Load(func(k string) string {
			return map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"}[k]
		})
		if err != nil {
			portalErr = err
			return
		}
		st, err := store.Open(ctx, cfg.DatabaseURL, 8)
		if err != nil {
			portalErr = err
			return
		}
		if _, err := seed.Demo(ctx, st, time.Now()); err != nil {
			portalErr = err
			return
		}
		srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
		if err != nil {
			portalErr = err
			return
		}
		portalURL = httptest.NewServer(srv.Handler()).URL
	})
	if portalErr != nil {
		t.Fatalf("start portal: %v", portalErr)
	}
	return portalURL
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

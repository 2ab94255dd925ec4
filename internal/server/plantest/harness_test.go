package plantest

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	once    sync.Once
	baseURL string
	st      *postgres.Store
	initErr error
)

// portal starts one portal with the demo data for the package's tests.
func portal(t *testing.T) (string, *postgres.Store) {
	t.Helper()
	once.Do(func() {
		ctx := context.Background()
		cfg, err := config.Load(func(k string) string {
			return map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"}[k]
		})
		if err != nil {
			initErr = err
			return
		}
		if st, err = postgres.Open(ctx, cfg.DatabaseURL, 8); err != nil {
			initErr = err
			return
		}
		if _, err = seed.Demo(ctx, st, testdb.Now()); err != nil {
			initErr = err
			return
		}
		srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})), server.WithClock(testdb.Now))
		if err != nil {
			initErr = err
			return
		}
		baseURL = httptest.NewServer(srv.Handler()).URL
	})
	if initErr != nil {
		t.Fatal(initErr)
	}
	return baseURL, st
}

// signIn is one signed-in user's browser on the package's portal (servertest: cookies
// kept, redirects not followed so tests see each Post/Redirect/Get step).
func signIn(t *testing.T, username string) *servertest.Client {
	t.Helper()
	base, _ := portal(t)
	return servertest.NewClient(t, base).SignIn(username, seed.DemoPassword)
}

// upload posts the import form with a workbook and the optional new plan number.
func upload(c *servertest.Client, name string, file []byte, code string) *servertest.Response {
	return c.PostMultipart("/plans/import", url.Values{"code": {code}}, servertest.File{Field: "file", Name: name, Content: file})
}

package plantest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
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

// client is one signed-in user's browser: cookies kept, redirects not followed so
// tests see each Post/Redirect/Get step.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func signIn(t *testing.T, username string) *client {
	t.Helper()
	base, _ := portal(t)
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, base: base, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
	res := c.post("/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("sign in %s: status %d", username, res.status)
	}
	return c
}

type response struct {
	status   int
	body     string
	location string
	header   http.Header
	raw      []byte
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), raw: b, location: res.Header.Get("Location"), header: res.Header}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// upload posts the import form with a workbook and the optional new plan number.
func (c *client) upload(name string, file []byte, code string) response {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(file)
	_ = mw.WriteField("code", code)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+"/plans/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

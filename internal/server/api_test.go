package server_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// apiPortal is a demo portal with the API's rate set for the tests: a burst of 40 calls.
type apiPortal struct {
	portal
	od *opendata.Service
}

func startAPIPortal(t *testing.T) apiPortal {
	t.Helper()
	ctx := context.Background()
	dbURL := testdb.Extra(t)
	st, err := postgres.Open(ctx, dbURL, 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": dbURL, "LOG_LEVEL": "warn", "API_RATE_PER_MINUTE": "60", "API_RATE_BURST": "40"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return apiPortal{portal: portal{t: t, url: ts.URL, st: st}, od: opendata.New(st, testdb.Now)}
}

func (p apiPortal) newClient(in opendata.ClientInput) (int64, string) {
	p.t.Helper()
	c, err := p.od.CreateClient(context.Background(), usecase.CLI, in)
	if err != nil {
		p.t.Fatalf("create client %+v: %v", in, err)
	}
	return c.ID, c.Token
}

type apiResp struct {
	code   int
	header http.Header
	body   string
}

func (p apiPortal) call(token, path string, header map[string]string) apiResp {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.url+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			p.t.Fatal(err)
		}
		r = zr
	}
	b, _ := io.ReadAll(r)
	return apiResp{resp.StatusCode, resp.Header, string(b)}
}

// all walks every page of a list and returns the bodies.
func (p apiPortal) all(token, path string) []string {
	p.t.Helper()
	var bodies []string
	next := path
	for range 200 {
		r := p.call(token, next, nil)
		if r.code != http.StatusOK {
			p.t.Fatalf("GET %s = %d %s", next, r.code, r.body)
		}
		bodies = append(bodies, r.body)
		var lb struct {
			NextCursor *string `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(r.body), &lb); err != nil {
			p.t.Fatalf("GET %s: %v", next, err)
		}
		if lb.NextCursor == nil {
			return bodies
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		next = path + sep + "cursor=" + url.QueryEscape(*lb.NextCursor)
	}
	p.t.Fatalf("%s: more than 200 pages", path)
	return nil
}

func wantProblem(t *testing.T, what string, r apiResp, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s = %d, want %d: %s", what, r.code, code, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	var pb struct {
		Type, Title string
		Status      int
	}
	if err := json.Unmarshal([]byte(r.body), &pb); err != nil || pb.Status != code || pb.Title == "" || pb.Type == "" {
		t.Errorf("%s: not a problem document: %s", what, r.body)
	}
}

// TestAPIAuthenticationAndScope: no token, an unknown, revoked or expired one is 401; a plan
// or unit outside the client's scope is 404, as if it did not exist.
func TestAPIAuthenticationAndScope(t *testing.T) {
	p := startAPIPortal(t)
	ctx := context.Background()
	old := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	succ := p.id(`SELECT id FROM plans WHERE code <> '2320/KH-SNV' ORDER BY id DESC LIMIT 1`)
	_, scoped := p.newClient(opendata.ClientInput{Name: "Hệ thống báo cáo tỉnh", Plans: []string{"2320/KH-SNV"}, Unit: "VPS"})

	r := p.call("", "/api/v1/plans", nil)
	wantProblem(t, "no token", r, http.StatusUnauthorized)
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("401 without WWW-Authenticate: %v", r.header)
	}
	wantProblem(t, "unknown token", p.call("cchc_nottherealtoken", "/api/v1/plans", nil), http.StatusUnauthorized)

	if r := p.call(scoped, "/api/v1/plans", nil); r.code != http.StatusOK || !strings.Contains(r.body, `"2320/KH-SNV"`) ||
		strings.Contains(r.body, "3012/") {
		t.Fatalf("scoped client's plans = %d %s", r.code, r.body)
	}
	wantProblem(t, "plan outside the scope", p.call(scoped, "/api/v1/plans/"+itoa(succ), nil), http.StatusNotFound)
	wantProblem(t, "results of a plan outside the scope", p.call(scoped, "/api/v1/results?plan="+itoa(succ), nil), http.StatusNotFound)
	wantProblem(t, "verdicts of a plan outside the scope", p.call(scoped, "/api/v1/plans/"+itoa(succ)+"/verdicts", nil), http.StatusNotFound)
	if r := p.call(scoped, "/api/v1/plans/"+itoa(old), nil); r.code != http.StatusOK {
		t.Fatalf("plan in scope = %d %s", r.code, r.body)
	}
	root := p.id(`SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1`)
	wantProblem(t, "a unit above the client's", p.call(scoped, "/api/v1/results?unit="+itoa(root), nil), http.StatusNotFound)
	units := p.call(scoped, "/api/v1/units", nil)
	if !strings.Contains(units.body, `"VPS"`) || strings.Contains(units.body, `"TTLT"`) {
		t.Errorf("units of a client scoped to VPS: %s", units.body)
	}
	// only VPS's results
	for _, b := range p.all(scoped, "/api/v1/results?limit=1000") {
		if strings.Contains(b, `"unit_code":"`) && strings.Contains(strings.ReplaceAll(b, `"unit_code":"VPS"`, ""), `"unit_code":"`) {
			t.Fatal("a client scoped to VPS reads another unit's results")
		}
	}
	wantProblem(t, "bad limit", p.call(scoped, "/api/v1/results?limit=5000", nil), http.StatusBadRequest)
	wantProblem(t, "forged cursor", p.call(scoped, "/api/v1/results?cursor=abc", nil), http.StatusBadRequest)
	wantProblem(t, "unknown route", p.call(scoped, "/api/v1/nothing", nil), http.StatusNotFound)

	id, revoked := p.newClient(opendata.ClientInput{Name: "Báo Nội vụ"})
	if r := p.call(revoked, "/api/v1/areas", nil); r.code != http.StatusOK {
		t.Fatalf("before revoking = %d", r.code)
	}
	if err := p.od.RevokeClient(ctx, usecase.CLI, id); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, "revoked token", p.call(revoked, "/api/v1/areas", nil), http.StatusUnauthorized)

	eid, expired := p.newClient(opendata.ClientInput{Name: "Hết hạn"})
	if _, err := p.st.Pool().Exec(ctx, `UPDATE api_clients SET expires_at = $2 WHERE id = $1`, eid, testdb.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	wantProblem(t, "expired token", p.call(expired, "/api/v1/areas", nil), http.StatusUnauthorized)

	// every call of a client is logged, and its last use shown
	var calls int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := p.st.Pool().QueryRow(ctx, `SELECT count(*) FROM api_calls c JOIN api_clients a ON a.id = c.client_id
			WHERE a.name = 'Hệ thống báo cáo tỉnh' AND a.last_used_at IS NOT NULL`).Scan(&calls); err != nil {
			t.Fatal(err)
		}
		if calls >= 10 {
			break
		}
	}
	if calls < 10 {
		t.Errorf("the call log has %d of the scoped client's calls", calls)
	}
	var route string
	var rows int
	if err := p.st.Pool().QueryRow(ctx, `SELECT route, rows FROM api_calls WHERE route = '/api/v1/units' LIMIT 1`).Scan(&route, &rows); err != nil || rows < 1 {
		t.Errorf("the call log lacks /api/v1/units with its rows: %v %d", err, rows)
	}
}

// TestAPIRateLimit: past its burst a client gets 429 with Retry-After; another client is
// not slowed by it.
func TestAPIRateLimit(t *testing.T) {
	p := startAPIPortal(t)
	_, greedy := p.newClient(opendata.ClientInput{Name: "Vòng lặp"})
	_, other := p.newClient(opendata.ClientInput{Name: "Khác"})
	var limited apiResp
	for range 60 {
		if r := p.call(greedy, "/api/v1/areas", nil); r.code == http.StatusTooManyRequests {
			limited = r
			break
		}
	}
	wantProblem(t, "over the rate", limited, http.StatusTooManyRequests)
	if ra := limited.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("429 with Retry-After %q", ra)
	}
	if r := p.call(other, "/api/v1/areas", nil); r.code != http.StatusOK {
		t.Errorf("another client = %d", r.code)
	}
}

// TestAPIConditionalGzipCSV: an unchanged answer is 304 for its ETag; gzip when asked;
// every list as CSV with Accept: text/csv, paginated the same way.
func TestAPIConditionalGzipCSV(t *testing.T) {
	p := startAPIPortal(t)
	_, tok := p.newClient(opendata.ClientInput{Name: "Cổng dữ liệu mở"})
	r := p.call(tok, "/api/v1/targets", nil)
	etag := r.header.Get("ETag")
	if r.code != http.StatusOK || etag == "" {
		t.Fatalf("targets = %d, ETag %q", r.code, etag)
	}
	if r := p.call(tok, "/api/v1/targets", map[string]string{"If-None-Match": etag}); r.code != http.StatusNotModified || r.body != "" {
		t.Errorf("If-None-Match with the ETag = %d", r.code)
	}
	z := p.call(tok, "/api/v1/targets", map[string]string{"Accept-Encoding": "gzip"})
	if z.header.Get("Content-Encoding") != "gzip" || z.body != r.body {
		t.Errorf("gzip: Content-Encoding %q, same body %v", z.header.Get("Content-Encoding"), z.body == r.body)
	}
	if !strings.Contains(r.body, `"commitments":[`) {
		t.Error("targets without their commitments")
	}
	for _, list := range []string{"plans", "areas", "targets", "tasks", "units", "periods", "results"} {
		c := p.call(tok, "/api/v1/"+list+"?limit=2", map[string]string{"Accept": "text/csv"})
		if c.code != http.StatusOK || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s as CSV = %d %s", list, c.code, c.header.Get("Content-Type"))
		}
		lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(c.body, "\xEF\xBB\xBF")), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "id,") && !strings.HasPrefix(lines[0], "unit_id,") {
			t.Errorf("%s as CSV: %q", list, c.body)
		}
		if list == "results" && !strings.Contains(c.header.Get("Link"), `rel="next"`) {
			t.Errorf("a CSV page of results without its next link: %v", c.header)
		}
	}
	// walking the pages gives each result once
	seen := map[string]bool{}
	n := 0
	for _, b := range p.all(tok, "/api/v1/results?limit=250") {
		var lb struct {
			Data []map[string]any `json:"data"`
		}
		if err := json.Unmarshal([]byte(b), &lb); err != nil {
			t.Fatal(err)
		}
		for _, row := range lb.Data {
			k, _ := json.Marshal([]any{row["unit_id"], row["target_id"], row["period_id"]})
			if seen[string(k)] {
				t.Fatalf("result %s on two pages", k)
			}
			seen[string(k)] = true
			n++
		}
	}
	var want int
	if err := p.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM target_results tr JOIN reports r ON r.id = tr.report_id
		WHERE r.status = 'approved' AND (tr.value IS NOT NULL OR tr.done IS NOT NULL)`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if n != want || n == 0 {
		t.Errorf("the pages hold %d results; %d approved results exist", n, want)
	}
}

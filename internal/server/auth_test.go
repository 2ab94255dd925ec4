package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestLoginRenewsTokenAndLogoutEndsIt(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	resp, body := c.get("/login")
	wantStatus(t, resp, http.StatusOK)
	if !strings.Contains(body, `<html lang="vi">`) || !strings.Contains(body, "Đăng nhập") {
		t.Fatalf("login page is not Vietnamese:\n%s", body)
	}
	before := c.sessionCookie()
	resp = c.login("vanphong", "demo")
	wantStatus(t, resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/" {
		t.Fatalf("redirect to %q, want /", loc)
	}
	token := c.sessionCookie()
	if token == "" || token == before {
		t.Fatalf("session token did not change at login (before %q, after %q)", before, token)
	}
	resp, body = c.get("/")
	wantStatus(t, resp, http.StatusOK)
	if !strings.Contains(body, "Xin chào, Lê Thị Thu Hà") {
		t.Fatal("home page does not greet the user")
	}
	resp, _ = c.post("/logout", url.Values{})
	wantStatus(t, resp, http.StatusSeeOther)
	if after := c.sessionCookie(); after == token {
		t.Fatal("session token unchanged at logout")
	}
	// The old token is anonymous now: it is sent to the login page.
	if r := withToken(t, ts, token, "/"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("old token after logout: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestWrongPasswordKeepsUsernameAndLocks(t *testing.T) {
	ts, st := newPortal(t, nil)
	newUser(t, st, "khoa", "Mật khẩu đúng của khoa")
	c := newClient(t, ts)
	for i := 0; i < 2; i++ {
		resp, body := c.post("/login", url.Values{"username": {"khoa"}, "password": {"sai"}})
		wantStatus(t, resp, http.StatusUnauthorized)
		if !strings.Contains(body, "Tên đăng nhập hoặc mật khẩu không đúng.") || !strings.Contains(body, `value="khoa"`) {
			t.Fatalf("attempt %d: message or username missing:\n%s", i+1, body)
		}
	}
	// The third failure (LOGIN_MAX_FAILURES=3 in tests) locks; then even the right password is refused.
	_, body := c.post("/login", url.Values{"username": {"khoa"}, "password": {"sai"}})
	if !strings.Contains(body, "tạm khóa") {
		t.Fatalf("third failure does not lock:\n%s", body)
	}
	resp, body := c.post("/login", url.Values{"username": {"khoa"}, "password": {"Mật khẩu đúng của khoa"}})
	wantStatus(t, resp, http.StatusUnauthorized)
	if !strings.Contains(body, "tạm khóa") {
		t.Fatal("locked account accepted its password")
	}
	// An unknown username gets exactly the same answers, attempt by attempt: two "wrong",
	// then locked at the third failure and after it.
	for i, want := range []string{"Tên đăng nhập hoặc mật khẩu không đúng.", "Tên đăng nhập hoặc mật khẩu không đúng.", "tạm khóa", "tạm khóa"} {
		resp, body := c.post("/login", url.Values{"username": {"khongtontai"}, "password": {"sai"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, want) || (i < 2 && strings.Contains(body, "tạm khóa")) {
			t.Fatalf("unknown username, attempt %d: %d, want 401 saying %q as for a real user (its existence leaks)", i+1, resp.StatusCode, want)
		}
	}
	entries, _, err := st.ListAudit(context.Background(), store.AuditFilter{Action: "login.lockout", Actor: "khoa"}, store.Page{})
	if err != nil || len(entries) != 1 {
		t.Fatalf("lockout audit entries = %d, %v", len(entries), err)
	}
	entries, _, _ = st.ListAudit(context.Background(), store.AuditFilter{Action: "login.locked", Actor: "khoa"}, store.Page{})
	if len(entries) == 0 {
		t.Fatal("refused login of a locked account is not audited")
	}
}

func TestAddressThrottle(t *testing.T) {
	// Behind a trusted proxy, so this test's failures come from an address of its own: the
	// other tests' failures from 127.0.0.1 would otherwise throttle it from the start.
	ts, st := newPortal(t, map[string]string{"LOGIN_MAX_FAILURES_PER_ADDR": "4", "LOGIN_MAX_FAILURES": "100", "TRUSTED_PROXIES": "127.0.0.1/32"})
	c := newClient(t, ts)
	from := func(addr string, form url.Values) (*http.Response, string) {
		return c.do(http.MethodPost, "/login", form, map[string]string{"X-Forwarded-For": addr})
	}
	// Four failures, each for another username (so no username lock is involved), each
	// answered as a plain failure: the address is not throttled before its fourth.
	for i := 0; i < 4; i++ {
		resp, body := from("203.0.113.7", url.Values{"username": {"nguoi" + string(rune('a'+i))}, "password": {"x"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
			t.Fatalf("failure %d: %d, want 401 saying the username or password is wrong", i+1, resp.StatusCode)
		}
	}
	// Then even the right password is refused from this address, and accepted from another.
	resp, body := from("203.0.113.7", url.Values{"username": {"admin"}, "password": {"demo"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "quá nhiều lần đăng nhập sai từ máy này") {
		t.Fatalf("address not throttled after repeated failures: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = from("203.0.113.8", url.Values{"username": {"admin"}, "password": {"demo"}})
	wantStatus(t, resp, http.StatusSeeOther)
	entries, _, err := st.ListAudit(context.Background(), store.AuditFilter{Action: "login.throttled", Actor: "admin"}, store.Page{})
	if err != nil || len(entries) != 1 || entries[0].ClientAddr != "203.0.113.7" {
		t.Errorf("throttled sign-in audit entries: %+v, %v; want one from 203.0.113.7", entries, err)
	}
}

func TestSecurityHeadersAndCrossOrigin(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	for _, path := range []string{"/login", "/static/css/app.css", "/nope"} {
		resp, _ := c.get(path)
		h := resp.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("%s: CSP = %q", path, h.Get("Content-Security-Policy"))
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff or Referrer-Policy", path)
		}
	}
	resp, _ := c.do(http.MethodPost, "/login", url.Values{"username": {"admin"}, "password": {"demo"}}, map[string]string{"Sec-Fetch-Site": "cross-site"})
	wantStatus(t, resp, http.StatusForbidden)
	resp, _ = c.do(http.MethodPost, "/login", url.Values{"username": {"admin"}, "password": {"demo"}}, map[string]string{"Origin": "https://evil.example"})
	wantStatus(t, resp, http.StatusForbidden)
}

func TestHealthAndReady(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	resp, body := c.get("/healthz")
	wantStatus(t, resp, http.StatusOK)
	if body != "ok\n" {
		t.Fatalf("healthz body %q", body)
	}
	resp, body = c.get("/readyz")
	wantStatus(t, resp, http.StatusOK)
	if !strings.Contains(body, "ready") {
		t.Fatalf("readyz body %q", body)
	}
}

func TestLanguageSwitch(t *testing.T) {
	ts, _ := newPortal(t, nil)
	c := newClient(t, ts)
	c.login("giamdoc", "demo")
	resp, _ := c.post("/lang", url.Values{"lang": {"en"}, "next": {"/plans"}})
	wantStatus(t, resp, http.StatusSeeOther)
	if resp.Header.Get("Location") != "/plans" {
		t.Fatalf("lang redirect to %q", resp.Header.Get("Location"))
	}
	_, body := c.get("/plans")
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Administrative reform plans") {
		t.Fatal("English not applied")
	}
	resp, _ = c.post("/lang", url.Values{"lang": {"vi"}, "next": {"//evil.example/x"}})
	if resp.Header.Get("Location") != "/" {
		t.Fatalf("open redirect: %q", resp.Header.Get("Location"))
	}
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	ts, _ := newPortal(t, nil)
	for _, next := range []string{"//evil.example", "/\t/evil.example", "/\\evil.example", "/%09/evil.example", "https://evil.example/", "/\n/evil.example", "javascript:alert(1)"} {
		c := newClient(t, ts)
		resp, _ := c.post("/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}, "next": {next}})
		if loc := resp.Header.Get("Location"); loc != "/" && next != "/%09/evil.example" {
			t.Errorf("next %q: redirected to %q", next, loc)
		} else if strings.Contains(strings.ToLower(loc), "evil") && !strings.HasPrefix(loc, "/%09") {
			t.Errorf("next %q: redirected off site to %q", next, loc)
		}
	}
	c := newClient(t, ts)
	resp, _ := c.post("/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}, "next": {"/plans?page=2"}})
	if loc := resp.Header.Get("Location"); loc != "/plans?page=2" {
		t.Errorf("a local next is lost: %q", loc)
	}
}

// TestOldFailedSignInsArePruned: the server deletes failed sign-ins older than the lockout
// window (they no longer count) when it starts and hourly after, and keeps recent ones.
func TestOldFailedSignInsArePruned(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := st.Pool().Exec(ctx, `INSERT INTO login_failures (username, client_addr, at) VALUES
		('cu_da_lau', '198.51.100.1', now() - interval '16 minutes'), ('moi_day', '198.51.100.1', now() - interval '1 minute')`); err != nil {
		t.Fatal(err)
	}
	newPortal(t, map[string]string{"LOGIN_LOCKOUT": "15m"})
	count := func(username string) int {
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM login_failures WHERE username = $1`, username).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for deadline := time.Now().Add(10 * time.Second); count("cu_da_lau") > 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("a failed sign-in older than the lockout window was not pruned")
		}
	}
	if count("moi_day") != 1 {
		t.Error("a recent failed sign-in was pruned")
	}
}

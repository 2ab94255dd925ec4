package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/vn-cchc/cchc/internal/testdb"
)

// oneTime finds the one-time password a `cchc user` command printed.
var oneTime = regexp.MustCompile(`: ([A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4})\n$`)

// TestCLIOneTimePasswordsMustBeChanged: `cchc user create` and `cchc user set-password
// -one-time` print a one-time password once; it signs in only to the change-password page,
// and the account is usable after the change. A new one-time password replaces the old one.
func TestCLIOneTimePasswordsMustBeChanged(t *testing.T) {
	bin := buildBinary(t)
	env := append(os.Environ(), "DATABASE_URL="+testdb.URL(t), "LOG_LEVEL=warn")
	cli := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.Output()
		m := oneTime.FindStringSubmatch(string(out))
		if err != nil || m == nil {
			t.Fatalf("cchc %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return m[1]
	}
	otp := cli("user", "create", "-username", "motlan", "-name", "Nguyễn Văn Một Lần", "-role", "director")

	addr := freeAddr(t)
	serve := exec.Command(bin, "serve")
	serve.Env = append(env, "ADDR="+addr)
	serve.Stderr = os.Stderr
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = serve.Process.Signal(syscall.SIGTERM); _ = serve.Wait() })
	waitReady(t, addr)
	base := "http://" + addr

	browser := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	post := func(c *http.Client, path string, form url.Values) *http.Response {
		t.Helper()
		resp, err := c.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	get := func(c *http.Client, path string) *http.Response {
		t.Helper()
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	mustChange := func(c *http.Client, plain string) {
		t.Helper()
		resp := post(c, "/login", url.Values{"username": {"motlan"}, "password": {plain}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/password" {
			t.Fatalf("login with the one-time password: %d → %q, want the change-password page", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp := get(c, "/dashboard"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/password" {
			t.Fatalf("before the change /dashboard answers %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	}

	first := browser()
	mustChange(first, otp)
	const chosen = "Mật khẩu tự chọn của Một Lần"
	if resp := post(first, "/account/password", url.Values{"current": {otp}, "new": {chosen}, "confirm": {chosen}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", resp.StatusCode)
	}
	if resp := get(first, "/dashboard"); resp.StatusCode != http.StatusOK {
		t.Fatalf("after the change /dashboard answers %d", resp.StatusCode)
	}

	reset := cli("user", "set-password", "-username", "motlan", "-one-time")
	if resp := get(first, "/dashboard"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the session outlived a reset from the command line: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := post(browser(), "/login", url.Values{"username": {"motlan"}, "password": {chosen}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the replaced password still signs in: %d", resp.StatusCode)
	}
	mustChange(browser(), reset)
}

package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAdminIssuesAndRevokesAPITokens: the administrator issues a token on the admin page
// (shown once, not cached), it reads the API, the list shows its scope and last use, and
// revoking it ends it at once. A bad form comes back with its message and what was typed;
// other roles do not reach the page.
func TestAdminIssuesAndRevokesAPITokens(t *testing.T) {
	p := startAPIPortal(t)
	admin := p.client("admin")
	page := admin.Post("/admin/api-clients", url.Values{"name": {""}, "expires": {"31/02/2030"}, "plans": {"2320/KH-SNV"}})
	if page.Status != http.StatusUnprocessableEntity || !page.Has("#f-name[aria-invalid]") ||
		page.Attr("#f-expires", "value") != "31/02/2030" || !page.Has(`input[name=plans][value="2320/KH-SNV"][checked]`) {
		t.Fatalf("an empty name = %d; the form lost what was typed:\n%s", page.Status, page.Text("form"))
	}
	page = admin.Post("/admin/api-clients", url.Values{"name": {"Hệ thống báo cáo tỉnh"}, "plans": {"2320/KH-SNV"}, "unit": {"VPS"},
		"expires": {"31/12/2099"}})
	token := page.Attr("#token", "value")
	if page.Status != http.StatusCreated || !strings.HasPrefix(token, "cchc_") || page.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create = %d, token %q, Cache-Control %q", page.Status, token, page.Header.Get("Cache-Control"))
	}
	if r := p.call(token, "/api/v1/units", nil); r.code != http.StatusOK {
		t.Fatalf("the new token reads the API: %d", r.code)
	}
	lp := admin.Get("/admin/api-clients")
	code, list := lp.Status, lp.Body
	row := lp.Text("tbody tr")
	if code != http.StatusOK || !strings.Contains(row, "Hệ thống báo cáo tỉnh") || !strings.Contains(row, "2320/KH-SNV") ||
		!strings.Contains(row, "31/12/2099") || !strings.Contains(row, token[:11]) || lp.HasValue(token) || strings.Contains(list, token) {
		t.Fatalf("the list = %d: %s", code, row)
	}
	action := lp.Attr("tbody tr form", "action")
	if res := admin.Post(action, url.Values{}); res.Status != http.StatusSeeOther || res.Location != "/admin/api-clients" {
		t.Fatalf("revoke = %d to %s", res.Status, res.Location)
	}
	wantProblem(t, "the revoked token", p.call(token, "/api/v1/units", nil), http.StatusUnauthorized)
	for _, who := range []string{"cchc", "giamdoc"} {
		if code := p.client(who).Get("/admin/api-clients").Status; code != http.StatusForbidden && code != http.StatusNotFound {
			t.Errorf("%s opens the API clients page: %d", who, code)
		}
	}
}

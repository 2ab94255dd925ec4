package server_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestHTTPSBaseURLTurnsOnHSTSAndHostCookies: with an https BASE_URL (TLS terminated in
// front of the portal) every response carries HSTS and the cookies are Secure, the session
// one under the __Host- prefix; with an http BASE_URL neither, or browsers would drop them.
func TestHTTPSBaseURLTurnsOnHSTSAndHostCookies(t *testing.T) {
	for _, tc := range []struct {
		baseURL, cookie string
		tls             bool
	}{
		{"https://cchc.example.gov.vn", "__Host-cchc_session", true},
		{"http://localhost:8080", "cchc_session", false},
	} {
		t.Run(tc.baseURL, func(t *testing.T) {
			ts, _ := newPortal(t, map[string]string{"BASE_URL": tc.baseURL})
			c := newClient(t, ts)
			for _, path := range []string{"/login", "/static/css/app.css", "/nope"} {
				resp := c.Get(path)
				hsts := resp.Header.Get("Strict-Transport-Security")
				if tc.tls && hsts != "max-age=31536000; includeSubDomains" || !tc.tls && hsts != "" {
					t.Errorf("%s: Strict-Transport-Security = %q", path, hsts)
				}
			}
			resp := c.Post("/login", url.Values{"username": {"giamdoc"}, "password": {"demo"}})
			wantStatus(t, resp, http.StatusSeeOther)
			session := cookieNamed(resp.Header, tc.cookie)
			if session == nil {
				t.Fatalf("no %s cookie set at login: %v", tc.cookie, resp.Header.Values("Set-Cookie"))
			}
			if session.Secure != tc.tls || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode ||
				session.Path != "/" || session.Domain != "" || session.MaxAge != 0 || !session.Expires.IsZero() {
				t.Errorf("session cookie %q: want Secure=%v, HttpOnly, SameSite=Lax, Path=/, no Domain, not persistent", session.String(), tc.tls)
			}
			resp = c.Post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
			if lang := cookieNamed(resp.Header, "lang"); lang == nil || lang.Secure != tc.tls || !lang.HttpOnly {
				t.Errorf("lang cookie %v: want Secure=%v and HttpOnly", lang, tc.tls)
			}
		})
	}
}

func cookieNamed(h http.Header, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/store"
)

// TestForwardedForTakesRightmostUntrustedHop: behind a proxy that appends to X-Forwarded-For,
// the client's own left-hand entries are ignored; the address the trusted proxy saw is the
// one throttled and written to the audit log. Without TRUSTED_PROXIES the header is ignored.
func TestForwardedForTakesRightmostUntrustedHop(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		xff  []string
		want string
	}{
		// The test server is reached over loopback: 127.0.0.1 is the "proxy".
		{"forged left entry", map[string]string{"TRUST_PROXY_HEADERS": "true", "TRUSTED_PROXIES": "127.0.0.1/32"},
			[]string{"198.51.100.66, 203.0.113.9"}, "203.0.113.9"},
		{"two proxy hops", map[string]string{"TRUSTED_PROXIES": "127.0.0.0/8, 10.0.0.0/8"},
			[]string{"198.51.100.66, 203.0.113.10, 10.1.2.3"}, "203.0.113.10"},
		{"header split over lines", map[string]string{"TRUSTED_PROXIES": "127.0.0.0/8,10.0.0.0/8"},
			[]string{"198.51.100.66", "203.0.113.11, 10.9.9.9"}, "203.0.113.11"},
		{"garbage hop stops the walk", map[string]string{"TRUSTED_PROXIES": "127.0.0.0/8,10.0.0.0/8"},
			[]string{"198.51.100.66, not-an-ip, 10.9.9.9"}, "10.9.9.9"},
		{"no trusted proxies: header ignored", nil, []string{"198.51.100.66"}, "127.0.0.1"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts, st := newPortal(t, tc.env)
			user := "khach-proxy-" + string(rune('a'+i))
			form := url.Values{"username": {user}, "password": {"sai"}}
			req, _ := http.NewRequest(http.MethodPost, ts.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for _, v := range tc.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			entries, _, err := st.ListAudit(context.Background(), store.AuditFilter{Action: "login.failed", Actor: user}, store.Page{})
			if err != nil || len(entries) != 1 {
				t.Fatalf("audit entries = %d, %v", len(entries), err)
			}
			if got := entries[0].ClientAddr; got != tc.want {
				t.Errorf("audited client address = %q, want %q", got, tc.want)
			}
		})
	}
}

package config

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://x/y"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.SessionIdleTimeout != 30*time.Minute || c.SessionLifetime != 12*time.Hour || c.UploadMaxBytes != 20<<20 {
		t.Errorf("unexpected defaults: %+v", c)
	}
	if c.TLS() {
		t.Error("default BASE_URL is plain http")
	}
	if !c.SeparationOfDuties {
		t.Error("separation of duties is off by default; it must be on unless SEPARATION_OF_DUTIES=false")
	}
	if c, _ := Load(env(map[string]string{"DATABASE_URL": "x", "SEPARATION_OF_DUTIES": "false"})); c.SeparationOfDuties {
		t.Error("SEPARATION_OF_DUTIES=false does not turn it off")
	}
	if c.MetricsAddr != "" {
		t.Errorf("metrics are off by default, got METRICS_ADDR %q", c.MetricsAddr)
	}
}

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"missing database", map[string]string{}, "DATABASE_URL is required"},
		{"bad duration", map[string]string{"DATABASE_URL": "x", "SESSION_LIFETIME": "soon"}, "SESSION_LIFETIME"},
		{"idle over lifetime", map[string]string{"DATABASE_URL": "x", "SESSION_IDLE_TIMEOUT": "24h"}, "must not exceed"},
		{"negative upload", map[string]string{"DATABASE_URL": "x", "UPLOAD_MAX_BYTES": "-1"}, "UPLOAD_MAX_BYTES"},
		{"bad base url", map[string]string{"DATABASE_URL": "x", "BASE_URL": "localhost"}, "BASE_URL"},
		{"bad log level", map[string]string{"DATABASE_URL": "x", "LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{"proxy headers without proxies", map[string]string{"DATABASE_URL": "x", "TRUST_PROXY_HEADERS": "true"}, "set TRUSTED_PROXIES"},
		{"bad separation of duties", map[string]string{"DATABASE_URL": "x", "SEPARATION_OF_DUTIES": "sometimes"}, "SEPARATION_OF_DUTIES"},
		{"metrics without port", map[string]string{"DATABASE_URL": "x", "METRICS_ADDR": "127.0.0.1"}, "METRICS_ADDR"},
		{"metrics bad port", map[string]string{"DATABASE_URL": "x", "METRICS_ADDR": "127.0.0.1:metrics"}, "METRICS_ADDR"},
		{"metrics on the portal's address", map[string]string{"DATABASE_URL": "x", "ADDR": ":9090", "METRICS_ADDR": ":9090"}, "address of their own"},
		{"read url not postgres", map[string]string{"DATABASE_URL": "postgres://p/cchc", "DATABASE_READ_URL": "replica:5432"}, "DATABASE_READ_URL"},
		{"read url is the primary", map[string]string{"DATABASE_URL": "postgres://p/cchc", "DATABASE_READ_URL": "postgres://p/cchc"}, "leave it empty"},
		{"bad read lag", map[string]string{"DATABASE_URL": "x", "READ_MAX_LAG": "-1s"}, "READ_MAX_LAG"},
		{"bad proxy", map[string]string{"DATABASE_URL": "x", "TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"}, `"proxy.local" is neither`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestTLSFromBaseURL(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "x", "BASE_URL": "https://cchc.example.gov.vn/"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.TLS() || c.BaseURL != "https://cchc.example.gov.vn" {
		t.Errorf("got %+v", c)
	}
}

package config

import (
	"net/netip"
	"testing"
)

func TestTrustedProxies(t *testing.T) {
	c, err := Load(env(map[string]string{"DATABASE_URL": "x", "TRUSTED_PROXIES": " 10.0.0.0/8, 192.168.1.10 ,fd00::/8,10.1.2.3/8"}))
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]bool{
		"10.200.0.1": true, "192.168.1.10": true, "192.168.1.11": false, "fd00::1": true,
		"::ffff:10.0.0.1": true, "203.0.113.9": false, "127.0.0.1": false,
	} {
		if got := c.TrustedProxy(netip.MustParseAddr(addr)); got != want {
			t.Errorf("TrustedProxy(%s) = %v, want %v", addr, got, want)
		}
	}
	// TRUST_PROXY_HEADERS next to TRUSTED_PROXIES is redundant, not an error.
	if _, err := Load(env(map[string]string{"DATABASE_URL": "x", "TRUST_PROXY_HEADERS": "true", "TRUSTED_PROXIES": "10.0.0.0/8"})); err != nil {
		t.Errorf("TRUST_PROXY_HEADERS with TRUSTED_PROXIES refused: %v", err)
	}
	if c, _ := Load(env(map[string]string{"DATABASE_URL": "x"})); len(c.TrustedProxies) != 0 {
		t.Errorf("default trusts proxies: %v", c.TrustedProxies)
	}
}

package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// parseProxies reads TRUSTED_PROXIES: a comma-separated list of CIDR prefixes or single
// addresses (10.0.0.0/8, 192.168.1.10, fd00::/8).
func parseProxies(key, v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is neither an address nor a CIDR prefix such as 10.0.0.0/8", key, f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// TrustedProxy reports whether a is one of the configured proxies.
func (c Config) TrustedProxy(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range c.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

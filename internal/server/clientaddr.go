package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address a request came from, for the audit log and throttling.
//
// A request from a configured proxy (TRUSTED_PROXIES) carries the real client in
// X-Forwarded-For, where every proxy appends the address it saw. Everything left of the
// last hop a trusted proxy wrote may have been typed by the client, so the header is read
// from the right, skipping trusted proxies, and the first other address is the client.
// A hop that is not an address stops the walk at the last trusted one.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || len(s.cfg.TrustedProxies) == 0 || !s.cfg.TrustedProxy(peer) {
		return host
	}
	hops := forwardedHops(r.Header.Values("X-Forwarded-For"))
	addr := peer.Unmap()
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			break
		}
		addr = a.Unmap()
		if !s.cfg.TrustedProxy(addr) {
			break
		}
	}
	return addr.String()
}

// forwardedHops lists the X-Forwarded-For entries in order, over all header lines.
func forwardedHops(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	return hops
}

package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/testdb"
)

// METRICS_ADDR: /metrics answers there, in Prometheus' format, and not on ADDR (the address
// the reverse proxy forwards to users), and the metrics address serves nothing else.
func TestMetricsOnlyOnMetricsAddr(t *testing.T) {
	bin := buildBinary(t)
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+testdb.URL(t), "ADDR="+addr, "METRICS_ADDR="+metricsAddr, "LOG_LEVEL=warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitReady(t, addr)

	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("http://" + addr + "/metrics"); code == http.StatusOK || strings.Contains(body, "cchc_http_request") {
		t.Errorf("the portal's address answers /metrics: %d", code)
	}
	code, body := get("http://" + metricsAddr + "/metrics")
	if code != http.StatusOK || !strings.Contains(body, `cchc_http_request_duration_seconds_count{method="GET",route="/readyz",status="200"}`) ||
		!strings.Contains(body, `cchc_db_pool_connections{pool="primary",state="max"} 16`) {
		t.Errorf("METRICS_ADDR/metrics: %d\n%.2000s", code, body)
	}
	if code, _ := get("http://" + metricsAddr + "/dashboard"); code != http.StatusNotFound {
		t.Errorf("METRICS_ADDR serves the portal's pages: /dashboard %d", code)
	}
}

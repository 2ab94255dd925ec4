package deploy

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/server"
)

// tool finds a program the check needs; a missing one fails the test (it never skips).
func tool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	for _, p := range []string{name, "/usr/sbin/" + name, "/usr/bin/" + name} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	t.Fatalf("%s not found: install Debian's %s (apt-get install %s)", name, debianPackage, debianPackage)
	return ""
}

// TestSystemdUnitsVerify runs `systemd-analyze verify` on the units as installed, with
// ExecStart pointing at a freshly built cchc (verify refuses a missing binary).
func TestSystemdUnitsVerify(t *testing.T) {
	analyze := tool(t, "systemd-analyze", "systemd")
	dir := t.TempDir()
	bin := filepath.Join(dir, "cchc")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cchc").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var units []string
	for _, name := range []string{"cchc.service", "cchc-backup.service", "cchc-backup.timer"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(b), "/usr/local/bin/cchc", bin)), 0o644); err != nil {
			t.Fatal(err)
		}
		units = append(units, path)
	}
	out, err := exec.Command(analyze, append([]string{"verify"}, units...)...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	unit, _ := os.ReadFile("cchc.service")
	for _, want := range []string{"User=cchc", "ProtectSystem=strict", "NoNewPrivileges=yes", "Restart=on-failure",
		"EnvironmentFile=/etc/cchc/cchc.env", "ExecStart=/usr/local/bin/cchc serve"} {
		if !strings.Contains(string(unit), "\n"+want+"\n") {
			t.Errorf("cchc.service lacks %s", want)
		}
	}
}

// TestEnvironmentFileIsAValidConfig: the example environment file passes the portal's own
// validation, so an operator who only changes the password and host name gets a start.
func TestEnvironmentFileIsAValidConfig(t *testing.T) {
	env := readEnvFile(t, "cchc.env")
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.TLS() || cfg.MetricsAddr == "" || len(cfg.TrustedProxies) == 0 {
		t.Errorf("the example should turn on TLS cookies, metrics and the trusted proxy: %+v", cfg)
	}
}

func readEnvFile(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not KEY=value", name, line)
		}
		env[k] = v
	}
	return env
}

// TestNginxSiteConfig runs `nginx -t` on the site inside a minimal nginx.conf (as Debian's
// includes it in its http block), with a throwaway certificate in place of the real one,
// and checks client_max_body_size is the portal's own request limit.
func TestNginxSiteConfig(t *testing.T) {
	nginx := tool(t, "nginx", "nginx")
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	site, err := os.ReadFile("nginx/cchc.conf")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("/etc/ssl/cchc/fullchain.pem", cert, "/etc/ssl/cchc/privkey.pem", key,
		"/var/cache/nginx/cchc", filepath.Join(dir, "cache")).Replace(string(site))
	if err := os.WriteFile(filepath.Join(dir, "cchc.conf"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	main := "pid " + dir + "/nginx.pid;\nerror_log " + dir + "/error.log;\nevents {}\nhttp {\n" +
		"  access_log off;\n  client_body_temp_path " + dir + "/body;\n  proxy_temp_path " + dir + "/proxy;\n" +
		"  include " + dir + "/cchc.conf;\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(nginx, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "test is successful") {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}

	m := regexp.MustCompile(`(?m)^\s*client_max_body_size (\d+)m;`).FindStringSubmatch(string(site))
	if m == nil {
		t.Fatal("the site sets no client_max_body_size in MiB")
	}
	mib, _ := strconv.ParseInt(m[1], 10, 64)
	cfg, err := config.Load(func(k string) string { return map[string]string{"DATABASE_URL": "postgres://x/y"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if want := server.RequestBodyLimit(cfg); mib<<20 != want {
		t.Errorf("client_max_body_size %dm, the portal reads up to %d bytes (%d MiB): set them alike", mib, want, want>>20)
	}
	for _, want := range []string{"listen 443 ssl http2;", "X-Forwarded-For $proxy_add_x_forwarded_for", "proxy_cache cchc_static;"} {
		if !strings.Contains(string(site), want) {
			t.Errorf("the site lacks %q", want)
		}
	}
}

func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "cchc.example.gov.vn"},
		DNSNames: []string{"cchc.example.gov.vn", "localhost"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

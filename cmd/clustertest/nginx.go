package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// nginxBinary finds nginx, installing Debian's package when it is missing (as .ci/run does
// for the tests' other tools).
func nginxBinary() (string, error) {
	for _, p := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(p); err == nil {
			return path, nil
		}
	}
	if os.Geteuid() != 0 {
		return "", fmt.Errorf("nginx is missing: apt-get install nginx")
	}
	logf("installing Debian's nginx")
	install := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx")
	if out, err := install.CombinedOutput(); err != nil {
		return "", fmt.Errorf("apt-get install nginx: %v\n%s", err, out)
	}
	return "/usr/sbin/nginx", nil
}

// siteFor is deploy/nginx/cchc.conf as the cluster runs it: the two instances in the
// upstream, TLS on a private port of 127.0.0.1 with a certificate made now, the cache under
// the test's directory, and no port 80 server.
func (c *cluster) siteFor(cert, key string) (string, error) {
	b, err := os.ReadFile("deploy/nginx/cchc.conf")
	if err != nil {
		return "", err
	}
	s := string(b)
	upstream := regexp.MustCompile(`(?m)^\s*server 127\.0\.0\.1:8080 [^;]*;`)
	if !upstream.MatchString(s) {
		return "", fmt.Errorf("deploy/nginx/cchc.conf: no upstream line 'server 127.0.0.1:8080 …;' to replace")
	}
	var servers strings.Builder
	for _, inst := range c.instances {
		fmt.Fprintf(&servers, "    server %s max_fails=1 fail_timeout=5s;\n", inst.addr)
	}
	s = upstream.ReplaceAllLiteralString(s, strings.TrimRight(servers.String(), "\n"))
	// the plain-HTTP redirect server: the first server block
	redirect := regexp.MustCompile(`(?s)server \{\s*listen 80;.*?\n\}\n`)
	if !redirect.MatchString(s) {
		return "", fmt.Errorf("deploy/nginx/cchc.conf: the port 80 server block was not found")
	}
	s = redirect.ReplaceAllString(s, "")
	port := strconv.Itoa(c.nginxPortOrReserve())
	s = strings.NewReplacer(
		"listen 443 ssl http2;", "listen 127.0.0.1:"+port+" ssl http2;",
		"listen [::]:443 ssl http2;", "",
		"/etc/ssl/cchc/fullchain.pem", cert,
		"/etc/ssl/cchc/privkey.pem", key,
		"/var/cache/nginx/cchc", filepath.Join(c.dir, "nginx", "cache"),
	).Replace(s)
	if !strings.Contains(s, "127.0.0.1:"+port+" ssl http2") {
		return "", fmt.Errorf("deploy/nginx/cchc.conf: no 'listen 443 ssl http2;' to move to a private port")
	}
	return s, nil
}

func (c *cluster) startNginx(ctx context.Context) error {
	bin, err := nginxBinary()
	if err != nil {
		return err
	}
	dir := filepath.Join(c.dir, "nginx")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cert, key, err := selfSigned(dir)
	if err != nil {
		return err
	}
	site, err := c.siteFor(cert, key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "cchc.conf"), []byte(site), 0o644); err != nil {
		return err
	}
	main := fmt.Sprintf(`worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/cchc.conf;
}
`, dir)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		return err
	}
	if out, err := exec.Command(bin, "-t", "-p", dir, "-c", conf).CombinedOutput(); err != nil {
		return fmt.Errorf("nginx -t: %v\n%s", err, out)
	}
	c.nginx = exec.Command(bin, "-p", dir, "-c", conf, "-g", "daemon off;")
	c.nginx.Stdout, c.nginx.Stderr = os.Stderr, os.Stderr
	if err := c.nginx.Start(); err != nil {
		return err
	}
	base := c.baseURL()
	if err := waitFor(ctx, "nginx", 10*time.Second, func() bool {
		resp, err := httpsClient.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK && resp.ProtoMajor == 2
	}); err != nil {
		return err
	}
	logf("nginx on %s (HTTP/2, TLS), balancing %s and %s", base, c.instances[0].addr, c.instances[1].addr)
	return nil
}

func (c *cluster) baseURL() string {
	return "https://127.0.0.1:" + strconv.Itoa(c.nginxPortOrReserve())
}

func selfSigned(dir string) (certFile, keyFile string, err error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", "", err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		return "", "", err
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		return "", "", err
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return "", "", err
	}
	return certFile, keyFile, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
}

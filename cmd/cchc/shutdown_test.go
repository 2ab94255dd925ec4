package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/testdb"
)

// SIGTERM with a large download in flight and a request that never completes: the download
// finishes (read slowly, after the signal), the stalled request is cut when SHUTDOWN_GRACE
// is over, and the process exits 0 — not 1, and not after a fixed 30 s.
func TestSIGTERMLetsDownloadsFinishThenExitsZeroAfterGrace(t *testing.T) {
	bin := buildBinary(t)
	dbURL := testdb.URL(t)
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "LOG_LEVEL=warn")
	for _, args := range [][]string{{"migrate", "up"}, {"seed", "demo"}} {
		c := exec.Command(bin, args...)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil && !strings.Contains(string(out), "already") {
			t.Fatalf("cchc %v: %v\n%s", args, err, out)
		}
	}
	const size = 24 << 20 // larger than the socket buffers: the server is still writing when the signal comes
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	var evidenceID int64
	// a register document of VPS with one 24 MB file in 1 MiB chunks, attached to its first report
	err = conn.QueryRow(ctx, `WITH r AS (SELECT r.id, r.unit_id FROM reports r JOIN units u ON u.id = r.unit_id WHERE u.code = 'VPS' ORDER BY r.id LIMIT 1),
		d AS (INSERT INTO evidence_documents (unit_id) SELECT unit_id FROM r RETURNING id),
		f AS (INSERT INTO evidence_files (document_id, version, file_name, content_type, size_bytes, sha256, storage_key)
			SELECT d.id, 1, 'tai-lieu-lon.pdf', 'application/pdf', $1::bigint, 'test', 'shutdown-test' FROM d RETURNING id),
		c AS (INSERT INTO evidence_chunks (file_id, seq, data) SELECT f.id, g.i, convert_to(repeat('a', 1048576), 'UTF8')
			FROM f, generate_series(0, $1::int / 1048576 - 1) g(i))
		INSERT INTO evidence (report_id, document_id) SELECT r.id, d.id FROM r, d RETURNING id`, size).Scan(&evidenceID)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}

	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "ADDR="+addr, "SHUTDOWN_GRACE=5s", "BODY_READ_TIMEOUT=2m")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	waitReady(t, addr)
	base := "http://" + addr

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {"demo"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = client.Get(fmt.Sprintf("%s/evidence/%d", base, evidenceID))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("download: %v %v", resp, err)
	}
	defer resp.Body.Close()
	got, err := io.CopyN(io.Discard, resp.Body, 1<<20)
	if err != nil {
		t.Fatal(err)
	}

	// A request that never completes: its body stops after ten bytes.
	stalled, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	fmt.Fprintf(stalled, "POST /login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=k", addr)
	time.Sleep(200 * time.Millisecond)

	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The rest of the download, read slowly over about two seconds.
	buf := make([]byte, 1<<20)
	for {
		n, err := resp.Body.Read(buf)
		got += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("download cut after %d of %d bytes: %v", got, size, err)
		}
		time.Sleep(80 * time.Millisecond * time.Duration(n) / (1 << 20))
	}
	if got != size {
		t.Fatalf("downloaded %d bytes, want %d", got, size)
	}
	select {
	case err := <-done:
		took := time.Since(signalled)
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v (after %s)", err, took)
		}
		if took < 4*time.Second {
			t.Errorf("exited %s after SIGTERM, before the 5s grace was over for the stalled request", took)
		}
	case <-time.After(12 * time.Second):
		t.Fatal("process still running 12s after SIGTERM with SHUTDOWN_GRACE=5s")
	}
}

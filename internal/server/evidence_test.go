package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/server/servertest"
)

func evidenceIDs(t *testing.T, unitID, periodID int64) []int64 {
	t.Helper()
	rows, err := getFixture(t).pool.Query(context.Background(), `SELECT e.id FROM evidence e JOIN reports r ON r.id = e.report_id
		WHERE r.unit_id = $1 AND r.period_id = $2 ORDER BY e.id`, unitID, periodID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

func TestEvidenceUploadAndDownload(t *testing.T) {
	for _, where := range []string{"database", "directory"} {
		t.Run(where, func(t *testing.T) {
			f := getFixture(t)
			dir := ""
			p := newPortal(t, func(c *config.Config) {
				if where == "directory" {
					dir = t.TempDir()
					c.UploadDir = dir
				}
			})
			u := newUnit(t, threeTargets, twoTasks)
			staff := p.login(t, u.Staff)
			key := targetKey(f.targets["CT01"])
			vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "90"})
			vals.Set(key+"_doc_number", "125/BC-VPS")
			vals.Set(key+"_doc_date", "10/06/2031")
			vals.Set(key+"_doc_issuer", "Văn phòng Sở")
			name := "Báo cáo kết quả CCHC quý I (đợt 2).pdf"
			res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: key + "_file", Name: name, Content: minimalPDF})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("upload: %d\n%s", res.Status, res.Body)
			}
			ids := evidenceIDs(t, u.ID, f.open.ID)
			if len(ids) != 1 {
				t.Fatalf("%d files stored", len(ids))
			}
			var storageKey string
			var inDB bool
			_ = f.pool.QueryRow(context.Background(), `SELECT fl.storage_key, EXISTS (SELECT 1 FROM evidence_chunks c WHERE c.file_id = fl.id)
				FROM evidence e JOIN evidence_files fl ON fl.document_id = e.document_id AND fl.current WHERE e.id = $1`, ids[0]).Scan(&storageKey, &inDB)
			if strings.Contains(storageKey, "Báo") || inDB != (where == "database") {
				t.Errorf("storage key %q, content in database %v", storageKey, inDB)
			}
			if where == "directory" {
				if b, err := os.ReadFile(filepath.Join(dir, storageKey[:2], storageKey)); err != nil || !bytes.Equal(b, minimalPDF) {
					t.Errorf("file in directory: %v", err)
				}
			}
			form := staff.Get(formURL(u, f.open))
			for sel, want := range map[string]string{".evidence-list li a": name, ".evidence-list li .doc": "Số 125/BC-VPS, ngày 10/06/2031, Văn phòng Sở",
				".evidence-list li .muted": "(PDF, "} {
				if !form.HasText(sel, want) {
					t.Errorf("form lacks %q in %s", want, sel)
				}
			}
			dl := staff.Get(fmt.Sprintf("/evidence/%d", ids[0]))
			if dl.Status != http.StatusOK || dl.Body != string(minimalPDF) {
				t.Fatalf("download: %d", dl.Status)
			}
			cd := dl.Header.Get("Content-Disposition")
			if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3") {
				t.Errorf("Content-Disposition %q", cd)
			}
			if ct := dl.Header.Get("Content-Type"); ct != "application/pdf" {
				t.Errorf("Content-Type %q", ct)
			}
			// A file opened in the browser runs nothing and loads nothing: sandboxed, no sources.
			if csp := dl.Header.Get("Content-Security-Policy"); csp != "default-src 'none'; sandbox; frame-ancestors 'none'" {
				t.Errorf("evidence download Content-Security-Policy %q", csp)
			}
			if dl.Header.Get("X-Content-Type-Options") != "nosniff" || dl.Header.Get("Cache-Control") != "private, no-store" {
				t.Errorf("evidence download nosniff %q, Cache-Control %q", dl.Header.Get("X-Content-Type-Options"), dl.Header.Get("Cache-Control"))
			}
			// The same file posted again to the same result is refused with a message by its
			// field, not silently ignored, and not stored twice.
			rep, _ := reportRow(t, u.ID, f.open.ID)
			again := reportForm(t, u, rep.Version, "save", map[string]string{"CT01": "90"})
			res = staff.PostMultipart(formURL(u, f.open), again, servertest.File{Field: key + "_file", Name: name, Content: minimalPDF})
			if res.Status != http.StatusUnprocessableEntity || !res.HasText("p.field-error", "đã được đính kèm vào mục này") {
				t.Errorf("re-attached file: %d, the message is not by its field: %v", res.Status, res.Where("đã được đính kèm vào mục này"))
			}
			if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 1 {
				t.Errorf("re-posted file stored %d times", n)
			}
			// Removing it is part of a save, and audited; the document stays in the register.
			rep, _ = reportRow(t, u.ID, f.open.ID)
			del := reportForm(t, u, rep.Version, "save", map[string]string{"CT01": "90"})
			del.Set(key+"_delete", fmt.Sprint(ids[0]))
			if r := staff.PostMultipart(formURL(u, f.open), del); r.Status != http.StatusSeeOther {
				t.Fatalf("remove: %d", r.Status)
			}
			if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 0 {
				t.Errorf("%d files left after removal", n)
			}
			if where == "directory" {
				if _, err := os.Stat(filepath.Join(dir, storageKey[:2], storageKey)); err != nil {
					t.Errorf("a detached document's file left the register: %v", err)
				}
			}
			if !staff.Get(formURL(u, f.open)).HasText(".result details.history li", "Gỡ tệp “"+name+"”") {
				t.Error("the removal is not in the result's history")
			}
		})
	}
}

func TestOversizedOrDisguisedUploadRefused(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.UploadMaxBytes = 4 << 10 })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	key := targetKey(f.targets["CT01"])
	big := append(append([]byte{}, minimalPDF...), bytes.Repeat([]byte("0"), 5<<10)...)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"Báo cáo lớn.pdf", big, "vượt quá dung lượng cho phép 4 KB"},
		{"hoso.pdf", exe, "không đúng loại được chấp nhận"},
		{"ảnh chụp.pdf", png, "thực chất là tệp PNG"},
		{"chuong-trinh.exe", exe, "không đúng loại được chấp nhận"},
	}
	for _, tt := range tests {
		vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "77", "CT01.narrative": "Không mất chữ"})
		res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: key + "_file", Name: tt.name, Content: tt.content})
		fileErr := "#e-" + key + "_file.field-error"
		if res.Status != http.StatusUnprocessableEntity || !res.HasText(fileErr, tt.want) || !res.HasText(fileErr, tt.name) {
			t.Errorf("%s: %d, message %q missing", tt.name, res.Status, tt.want)
		}
		if res.Value(key+"_value") != "77" || res.Value(key+"_narrative") != "Không mất chữ" {
			t.Errorf("%s: typed values lost", tt.name)
		}
	}
	if _, ok := reportRow(t, u.ID, f.open.ID); ok {
		t.Error("a refused upload wrote the report")
	}
	// A file far beyond the limit (and beyond what the old whole-body limit allowed) is
	// read, dropped and answered with the form, not a dead-end 413.
	huge := append(append([]byte{}, minimalPDF...), bytes.Repeat([]byte("x"), maxFilesPerSave*(4<<10)+5<<20)...)
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "77", "CT01.narrative": "Không mất chữ"})
	res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: key + "_file", Name: "Quyết định.pdf", Content: huge})
	if res.Status != http.StatusUnprocessableEntity || !res.HasText("p.field-error", "vượt quá dung lượng cho phép 4 KB") ||
		!res.HasValue("Không mất chữ") {
		t.Errorf("huge file: %d, message in %v", res.Status, res.Where("vượt quá dung lượng cho phép 4 KB"))
	}
	// A body declared beyond the cap is refused before it is read, with a page saying so.
	target, _ := url.Parse(staff.Base + formURL(u, f.open))
	conn, err := net.Dial("tcp", target.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var cookies []string
	for _, c := range staff.HTTP.Jar.Cookies(target) {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n",
		target.Path, target.Host, strings.Join(cookies, "; "), int64(2)<<30)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !servertest.Parse(t, string(b)).HasText("main .card p", "quá lớn") {
		t.Errorf("declared huge body: %d", resp.StatusCode)
	}
}

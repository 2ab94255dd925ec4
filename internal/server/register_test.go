package server

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/server/servertest"
)

// streamForm posts a report form whose one file (of size bytes, a PDF by its first bytes)
// sits between the text fields, streamed through a pipe as a browser sends it: the test's
// own memory stays small, so the allocation measured is the portal's.
func streamForm(t *testing.T, u *servertest.Client, path string, before, after url.Values, field, name string, size int64) (*servertest.Response, uint64) {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for k, vs := range before {
			for _, v := range vs {
				_ = mw.WriteField(k, v)
			}
		}
		w, _ := mw.CreateFormFile(field, name)
		_, _ = w.Write(minimalPDF)
		_, _ = io.Copy(w, io.LimitReader(zeros{}, size-int64(len(minimalPDF))))
		for k, vs := range after {
			for _, v := range vs {
				_ = mw.WriteField(k, v)
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	req, _ := http.NewRequest(http.MethodPost, u.Base+path, pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	res := u.Do(req)
	runtime.ReadMemStats(&m1)
	return res, m1.TotalAlloc - m0.TotalAlloc
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// split puts the narrative fields before the file and everything else after it.
func split(v url.Values) (before, after url.Values) {
	before, after = url.Values{}, url.Values{}
	for k, vs := range v {
		if strings.HasSuffix(k, "_narrative") {
			before[k] = vs
		} else {
			after[k] = vs
		}
	}
	return before, after
}

// TestFileOverTheLimitComesBackWithTheForm: a file far over the limit (here 64 MB against
// 1 MB; the browser journey sends 200 MB) is read to its end and dropped: the form comes
// back with the message beside the file's field and every value typed before and after it,
// never the 413 page the whole-body limit used to give — in bounded memory.
func TestFileOverTheLimitComesBackWithTheForm(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.UploadMaxBytes = 1 << 20 })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	key := targetKey(f.targets["CT01"])
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "77,5", "CT01.narrative": "Giải trình trước tệp"})
	vals.Set(key+"_doc_number", "15/QĐ-UBND")
	before, after := split(vals)
	res, alloc := streamForm(t, staff, formURL(u, f.open), before, after, key+"_file", "Quyết định 200MB.pdf", 64<<20)
	if res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want the form (422)\n%.400s", res.Status, res.Body)
	}
	if msg := "“Quyết định 200MB.pdf” (64 MB) vượt quá dung lượng cho phép 1 MB"; !res.HasText("#r-"+key+" p.field-error", msg) {
		t.Errorf("the form lacks %q by the file's field (%v)", msg, res.Where(msg))
	}
	for _, typed := range []string{"77,5", "Giải trình trước tệp", "15/QĐ-UBND"} {
		if !res.HasValue(typed) {
			t.Errorf("the form lost what was typed: %q", typed)
		}
	}
	if alloc > 16<<20 {
		t.Errorf("a 64 MB post allocated %d MB", alloc>>20)
	}
}

// TestUploadIsStoredInBoundedMemory: a 32 MB file is streamed to a temporary file and from
// there into PostgreSQL in 1 MB chunks: the request allocates far less than the file (the
// whole-file read and bytea parameter it replaced allocated several times its size).
func TestUploadIsStoredInBoundedMemory(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) { c.UploadMaxBytes = 48 << 20 })
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	key := targetKey(f.targets["CT01"])
	before, after := split(reportForm(t, u, 0, "save", map[string]string{"CT01": "80"}))
	res, alloc := streamForm(t, staff, formURL(u, f.open), before, after, key+"_file", "Báo cáo.pdf", 32<<20)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("status %d\n%.400s", res.Status, res.Body)
	}
	var size, chunks int64
	if err := f.pool.QueryRow(context.Background(), `SELECT fl.size_bytes, (SELECT count(*) FROM evidence_chunks c WHERE c.file_id = fl.id)
		FROM evidence e JOIN reports r ON r.id = e.report_id JOIN evidence_files fl ON fl.document_id = e.document_id AND fl.current
		WHERE r.unit_id = $1`, u.ID).Scan(&size, &chunks); err != nil {
		t.Fatal(err)
	}
	if size != 32<<20 || chunks != 32 {
		t.Errorf("stored %d bytes in %d chunks", size, chunks)
	}
	if alloc > 16<<20 {
		t.Errorf("storing a 32 MB file allocated %d MB", alloc>>20)
	}
}

// TestAcceptedFilesStayPendingAfterAFailedPost: a form refused for a bad value keeps the
// file that passed its checks in the unit's register and shows it ticked, waiting; saving
// the corrected form attaches it without choosing it again.
func TestAcceptedFilesStayPendingAfterAFailedPost(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	key := targetKey(f.targets["CT01"])
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "tám mươi"})
	vals.Set(key+"_doc_number", "09/BC-T")
	res := staff.PostMultipart(formURL(u, f.open), vals, servertest.File{Field: key + "_file", Name: "Báo cáo 9.pdf", Content: minimalPDF})
	pending := res.Find(`#r-` + key + ` input[name="` + key + `_doc"][checked]`)
	pendingID, _ := pending.Attr("value")
	if res.Status != http.StatusUnprocessableEntity || pending.Length() != 1 || pendingID == "" || !res.HasText("#r-"+key, "09/BC-T") ||
		!res.HasText("#r-"+key, "sẽ được đính kèm khi lưu") {
		t.Fatalf("refused form: %d, pending %q (%v)", res.Status, pendingID, res.Where("sẽ được đính kèm khi lưu"))
	}
	if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 0 {
		t.Fatalf("a refused form attached %d files", n)
	}
	vals = reportForm(t, u, 0, "save", map[string]string{"CT01": "80"})
	vals.Set(key+"_doc", pendingID)
	if res := staff.PostMultipart(formURL(u, f.open), vals); res.Status != http.StatusSeeOther {
		t.Fatalf("save with the pending document: %d\n%s", res.Status, res.Body)
	}
	if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 1 {
		t.Errorf("%d documents attached, want 1", n)
	}
}

// TestReportTotalAndUnitQuota: the documents of one report together, and every file of a
// unit's register, are bounded, each with a message saying how much is used of how much.
func TestReportTotalAndUnitQuota(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, func(c *config.Config) {
		c.UploadMaxBytes, c.EvidenceReportMax, c.EvidenceUnitQuota = 4<<10, 6<<10, 8<<10
	})
	u := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	file := func(tag string) []byte {
		return append(append(append([]byte{}, minimalPDF...), tag...), strings.Repeat(" ", 3<<10)...)
	}
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "80", "CT12": "90"})
	res := staff.PostMultipart(formURL(u, f.open), vals,
		servertest.File{Field: targetKey(f.targets["CT01"]) + "_file", Name: "a.pdf", Content: file("a")},
		servertest.File{Field: targetKey(f.targets["CT12"]) + "_file", Name: "b.pdf", Content: file("b")})
	if msg := "vượt mức 6 KB cho một báo cáo"; res.Status != http.StatusUnprocessableEntity || !res.HasText("p.field-error", msg) {
		t.Errorf("report total: %d (%v)", res.Status, res.Where(msg))
	}
	if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 0 {
		t.Errorf("%d attached over the report's total", n)
	}
	// the two files were kept pending (6,1 KB of the unit's 8 KB): a third does not fit
	res = staff.PostMultipart(registerURL(u.ID), url.Values{"doc_number": {"3/BC"}}, servertest.File{Field: "file", Name: "c.pdf", Content: file("c")})
	if msg := "trên hạn mức 8 KB"; res.Status != http.StatusUnprocessableEntity || !res.HasText("p.field-error", msg) {
		t.Errorf("unit quota: %d (%v)", res.Status, res.Where(msg))
	}
}

// TestEvidenceRegister: one document, uploaded once, attached to three targets; attaching
// it again to one of them is refused; its fields are corrected and its file replaced with
// the old version kept; it is found by number and by words; another unit gets 404 and the
// director reads it.
func TestEvidenceRegister(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	other := newUnit(t, threeTargets, twoTasks)
	staff := p.login(t, u.Staff)
	res := staff.PostMultipart(registerURL(u.ID), url.Values{"doc_number": {"3809/QĐ-UBND"}, "doc_date": {"12/03/2031"},
		"doc_issuer": {"UBND tỉnh"}, "summary": {"Quyết định công bố danh mục thủ tục hành chính một cửa"}},
		servertest.File{Field: "file", Name: "QĐ 3809.pdf", Content: minimalPDF})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.Status, res.Body)
	}
	docURL := res.Location
	var docID int64
	fmt.Sscanf(docURL, "/register/%d", &docID)
	// the same file again is refused, naming the document it is
	if r := staff.PostMultipart(registerURL(u.ID), url.Values{}, servertest.File{Field: "file", Name: "bản sao.pdf", Content: minimalPDF}); r.Status != http.StatusUnprocessableEntity ||
		!r.HasText("p.field-error", "3809/QĐ-UBND") {
		t.Errorf("duplicate upload: %d (%v)", r.Status, r.Where("3809/QĐ-UBND"))
	}
	vals := reportForm(t, u, 0, "save", map[string]string{"CT01": "80", "CT12": "90", "CT11.done": "0"})
	for _, c := range threeTargets {
		vals.Set(targetKey(f.targets[c])+"_doc", fmt.Sprint(docID))
	}
	if r := staff.PostMultipart(formURL(u, f.open), vals); r.Status != http.StatusSeeOther {
		t.Fatalf("attach to three targets: %d\n%s", r.Status, r.Body)
	}
	if n := len(evidenceIDs(t, u.ID, f.open.ID)); n != 3 {
		t.Fatalf("%d attachments, want 3", n)
	}
	rep, _ := reportRow(t, u.ID, f.open.ID)
	again := reportForm(t, u, rep.Version, "save", map[string]string{"CT01": "80", "CT12": "90", "CT11.done": "0"})
	again.Set(targetKey(f.targets["CT01"])+"_doc", fmt.Sprint(docID))
	if r := staff.PostMultipart(formURL(u, f.open), again); r.Status != http.StatusUnprocessableEntity ||
		!r.HasText("#r-"+targetKey(f.targets["CT01"])+" p.field-error", "“3809/QĐ-UBND” đã được đính kèm vào mục này") {
		t.Errorf("re-attach: %d (%v)", r.Status, r.Where("đã được đính kèm vào mục này"))
	}
	// correct the fields; replace the file
	if r := staff.Post(docURL, url.Values{"doc_number": {"3809/QĐ-UBND"}, "doc_date": {"13/03/2031"}, "doc_issuer": {"Ủy ban nhân dân tỉnh"},
		"summary": {"Quyết định công bố danh mục thủ tục hành chính một cửa"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", r.Status, r.Body)
	}
	v2 := append(append([]byte{}, minimalPDF...), "% v2"...)
	if r := staff.PostMultipart(docURL+"/file", url.Values{}, servertest.File{Field: "file", Name: "QĐ 3809 (bản ký số).pdf", Content: v2}); r.Status != http.StatusSeeOther {
		t.Fatalf("replace: %d\n%s", r.Status, r.Body)
	}
	doc := staff.Get(docURL)
	for _, want := range []string{"13/03/2031", "Ủy ban nhân dân tỉnh"} {
		if !doc.HasValue(want) && !doc.HasText("main dl dd", want) {
			t.Errorf("document page lacks %q (%v)", want, doc.Where(want))
		}
	}
	for _, want := range []string{"QĐ 3809 (bản ký số).pdf", "QĐ 3809.pdf", "v1", "v2"} {
		if !doc.HasText("ul.evidence-list.versions li", want) {
			t.Errorf("document page's versions lack %q (%v)", want, doc.Where(want))
		}
	}
	// the report shows the corrected number and the new file
	if form, r := staff.Get(formURL(u, f.open)), "#r-"+targetKey(f.targets["CT01"]); !form.HasText(r, "QĐ 3809 (bản ký số).pdf") || !form.HasText(r, "13/03/2031") {
		t.Errorf("the report does not show the document as corrected (%v)", form.Where("QĐ 3809 (bản ký số).pdf"))
	}
	for _, q := range []string{"3809", "một cửa", "danh mục"} {
		if list := staff.Get(registerURL(u.ID) + "&q=" + url.QueryEscape(q)); !list.Has(`main table a[href="` + docURL + `"]`) {
			t.Errorf("search %q does not find the document", q)
		}
	}
	if list := staff.Get(registerURL(u.ID) + "&q=" + url.QueryEscape("không có")); list.Mentions(docURL) {
		t.Error("search finds a document that does not match")
	}
	stranger := p.login(t, other.Staff)
	for _, path := range []string{docURL, registerURL(u.ID)} {
		if r := stranger.Get(path); r.Status != http.StatusNotFound {
			t.Errorf("another unit's staff: %s → %d", path, r.Status)
		}
	}
	if r := p.login(t, "giamdoc").Get(docURL); r.Status != http.StatusOK {
		t.Errorf("director: %d", r.Status)
	}
}

// TestSubmitNeedsRequiredEvidence: a target the reform office marks as needing evidence
// refuses the submission while it has none, naming the target; the draft is saved.
func TestSubmitNeedsRequiredEvidence(t *testing.T) {
	f := getFixture(t)
	p := newPortal(t, nil)
	u := newUnit(t, threeTargets, twoTasks)
	ctx := context.Background()
	if _, err := f.pool.Exec(ctx, `UPDATE targets SET evidence_required = true WHERE id = $1`, f.targets["CT12"]); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = f.pool.Exec(ctx, `UPDATE targets SET evidence_required = false WHERE id = $1`, f.targets["CT12"])
	})
	staff := p.login(t, u.Head)
	values := map[string]string{"CT01": "80", "CT12": "90", "CT11.done": "0", "NV2": "done", "NV4": "done"}
	res := staff.PostMultipart(formURL(u, f.open), reportForm(t, u, 0, "submit", values))
	if msg := "Chỉ tiêu CT12 cần có tài liệu kiểm chứng trước khi nộp báo cáo"; res.Status != http.StatusUnprocessableEntity || !res.HasText("main .error-summary", msg) {
		t.Fatalf("submit without evidence: %d (%v)", res.Status, res.Where(msg))
	}
	rep, ok := reportRow(t, u.ID, f.open.ID)
	if !ok || rep.Status != "draft" {
		t.Fatalf("the refused submission's draft: %v %q", ok, rep.Status)
	}
	res = staff.PostMultipart(formURL(u, f.open), reportForm(t, u, rep.Version, "submit", values),
		servertest.File{Field: targetKey(f.targets["CT12"]) + "_file", Name: "Minh chứng CT12.pdf", Content: minimalPDF})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("submit with evidence: %d\n%s", res.Status, res.Body)
	}
	if rep, _ := reportRow(t, u.ID, f.open.ID); rep.Status != "submitted" {
		t.Errorf("status %q", rep.Status)
	}
}

//go:build e2e

package e2e

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestE2EReportDocumentJourney: the reform office drafts the 2025 annual report of
// 2320/KH-SNV, fills in its details, edits two sections and submits it for signature; the
// director comments and issues it; the DOCX and PDF downloaded say what was written, in
// the Decree 30 layout, and LibreOffice opens the DOCX.
func TestE2EReportDocumentJourney(t *testing.T) {
	base, db := isolatedPortal(t)
	ctx := browser(t)
	dir := t.TempDir()
	planID, err := db.PlanIDByCode(context.Background(), "2320/KH-SNV")
	if err != nil {
		t.Fatal(err)
	}

	// the reform office drafts the report
	err = chromedp.Do(ctx,
		login(base, "cchc", "demo"),
		chromedp.Click(chromedp.CSS(`.main-nav a[href="/documents"]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-document")),
		chromedp.SetValue(chromedp.CSS("#f-plan"), strconv.FormatInt(planID, 10)),
		chromedp.SetValue(chromedp.CSS("#f-year"), "2025"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "year"),
		chromedp.Click(chromedp.CSS("#new-document button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#doc-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#doc-summary"); got != "Kết quả thực hiện công tác cải cách hành chính năm 2025" {
		t.Errorf("summary = %q", got)
	}
	body := text(t, ctx, ".document-body")
	for _, h := range []string{"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "3. Công tác kiểm tra cải cách hành chính",
		"4. Công tác tuyên truyền cải cách hành chính", "5. Sáng kiến, cách làm mới trong cải cách hành chính",
		"II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "1. Ưu điểm", "2. Tồn tại, hạn chế và nguyên nhân",
		"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V. ĐỀ XUẤT, KIẾN NGHỊ"} {
		if !strings.Contains(body, h) {
			t.Errorf("the draft lacks %q", h)
		}
	}
	shot(t, ctx, "documents-draft-2025")
	docURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}

	// details: organ, place, signer (KT.), a bad number first
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#edit-details")),
		chromedp.WaitVisible(chromedp.CSS("#details-form")),
		chromedp.SetValue(chromedp.CSS("#f-number"), "năm"),
		chromedp.SetValue(chromedp.CSS("#f-governing_body"), "UBND TỈNH LÂM ĐỒNG"),
		chromedp.SetValue(chromedp.CSS("#f-place"), "Lâm Đồng"),
		chromedp.SetValue(chromedp.CSS("#f-signer_form"), "KT."),
		chromedp.SetValue(chromedp.CSS("#f-signer_head"), "Giám đốc"),
		chromedp.SetValue(chromedp.CSS("#f-signer_own"), "Phó Giám đốc"),
		chromedp.SetValue(chromedp.CSS("#f-signer_name"), "Trần Văn Minh"),
		chromedp.Click(chromedp.CSS("#details-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-signer_name"))); err != nil || kept != "Trần Văn Minh" {
		t.Errorf("a refused form lost the signer's name: %q %v", kept, err)
	}
	if msg := text(t, ctx, ".error-summary"); !strings.Contains(msg, "Số văn bản \"năm\" không hợp lệ") {
		t.Errorf("bad number message = %q", msg)
	}
	shot(t, ctx, "documents-details-refused")
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#details-form #f-number")),
		chromedp.Clear(chromedp.CSS("#details-form #f-number")),
		chromedp.Click(chromedp.CSS("#details-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#doc-summary")),
	)
	if err != nil {
		t.Fatal(err)
	}

	// two sections edited, without script: the form posts and the page shows the text
	inspection := "Năm 2025, Sở đã ban hành kế hoạch kiểm tra và tổ chức kiểm tra công tác cải cách hành chính tại 4 đơn vị thuộc Sở; sau kiểm tra, các đơn vị đã khắc phục các tồn tại được chỉ ra."
	initiative := "Năm 2025, Sở áp dụng mô hình “Một cửa số” tại Văn phòng Sở, rút ngắn 30% thời gian xử lý hồ sơ nội bộ."
	for key, value := range map[string]string{"I.3": inspection, "I.5": initiative} {
		err = chromedp.Do(ctx,
			chromedp.Navigate(docURL+"/sections/"+key),
			chromedp.WaitVisible(chromedp.CSS("#section-form")),
			chromedp.SetValue(chromedp.CSS("#f-body"), value),
			chromedp.Click(chromedp.CSS("#save-section")),
			chromedp.WaitVisible(chromedp.CSS("#doc-summary")),
		)
		if err != nil {
			t.Fatal(err)
		}
	}
	body = text(t, ctx, ".document-body")
	if !strings.Contains(body, inspection) || !strings.Contains(body, initiative) {
		t.Error("the edited sections are not on the document page")
	}
	// the versions of I.3 compare the draft with the edit
	err = chromedp.Do(ctx, chromedp.Navigate(docURL+"/sections/I.3/versions"), chromedp.WaitVisible(chromedp.CSS("#diff")))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#diff ins, #diff del").length`)); err != nil || n == 0 ||
		!strings.Contains(text(t, ctx, "#diff"), "tại 4 đơn vị") {
		t.Errorf("the comparison does not show what changed (%d marks, %v)", n, err)
	}
	shot(t, ctx, "documents-versions")

	// submitted for signature: locked
	err = chromedp.Do(ctx,
		chromedp.Navigate(docURL),
		chromedp.WaitVisible(chromedp.CSS("#submit-document")),
		chromedp.Click(chromedp.CSS("#submit-document")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#doc-status"); got != "Trình ký" {
		t.Fatalf("status after submit = %q", got)
	}
	if edits, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".edit-section").length`)); err != nil || edits != 0 {
		t.Errorf("sections still editable while awaiting signature: %d %v", edits, err)
	}

	// the director comments and issues
	comment := "Đề nghị bổ sung số liệu kiểm tra tại các đơn vị vào mục I.3."
	err = chromedp.Do(ctx,
		logout(),
		login(base, "giamdoc", "demo"),
		chromedp.Navigate(docURL),
		chromedp.WaitVisible(chromedp.CSS("#issue-form")),
		chromedp.SetValue(chromedp.CSS("#comment-form textarea"), comment),
		chromedp.Click(chromedp.CSS("#add-comment")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if c := text(t, ctx, "#comments"); !strings.Contains(c, comment) {
		t.Errorf("comment not shown: %q", c)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#issue-form #f-number"), "5"),
		chromedp.SetValue(chromedp.CSS("#issue-form #f-date"), "05/02/2026"),
		chromedp.Click(chromedp.CSS("#issue-document")),
		chromedp.WaitNotPresent(chromedp.CSS("#issue-form")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#doc-status"); got != "Đã ban hành" {
		t.Fatalf("status after issue = %q (%.600s)", got, text(t, ctx, "main"))
	}
	shot(t, ctx, "documents-issued")

	pdf := download(t, ctx, dir, "#dl-pdf")
	docx := download(t, ctx, dir, "#dl-docx")
	checkIssuedPDF(t, pdf, inspection)
	checkIssuedDOCX(t, docx, inspection)
}

// checkIssuedPDF reads the issued PDF's text and the positions of its words: the
// two-column header, the date line, the signer level with Nơi nhận, the appendix.
func checkIssuedPDF(t *testing.T, path, edited string) {
	t.Helper()
	head, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(head), "%PDF-1.4") {
		t.Errorf("PDF version %.8q", head)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	txt := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 05/BC-SNV", "Lâm Đồng, ngày 05 tháng 02 năm 2026",
		"BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính năm 2025", edited, "Nơi nhận:", "- Lưu: VT, CCHC.",
		"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh", "Phụ lục", "(Kèm theo Báo cáo số 05/BC-SNV ngày 05/02/2026 của Sở Nội vụ)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("issued PDF lacks %q", want)
		}
	}
	if strings.Contains(txt, "DỰ THẢO") || strings.Contains(txt, "UBND TỈNH …") {
		t.Error("issued PDF says DỰ THẢO or the placeholder governing body")
	}
	// positions (points from the top left of A4, 595 wide)
	bbox, err := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)
	pos := map[string][2]float64{}
	for _, m := range word.FindAllStringSubmatch(string(bbox), -1) {
		if _, seen := pos[m[3]]; seen {
			continue
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		pos[m[3]] = [2]float64{x, y}
	}
	ubnd, cong := pos["UBND"], pos["CỘNG"]
	if ubnd[0] == 0 || cong[0] == 0 || ubnd[0] > 200 || cong[0] < 230 || abs(ubnd[1]-cong[1]) > 4 {
		t.Errorf("header block: UBND at %v, CỘNG at %v; want the two columns side by side", ubnd, cong)
	}
	if x := pos["BÁO"][0]; x < 250 || x > 330 {
		t.Errorf("BÁO CÁO at x=%.0f; want it centred", x)
	}
	// Nơi nhận and the signer's title stand level, wherever the signature falls
	all, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var noi, kt [2]float64
	page := 0
	for _, line := range strings.Split(string(all), "\n") {
		if strings.Contains(line, "<page ") {
			page++
		}
		if m := word.FindStringSubmatch(line); m != nil {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			switch {
			case m[3] == "Nơi" && noi[0] == 0:
				noi = [2]float64{float64(page)*1000 + y, x}
			case m[3] == "KT." && kt[0] == 0:
				kt = [2]float64{float64(page)*1000 + y, x}
			}
		}
	}
	if noi[0] == 0 || kt[0] == 0 || abs(noi[0]-kt[0]) > 6 || kt[1] < noi[1]+150 {
		t.Errorf("Nơi nhận at %v, KT. at %v; want them level, the signer to the right", noi, kt)
	}
	shots := os.Getenv("E2E_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "e2e-screenshots")
	}
	if err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", path,
		filepath.Join(shots, "documents-issued-pdf-page1")).Run(); err != nil {
		t.Errorf("pdftoppm: %v", err)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// checkIssuedDOCX opens the Word file's body and has LibreOffice print it.
func checkIssuedDOCX(t *testing.T, path, edited string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	defer zr.Close()
	var doc string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	for _, want := range []string{`w:val="Heading1"`, "Số: 05/BC-SNV", "KT. GIÁM ĐỐC", "Trần Văn Minh", "<w:tbl>"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(doc, edited) {
		t.Error("document.xml lacks the edited section")
	}
	docx := filepath.Join(t.TempDir(), "bao-cao.docx")
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(docx, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Dir(docx)
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo"), "--headless", "--convert-to", "pdf", "--outdir", out, docx)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, "bao-cao.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"UBND TỈNH LÂM ĐỒNG", "Số: 05/BC-SNV", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
		"V. ĐỀ XUẤT, KIẾN NGHỊ", edited, "Phụ lục"} {
		if !strings.Contains(txt, want) {
			t.Errorf("LibreOffice's print of the DOCX lacks %q", want)
		}
	}
}

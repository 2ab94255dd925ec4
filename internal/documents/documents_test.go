package documents_test

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/documents"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

type fixture struct {
	st       *postgres.Store
	svc      *documents.Service
	planID   int64
	reform   documents.Actor
	reform2  documents.Actor
	director documents.Actor
}

func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	planID, err := st.PlanIDByCode(ctx, "2320/KH-SNV")
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{st: st, svc: documents.New(st, testdb.Now), planID: planID}
	var ids [2]int64
	err = st.Pool().QueryRow(ctx, `SELECT (SELECT min(id) FROM users WHERE role = 'reform_office'), (SELECT min(id) FROM users WHERE role = 'director')`).Scan(&ids[0], &ids[1])
	if err != nil {
		t.Fatal(err)
	}
	f.reform = documents.Actor{Principal: authz.Principal{UserID: ids[0], Role: authz.RoleReformOffice, UnitID: 1}, Name: "cchc"}
	f.reform2 = documents.Actor{Principal: authz.Principal{UserID: ids[0], Role: authz.RoleReformOffice, UnitID: 1}, Name: "cchc2"}
	f.director = documents.Actor{Principal: authz.Principal{UserID: ids[1], Role: authz.RoleDirector}, Name: "giamdoc"}
	return f
}

// The 2025 annual report of 2320/KH-SNV: the full outline, prose in sentences, figures
// equal to the appendix and to export.Build (the dashboard's aggregation).
func TestDraftAnnualReport(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	id, err := f.svc.Create(ctx, f.reform, documents.CreateInput{PlanID: f.planID, Year: 2025, Kind: documents.Kind(domain.PeriodYear)})
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.svc.Load(ctx, f.reform, id)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	bodies := map[string]string{}
	for _, s := range v.Sections {
		if testing.Verbose() {
			t.Logf("%s %s\n%s\n  [%s]", s.Key, s.Title, s.Body, s.Sources)
		}
		titles[s.Key], bodies[s.Key] = s.Title, s.Body
	}
	for key, title := range map[string]string{
		"I": "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "I.1": "1. Kế hoạch cải cách hành chính",
		"I.2": "2. Công tác tổ chức, chỉ đạo, điều hành", "I.3": "3. Công tác kiểm tra cải cách hành chính",
		"I.4": "4. Công tác tuyên truyền cải cách hành chính", "I.5": "5. Sáng kiến, cách làm mới trong cải cách hành chính",
		"II": "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "III": "III. ĐÁNH GIÁ CHUNG", "III.1": "1. Ưu điểm",
		"III.2": "2. Tồn tại, hạn chế và nguyên nhân", "IV": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V": "V. ĐỀ XUẤT, KIẾN NGHỊ",
	} {
		if titles[key] != title {
			t.Errorf("section %s = %q; want %q", key, titles[key], title)
		}
	}
	all := strings.Join(func() []string {
		var out []string
		for _, s := range v.Sections {
			out = append(out, s.Body)
		}
		return out
	}(), "\n")
	for _, bad := range []string{"Giá trị mới nhất", "cam kết:", "số liệu của 1/1", "Đề nghị Sở", "UBND TỈNH …"} {
		if strings.Contains(all, bad) {
			t.Errorf("the draft reads like a database: %q", bad)
		}
	}
	if !strings.HasPrefix(bodies["mo-dau"], "Thực hiện Kế hoạch số 2320/KH-SNV ngày 14/12/2021") {
		t.Errorf("opening = %q", bodies["mo-dau"])
	}
	if !strings.Contains(bodies["V"], "Đối với Ủy ban nhân dân tỉnh") {
		t.Errorf("V does not address the province: %q", bodies["V"])
	}
	// every target's figure in the text equals the appendix and the export's aggregation
	r, err := export.Build(ctx, f.st, export.Params{PlanID: f.planID, Year: 2025, Kind: domain.PeriodYear}, testdb.Now())
	if err != nil {
		t.Fatal(err)
	}
	rd, err := documents.Render(v.Doc, v.Sections)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, row := range rd.Appendix.Rows {
		rows[strings.SplitN(row[1], ".", 2)[0]] = row
	}
	for _, tr := range r.Targets {
		value := export.ValueText(tr, tr.Current())
		row := rows[tr.Code]
		if row == nil {
			t.Errorf("appendix lacks %s", tr.Code)
			continue
		}
		if value != "" && row[3] != value {
			t.Errorf("appendix %s = %q; export says %q", tr.Code, row[3], value)
		}
		if tr.Kind == domain.KindGrowth {
			// a growth is stated as its increase, to the level reached
			if !strings.Contains(all, "(chỉ tiêu "+tr.Code+"): năm 2025 tăng ") || !strings.Contains(all, " lên "+value) {
				t.Errorf("the text lacks %s's increase to %q", tr.Code, value)
			}
			continue
		}
		if value != "" && tr.Kind != domain.KindMilestone && !strings.Contains(all, "(chỉ tiêu "+tr.Code+"): năm 2025 đạt "+value) {
			t.Errorf("the text lacks %s's figure %q", tr.Code, value)
		}
	}
	if rd.Draft != "DỰ THẢO" || rd.GoverningBody == "UBND TỈNH …" {
		t.Errorf("draft mark %q, governing body %q", rd.Draft, rd.GoverningBody)
	}
}

// Two people edit one section: the second gets a Conflict carrying the stored text;
// nothing is overwritten unseen, and the versions keep both.
func TestSectionEditsAndStates(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	id, err := f.svc.Create(ctx, f.reform, documents.CreateInput{PlanID: f.planID, Year: 2025, Kind: documents.Kind(domain.PeriodYear)})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.svc.Load(ctx, f.reform, id)
	var sec store.DocumentSection
	for _, s := range v.Sections {
		if s.Key == "I.3" {
			sec = s
		}
	}
	v1, err := f.svc.SaveSection(ctx, f.reform, id, "I.3", "Năm 2025, Sở đã tổ chức kiểm tra cải cách hành chính tại 4 đơn vị.", sec.Version)
	if err != nil || v1 != sec.Version+1 {
		t.Fatalf("first save: %d, %v", v1, err)
	}
	_, err = f.svc.SaveSection(ctx, f.reform2, id, "I.3", "Bản của người thứ hai.", sec.Version)
	var conf *documents.Conflict
	if !errors.As(err, &conf) || !strings.Contains(conf.Stored, "tại 4 đơn vị") || conf.Version != v1 {
		t.Fatalf("second save = %v; want a Conflict with the stored text", err)
	}
	vers, err := f.svc.Versions(ctx, f.reform, id, "I.3")
	if err != nil || len(vers) != 2 || vers[0].Body != "Năm 2025, Sở đã tổ chức kiểm tra cải cách hành chính tại 4 đơn vị." {
		t.Fatalf("versions = %+v, %v", vers, err)
	}
	if d := documents.Diff(vers[1].Body, vers[0].Body); len(d) == 0 {
		t.Error("no difference between versions")
	}

	// details: an empty number at issue, a signer missing at submission
	v, _ = f.svc.Load(ctx, f.reform, id)
	in := documents.DetailsOf(v.Doc)
	in.GoverningBody, in.Place, in.SignerName = "UBND TỈNH LÂM ĐỒNG", "Lâm Đồng", ""
	if err := f.svc.SaveDetails(ctx, f.reform, id, in); err != nil {
		t.Fatal(err)
	}
	v, _ = f.svc.Load(ctx, f.reform, id)
	var inv *documents.Invalid
	if err := f.svc.Submit(ctx, f.reform, id, v.Doc.Version); !errors.As(err, &inv) || inv.Fields["signer_name"].Zero() {
		t.Fatalf("submit without a signer = %v", err)
	}
	in = documents.DetailsOf(v.Doc)
	in.SignForm, in.SignerHead, in.SignerOwn, in.SignerName = string(domain.SignDeputy), "Giám đốc", "Phó Giám đốc", "Trần Văn Minh"
	if err := f.svc.SaveDetails(ctx, f.reform, id, in); err != nil {
		t.Fatal(err)
	}
	v, _ = f.svc.Load(ctx, f.reform, id)
	if err := f.svc.Submit(ctx, f.reform, id, v.Doc.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveSection(ctx, f.reform, id, "I.3", "sửa khi đang trình ký", v1); !errors.As(err, new(*documents.Refused)) {
		t.Errorf("edit while awaiting signature = %v; want Refused", err)
	}
	if err := f.svc.Comment(ctx, f.director, id, "", "Bổ sung số liệu kiểm tra."); err != nil {
		t.Fatal(err)
	}
	v, _ = f.svc.Load(ctx, f.director, id)
	in = documents.DetailsOf(v.Doc)
	in.Number, in.Date = "", "05/02/2026"
	if err := f.svc.Issue(ctx, f.director, id, in); !errors.As(err, &inv) || inv.Fields["number"].Zero() {
		t.Fatalf("issue without a number = %v", err)
	}
	in.Number = "5"
	if err := f.svc.Issue(ctx, f.reform, id, in); !errors.Is(err, documents.ErrForbidden) {
		t.Errorf("the reform office issued: %v", err)
	}
	if err := f.svc.Issue(ctx, f.director, id, in); err != nil {
		t.Fatal(err)
	}
	v, _ = f.svc.Load(ctx, f.director, id)
	if v.Doc.Status != documents.StatusIssued || v.Doc.Number == nil || domain.FormatDocNumber(*v.Doc.Number, v.Doc.Symbol) != "05/BC-SNV" {
		t.Fatalf("issued: %+v", v.Doc)
	}
	pdf, _, err := f.svc.File(ctx, f.director, id, "pdf")
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-1.4") {
		t.Fatalf("issued pdf: %v %.8q", err, pdf)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
		cmd.Stdin = strings.NewReader(string(pdf))
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{"Số: 05/BC-SNV", "Lâm Đồng, ngày 05 tháng 02 năm 2026", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh",
			"UBND TỈNH LÂM ĐỒNG", "tại 4 đơn vị", "(Kèm theo Báo cáo số 05/BC-SNV ngày 05/02/2026 của Sở Nội vụ)"} {
			if !strings.Contains(text, want) {
				t.Errorf("issued PDF lacks %q", want)
			}
		}
		if strings.Contains(text, "DỰ THẢO") {
			t.Error("issued PDF still says DỰ THẢO")
		}
	}
	// a second document cannot take number 05 of 2026
	id2, err := f.svc.Create(ctx, f.reform, documents.CreateInput{PlanID: f.planID, Year: 2025, Kind: documents.KindFinal})
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := f.svc.Load(ctx, f.reform, id2)
	in2 := documents.DetailsOf(v2.Doc)
	in2.Number, in2.Date = "05", "10/03/2026"
	if err := f.svc.SaveDetails(ctx, f.reform, id2, in2); !errors.As(err, &inv) || !strings.Contains(inv.Fields["number"].Text(i18n.VI), "đã được dùng") {
		t.Errorf("duplicate number = %v", err)
	}
	in2.Date = "10/03/2027"
	if err := f.svc.SaveDetails(ctx, f.reform, id2, in2); err != nil {
		t.Errorf("number 05 of another year: %v", err)
	}
	// the closing report: its summary, each year in the appendix, both files written
	v2, _ = f.svc.Load(ctx, f.reform, id2)
	if v2.Doc.Summary != "Tổng kết thực hiện Kế hoạch cải cách hành chính giai đoạn 2021–2025" {
		t.Errorf("closing report summary = %q", v2.Doc.Summary)
	}
	rd2, err := documents.Render(v2.Doc, v2.Sections)
	var years int // the plan's years that have an annual period, each a column
	if err := f.st.Pool().QueryRow(ctx, `SELECT count(*) FROM periods WHERE kind = 'year' AND year BETWEEN 2021 AND 2025`).Scan(&years); err != nil {
		t.Fatal(err)
	}
	if cols := rd2.Appendix.Columns; err != nil || years == 0 || len(cols) != 4+years || !strings.HasPrefix(cols[3], "Năm 20") || cols[len(cols)-1] != "Đánh giá" {
		t.Errorf("closing report appendix columns = %q (%d annual periods), %v", cols, years, err)
	}
	for _, format := range []string{"pdf", "docx"} {
		if b, _, err := f.svc.File(ctx, f.reform, id2, format); err != nil || len(b) < 1000 {
			t.Errorf("closing report %s: %d bytes, %v", format, len(b), err)
		}
	}
	// issued is immutable
	if err := f.svc.Comment(ctx, f.director, id, "", "muộn"); !errors.As(err, new(*documents.Refused)) {
		t.Errorf("comment on an issued document = %v", err)
	}
}

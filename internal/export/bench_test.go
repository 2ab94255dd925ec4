package export_test

import (
	"context"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/export"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// Size of one province's annual report: a provincial tree of about 120 reporting units
// (departments and communes), a plan of 100 targets and 30 tasks that every unit
// reports on, four regime periods, all approved, one evidence document per report.
const (
	benchDepartments = 14
	benchCommunes    = 105
	benchTargets     = 100
	benchTasks       = 30
	benchYear        = 2030
)

// seedProvince writes the province in SQL (generate_series), so the benchmark does not
// time its own setup; it is idempotent per package database.
func seedProvince(b *testing.B, st *postgres.Store) int64 {
	b.Helper()
	ctx := context.Background()
	if id, err := st.PlanIDByCode(ctx, "BENCH/KH-UBND"); err == nil {
		return id
	}
	stmts := []string{
		`INSERT INTO reform_areas (key, name, position) VALUES
			('chi-dao', 'Công tác chỉ đạo, điều hành cải cách hành chính', 1), ('the-che', 'Cải cách thể chế', 2),
			('tthc', 'Cải cách thủ tục hành chính', 3), ('to-chuc', 'Cải cách tổ chức bộ máy hành chính nhà nước', 4),
			('cong-vu', 'Cải cách chế độ công vụ', 5), ('tai-chinh', 'Cải cách tài chính công', 6),
			('so-hoa', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', 7)
		ON CONFLICT (key) DO NOTHING`,
		`INSERT INTO units (code, name) VALUES ('BTINH', 'Ủy ban nhân dân tỉnh Bến Tre')`,
		`INSERT INTO units (code, name, parent_id) SELECT 'BS' || g, 'Sở chuyên ngành số ' || g, (SELECT id FROM units WHERE code = 'BTINH')
			FROM generate_series(1, ` + itoa(benchDepartments) + `) g`,
		`INSERT INTO units (code, name, parent_id) SELECT 'BX' || g, 'Ủy ban nhân dân xã Phước Long ' || g, (SELECT id FROM units WHERE code = 'BTINH')
			FROM generate_series(1, ` + itoa(benchCommunes) + `) g`,
		`INSERT INTO plans (code, title, issued_on, issued_by, start_year, end_year, status)
			VALUES ('BENCH/KH-UBND', 'Kế hoạch cải cách hành chính tỉnh Bến Tre năm 2030', '2029-12-20', 'Chủ tịch Ủy ban nhân dân tỉnh', 2030, 2030, 'active')`,
		`INSERT INTO targets (plan_id, area_id, code, position, text, kind, op, value, measure_unit, each_year)
			SELECT p.id, (SELECT id FROM reform_areas WHERE position = 1 + g % 7 LIMIT 1), 'T' || lpad(g::text, 3, '0'), g,
				'Chỉ tiêu số ' || g || ': tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn và trực tuyến toàn trình tại các cơ quan, đơn vị',
				CASE WHEN g % 10 = 0 THEN 'milestone' WHEN g % 10 = 1 THEN 'count' WHEN g % 10 = 2 THEN 'ratio_growth' ELSE 'percent' END,
				CASE WHEN g % 10 = 0 THEN NULL ELSE '>=' END,
				CASE WHEN g % 10 = 0 THEN NULL WHEN g % 10 = 1 THEN 500 WHEN g % 10 = 2 THEN 10 ELSE 80 END,
				CASE WHEN g % 10 IN (0, 1) THEN '' ELSE '%' END, true
			FROM plans p, generate_series(1, ` + itoa(benchTargets) + `) g WHERE p.code = 'BENCH/KH-UBND'`,
		`INSERT INTO tasks (plan_id, area_id, code, position, text, lead_unit_id, deadline_note, expected_output)
			SELECT p.id, (SELECT id FROM reform_areas WHERE position = 1 + g % 7 LIMIT 1), 'N' || lpad(g::text, 2, '0'), g,
				'Nhiệm vụ số ' || g || ': rà soát, đơn giản hóa thủ tục hành chính và nâng cao chất lượng phục vụ người dân, doanh nghiệp',
				(SELECT id FROM units WHERE code = 'BS' || (1 + g % ` + itoa(benchDepartments) + `)), 'Hằng năm', 'Báo cáo kết quả thực hiện'
			FROM plans p, generate_series(1, ` + itoa(benchTasks) + `) g WHERE p.code = 'BENCH/KH-UBND'`,
		`INSERT INTO target_assignments (target_id, unit_id) SELECT t.id, u.id FROM targets t JOIN plans p ON p.id = t.plan_id, units u
			WHERE p.code = 'BENCH/KH-UBND' AND u.parent_id = (SELECT id FROM units WHERE code = 'BTINH')`,
		`INSERT INTO task_assignments (task_id, unit_id) SELECT t.id, u.id FROM tasks t JOIN plans p ON p.id = t.plan_id, units u
			WHERE p.code = 'BENCH/KH-UBND' AND u.parent_id = (SELECT id FROM units WHERE code = 'BTINH')`,
	}
	for _, k := range domain.RegimePeriods() {
		start, end := domain.DataWindow(benchYear, k)
		stmts = append(stmts, `INSERT INTO periods (year, kind, starts_on, ends_on, deadline) VALUES (`+itoa(benchYear)+`, '`+string(k)+`', '`+
			start.Format("2006-01-02")+`', '`+end.Format("2006-01-02")+`', '`+domain.DefaultDeadline(benchYear, k, 10).Format("2006-01-02")+`')
			ON CONFLICT (year, kind) DO NOTHING`)
	}
	stmts = append(stmts,
		`INSERT INTO reports (unit_id, period_id, status, submitted_at, approved_at)
			SELECT u.id, p.id, 'approved', p.deadline - interval '2 days', p.deadline + interval '1 day'
			FROM units u, periods p WHERE p.year = `+itoa(benchYear)+` AND u.parent_id = (SELECT id FROM units WHERE code = 'BTINH')`,
		`INSERT INTO target_results (report_id, target_id, value, done, narrative)
			SELECT r.id, t.id,
				CASE WHEN t.kind = 'milestone' THEN NULL WHEN t.kind = 'count' THEN floor(random() * 20) ELSE round((50 + random() * 50)::numeric, 1) END,
				CASE WHEN t.kind = 'milestone' THEN random() < 0.6 END,
				(ARRAY['Đơn vị đã triển khai theo kế hoạch; số liệu lấy từ hệ thống một cửa điện tử.',
					'Còn khó khăn do hạ tầng mạng chưa ổn định; đề nghị tỉnh bố trí kinh phí nâng cấp.',
					'Kết quả tăng so với kỳ trước nhờ đẩy mạnh tuyên truyền, hướng dẫn nộp hồ sơ trực tuyến.',
					'Thiếu công chức đầu mối; kiến nghị bổ sung biên chế cho bộ phận một cửa.'])[1 + (r.unit_id + t.id) % 4]
			FROM reports r JOIN periods p ON p.id = r.period_id, targets t JOIN plans pl ON pl.id = t.plan_id
			WHERE p.year = `+itoa(benchYear)+` AND pl.code = 'BENCH/KH-UBND'`,
		`INSERT INTO task_results (report_id, task_id, progress, narrative)
			SELECT r.id, t.id, (ARRAY['in_progress', 'done', 'not_started', 'in_progress'])[1 + (r.unit_id + t.id) % 4],
				'Đã triển khai các nội dung theo kế hoạch, kết quả cụ thể được báo cáo kèm tài liệu kiểm chứng.'
			FROM reports r JOIN periods p ON p.id = r.period_id, tasks t JOIN plans pl ON pl.id = t.plan_id
			WHERE p.year = `+itoa(benchYear)+` AND pl.code = 'BENCH/KH-UBND'`,
		`INSERT INTO evidence (report_id, target_id, file_name, content_type, size_bytes, sha256, storage_key, doc_number, doc_date, doc_issuer)
			SELECT r.id, (SELECT min(t.id) FROM targets t JOIN plans pl ON pl.id = t.plan_id WHERE pl.code = 'BENCH/KH-UBND'),
				'Báo cáo kết quả CCHC ' || u.code || ' ' || p.kind || '.pdf', 'application/pdf', 1000, 'x', 'bench-' || r.id,
				r.id || '/BC-' || u.code, p.deadline - 3, u.name
			FROM reports r JOIN periods p ON p.id = r.period_id JOIN units u ON u.id = r.unit_id WHERE p.year = `+itoa(benchYear),
		`ANALYZE`,
	)
	for _, s := range stmts {
		if _, err := st.Pool().Exec(ctx, s); err != nil {
			b.Fatalf("seed province: %v\n%s", err, s)
		}
	}
	id, err := st.PlanIDByCode(ctx, "BENCH/KH-UBND")
	if err != nil {
		b.Fatal(err)
	}
	return id
}

func itoa(n int) string { return strconv.Itoa(n) }

// peakHeap samples the heap in use while fn runs and returns the highest value seen.
func peakHeap(fn func()) uint64 {
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	mu.Lock()
	defer mu.Unlock()
	return max(peak, m.HeapInuse)
}

// peakRSS is the process's resident-set high-water mark (Linux VmHWM) in MB, 0 elsewhere:
// it includes the test binary and every earlier step, so it bounds the export from above.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// BenchmarkProvinceAnnualExport times one province's annual report: reading it from
// PostgreSQL and aggregating (Build), then the workbook and the PDF. It reports the
// peak heap in use during an iteration next to Go's allocation figures.
func BenchmarkProvinceAnnualExport(b *testing.B) {
	st := testdb.Store(b)
	planID := seedProvince(b, st)
	ctx := context.Background()
	p := export.Params{PlanID: planID, Year: benchYear, Kind: domain.PeriodYear,
		Header: export.Header{IssuingBody: "UBND TỈNH BẾN TRE", SignerTitle: []string{"CHỦ TỊCH"}, Recipients: []string{"Bộ Nội vụ", "Lưu: VT"}}}
	r, err := export.Build(ctx, st, p, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	if len(r.Units) != benchDepartments+benchCommunes || len(r.Targets) != benchTargets || r.Approved != len(r.Units) {
		b.Fatalf("province: %d units, %d targets, %d approved", len(r.Units), len(r.Targets), r.Approved)
	}
	steps := map[string]func() error{
		"build": func() error { _, err := export.Build(ctx, st, p, time.Now()); return err },
		"xlsx":  func() error { return export.WriteXLSX(io.Discard, r) },
		"pdf":   func() error { return writePDF(io.Discard, r) },
		"all": func() error {
			r, err := export.Build(ctx, st, p, time.Now())
			if err != nil {
				return err
			}
			if err := export.WriteXLSX(io.Discard, r); err != nil {
				return err
			}
			return writePDF(io.Discard, r)
		},
	}
	for _, name := range []string{"build", "xlsx", "pdf", "all"} {
		fn := steps[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.GC()
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					if err := fn(); err != nil {
						b.Fatal(err)
					}
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			if rss := peakRSS(); rss > 0 {
				b.ReportMetric(rss, "process-peak-RSS-MB")
			}
		})
	}
}

package postgres_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/migrations"
)

// TestEvidenceMigratesIntoTheRegister: evidence stored before migration 000013 (one row per
// file, content in the row) becomes a register document of its report's unit with the same
// number, date, issuer and file — content byte for byte, split in chunks — attached to the
// same result; going down restores the rows.
func TestEvidenceMigratesIntoTheRegister(t *testing.T) {
	ctx := context.Background()
	dbURL := testdb.Empty(t)
	mg, err := postgres.NewMigrator(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer mg.Close()
	if err := mg.Up(); err != nil {
		t.Fatal(err)
	}
	ups, _ := fs.Glob(migrations.FS, "*.up.sql")
	from := 0 // migrations from 000013 on
	for _, u := range ups {
		if v, _ := strconv.Atoi(u[:6]); v >= 13 {
			from++
		}
	}
	if err := mg.Down(from); err != nil {
		t.Fatalf("down to 000012: %v", err)
	}
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	one := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := conn.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	unit := one(`INSERT INTO units (code, name) VALUES ('VPS', 'Văn phòng Sở') RETURNING id`)
	plan := one(`INSERT INTO plans (code, title, issued_on, start_year, end_year, status) VALUES ('1/KH', 'Kế hoạch', '2021-01-02', 2021, 2025, 'active') RETURNING id`)
	area := one(`INSERT INTO reform_areas (key, name, position) VALUES ('tthc', 'Cải cách thủ tục hành chính', 1) ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id`)
	target := one(`INSERT INTO targets (plan_id, area_id, code, text, kind, op, value, measure_unit, each_year)
		VALUES ($1, $2, 'CT06', 'Tỷ lệ hồ sơ trực tuyến', 'percent', '>=', 50, '%', true) RETURNING id`, plan, area)
	period := one(`INSERT INTO periods (year, kind, starts_on, ends_on, deadline) VALUES (2024, 'year', '2024-01-01', '2024-12-31', '2024-12-20') RETURNING id`)
	report := one(`INSERT INTO reports (unit_id, period_id) VALUES ($1, $2) RETURNING id`, unit, period)
	big := bytes.Repeat([]byte("0123456789abcdef"), (store.ChunkSize*5/2)/16) // two and a half chunks
	big = append([]byte("%PDF-1.4\n"), big...)
	ev := one(`INSERT INTO evidence (report_id, target_id, file_name, content_type, size_bytes, sha256, storage_key, content, doc_number, doc_date, doc_issuer)
		VALUES ($1, $2, 'Quyết định 15.pdf', 'application/pdf', $3, 'abc', 'aa00112233', $4, '15/QĐ-UBND', '2024-03-01', 'UBND tỉnh') RETURNING id`,
		report, target, len(big), big)
	dirFile := one(`INSERT INTO evidence (report_id, target_id, file_name, content_type, size_bytes, sha256, storage_key, content)
		VALUES ($1, $2, 'ảnh.png', 'image/png', 10, 'def', 'bb00112233', NULL) RETURNING id`, report, target)

	if err := mg.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	var docUnit int64
	var number, issuer, name, key, date string
	var fileID int64
	err = conn.QueryRow(ctx, `SELECT d.unit_id, d.doc_number, d.doc_issuer, to_char(d.doc_date, 'DD/MM/YYYY'), f.file_name, f.storage_key, f.id
		FROM evidence e JOIN evidence_documents d ON d.id = e.document_id JOIN evidence_files f ON f.document_id = d.id AND f.current
		WHERE e.id = $1 AND e.report_id = $2 AND e.target_id = $3`, ev, report, target).Scan(&docUnit, &number, &issuer, &date, &name, &key, &fileID)
	if err != nil {
		t.Fatalf("migrated evidence: %v", err)
	}
	if docUnit != unit || number != "15/QĐ-UBND" || issuer != "UBND tỉnh" || date != "01/03/2024" || name != "Quyết định 15.pdf" || key != "aa00112233" {
		t.Errorf("migrated document: unit %d, %q %q %q %q %q", docUnit, number, issuer, date, name, key)
	}
	st, err := postgres.Open(ctx, dbURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := io.ReadAll(st.OpenEvidenceFile(ctx, fileID))
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("content after migration: %d bytes of %d (%v)", len(got), len(big), err)
	}
	var chunks int
	_ = conn.QueryRow(ctx, `SELECT count(*) FROM evidence_chunks WHERE file_id = $1`, fileID).Scan(&chunks)
	if chunks != 3 {
		t.Errorf("%d chunks, want 3", chunks)
	}
	var dirChunks int
	_ = conn.QueryRow(ctx, `SELECT count(*) FROM evidence_chunks c JOIN evidence_files f ON f.id = c.file_id
		JOIN evidence e ON e.document_id = f.document_id WHERE e.id = $1`, dirFile).Scan(&dirChunks)
	if dirChunks != 0 {
		t.Errorf("a file kept in the upload directory got %d chunks", dirChunks)
	}

	if err := mg.Down(from); err != nil {
		t.Fatalf("down again: %v", err)
	}
	var back []byte
	if err := conn.QueryRow(ctx, `SELECT content FROM evidence WHERE id = $1 AND doc_number = '15/QĐ-UBND'`, ev).Scan(&back); err != nil || !bytes.Equal(back, big) {
		t.Fatalf("content after going down: %d bytes (%v)", len(back), err)
	}
}

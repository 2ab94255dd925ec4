package postgres_test

import (
	"context"
	"io/fs"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/migrations"
)

// TestRatioMigrationKeepsResults: results stored before migration 000010 (ratio targets)
// keep their values through it and back; a ratio result keeps its percentage going down.
func TestRatioMigrationKeepsResults(t *testing.T) {
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
	fromRatio := 0 // migrations from 000010 on
	for _, u := range ups {
		if v, _ := strconv.Atoi(u[:6]); v >= 10 {
			fromRatio++
		}
	}
	if err := mg.Down(fromRatio); err != nil {
		t.Fatalf("down to 000009: %v", err)
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
	one(`INSERT INTO target_results (report_id, target_id, value, narrative) VALUES ($1, $2, 44.5, 'Giải trình') RETURNING report_id`, report, target)

	if err := mg.Up(); err != nil {
		t.Fatalf("up through 000010: %v", err)
	}
	var value float64
	var num, den *float64
	var narrative, numLabel string
	if err := conn.QueryRow(ctx, `SELECT tr.value::float8, tr.numerator::float8, tr.denominator::float8, tr.narrative, t.numerator_label
		FROM target_results tr JOIN targets t ON t.id = tr.target_id WHERE tr.report_id = $1`, report).Scan(&value, &num, &den, &narrative, &numLabel); err != nil {
		t.Fatal(err)
	}
	if value != 44.5 || num != nil || den != nil || narrative != "Giải trình" || numLabel != "" {
		t.Errorf("after 000010: %v (%v/%v) %q %q", value, num, den, narrative, numLabel)
	}
	// the target becomes a ratio and the result is given as 89 of 200
	if _, err := conn.Exec(ctx, `UPDATE targets SET numerator_label = 'hồ sơ trực tuyến', denominator_label = 'hồ sơ tiếp nhận' WHERE id = $1`, target); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE target_results SET numerator = 89, denominator = 200, value = 44.5 WHERE report_id = $1`, report); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE target_results SET numerator = 201 WHERE report_id = $1`, report); err == nil {
		t.Error("a numerator above its denominator was stored")
	}
	if err := mg.Down(fromRatio); err != nil {
		t.Fatalf("down again: %v", err)
	}
	if err := conn.QueryRow(ctx, `SELECT value::float8 FROM target_results WHERE report_id = $1`, report).Scan(&value); err != nil || value != 44.5 {
		t.Errorf("after going down: %v, %v", value, err)
	}
}

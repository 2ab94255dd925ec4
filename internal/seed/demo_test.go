package seed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestDemoLoadsOnceWithThePlan(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	now := testdb.Now()
	loaded, err := seed.Demo(ctx, st, now)
	if err != nil || !loaded {
		t.Fatalf("first load: %v, %v", loaded, err)
	}
	loaded, err = seed.Demo(ctx, st, now)
	if err != nil || loaded {
		t.Fatalf("second load must change nothing: %v, %v", loaded, err)
	}
	plans, err := st.ListPlans(ctx, store.Page{})
	if err != nil || len(plans) != 2 {
		t.Fatalf("plans = %v, %v; want 2320/KH-SNV and its successor", plans, err)
	}
	var pred, succ store.Plan
	for _, p := range plans {
		if p.Code == "2320/KH-SNV" {
			pred = p
		} else {
			succ = p
		}
	}
	if pred.Title != "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2021-2025" || pred.Targets != 14 || pred.Tasks != 7 || pred.Status != "closed" {
		t.Fatalf("plan = %+v", pred)
	}
	if succ.Code != seed.SuccessorCode || succ.StartYear != 2026 || succ.EndYear != 2030 || succ.Status != "active" ||
		succ.Targets != 15 || succ.Tasks != 7 {
		t.Fatalf("successor = %+v", succ)
	}
	// ratio targets: CT04 and CT06 of 2320/KH-SNV as the plan words them, continued by the
	// successor, and its own CT15; every unit's result on them gives both counts, whole,
	// whose ratio is the value stored
	var ratios []string
	rows, err := st.Pool().Query(ctx, `SELECT p.code || ' ' || t.code || ': ' || t.numerator_label || ' / ' || t.denominator_label
		FROM targets t JOIN plans p ON p.id = t.plan_id WHERE t.numerator_label <> '' ORDER BY p.code, t.code`)
	if err != nil {
		t.Fatal(err)
	}
	if ratios, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2320/KH-SNV CT04: TTHC được cung cấp trực tuyến mức độ 3, 4 / TTHC thuộc phạm vi quản lý của Sở",
		"2320/KH-SNV CT06: hồ sơ giải quyết trực tuyến mức độ 3, 4 / hồ sơ tiếp nhận",
		seed.SuccessorCode + " CT04: TTHC được cung cấp trực tuyến mức độ 3, 4 / TTHC thuộc phạm vi quản lý của Sở",
		seed.SuccessorCode + " CT06: hồ sơ giải quyết trực tuyến mức độ 3, 4 / hồ sơ tiếp nhận",
		seed.SuccessorCode + " CT15: hồ sơ giải quyết đúng hạn / hồ sơ tiếp nhận",
	}
	if strings.Join(ratios, "\n") != strings.Join(want, "\n") {
		t.Errorf("ratio targets:\n%s\nwant\n%s", strings.Join(ratios, "\n"), strings.Join(want, "\n"))
	}
	var results, bad int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE tr.numerator IS NULL OR tr.numerator <> trunc(tr.numerator)
			OR tr.denominator <> trunc(tr.denominator) OR abs(tr.value - tr.numerator * 100 / tr.denominator) > 1e-6)
		FROM target_results tr JOIN targets t ON t.id = tr.target_id WHERE t.numerator_label <> '' AND tr.value IS NOT NULL`).Scan(&results, &bad); err != nil {
		t.Fatal(err)
	}
	if results == 0 || bad != 0 {
		t.Errorf("%d results on ratio targets, %d without two whole counts matching the value", results, bad)
	}
	links, err := st.PlanLinksOf(ctx, succ.ID)
	if err != nil || links.Predecessor == nil || links.Predecessor.ID != pred.ID {
		t.Fatalf("successor's predecessor = %+v, %v", links, err)
	}
	for _, p := range []store.Plan{pred, succ} {
		targets, _ := st.PlanTargets(ctx, p.ID)
		for _, tg := range targets {
			if len(tg.Units) == 0 {
				t.Errorf("%s: target %s is assigned to no unit", p.Code, tg.Code)
			}
		}
	}

	// 2320/KH-SNV: no period outside 2021–2025 nor before its issue date (14/12/2021),
	// so none of 2021; four a year 2022–2025.
	span := domain.PlanSpan{IssuedOn: pred.IssuedOn, StartYear: pred.StartYear, EndYear: pred.EndYear}
	old, _ := st.ListPeriods(ctx, 2000, 2025)
	if len(old) != 16 {
		t.Fatalf("periods up to 2025 = %d, want 16 (four a year, 2022–2025)", len(old))
	}
	for _, p := range old {
		if !span.Admits(p.Year, domain.PeriodKind(p.Kind)) {
			t.Errorf("period %s/%d lies outside 2320/KH-SNV", p.Kind, p.Year)
		}
	}
	if q1 := old[0]; q1.Year != 2022 || q1.Kind != "q1" || domain.FormatDate(q1.StartsOn) != "15/12/2021" {
		t.Errorf("first period = %s/%d from %s", q1.Kind, q1.Year, domain.FormatDate(q1.StartsOn))
	}
	// its 2025 annual reports: every unit's, approved
	var notApproved, annual int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE r.status <> 'approved'), count(*)
		FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year = 2025 AND p.kind = 'year'`).Scan(&notApproved, &annual); err != nil {
		t.Fatal(err)
	}
	if annual != 6 || notApproved != 0 {
		t.Errorf("2025 annual reports: %d, %d not approved; want 6 approved", annual, notApproved)
	}

	// the successor: its years' periods up to the current one, and the current one open.
	// Dates come back from PostgreSQL at midnight UTC: today is compared as such.
	vn := now.In(domain.Location)
	today := time.Date(vn.Year(), vn.Month(), vn.Day(), 0, 0, 0, 0, time.UTC)
	periods, _ := st.ListPeriods(ctx, 2026, 2030)
	succSpan := domain.PlanSpan{IssuedOn: succ.IssuedOn, StartYear: 2026, EndYear: 2030}
	current := 0
	for _, p := range periods {
		if !succSpan.Admits(p.Year, domain.PeriodKind(p.Kind)) {
			t.Errorf("period %s/%d lies outside the successor", p.Kind, p.Year)
		}
		if !p.StartsOn.After(today) && !today.After(p.EndsOn) {
			current++
			if p.Closed() {
				t.Errorf("the current period %s/%d is closed", p.Kind, p.Year)
			}
		}
	}
	if last := periods[len(periods)-1]; current == 0 && today.After(last.EndsOn) {
		// after the plan's last data window (15–31/12/2030) its last period is the current one
		current++
		if last.Closed() {
			t.Errorf("the last period %s/%d is closed", last.Kind, last.Year)
		}
	}
	if today.Year() >= 2026 && today.Year() <= 2030 && current == 0 {
		t.Errorf("on %s no period of the successor is current: %+v", domain.FormatDate(now), periods)
	}

	for _, u := range seed.DemoUsers {
		if _, err := st.UserByUsername(ctx, u.Username); err != nil {
			t.Errorf("demo user %s: %v", u.Username, err)
		}
	}
	if v, _ := st.Setting(ctx, "demo_data"); v != "true" {
		t.Error("demo data not marked as such")
	}
}

// TestDemoStory: the ended plan's targets tell the story the README tells, and what it left
// unmet is carried over to the successor, each new target continuing its predecessor.
func TestDemoStory(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	// the department's annual figure (the mean of approved annual reports) of a target
	yearly := func(code string, year int) float64 {
		var v float64
		if err := st.Pool().QueryRow(ctx, `SELECT avg(tr.value)::float8 FROM target_results tr
			JOIN targets t ON t.id = tr.target_id JOIN plans pl ON pl.id = t.plan_id AND pl.code = '2320/KH-SNV'
			JOIN reports r ON r.id = tr.report_id AND r.status = 'approved' JOIN periods p ON p.id = r.period_id
			WHERE t.code = $1 AND p.year = $2 AND p.kind = 'year'`, code, year).Scan(&v); err != nil {
			t.Fatalf("%s %d: %v", code, year, err)
		}
		return v
	}
	for _, c := range []struct {
		code string
		year int
		want float64
	}{{"CT12", 2023, 100}, {"CT12", 2025, 98.7}, {"CT10", 2023, 29}, {"CT10", 2024, 32.5}, {"CT06", 2025, 44}} {
		if got := yearly(c.code, c.year); got != c.want {
			t.Errorf("%s in %d = %v, want %v", c.code, c.year, got, c.want)
		}
	}
	rows, err := st.Pool().Query(ctx, `SELECT n.code, o.code, n.carried_over, n.deadline_year
		FROM targets n JOIN plans p ON p.id = n.plan_id AND p.code = $1 JOIN targets o ON o.id = n.continues_target_id`, seed.SuccessorCode)
	if err != nil {
		t.Fatal(err)
	}
	carried := map[string]bool{}
	n := 0
	for rows.Next() {
		var code, from string
		var c bool
		var deadline *int
		if err := rows.Scan(&code, &from, &c, &deadline); err != nil {
			t.Fatal(err)
		}
		n++
		if code != from {
			t.Errorf("%s continues %s", code, from)
		}
		if deadline != nil && *deadline != 2030 {
			t.Errorf("%s: deadline %d, want the successor's end 2030", code, *deadline)
		}
		carried[code] = c
	}
	if n != 14 {
		t.Fatalf("%d targets of the successor continue one of 2320/KH-SNV, want 14", n)
	}
	// CT02 (a growth each year) is measured in 2026 from where 2320/KH-SNV left it: 96%
	var baseline *float64
	if err := st.Pool().QueryRow(ctx, `SELECT t.baseline::float8 FROM targets t JOIN plans p ON p.id = t.plan_id
		WHERE p.code = $1 AND t.code = 'CT02'`, seed.SuccessorCode).Scan(&baseline); err != nil || baseline == nil || *baseline != 96 {
		t.Errorf("the successor's CT02 baseline = %v, %v; want 96 (2025's level)", baseline, err)
	}
	// not met by the end: CT03 (96% of 100%), CT06 (44% of 50%), CT13 (43% of 50%), CT12
	// (met in 2023, 98,7% in 2025); met: CT10 late (32,5% in 2024), CT01 every year, …
	for code, want := range map[string]bool{"CT03": true, "CT06": true, "CT13": true, "CT12": true, "CT10": false, "CT01": false, "CT07": false} {
		if carried[code] != want {
			t.Errorf("%s carried over = %v, want %v", code, carried[code], want)
		}
	}
}

// TestDemoAnyDay: loaded on any day of the successor's years, the demo keeps 2320/KH-SNV
// inside 2021–2025, has the successor's current period open (the one the day falls in, or
// after the plan's last window its last period), and holds reports in every state.
func TestDemoAnyDay(t *testing.T) {
	for _, day := range []string{"2026-01-01", "2026-03-11", "2026-12-15", "2027-06-30", "2028-09-10", "2030-12-31"} {
		t.Run(day, func(t *testing.T) {
			ctx := context.Background()
			st, err := postgres.Open(ctx, testdb.Extra(t), 4)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(st.Close)
			now, _ := time.ParseInLocation("2006-01-02", day, domain.Location)
			now = now.Add(9 * time.Hour)
			if _, err := seed.Demo(ctx, st, now); err != nil {
				t.Fatal(err)
			}
			var outside, current, currentClosed, future int
			if err := st.Pool().QueryRow(ctx, `SELECT
					count(*) FILTER (WHERE year < 2022 OR (year <= 2025 AND starts_on < '2021-12-14')),
					count(*) FILTER (WHERE starts_on <= $1::date AND (ends_on >= $1::date OR ends_on = (SELECT max(ends_on) FROM periods))),
					count(*) FILTER (WHERE starts_on <= $1::date AND (ends_on >= $1::date OR ends_on = (SELECT max(ends_on) FROM periods))
						AND closed_at IS NOT NULL),
					(SELECT count(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.starts_on > $1::date
						OR r.submitted_at > $2 OR r.approved_at > $2 OR r.returned_at > $2)
				FROM periods`, now, now).Scan(&outside, &current, &currentClosed, &future); err != nil {
				t.Fatal(err)
			}
			if outside != 0 || current == 0 || currentClosed != 0 || future != 0 {
				t.Errorf("on %s: %d periods outside 2320/KH-SNV, %d current (%d closed), %d reports acting in the future",
					day, outside, current, currentClosed, future)
			}
			var draft, submitted, returned, approved int
			if err := st.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE r.status = 'draft'), count(*) FILTER (WHERE r.status = 'submitted'),
					count(*) FILTER (WHERE r.status = 'returned'), count(*) FILTER (WHERE r.status = 'approved')
				FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year >= 2026 OR p.ends_on >= $1::date - 120`, now).Scan(
				&draft, &submitted, &returned, &approved); err != nil {
				t.Fatal(err)
			}
			if draft == 0 || submitted == 0 || returned == 0 || approved == 0 {
				t.Errorf("on %s the reports in force: %d draft, %d submitted, %d returned, %d approved; want every state",
					day, draft, submitted, returned, approved)
			}
		})
	}
}

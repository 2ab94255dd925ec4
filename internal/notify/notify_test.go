package notify_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/notify"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

// world is a department of four units, one period due in `due` days (negative: past):
// VP has not begun its report, TT has a draft, KH submitted, and DL reports on nothing.
type world struct {
	st       *postgres.Store
	periodID int64
	units    map[string]int64
	users    map[string]int64
}

func exec(t *testing.T, st *postgres.Store, sql string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := st.Pool().QueryRow(context.Background(), sql+" RETURNING id", args...).Scan(&id); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return id
}

// newWorld builds the department in the database at url; year keeps worlds of one database apart.
func newWorld(t *testing.T, st *postgres.Store, year, due int) world {
	t.Helper()
	w := world{st: st, units: map[string]int64{}, users: map[string]int64{}}
	sfx := fmt.Sprint(year)
	for _, code := range []string{"VP", "TT", "KH", "DL"} {
		w.units[code] = exec(t, st, `INSERT INTO units (code, name) VALUES ($1, $2)`, code+sfx, "Đơn vị "+code)
	}
	area := exec(t, st, `INSERT INTO reform_areas (key, name) VALUES ($1, 'Cải cách thủ tục hành chính')`, "tthc-"+sfx)
	plan := exec(t, st, `INSERT INTO plans (code, title, issued_on, start_year, end_year, status)
		VALUES ($1, 'Kế hoạch CCHC', '2021-12-14', 2021, 2030, 'active')`, "KH-"+sfx)
	target := exec(t, st, `INSERT INTO targets (plan_id, area_id, code, text, kind, op, value, each_year) VALUES ($1, $2, 'CT01', 'Tỷ lệ hồ sơ đúng hạn', 'percent', '>=', 95, true)`, plan, area)
	for _, code := range []string{"VP", "TT", "KH"} {
		if _, err := st.Pool().Exec(context.Background(), `INSERT INTO target_assignments (target_id, unit_id) VALUES ($1, $2)`, target, w.units[code]); err != nil {
			t.Fatal(err)
		}
	}
	today := domain.StartOfDay(testdb.Now())
	deadline := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, due)
	w.periodID = exec(t, st, `INSERT INTO periods (year, kind, starts_on, ends_on, deadline) VALUES ($1, 'q1', $2::date, $3::date, $4::date)`,
		year, deadline.AddDate(0, -3, 0), deadline.AddDate(0, 0, -5), deadline)
	exec(t, st, `INSERT INTO reports (unit_id, period_id, status) VALUES ($1, $2, 'draft')`, w.units["TT"], w.periodID)
	exec(t, st, `INSERT INTO reports (unit_id, period_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`, w.units["KH"], w.periodID)
	for _, u := range []struct{ name, role, unit string }{
		{"vp", "staff", "VP"}, {"vphead", "unit_head", "VP"}, {"tt", "staff", "TT"}, {"kh", "staff", "KH"}, {"dl", "staff", "DL"},
	} {
		w.users[u.name] = exec(t, st, `INSERT INTO users (username, full_name, password_hash, role, unit_id) VALUES ($1, $2, 'x', $3, $4)`,
			u.name+sfx, "Người dùng "+u.name, u.role, w.units[u.unit])
	}
	return w
}

// told counts the notifications of the world's period, by username.
func (w world) told(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for name, id := range w.users {
		var n int
		if err := w.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM notifications WHERE user_id = $1 AND period_id = $2`,
			id, w.periodID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			out[name] = n
		}
	}
	return out
}

func equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestThreeDaysBeforeTheDeadlineEachUnitNotSubmittedIsRemindedOnce(t *testing.T) {
	st := testdb.Store(t)
	w := newWorld(t, st, 2031, 3)
	svc := notify.New(st, testdb.Now, quiet)
	for range 2 { // run again the same day: nobody told twice
		if _, err := svc.SendReminders(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]int{"vp": 1, "tt": 1} // not the head before the deadline, not KH (submitted), not DL (nothing to report)
	if got := w.told(t); !equal(got, want) {
		t.Fatalf("told %v, want %v", got, want)
	}
	list, _, err := st.Notifications(context.Background(), w.users["vp"], storePage())
	if err != nil || len(list) != 1 {
		t.Fatalf("vp's notifications: %v %v", list, err)
	}
	n := list[0]
	if n.Kind != "deadline" || n.Params.Days != 3 || n.Link != fmt.Sprintf("/reports/%d/%d", w.units["VP"], w.periodID) || n.Period == nil || n.UnitName != "Đơn vị VP" {
		t.Fatalf("notification %+v", n)
	}
	// the next day answers the same 3-day reminder: still one
	next := notify.New(st, func() time.Time { return testdb.Now().AddDate(0, 0, 1) }, quiet)
	if told, err := next.SendReminders(context.Background()); err != nil || told != 0 {
		t.Fatalf("the day after: told %d (%v), want 0", told, err)
	}
}

func TestTheDayAfterTheDeadlineTheUnitAndItsHeadAreToldItIsOverdue(t *testing.T) {
	st := testdb.Store(t)
	w := newWorld(t, st, 2032, -1)
	if _, err := notify.New(st, testdb.Now, quiet).SendReminders(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := w.told(t), map[string]int{"vp": 1, "vphead": 1, "tt": 1}; !equal(got, want) {
		t.Fatalf("told %v, want %v", got, want)
	}
}

func TestTheReformOfficesReminderDays(t *testing.T) {
	st := testdb.Store(t)
	w := newWorld(t, st, 2033, 5)
	if err := st.SetSetting(context.Background(), notify.ReminderDaysSetting, "10, 5"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.SetSetting(context.Background(), notify.ReminderDaysSetting, "") })
	if _, err := notify.New(st, testdb.Now, quiet).SendReminders(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := w.told(t), map[string]int{"vp": 1, "tt": 1}; !equal(got, want) {
		t.Fatalf("told %v, want %v", got, want)
	}
}

// Three instances, as three `cchc serve` on one database: River's leader schedules the
// job, and however the instances race, each person is told once.
func TestThreeInstancesStillRemindOnce(t *testing.T) {
	url := testdb.Extra(t)
	ctx := context.Background()
	st, err := postgres.Open(ctx, url, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := newWorld(t, st, 2034, 3)
	var clients []*jobs.Client
	for i := range 3 {
		pool, err := pgxpool.New(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer pool.Close()
		instance := postgres.New(pool)
		workers := river.NewWorkers()
		notify.Register(workers, notify.New(instance, testdb.Now, quiet))
		c, err := jobs.New(pool, jobs.Config{Workers: workers, Periodic: notify.Periodic(), Log: quiet, Work: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		clients = append(clients, c)
		// and each one also asks for the job itself, as a restart would
		if _, err := c.Insert(ctx, notify.RemindersArgs{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		for _, c := range clients {
			jobs.Stop(c, 5*time.Second, quiet)
		}
	}()
	want := map[string]int{"vp": 1, "tt": 1}
	deadline := time.Now().Add(30 * time.Second)
	for !equal(w.told(t), want) {
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s told %v, want %v", w.told(t), want)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// let every instance finish what it took, then count again
	for time.Now().Before(deadline) {
		var running int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state NOT IN ('completed', 'discarded', 'cancelled')`).Scan(&running); err != nil {
			t.Fatal(err)
		}
		if running == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := w.told(t); !equal(got, want) {
		t.Fatalf("told %v, want %v", got, want)
	}
}

func storePage() store.Page { return store.Page{Number: 1, Size: 20} }

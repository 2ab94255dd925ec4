package accounts_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// statements counts the SQL statements sent through a pool.
type statements struct{ n atomic.Int64 }

func (c *statements) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *statements) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// loginBench is an accounts service on its own clock, over a pool that counts statements.
type loginBench struct {
	t     *testing.T
	svc   *accounts.Service
	st    *postgres.Store
	now   time.Time
	stmts *statements
}

func newLoginBench(t *testing.T, policy accounts.Policy) *loginBench {
	t.Helper()
	testdb.Store(t) // the package database, migrated
	cfg, err := pgxpool.ParseConfig(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	b := &loginBench{t: t, now: testdb.Now(), stmts: &statements{}}
	cfg.ConnConfig.Tracer = b.stmts
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	b.st = postgres.New(pool)
	b.svc = accounts.New(b.st, policy, func() time.Time { return b.now }, nil)
	return b
}

// user makes an active user and gives it a password of its own.
func (b *loginBench) user(username, plain string) int64 {
	b.t.Helper()
	ctx := context.Background()
	c, err := b.svc.CreateUser(ctx, usecase.CLI, accounts.UserInput{Username: username, FullName: "Người dùng " + username, Role: authz.RoleDirector})
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.svc.SetPassword(ctx, usecase.CLI, username, plain, false); err != nil {
		b.t.Fatal(err)
	}
	return c.ID
}

// attempt is one sign-in; it returns the answer as the user sees it ("ok", or the refusal's
// message key and arguments) and the new trust cookie on success.
func (b *loginBench) attempt(username, plain, addr, device string) (string, string) {
	b.t.Helper()
	out, err := b.svc.Login(context.Background(), accounts.Login{Username: username, Password: plain, Addr: addr, Device: device})
	if err == nil {
		return "ok", out.Device
	}
	e := usecase.As(err)
	if e == nil {
		b.t.Fatalf("login %s: %v", username, err)
	}
	return fmt.Sprint(e.Msg.Key, e.Msg.Args), ""
}

// TestKnownAndUnknownUsernamesAnswerAlike (issue 14, item 1): the same attempts, at the
// same moments, for a real username and for one nobody has get the same answers at every
// count — plain failures, the failure that starts the wait, attempts during the wait, after
// it, the lock from many addresses, attempts on the locked name — and cost the same: the
// same number of argon2id checks and of SQL statements, attempt by attempt.
func TestKnownAndUnknownUsernamesAnswerAlike(t *testing.T) {
	b := newLoginBench(t, accounts.Policy{MaxFailures: 5, Lockout: 15 * time.Minute, MaxPerAddr: 1000, LockAfter: 9})
	b.user("thuc.nv", "mật khẩu thật của thực")
	type step struct {
		wait time.Duration // before the attempt
		addr string
	}
	var script []step
	for i := 0; i < 7; i++ { // five free failures, the wait begins, one attempt refused during it
		script = append(script, step{0, "198.51.100.1"})
	}
	script = append(script, step{31 * time.Second, "198.51.100.1"}, step{10 * time.Second, "198.51.100.1"}, step{61 * time.Second, "198.51.100.1"}, step{0, "198.51.100.1"})
	for i := 0; i < 4; i++ { // other addresses: the ninth failure locks the name
		script = append(script, step{time.Second, fmt.Sprintf("203.0.113.%d", i+1)})
	}
	script = append(script, step{time.Hour, "192.0.2.9"})
	run := func(username string) (answers []string, hashes, stmts []int64) {
		b.now = testdb.Now().Add(24 * time.Hour * time.Duration(len(username))) // each run on a day of its own
		for _, s := range script {
			b.now = b.now.Add(s.wait)
			h0, q0 := password.ChecksDone(), b.stmts.n.Load()
			a, _ := b.attempt(username, "đoán thử mật khẩu", s.addr, "")
			answers = append(answers, a)
			hashes, stmts = append(hashes, password.ChecksDone()-h0), append(stmts, b.stmts.n.Load()-q0)
		}
		return
	}
	known, knownHashes, knownStmts := run("thuc.nv")
	unknown, unknownHashes, unknownStmts := run("khong.co") // same length: the same day offset
	for i := range script {
		if known[i] != unknown[i] {
			t.Errorf("attempt %d: a real username is answered %q, an unknown one %q", i+1, known[i], unknown[i])
		}
		if knownHashes[i] != unknownHashes[i] || knownStmts[i] != unknownStmts[i] {
			t.Errorf("attempt %d: a real username costs %d argon2id checks and %d statements, an unknown one %d and %d",
				i+1, knownHashes[i], knownStmts[i], unknownHashes[i], unknownStmts[i])
		}
	}
	// The script goes through every answer of the policy, or it would prove little.
	seen := strings.Join(known, " | ")
	for _, key := range []string{"login.failed[]", "login.failed_wait_s[30]", "login.wait_s[", "login.failed_wait_m[1]", "login.wait_m[", "login.locked[]"} {
		if !strings.Contains(seen, key) {
			t.Errorf("no answer %s in the script's answers: %s", key, seen)
		}
	}
}

// TestDelayGrows: the wait after each failure past the free ones doubles up to the longest.
func TestDelayGrows(t *testing.T) {
	p := accounts.Policy{MaxFailures: 5, Lockout: 15 * time.Minute}
	want := map[int]time.Duration{1: 0, 4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute, 8: 4 * time.Minute,
		9: 8 * time.Minute, 10: 15 * time.Minute, 40: 15 * time.Minute}
	for n, d := range want {
		if got := p.Delay(n); got != d {
			t.Errorf("Delay(%d) = %s, want %s", n, got, d)
		}
	}
}

// TestLockoutIsNoWeapon (issue 14, item 2): failures slow the pair they come from, not the
// account: the director signs in from another address at once, and from the attacker's own
// address (an office behind one NAT) with the browser they signed in with before. A name
// failed from many addresses is locked — but not for the director's own browser — until an
// administrator unlocks it (audited with the lock's data); an address throttled by a
// password sprayer does not stop a colleague's known browser there.
func TestLockoutIsNoWeapon(t *testing.T) {
	ctx := context.Background()
	b := newLoginBench(t, accounts.Policy{MaxFailures: 5, Lockout: 15 * time.Minute, MaxPerAddr: 12, LockAfter: 10})
	b.now = testdb.Now().Add(100 * 24 * time.Hour)
	const right, office = "mật khẩu của giám đốc sở", "100.64.0.1"
	id := b.user("giamdoc.nv", right)
	colleague := "chuyenvien.nv"
	b.user(colleague, "mật khẩu của chuyên viên")
	// Yesterday the director and a colleague signed in from the office: their browsers are known.
	answer, directorBrowser := b.attempt("giamdoc.nv", right, office, "")
	if answer != "ok" || directorBrowser == "" {
		t.Fatalf("first sign-in: %s, cookie %q", answer, directorBrowser)
	}
	_, colleagueBrowser := b.attempt(colleague, "mật khẩu của chuyên viên", office, "")
	b.now = b.now.Add(24 * time.Hour)

	// A bad actor in the office tries the director's password six times.
	for i := 0; i < 6; i++ {
		b.attempt("giamdoc.nv", "thử "+fmt.Sprint(i), office, "")
	}
	if a, _ := b.attempt("giamdoc.nv", right, office, ""); !strings.HasPrefix(a, "login.wait") {
		t.Fatalf("the right password from the attacker's pair during the wait: %s, want to wait", a)
	}
	if a, _ := b.attempt("giamdoc.nv", right, "192.0.2.50", ""); a != "ok" {
		t.Errorf("the director from another address: %s, want signed in", a)
	}
	if a, _ := b.attempt("giamdoc.nv", right, office, directorBrowser); a != "ok" {
		t.Errorf("the director's own browser in the same office: %s, want signed in", a)
	}

	// Failures spread over many addresses lock the name, for every browser but a trusted one.
	for i := 0; i < 10; i++ {
		b.attempt("giamdoc.nv", "đoán", fmt.Sprintf("203.0.113.%d", i+1), "")
	}
	if a, _ := b.attempt("giamdoc.nv", right, "192.0.2.51", ""); a != "login.locked[]" {
		t.Fatalf("right password from a new address after the lock: %s, want locked", a)
	}
	if a, _ := b.attempt("giamdoc.nv", right, office, directorBrowser); a != "ok" {
		t.Errorf("the director's own browser while the account is locked: %s, want signed in", a)
	}
	locked, _, err := b.st.LockedAccounts(ctx, 10)
	listed := false
	for _, l := range locked {
		listed = listed || l.Username == "giamdoc.nv" && l.Failures >= 10
	}
	if err != nil || !listed {
		t.Fatalf("locked accounts: %+v, %v; want giamdoc.nv with its failures", locked, err)
	}
	admin := usecase.Actor{UserID: 1, Username: "quantri", Role: authz.RoleAdmin, Addr: "10.1.1.1"}
	if out, err := b.svc.Unlock(ctx, admin, id); err != nil || out.Already {
		t.Fatalf("unlock: %+v, %v", out, err)
	}
	if out, _ := b.svc.Unlock(ctx, admin, id); !out.Already {
		t.Error("a second unlock is not answered as done already")
	}
	if a, _ := b.attempt("giamdoc.nv", right, "192.0.2.52", ""); a != "ok" {
		t.Errorf("after the unlock, from a new address: %s", a)
	}
	var before map[string]any
	if err := b.st.Pool().QueryRow(ctx, `SELECT before FROM audit_log WHERE action = 'user.unlock' AND entity_id = $1 AND actor_name = 'quantri'`,
		fmt.Sprint(id)).Scan(&before); err != nil || before["failures"] == nil || before["locked_at"] == nil {
		t.Errorf("unlock audit entry: %v, %v; want the lock's time and failures", before, err)
	}

	// A sprayer tries twelve usernames from the office: new browsers there are throttled,
	// the colleague's known browser is not.
	for i := 0; i < 12; i++ {
		b.attempt(fmt.Sprintf("ten%02d", i), "mật khẩu phổ biến", office, "")
	}
	if a, _ := b.attempt(colleague, "mật khẩu của chuyên viên", office, ""); a != "login.throttled[]" {
		t.Errorf("a new browser at the sprayed address: %s, want throttled", a)
	}
	if a, _ := b.attempt(colleague, "mật khẩu của chuyên viên", office, colleagueBrowser); a != "ok" {
		t.Errorf("the colleague's own browser at the sprayed address: %s, want signed in", a)
	}
	// A trusted browser that types wrong passwords is trusted no more.
	for i := 0; i < 5; i++ {
		b.attempt(colleague, "sai", office, colleagueBrowser)
	}
	if a, _ := b.attempt(colleague, "mật khẩu của chuyên viên", office, colleagueBrowser); a != "login.throttled[]" {
		t.Errorf("a trusted browser after five wrong passwords: %s, want it treated as any other (throttled here)", a)
	}
}

package accounts_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/internal/usecase"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The rules of a user are the use case's: every broken rule comes back as a field message.
func TestCreateUserRefusesWithFieldMessages(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	svc := accounts.New(st, accounts.Policy{MaxFailures: 3, Lockout: 15 * time.Minute, MaxPerAddr: 100}, testdb.Now, nil)
	_, err := svc.CreateUser(ctx, usecase.CLI, accounts.UserInput{Username: "A B", FullName: " ", Role: "boss"})
	e := usecase.As(err)
	if e == nil || e.Kind != usecase.KindInvalid {
		t.Fatalf("err = %v, want an invalid refusal", err)
	}
	for field, key := range map[string]string{"username": "v.username", "full_name": "v.required_full_name", "role": "v.role"} {
		if e.Fields[field].Key != key {
			t.Errorf("field %s: %q, want %q", field, e.Fields[field].Key, key)
		}
	}
	if _, err := svc.CreateUser(ctx, usecase.CLI, accounts.UserInput{Username: "tu.nv", FullName: "Nguyễn Văn Tú", Role: authz.RoleDirector}); err != nil {
		t.Fatal(err)
	}
	_, err = svc.CreateUser(ctx, usecase.CLI, accounts.UserInput{Username: "TU.NV", FullName: "Nguyễn Văn Tú", Role: authz.RoleDirector})
	if e := usecase.As(err); e == nil || e.Fields["username"].Key != "v.username_taken" {
		t.Fatalf("second tu.nv: %v, want the username taken", err)
	}
}

// The login policy: failures lock the account for the lockout, on the service's clock;
// the right password does not open a locked account; once the lockout is over it does.
func TestLoginLocksAfterFailures(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	now := testdb.Now()
	clock := func() time.Time { return now }
	policy := accounts.Policy{MaxFailures: 3, Lockout: 15 * time.Minute, MaxPerAddr: 100}
	svc := accounts.New(st, policy, clock, nil)
	c, err := svc.CreateUser(ctx, usecase.CLI, accounts.UserInput{Username: "khoa.lt", FullName: "Lê Thị Khoa", Role: authz.RoleDirector})
	if err != nil {
		t.Fatal(err)
	}
	login := func(password string) error {
		_, err := svc.Login(ctx, accounts.Login{Username: "khoa.lt", Password: password, Addr: "10.0.0.7"})
		return err
	}
	for i := 0; i < 2; i++ {
		if err := login("sai mật khẩu"); usecase.As(err) == nil || usecase.As(err).Msg.Key != "login.failed" {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if err := login("sai mật khẩu"); usecase.As(err) == nil || usecase.As(err).Msg.Key != "login.locked" {
		t.Fatalf("third failure: %v, want the account locked", err)
	}
	if err := login(c.OneTime); usecase.As(err) == nil || usecase.As(err).Msg.Key != "login.locked" {
		t.Fatalf("right password while locked: %v, want still locked", err)
	}
	now = now.Add(policy.Lockout + time.Minute)
	if err := login(c.OneTime); err != nil {
		t.Fatalf("after the lockout: %v", err)
	}
	var actions []string
	rows, err := st.Pool().Query(ctx, `SELECT action FROM audit_log WHERE actor_name = 'khoa.lt' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if actions, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	want := []string{"login.failed", "login.failed", "login.lockout", "login.locked", "login.success"}
	if len(actions) != len(want) {
		t.Fatalf("audit %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("audit %v, want %v", actions, want)
		}
	}
}

package accounts_test

import (
	"context"
	"testing"
	"time"

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

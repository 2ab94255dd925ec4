package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestUsersAndLockout(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	var unitID, userID int64
	err := s.InTx(ctx, func(tx store.Queries) error {
		var err error
		unitID, err = tx.CreateUnit(ctx, store.UnitInput{Code: "VPS", Name: "Văn phòng Sở", Active: true})
		if err != nil {
			return err
		}
		userID, err = tx.CreateUser(ctx, store.UserInput{Username: "lan", FullName: "Nguyễn Thị Lan", Role: "staff", UnitID: unitID, Active: true}, "hash")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.UserByUsername(ctx, "lan")
	if err != nil || u.ID != userID || u.UnitCode != "VPS" || u.FullName != "Nguyễn Thị Lan" {
		t.Fatalf("UserByUsername = %+v, %v", u, err)
	}
	if _, err := s.UserByUsername(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown user: err = %v, want ErrNotFound", err)
	}
	_, err = s.CreateUser(ctx, store.UserInput{Username: "lan", FullName: "x", Role: "director", Active: true}, "h")
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("duplicate username: err = %v, want ErrConflict", err)
	}
	if err := s.RecordLoginSuccess(ctx, userID, time.Now()); err != nil {
		t.Fatal(err)
	}
	u, _ = s.UserByID(ctx, userID)
	if u.LastLoginAt == nil {
		t.Fatalf("after success: %+v", u)
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := testdb.Store(t)
	if err := s.Audit(ctx, store.AuditEntry{ActorName: "cchc", Action: "test.append", Entity: "test", EntityID: "1"},
		map[string]string{"giá_trị": "cũ"}, map[string]string{"giá_trị": "mới"}); err != nil {
		t.Fatal(err)
	}
	entries, _, err := s.ListAudit(ctx, store.AuditFilter{Action: "test."}, store.Page{})
	if err != nil || len(entries) != 1 || string(entries[0].After) != `{"giá_trị": "mới"}` {
		t.Fatalf("ListAudit = %+v, %v", entries, err)
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE audit_log SET action = 'x'`); err == nil {
		t.Error("UPDATE of audit_log succeeded")
	}
	if _, err := s.Pool().Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("DELETE of audit_log succeeded")
	}
	if _, err := s.Pool().Exec(ctx, `TRUNCATE audit_log`); err == nil || !strings.Contains(err.Error(), "append-only: TRUNCATE") {
		t.Errorf("TRUNCATE of audit_log: %v, want refused as append-only", err)
	}
	if entries, _, err := s.ListAudit(ctx, store.AuditFilter{Action: "test."}, store.Page{}); err != nil || len(entries) != 1 {
		t.Errorf("after the refused statements ListAudit = %d entries, %v; want the 1 still there", len(entries), err)
	}
}

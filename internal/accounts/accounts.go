// Package accounts is the use cases of people and their passwords: the login policy
// (lockout, throttling, password expiry), creating and editing users, setting and resetting
// passwords. The admin pages and the `cchc user` commands both go through it, so they refuse
// the same input. Each use case owns its transaction and its audit record.
package accounts

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Policy is the login policy (from the configuration).
type Policy struct {
	MaxFailures    int           // failures per (username, address) before each attempt waits
	Lockout        time.Duration // the longest wait between attempts; the address throttle's window
	MaxPerAddr     int           // failures per client address within Lockout before it is throttled
	LockAfter      int           // failures of a username within FailureWindow that lock it until an administrator unlocks it
	PasswordMaxAge time.Duration // 0: passwords never expire
}

// Service runs the account use cases.
type Service struct {
	st     store.Store
	policy Policy
	now    usecase.Clock
	log    *slog.Logger
}

// New makes the service; now is the clock (time.Now outside tests).
func New(st store.Store, policy Policy, now usecase.Clock, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, policy: policy, now: now, log: log}
}

// entry is the audit record of something a acts on.
func entry(a usecase.Actor, action, entity string, id int64) store.AuditEntry {
	return store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
		Action: action, Entity: entity, EntityID: fmt.Sprint(id)}
}

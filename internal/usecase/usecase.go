// Package usecase is the vocabulary the use-case packages (accounts, reporting, planning)
// share with their callers, the HTTP layer and the command line: who acts, and the typed
// errors a use case returns. It knows neither HTTP nor SQL.
package usecase

import (
	"errors"
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
)

// Actor is who does something: the signed-in user (or the command line) and where from,
// for the authorization check and the audit record.
type Actor struct {
	UserID   int64 // 0 for the command line or an anonymous login attempt
	Username string
	Role     authz.Role
	UnitID   int64
	Addr     string // client address
}

// Principal is the actor as the authorization policy sees it.
func (a Actor) Principal() authz.Principal {
	return authz.Principal{UserID: a.UserID, Role: a.Role, UnitID: a.UnitID}
}

// CLI is the actor of the `cchc` command line.
var CLI = Actor{Username: "cli"}

// Clock is where a use case takes "now" from.
type Clock func() time.Time

// Kind is the class of a use-case error; the HTTP layer maps each to one answer.
type Kind int

const (
	KindNone      Kind = iota
	KindNotFound       // the record does not exist or belongs to another unit: 404
	KindForbidden      // the role may never do this: 403
	KindConflict       // the record changed meanwhile, or a unique value is taken
	KindInvalid        // the input breaks a rule: the form again, with Fields
)

// Error is a use case's refusal.
type Error struct {
	Kind   Kind
	Msg    i18n.Msg            // what to tell the user, when one sentence says it
	Fields map[string]i18n.Msg // KindInvalid: the message of each field
	Err    error               // the cause, for logs
}

func (e *Error) Error() string {
	s := [...]string{"error", "not found", "forbidden", "conflict", "invalid"}[e.Kind]
	switch {
	case e.Err != nil:
		return s + ": " + e.Err.Error()
	case !e.Msg.Zero():
		return s + ": " + e.Msg.Key
	case len(e.Fields) > 0:
		return fmt.Sprintf("%s: %d fields", s, len(e.Fields))
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf is the kind of err, KindNone when it is no use-case error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindNone
}

// As returns err as a use-case error, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// NotFound is the refusal for a record that is not there (or not the actor's to see).
func NotFound(cause error) error { return &Error{Kind: KindNotFound, Err: cause} }

// Forbidden is the refusal for a role that may never do this.
func Forbidden() error { return &Error{Kind: KindForbidden} }

// Conflict is the refusal for a record changed meanwhile or a value already taken.
func Conflict(msg i18n.Msg, cause error) error {
	return &Error{Kind: KindConflict, Msg: msg, Err: cause}
}

// Invalid is the refusal for input that breaks rules, with a message per field.
func Invalid(fields map[string]i18n.Msg) error { return &Error{Kind: KindInvalid, Fields: fields} }

// Refused is an invalid request explained by one message (a rule of the workflow, say).
func Refused(msg i18n.Msg, cause error) error {
	return &Error{Kind: KindInvalid, Msg: msg, Err: cause}
}

// Authorize is the one way to ask the policy before acting: nil to go ahead, NotFound for
// another unit's record (so its existence cannot be probed), Forbidden for a role that may
// never do it.
func Authorize(p authz.Principal, a authz.Action, unitID int64) error {
	switch authz.Decide(p, a, unitID) {
	case authz.Allow:
		return nil
	case authz.Hide:
		return NotFound(nil)
	}
	return Forbidden()
}

// MsgOf is the message a domain error carries (its Msg method), or the zero Msg.
func MsgOf(err error) i18n.Msg {
	var m interface{ Msg() i18n.Msg }
	if errors.As(err, &m) {
		return m.Msg()
	}
	return i18n.Msg{}
}

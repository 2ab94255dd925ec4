package store

import (
	"context"

	"github.com/alexedwards/scs/v2"
)

// Sessions is the sessions table as the session manager (scs) uses it, with the background
// cleanup of expired sessions that StopCleanup ends.
type Sessions interface {
	scs.CtxStore
	StopCleanup()
}

// SessionUser is the signed-in user as read in the same round trip as the session: a page
// then costs one round trip before its handler instead of two. The session store fills it
// when the request's context carries one (WithSessionUser), from the users row of the
// session's user at that moment, so a deactivated user, a revoked session (a new epoch) or a
// changed role still takes effect on the next request.
type SessionUser struct {
	User   User
	Unread int // the user's unread notifications, read with them (the bell of every page)
	Found  bool
}

type sessionUserKey struct{}

// WithSessionUser gives a request's context a SessionUser for the session store to fill.
func WithSessionUser(ctx context.Context) (context.Context, *SessionUser) {
	su := &SessionUser{}
	return context.WithValue(ctx, sessionUserKey{}, su), su
}

// SessionUserFrom is the context's SessionUser, or nil.
func SessionUserFrom(ctx context.Context) *SessionUser {
	su, _ := ctx.Value(sessionUserKey{}).(*SessionUser)
	return su
}

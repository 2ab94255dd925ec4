package store

import "github.com/alexedwards/scs/v2"

// Sessions is the sessions table as the session manager (scs) uses it, with the background
// cleanup of expired sessions that StopCleanup ends.
type Sessions interface {
	scs.Store
	StopCleanup()
}

package store

import (
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
)

// Sessions is the sessions table as the session manager (scs) uses it, with the background
// cleanup of expired sessions that StopCleanup ends.
type Sessions interface {
	scs.Store
	StopCleanup()
}

// Sessions returns the session store, deleting expired sessions every cleanup.
func (s *Store) Sessions(cleanup time.Duration) Sessions {
	return pgxstore.NewWithCleanupInterval(s.pool, cleanup)
}

package store

import "time"

// ReadStats is how a read replica stands and where the reads that may lag went.
type ReadStats struct {
	Usable bool          // a standby that answered, at most the allowed lag behind, at the last check
	Lag    time.Duration // behind the primary at the last check; negative while it does not answer
	// reads sent to the replica; to the primary because the reader's own last write was not
	// replayed yet; to the primary because the replica was down or too far behind
	Replica, PrimaryOwnWrite, PrimaryReplicaBehind int64
}

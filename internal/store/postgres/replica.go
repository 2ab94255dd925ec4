package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vn-cchc/cchc/internal/store"
)

// ReadRouter sends the reads that may lag (dashboards, exports) to a streaming replica while
// it keeps up, and to the primary otherwise. Every checkInterval it reads the primary's WAL
// position and the replica's replayed one: the replica is used only while it is a standby
// that answers and is at most maxLag behind. A reader who has written reads the replica only
// once it has replayed that reader's own last write (its WAL position, taken when the write
// committed), so nobody misses what they have just saved.
type ReadRouter struct {
	primary, replica *Store
	maxLag           time.Duration
	log              *slog.Logger

	replayed atomic.Int64 // the replica's replayed WAL position (bytes) at the last check
	usable   atomic.Bool  // a standby that answered, at most maxLag behind, at the last check
	lag      atomic.Int64 // nanoseconds behind at the last check; -1 while it does not answer
	reads    [3]atomic.Int64

	stop chan struct{}
	done sync.WaitGroup
}

// Why a read went where it went (store.ReadStats counts them).
const (
	readReplica = iota
	readPrimaryOwnWrite
	readPrimaryReplicaBehind
)

const checkInterval = 200 * time.Millisecond

// OpenReplica makes a pool for a read replica without waiting for it to answer: the
// portal starts while its replica is down, and reads the primary until it is back.
func OpenReplica(databaseURL string, maxConns int32) (*Store, error) {
	cfg, err := poolConfig(databaseURL, maxConns)
	if err != nil {
		return nil, fmt.Errorf("store: parse DATABASE_READ_URL: %w", err)
	}
	cfg.ConnConfig.ConnectTimeout = 2 * time.Second
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("store: replica: %w", err)
	}
	return New(pool), nil
}

// NewReadRouter checks the replica once, then every checkInterval until Close.
func NewReadRouter(ctx context.Context, primary, replica *Store, maxLag time.Duration, log *slog.Logger) *ReadRouter {
	r := &ReadRouter{primary: primary, replica: replica, maxLag: maxLag, log: log, stop: make(chan struct{})}
	r.lag.Store(-1)
	r.check(ctx)
	r.done.Add(1)
	go func() {
		defer r.done.Done()
		t := time.NewTicker(checkInterval)
		defer t.Stop()
		for {
			select {
			case <-r.stop:
				return
			case <-t.C:
				r.check(context.Background())
			}
		}
	}()
	return r
}

// Close stops the checks (the stores are the caller's to close).
func (r *ReadRouter) Close() {
	close(r.stop)
	r.done.Wait()
}

// check reads both positions. The replica's lag is how long ago it replayed its last
// transaction while it is behind the primary's position, and zero once it has caught up
// (an idle primary writes nothing, so the last replay may be old without any lag).
func (r *ReadRouter) check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var primaryPos int64
	perr := r.primary.pool.QueryRow(ctx, `SELECT (pg_current_wal_lsn() - '0/0')::bigint`).Scan(&primaryPos)
	var standby bool
	var replayed int64
	var since float64
	rerr := r.replica.pool.QueryRow(ctx, `SELECT pg_is_in_recovery(),
			COALESCE((pg_last_wal_replay_lsn() - '0/0')::bigint, 0),
			COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::float8`).Scan(&standby, &replayed, &since)
	wasUsable := r.usable.Load()
	switch {
	case rerr != nil || !standby:
		r.lag.Store(-1)
		r.usable.Store(false)
		if wasUsable {
			r.log.Warn("read replica unusable: reads go to the primary", "err", rerr, "standby", standby)
		}
		return
	case perr != nil:
		// the primary did not answer: nothing to compare with; keep the last verdict
		return
	}
	r.replayed.Store(replayed)
	lag := time.Duration(0)
	if replayed < primaryPos {
		lag = time.Duration(since * float64(time.Second))
	}
	r.lag.Store(int64(lag))
	usable := lag <= r.maxLag
	r.usable.Store(usable)
	if usable != wasUsable {
		r.log.Info("read replica", "usable", usable, "lag", lag)
	}
}

// Position is the primary's WAL position now: taken after a write has committed, it is
// at or past that write.
func (r *ReadRouter) Position(ctx context.Context) (int64, error) {
	var pos int64
	err := r.primary.pool.QueryRow(ctx, `SELECT (pg_current_wal_lsn() - '0/0')::bigint`).Scan(&pos)
	return pos, err
}

// For is where a reader whose own last write is at WAL position since (0: none) reads.
func (r *ReadRouter) For(since int64) store.Store {
	where := route(r.usable.Load(), r.replayed.Load(), since)
	r.reads[where].Add(1)
	if where == readReplica {
		return r.replica
	}
	return r.primary
}

// route decides: the replica only while it is usable and has replayed the reader's own
// last write (positions only grow, so a replayed position read a moment ago is a safe bound).
func route(usable bool, replayed, since int64) int {
	switch {
	case !usable:
		return readPrimaryReplicaBehind
	case since > replayed:
		return readPrimaryOwnWrite
	}
	return readReplica
}

// Stats says how the replica stands and where reads went, for the metrics page.
func (r *ReadRouter) Stats() store.ReadStats {
	return store.ReadStats{Usable: r.usable.Load(), Lag: time.Duration(r.lag.Load()),
		Replica: r.reads[readReplica].Load(), PrimaryOwnWrite: r.reads[readPrimaryOwnWrite].Load(),
		PrimaryReplicaBehind: r.reads[readPrimaryReplicaBehind].Load()}
}

package server

import (
	"context"
	"net/http"

	"github.com/vn-cchc/cchc/internal/store"
)

// ReadRouter chooses where the reads that may lag go: a streaming replica while it keeps
// up and has replayed the reader's own last write, the primary otherwise
// (postgres.ReadRouter, set up by cmd/cchc when DATABASE_READ_URL is set).
type ReadRouter interface {
	// For is the store a reader whose own last write is at WAL position since (0: none) reads.
	For(since int64) store.Store
	// Position is the primary's WAL position now, taken after a write commits.
	Position(ctx context.Context) (int64, error)
	// Stats is how the replica stands and where reads went (metrics).
	Stats() store.ReadStats
}

// WithReadRouter sends dashboards and exports through rr.
func WithReadRouter(rr ReadRouter) Option {
	return func(s *Server) { s.readRouter = rr }
}

// sessWrotePos is the session's record of the WAL position of the user's last write.
const sessWrotePos = "wrote_wal_pos"

type readsKey struct{}

// reads is the store for the reads that may lag in this request: the one readsFromReplica
// chose, or the primary.
func (s *Server) reads(ctx context.Context) store.Store {
	if st, ok := ctx.Value(readsKey{}).(store.Store); ok {
		return st
	}
	return s.store
}

// readsFromReplica chooses, once per request, where its reads that may lag go. Only the
// dashboards and exports use it: a report form, whose next save must start from the newest
// version, always reads the primary.
func (s *Server) readsFromReplica(next http.Handler) http.Handler {
	if s.readRouter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		since := s.sessions.GetInt64(r.Context(), sessWrotePos)
		ctx := context.WithValue(r.Context(), readsKey{}, s.readRouter.For(since))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// rememberWrites records, in the session of a user whose request changed something, the
// primary's WAL position when the answer is sent: the write has committed by then, and the
// session is saved with the answer's first byte (scs), so the position is recorded before it.
func (s *Server) rememberWrites(next http.Handler) http.Handler {
	if s.readRouter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&writePosRecorder{ResponseWriter: w, r: r, s: s}, r)
	})
}

type writePosRecorder struct {
	http.ResponseWriter
	r    *http.Request
	s    *Server
	done bool
}

func (w *writePosRecorder) record(status int) {
	if w.done {
		return
	}
	w.done = true
	if status >= 400 {
		return
	}
	ctx := w.r.Context()
	if w.s.sessions.GetInt64(ctx, sessUserID) == 0 {
		return // nobody signed in (a failed sign-in, a sign-out): no session to remember it in
	}
	if pos, err := w.s.readRouter.Position(ctx); err == nil {
		w.s.sessions.Put(ctx, sessWrotePos, pos)
	} else {
		// without the position the user might not see their write on the replica: send
		// their reads to the primary for as long as the session lasts
		w.s.log.Warn("reading the WAL position after a write", "err", err, "request_id", requestID(ctx))
		w.s.sessions.Put(ctx, sessWrotePos, int64(1<<62))
	}
}

func (w *writePosRecorder) WriteHeader(status int) {
	w.record(status)
	w.ResponseWriter.WriteHeader(status)
}

func (w *writePosRecorder) Write(b []byte) (int, error) {
	w.record(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *writePosRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// apiLogger writes the API's call log (client, route, rows, answer) in batches from a
// goroutine, so a call does not wait for its own insert; the log's table is pruned to
// API_LOG_DAYS with the failed sign-ins (startPruning). A burst beyond the buffer is
// counted in the server log rather than slowing the API down.
type apiLogger struct {
	st      store.Store
	log     *slog.Logger
	now     func() time.Time
	ch      chan store.APICall
	done    chan struct{}
	mu      sync.Mutex
	dropped int
	flushed chan struct{} // signalled after each batch (tests wait on it)
}

func newAPILogger(st store.Store, log *slog.Logger, now func() time.Time) *apiLogger {
	l := &apiLogger{st: st, log: log, now: now, ch: make(chan store.APICall, 4096), done: make(chan struct{}), flushed: make(chan struct{}, 1)}
	go l.run()
	return l
}

// record queues one call; client 0 (no valid token) is not logged.
func (l *apiLogger) record(client int64, r *http.Request, rows, status int) {
	if client == 0 {
		return
	}
	route := r.URL.Path
	if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
		route = rc.RoutePattern()
	}
	select {
	case l.ch <- store.APICall{ClientID: client, At: l.now(), Route: route, Rows: rows, Status: status}:
	default:
		l.mu.Lock()
		l.dropped++
		l.mu.Unlock()
	}
}

func (l *apiLogger) run() {
	defer close(l.done)
	var batch []store.APICall
	flush := func() {
		if len(batch) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := l.st.LogAPICalls(ctx, batch); err != nil {
			l.log.Warn("api call log", "err", err, "calls", len(batch))
		}
		cancel()
		batch = batch[:0]
		l.mu.Lock()
		if l.dropped > 0 {
			l.log.Warn("api call log: buffer full, calls not logged", "calls", l.dropped)
			l.dropped = 0
		}
		l.mu.Unlock()
		select {
		case l.flushed <- struct{}{}:
		default:
		}
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case c, ok := <-l.ch:
			if !ok {
				flush()
				return
			}
			batch = append(batch, c)
			if len(batch) >= 500 {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// close writes what is queued and stops.
func (l *apiLogger) close() {
	close(l.ch)
	<-l.done
}

// pruneAPICalls deletes calls older than API_LOG_DAYS.
func (s *Server) pruneAPICalls(ctx context.Context) error {
	_, err := s.store.PruneAPICalls(ctx, s.now().AddDate(0, 0, -s.cfg.APILogDays))
	return err
}

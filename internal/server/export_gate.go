package server

import (
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

// exportGate bounds the exports that run at once (config EXPORT_WORKERS). An export holds
// one pool connection and tens of MB for its whole run (a national one for seconds): twenty
// at once took every connection of the pool, so every page waited and /readyz failed. With
// the gate exports never hold more than EXPORT_WORKERS of the DB_MAX_CONNS connections;
// a request that finds every slot taken is answered at once with a page saying so, which
// retries by itself (Refresh, Retry-After), instead of waiting with a connection's worth
// of memory and a goroutine each.
type exportGate struct {
	slots   chan struct{}
	refused atomic.Int64 // requests told to come back (tests, logs)
}

func newExportGate(n int) *exportGate { return &exportGate{slots: make(chan struct{}, max(1, n))} }

// enter takes a slot if one is free; leave gives it back.
func (g *exportGate) enter() (leave func(), ok bool) {
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, true
	default:
		return nil, false
	}
}

// exportRetrySeconds is when the busy page asks the browser to try again.
const exportRetrySeconds = 10

// gateExport runs next only while an export slot is free; otherwise the user reads that
// exports are busy, and the browser asks again in exportRetrySeconds (the same URL: a
// download then simply starts).
func (s *Server) gateExport(next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		leave, ok := s.exports.enter()
		if !ok {
			s.exports.refused.Add(1)
			ctx := r.Context()
			w.Header().Set("Retry-After", strconv.Itoa(exportRetrySeconds))
			w.Header().Set("Refresh", strconv.Itoa(exportRetrySeconds))
			s.render(w, r, http.StatusServiceUnavailable, web.ErrorPage(web.ErrorProps{
				Meta:    s.meta(r, i18n.T(ctx, "export.busy_title"), "exports"),
				Status:  http.StatusServiceUnavailable,
				Message: i18n.Tf(ctx, "export.busy", cap(s.exports.slots), exportRetrySeconds),
			}))
			return nil
		}
		defer leave()
		return next(w, r)
	}
}

package server

import (
	"context"
	"time"
)

// pruneEvery is how often failed sign-ins older than the lockout window are deleted
// (accounts.Service.PruneFailures).
const pruneEvery = time.Hour

// startPruning deletes stale failed sign-ins now and then every pruneEvery, until Close.
func (s *Server) startPruning() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.stopPrune = func() { cancel(); <-done }
	go func() {
		defer close(done)
		t := time.NewTicker(pruneEvery)
		defer t.Stop()
		for {
			if err := s.accounts.PruneFailures(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("prune failed sign-ins", "err", err)
			}
			if err := s.pruneAPICalls(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("prune api calls", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

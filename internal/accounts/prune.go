package accounts

import "context"

// PruneFailures deletes failed sign-ins older than the lockout window: they no longer count
// towards a lock or a throttle, and the table would otherwise grow forever. The server
// calls it at start and hourly.
func (s *Service) PruneFailures(ctx context.Context) error {
	return s.st.PruneLoginFailures(ctx, s.policy.Lockout)
}

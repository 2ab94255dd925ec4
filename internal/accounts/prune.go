package accounts

import "context"

// PruneFailures deletes failed sign-ins that no longer count towards a delay, a throttle or a
// lock, and trusted browsers unused for a year; the tables would otherwise grow forever.
// The server calls it at start and hourly.
func (s *Service) PruneFailures(ctx context.Context) error {
	now := s.now()
	return s.st.PruneLoginFailures(ctx, now.Add(-max(FailureWindow, s.policy.Lockout)), now.Add(-deviceLifetime))
}

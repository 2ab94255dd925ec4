package postgres

// Steps applies n migrations (n > 0) or rolls back -n (n < 0), for tests that walk the
// migrations one at a time.
func (mg *Migrator) Steps(n int) error { return mg.m.Steps(n) }

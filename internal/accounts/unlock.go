package accounts

import (
	"context"
	"errors"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Unlocked is the outcome of an unlock.
type Unlocked struct {
	Username string
	Already  bool // it was not locked (a repeated click, or another administrator was first)
}

// Unlock lifts the lock on user id's sign-in and forgets the failures that led to it, so
// the user starts afresh; the audit entry keeps when it was locked and after how many
// failures.
func (s *Service) Unlock(ctx context.Context, a usecase.Actor, id int64) (Unlocked, error) {
	var out Unlocked
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		u, err := tx.UserForUpdate(ctx, id)
		if err != nil {
			return err
		}
		out.Username = u.Username
		l, err := tx.UnlockLogin(ctx, u.Username)
		if errors.Is(err, store.ErrNotFound) {
			out.Already = true
			return nil
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "user.unlock", "user", id),
			map[string]any{"locked_at": l.LockedAt.UTC().Format(time.RFC3339), "failures": l.Failures}, nil)
	})
	if errors.Is(err, store.ErrNotFound) {
		return Unlocked{}, usecase.NotFound(err)
	}
	return out, err
}

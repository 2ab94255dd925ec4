package accounts

import (
	"context"
	"errors"
	"net/mail"
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// SetEmail sets the address a user's mail goes to ("" for none); a new address lifts the
// mark a refused one left, so mail is tried again. Audited.
func (s *Service) SetEmail(ctx context.Context, a usecase.Actor, id int64, email string) error {
	email = strings.TrimSpace(email)
	if email != "" {
		addr, err := mail.ParseAddress(email)
		if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
			return usecase.Invalid(map[string]i18n.Msg{"email": i18n.M("admin.v.email")})
		}
	}
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		if _, err := tx.UserForUpdate(ctx, id); err != nil {
			return err
		}
		before, _, _, err := tx.UserEmail(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.SetUserEmail(ctx, id, email); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "user.email", "user", id), map[string]any{"email": before}, map[string]any{"email": email})
	})
	if errors.Is(err, store.ErrNotFound) {
		return usecase.NotFound(err)
	}
	return err
}

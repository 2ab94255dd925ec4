package accounts

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// UserInput is what a person sets on a user, from the admin form or the command line.
type UserInput struct {
	Username string
	FullName string
	Role     authz.Role
	UnitID   int64  // the unit, or
	UnitCode string // its code (the command line); resolved to UnitID
	Active   bool
}

// MaxFullName bounds a user's full name, in characters.
const MaxFullName = 200

var usernamePattern = regexp.MustCompile(`^[a-z0-9_.-]{2,64}$`)

// Normalize trims the input the way every caller should see it stored.
func (in UserInput) Normalize() UserInput {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = strings.TrimSpace(in.FullName)
	in.UnitCode = strings.TrimSpace(in.UnitCode)
	return in
}

// check applies the rules of a user; it resolves a unit code to its id.
func (s *Service) check(ctx context.Context, in *UserInput) (map[string]i18n.Msg, error) {
	errs := map[string]i18n.Msg{}
	if !usernamePattern.MatchString(in.Username) {
		errs["username"] = i18n.M("v.username")
	}
	if in.FullName == "" || utf8.RuneCountInString(in.FullName) > MaxFullName {
		errs["full_name"] = i18n.M("v.required_full_name")
	}
	if !in.Role.Valid() {
		errs["role"] = i18n.M("v.role")
	}
	if in.UnitCode != "" && in.UnitID == 0 {
		id, err := s.st.UnitIDByCode(ctx, in.UnitCode)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs["unit"] = i18n.M("v.unit_unknown")
		case err != nil:
			return nil, err
		}
		in.UnitID = id
	} else if in.UnitID != 0 {
		if _, err := s.st.UnitByID(ctx, in.UnitID); errors.Is(err, store.ErrNotFound) {
			errs["unit"] = i18n.M("v.unit_unknown")
		} else if err != nil {
			return nil, err
		}
	}
	if in.UnitID == 0 && errs["unit"].Zero() && in.Role.NeedsUnit() {
		errs["unit"] = i18n.M("v.unit_required")
	}
	return errs, nil
}

func (in UserInput) row() store.UserInput {
	return store.UserInput{Username: in.Username, FullName: in.FullName, Role: string(in.Role), UnitID: in.UnitID, Active: in.Active}
}

// Created is a new user and the one-time password they must change at first login.
type Created struct {
	ID       int64
	Username string
	OneTime  string
}

// CreateUser makes an active user with a one-time password. Invalid input is refused with
// a message per field; a taken username is a field error too.
func (s *Service) CreateUser(ctx context.Context, a usecase.Actor, in UserInput) (Created, error) {
	in = in.Normalize()
	in.Active = true
	errs, err := s.check(ctx, &in)
	if err != nil {
		return Created{}, err
	}
	if len(errs) > 0 {
		return Created{}, usecase.Invalid(errs)
	}
	otp := password.OneTime()
	hash, err := password.Hash(otp)
	if err != nil {
		return Created{}, err
	}
	row := in.row()
	row.MustChangePassword = true
	var id int64
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		if id, err = tx.CreateUser(ctx, row, hash); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "user.create", "user", id), nil, row)
	})
	if errors.Is(err, store.ErrConflict) {
		return Created{}, usecase.Invalid(map[string]i18n.Msg{"username": i18n.M("v.username_taken")})
	}
	if err != nil {
		return Created{}, err
	}
	return Created{ID: id, Username: in.Username, OneTime: otp}, nil
}

// UpdateUser saves a user; deactivation or a change of role or unit ends the user's
// sessions. Administrators cannot deactivate or demote themselves.
func (s *Service) UpdateUser(ctx context.Context, a usecase.Actor, id int64, in UserInput) error {
	in = in.Normalize()
	errs, err := s.check(ctx, &in)
	if err != nil {
		return err
	}
	if id == a.UserID && (!in.Active || in.Role != authz.RoleAdmin) {
		errs["role"] = i18n.M("v.self_demote")
	}
	if len(errs) > 0 {
		return usecase.Invalid(errs)
	}
	row := in.row()
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		before, err := tx.UserForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, id, row); err != nil {
			return err
		}
		if before.Active != row.Active || string(before.Role) != row.Role || before.UnitID != row.UnitID {
			if _, err := tx.RevokeSessions(ctx, id); err != nil {
				return err
			}
		}
		old := store.UserInput{Username: before.Username, FullName: before.FullName, Role: string(before.Role), UnitID: before.UnitID, Active: before.Active}
		return tx.Audit(ctx, entry(a, "user.update", "user", id), old, row)
	})
	switch {
	case errors.Is(err, store.ErrConflict):
		return usecase.Invalid(map[string]i18n.Msg{"username": i18n.M("v.username_taken")})
	case errors.Is(err, store.ErrNotFound):
		return usecase.NotFound(err)
	}
	return err
}

// ResetPassword issues a one-time password for user id and ends their sessions.
func (s *Service) ResetPassword(ctx context.Context, a usecase.Actor, id int64) (Created, error) {
	otp := password.OneTime()
	hash, err := password.Hash(otp)
	if err != nil {
		return Created{}, err
	}
	out := Created{ID: id, OneTime: otp}
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		u, err := tx.UserForUpdate(ctx, id)
		if err != nil {
			return err
		}
		out.Username = u.Username
		return s.setPassword(ctx, tx, a, id, hash, true)
	})
	if errors.Is(err, store.ErrNotFound) {
		return Created{}, usecase.NotFound(err)
	}
	return out, err
}

func (s *Service) setPassword(ctx context.Context, tx store.Queries, a usecase.Actor, id int64, hash string, oneTime bool) error {
	if err := tx.SetPassword(ctx, id, hash, oneTime); err != nil {
		return err
	}
	if _, err := tx.RevokeSessions(ctx, id); err != nil {
		return err
	}
	return tx.Audit(ctx, entry(a, "user.password_reset", "user", id), nil, nil)
}

// SetPassword gives the user called username a password chosen for them (plain, checked
// against the password rules) or, with oneTime, a one-time password, which it returns.
// Their sessions end.
func (s *Service) SetPassword(ctx context.Context, a usecase.Actor, username, plain string, oneTime bool) (Created, error) {
	u, err := s.st.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if errors.Is(err, store.ErrNotFound) {
		return Created{}, usecase.NotFound(err)
	}
	if err != nil {
		return Created{}, err
	}
	if oneTime {
		plain = password.OneTime()
	} else if m := PasswordProblem(plain, u.Username); !m.Zero() {
		return Created{}, usecase.Invalid(map[string]i18n.Msg{"password": m})
	}
	hash, err := password.Hash(plain)
	if err != nil {
		return Created{}, err
	}
	err = s.st.InTx(ctx, func(tx store.Queries) error { return s.setPassword(ctx, tx, a, u.ID, hash, oneTime) })
	if err != nil {
		return Created{}, err
	}
	out := Created{ID: u.ID, Username: u.Username}
	if oneTime {
		out.OneTime = plain
	}
	return out, nil
}

// PasswordProblem is what is wrong with a new password, or the zero Msg.
func PasswordProblem(plain, username string) i18n.Msg {
	n := utf8.RuneCountInString(plain)
	switch {
	case n < password.MinLength:
		return i18n.M("password.too_short", password.MinLength)
	case n > password.MaxLength:
		return i18n.M("password.too_long", password.MaxLength)
	case username != "" && strings.Contains(strings.ToLower(plain), strings.ToLower(username)):
		return i18n.M("password.has_username")
	}
	return i18n.Msg{}
}

// ChangePassword is a user changing their own password.
type ChangePassword struct {
	Current, New, Confirm string
}

// ChangePassword sets u's new password and ends their other sessions; it returns the new
// session epoch, for the caller's own session to stay valid.
//
// The current password is checked under the login policy (accounts.Login), so a session
// left open cannot be used to guess it: wrong ones count with the failed sign-ins of the
// same username and address, make the next attempt wait and can lock the account; during a
// wait, on a throttled address or a locked account it is not checked at all. Each wrong or
// refused check is audited.
func (s *Service) ChangePassword(ctx context.Context, a usecase.Actor, u store.User, in ChangePassword) (int, error) {
	now := s.now()
	r, err := s.gate(ctx, u.Username, a.Addr, now)
	if err != nil {
		return 0, err
	}
	if r != nil {
		r.data["refused_as"] = r.action
		if err := s.st.Audit(ctx, entry(a, "user.password_check_refused", "user", u.ID), nil, r.data); err != nil {
			return 0, err
		}
		return 0, usecase.Invalid(map[string]i18n.Msg{"current": asPasswordMsg(r.msg)})
	}
	errs := map[string]i18n.Msg{}
	if ok, _ := password.Check(in.Current, u.PasswordHash); !ok {
		err := s.st.InTx(ctx, func(tx store.Queries) error {
			msg, data, err := s.fail(ctx, tx, u.Username, a.Addr, now)
			if err != nil {
				return err
			}
			errs["current"] = asPasswordMsg(msg)
			return tx.Audit(ctx, entry(a, "user.password_check_failed", "user", u.ID), nil, data)
		})
		if err != nil {
			return 0, err
		}
	}
	if m := PasswordProblem(in.New, u.Username); !m.Zero() {
		errs["new"] = m
	} else if in.New == in.Current {
		errs["new"] = i18n.M("password.same")
	}
	if in.New != in.Confirm {
		errs["confirm"] = i18n.M("password.mismatch")
	}
	if len(errs) > 0 {
		return 0, usecase.Invalid(errs)
	}
	hash, err := password.Hash(in.New)
	if err != nil {
		return 0, err
	}
	var epoch int
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		if err := tx.SetPassword(ctx, u.ID, hash, false); err != nil {
			return err
		}
		if epoch, err = tx.RevokeSessions(ctx, u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "user.password_changed", "user", u.ID), nil, nil)
	})
	return epoch, err
}

// asPasswordMsg words the login policy's answer for the change-password form, where the
// user typed only their current password.
func asPasswordMsg(m i18n.Msg) i18n.Msg {
	switch {
	case strings.HasPrefix(m.Key, "login.failed"):
		return i18n.M(strings.Replace(m.Key, "login.failed", "password.wrong", 1), m.Args...)
	case m.Key == "login.locked":
		return i18n.M("password.locked")
	}
	return m
}

package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

func (s *Server) adminIndex(w http.ResponseWriter, r *http.Request) error {
	return seeOther(w, r, "/admin/users")
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := store.UserFilter{Query: strings.TrimSpace(q.Get("q")), Role: q.Get("role")}
	f.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	page := pageParam(r)
	const size = 50
	users, total, err := s.store.ListUsers(ctx, f, store.Page{Number: page, Size: size})
	if err != nil {
		return err
	}
	units, err := s.store.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	base := "/admin/users?" + urlValues("q", f.Query, "role", f.Role, "unit", q.Get("unit"))
	props := web.UsersProps{
		Meta: s.meta(r, i18n.T(ctx, "admin.users"), "users"), Query: f.Query, Total: total,
		Roles: roleOptions(ctx, f.Role, true), Units: unitOptions(ctx, units, f.UnitID, i18n.T(ctx, "common.all")),
		Pager: web.Pager{Page: page, HasNext: page*size < total, Total: total, BaseURL: base},
	}
	// Locked accounts come first, each with its unlock button: the notice on every admin
	// page links here.
	locked, lockedTotal, err := s.store.LockedAccounts(ctx, maxLockedShown)
	if err != nil {
		return err
	}
	props.LockedTotal = lockedTotal
	for _, l := range locked {
		props.Locked = append(props.Locked, web.LockedRow{Href: fmt.Sprintf("/admin/users/%d", l.UserID), Username: l.Username,
			FullName: l.FullName, Unit: l.UnitName, LockedAt: domain.FormatDateTime(l.LockedAt), Failures: l.Failures,
			UnlockURL: fmt.Sprintf("/admin/users/%d/unlock", l.UserID)})
	}
	for _, u := range users {
		row := web.UserRow{Href: fmt.Sprintf("/admin/users/%d", u.ID), Username: u.Username, FullName: u.FullName,
			Role: authz.Role(u.Role).Label(lang(ctx)), Unit: u.UnitName, Active: u.Active, Locked: u.Locked}
		if u.LastLoginAt != nil {
			row.LastLogin = domain.FormatDateTime(*u.LastLoginAt)
		}
		props.Rows = append(props.Rows, row)
	}
	s.render(w, r, http.StatusOK, web.UsersPage(props))
	return nil
}

func (s *Server) newUserForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderUserForm(w, r, http.StatusOK, 0, store.UserInput{Active: true, Role: string(authz.RoleStaff)}, nil)
}

func (s *Server) editUserForm(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	u, err := s.store.UserByID(r.Context(), id)
	if err != nil {
		return err
	}
	in := store.UserInput{Username: u.Username, FullName: u.FullName, Role: string(u.Role), UnitID: u.UnitID, Active: u.Active}
	return s.renderUserForm(w, r, http.StatusOK, id, in, nil)
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, status int, id int64, in store.UserInput, errs web.FieldErrors) error {
	ctx := r.Context()
	units, err := s.store.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	title, action := i18n.T(ctx, "admin.user_new"), "/admin/users"
	props := web.UserFormProps{IsNew: id == 0, Username: in.Username, FullName: in.FullName, Active: in.Active,
		Roles: roleOptions(ctx, in.Role, false), Units: unitOptions(ctx, units, in.UnitID, i18n.T(ctx, "admin.no_unit")), Errors: errs}
	if id != 0 {
		title, action = i18n.T(ctx, "admin.user_edit"), fmt.Sprintf("/admin/users/%d", id)
		props.ResetURL = action + "/password"
		email, refusedAt, refusal, err := s.store.UserEmail(ctx, id)
		if err != nil {
			return err
		}
		props.EmailURL, props.Email = action+"/email", email
		if refusedAt != nil {
			props.Refused = i18n.Tf(ctx, "admin.email_refused", domain.FormatDateTime(*refusedAt), refusal)
		}
	}
	props.Action = action
	props.Meta = s.meta(r, title, "users")
	s.render(w, r, status, web.UserFormPage(props))
	return nil
}

// decodeUser reads the user form; accounts checks it.
func decodeUser(r *http.Request) (accounts.UserInput, error) {
	if err := r.ParseForm(); err != nil {
		return accounts.UserInput{}, badRequest(err)
	}
	in := accounts.UserInput{
		Username: r.PostFormValue("username"),
		FullName: r.PostFormValue("full_name"),
		Role:     authz.Role(r.PostFormValue("role")),
		Active:   r.PostFormValue("active") == "1",
	}
	in.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	return in.Normalize(), nil
}

func formUser(in accounts.UserInput) store.UserInput {
	return store.UserInput{Username: in.Username, FullName: in.FullName, Role: string(in.Role), UnitID: in.UnitID, Active: in.Active}
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	in, err := decodeUser(r)
	if err != nil {
		return err
	}
	c, err := s.accounts.CreateUser(ctx, s.actor(r), in)
	if errs, ok := invalid(ctx, err); ok {
		in.Active = true
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, 0, formUser(in), errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.user_created", c.Username)+" "+i18n.Tf(ctx, "admin.otp_issued", c.Username, c.OneTime))
	return seeOther(w, r, "/admin/users")
}

// updateUser saves a user; deactivation or a role or unit change ends the user's sessions.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	in, err := decodeUser(r)
	if err != nil {
		return err
	}
	err = s.accounts.UpdateUser(ctx, s.actor(r), id, in)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, id, formUser(in), errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.user_saved", in.Username))
	return seeOther(w, r, "/admin/users")
}

// resetPassword issues a one-time password and ends the user's sessions.
// maxLockedShown bounds the locked accounts listed above the users; the notice gives the total.
const maxLockedShown = 50

// unlockUser lifts the lock on a user's sign-in (accounts.Unlock, audited).
func (s *Server) unlockUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	out, err := s.accounts.Unlock(ctx, s.actor(r), id)
	if err != nil {
		return err
	}
	key := "admin.unlocked"
	if out.Already {
		key = "admin.unlock_already"
	}
	s.flash(r, i18n.Tf(ctx, key, out.Username))
	return seeOther(w, r, "/admin/users")
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	c, err := s.accounts.ResetPassword(ctx, s.actor(r), id)
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.otp_issued", c.Username, c.OneTime))
	return seeOther(w, r, fmt.Sprintf("/admin/users/%d", id))
}

// setUserEmail sets the address a user's mail goes to; a bad one comes back as typed.
func (s *Server) setUserEmail(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	email := r.PostFormValue("email")
	err = s.accounts.SetEmail(ctx, s.actor(r), id, email)
	if errs, ok := invalid(ctx, err); ok {
		u, err := s.store.UserByID(ctx, id)
		if err != nil {
			return err
		}
		units, err := s.store.ListUnits(ctx, false)
		if err != nil {
			return err
		}
		action := fmt.Sprintf("/admin/users/%d", id)
		props := web.UserFormProps{Username: u.Username, FullName: u.FullName, Active: u.Active, Action: action,
			Roles: roleOptions(ctx, string(u.Role), false), Units: unitOptions(ctx, units, u.UnitID, i18n.T(ctx, "admin.no_unit")),
			ResetURL: action + "/password", EmailURL: action + "/email", Email: email, EmailErrors: errs,
			Meta: s.meta(r, i18n.T(ctx, "admin.user_edit"), "users")}
		s.render(w, r, http.StatusUnprocessableEntity, web.UserFormPage(props))
		return nil
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "admin.email_saved"))
	return seeOther(w, r, fmt.Sprintf("/admin/users/%d#email", id))
}

package server

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/password"
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
	for _, u := range users {
		row := web.UserRow{Href: fmt.Sprintf("/admin/users/%d", u.ID), Username: u.Username, FullName: u.FullName,
			Role: authz.Role(u.Role).Label(lang(ctx)), Unit: u.UnitName, Active: u.Active,
			Locked: u.LockedUntil != nil && u.LockedUntil.After(s.now())}
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
	in := store.UserInput{Username: u.Username, FullName: u.FullName, Role: u.Role, UnitID: u.UnitID, Active: u.Active}
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
	}
	props.Action = action
	props.Meta = s.meta(r, title, "users")
	s.render(w, r, status, web.UserFormPage(props))
	return nil
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9_.-]{2,64}$`)

// decodeUser reads and checks the user form; messages are in the request's language.
func (s *Server) decodeUser(r *http.Request) (store.UserInput, web.FieldErrors, error) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return store.UserInput{}, nil, badRequest(err)
	}
	in := store.UserInput{
		Username: strings.ToLower(strings.TrimSpace(r.PostFormValue("username"))),
		FullName: strings.TrimSpace(r.PostFormValue("full_name")),
		Role:     r.PostFormValue("role"),
		Active:   r.PostFormValue("active") == "1",
	}
	in.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	errs := web.FieldErrors{}
	if !usernamePattern.MatchString(in.Username) {
		errs["username"] = i18n.T(ctx, "v.username")
	}
	if in.FullName == "" || len([]rune(in.FullName)) > 200 {
		errs["full_name"] = i18n.Tf(ctx, "v.required", strings.ToLower(i18n.T(ctx, "col.full_name")))
	}
	role := authz.Role(in.Role)
	if !role.Valid() {
		errs["role"] = i18n.T(ctx, "v.role")
	}
	if in.UnitID != 0 {
		if _, err := s.store.UnitByID(ctx, in.UnitID); errors.Is(err, store.ErrNotFound) {
			errs["unit"] = i18n.T(ctx, "v.unit_unknown")
		} else if err != nil {
			return in, nil, err
		}
	} else if role.NeedsUnit() {
		errs["unit"] = i18n.T(ctx, "v.unit_required")
	}
	return in, errs, nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	in, errs, err := s.decodeUser(r)
	if err != nil {
		return err
	}
	in.Active, in.MustChangePassword = true, true
	if errs.Any() {
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, 0, in, errs)
	}
	otp := password.OneTime()
	hash, err := password.Hash(otp)
	if err != nil {
		return err
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		id, err := store.CreateUser(ctx, tx, in, hash)
		if err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "user.create", "user", fmt.Sprint(id)), nil, in)
	})
	if errors.Is(err, store.ErrConflict) {
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, 0, in, web.FieldErrors{"username": i18n.T(ctx, "v.username_taken")})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.user_created", in.Username)+" "+i18n.Tf(ctx, "admin.otp_issued", in.Username, otp))
	return seeOther(w, r, "/admin/users")
}

// updateUser saves a user; deactivation or a role or unit change ends the user's sessions.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	in, errs, err := s.decodeUser(r)
	if err != nil {
		return err
	}
	me := userFrom(ctx)
	if id == me.ID && (!in.Active || in.Role != string(authz.RoleAdmin)) {
		errs["role"] = i18n.T(ctx, "v.self_demote")
	}
	if errs.Any() {
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, id, in, errs)
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		before, err := store.UserForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.UpdateUser(ctx, tx, id, in); err != nil {
			return err
		}
		if before.Active != in.Active || before.Role != in.Role || before.UnitID != in.UnitID {
			if _, err := store.RevokeSessions(ctx, tx, id); err != nil {
				return err
			}
		}
		old := store.UserInput{Username: before.Username, FullName: before.FullName, Role: before.Role, UnitID: before.UnitID, Active: before.Active}
		return store.Audit(ctx, tx, s.auditEntry(r, "user.update", "user", fmt.Sprint(id)), old, in)
	})
	if errors.Is(err, store.ErrConflict) {
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, id, in, web.FieldErrors{"username": i18n.T(ctx, "v.username_taken")})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.user_saved", in.Username))
	return seeOther(w, r, "/admin/users")
}

// resetPassword issues a one-time password and ends the user's sessions.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "userID")
	if err != nil {
		return err
	}
	otp := password.OneTime()
	hash, err := password.Hash(otp)
	if err != nil {
		return err
	}
	var username string
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		u, err := store.UserForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		username = u.Username
		if err := store.SetPassword(ctx, tx, id, hash, true); err != nil {
			return err
		}
		if _, err := store.RevokeSessions(ctx, tx, id); err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "user.password_reset", "user", fmt.Sprint(id)), nil, nil)
	})
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.otp_issued", username, otp))
	return seeOther(w, r, fmt.Sprintf("/admin/users/%d", id))
}

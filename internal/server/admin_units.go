package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

func (s *Server) listUnits(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	units, err := s.store.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	depth := map[int64]int{}
	props := web.UnitsProps{Meta: s.meta(r, i18n.T(ctx, "admin.units"), "units")}
	for _, u := range units {
		if u.ParentID != 0 {
			depth[u.ID] = depth[u.ParentID] + 1
		}
		props.Rows = append(props.Rows, web.UnitRow{Href: fmt.Sprintf("/admin/units/%d", u.ID), Code: u.Code, Name: u.Name,
			Parent: u.ParentName, Depth: depth[u.ID], Active: u.Active, Users: u.Users})
	}
	s.render(w, r, http.StatusOK, web.UnitsPage(props))
	return nil
}

func (s *Server) newUnitForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderUnitForm(w, r, http.StatusOK, 0, store.UnitInput{Active: true}, nil)
}

func (s *Server) editUnitForm(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "unitID")
	if err != nil {
		return err
	}
	u, err := s.store.UnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.renderUnitForm(w, r, http.StatusOK, id, store.UnitInput{Code: u.Code, Name: u.Name, ParentID: u.ParentID, Active: u.Active}, nil)
}

func (s *Server) renderUnitForm(w http.ResponseWriter, r *http.Request, status int, id int64, in store.UnitInput, errs web.FieldErrors) error {
	ctx := r.Context()
	units, err := s.store.ListUnits(ctx, false)
	if err != nil {
		return err
	}
	var parents []store.Unit
	for _, u := range units {
		if u.ID != id {
			parents = append(parents, u)
		}
	}
	props := web.UnitFormProps{IsNew: id == 0, Code: in.Code, Name: in.Name, Active: in.Active, Errors: errs,
		Parents: unitOptions(ctx, parents, in.ParentID, i18n.T(ctx, "admin.no_parent")), Action: "/admin/units"}
	title := i18n.T(ctx, "admin.unit_new")
	if id != 0 {
		title, props.Action = i18n.T(ctx, "admin.unit_edit"), fmt.Sprintf("/admin/units/%d", id)
	}
	props.Meta = s.meta(r, title, "units")
	s.render(w, r, status, web.UnitFormPage(props))
	return nil
}

var unitCodePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)

func (s *Server) decodeUnit(r *http.Request) (store.UnitInput, web.FieldErrors, error) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return store.UnitInput{}, nil, badRequest(err)
	}
	in := store.UnitInput{
		Code:   strings.ToUpper(strings.TrimSpace(r.PostFormValue("code"))),
		Name:   strings.TrimSpace(r.PostFormValue("name")),
		Active: r.PostFormValue("active") == "1",
	}
	in.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	errs := web.FieldErrors{}
	if !unitCodePattern.MatchString(in.Code) {
		errs["code"] = i18n.T(ctx, "v.unit_code")
	}
	if in.Name == "" || len([]rune(in.Name)) > 300 {
		errs["name"] = i18n.Tf(ctx, "v.required", strings.ToLower(i18n.T(ctx, "col.name")))
	}
	if in.ParentID != 0 {
		if _, err := s.store.UnitByID(ctx, in.ParentID); errors.Is(err, store.ErrNotFound) {
			errs["parent"] = i18n.T(ctx, "v.unit_unknown")
		} else if err != nil {
			return in, nil, err
		}
	}
	return in, errs, nil
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	in, errs, err := s.decodeUnit(r)
	if err != nil {
		return err
	}
	if errs.Any() {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, 0, in, errs)
	}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		id, err := store.CreateUnit(ctx, tx, in)
		if err != nil {
			return err
		}
		return store.Audit(ctx, tx, s.auditEntry(r, "unit.create", "unit", fmt.Sprint(id)), nil, in)
	})
	if errors.Is(err, store.ErrConflict) {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, 0, in, web.FieldErrors{"code": i18n.T(ctx, "v.unit_code_taken")})
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.unit_saved", in.Code))
	return seeOther(w, r, "/admin/units")
}

func (s *Server) updateUnit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "unitID")
	if err != nil {
		return err
	}
	in, errs, err := s.decodeUnit(r)
	if err != nil {
		return err
	}
	if errs.Any() {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, id, in, errs)
	}
	errCycle := errors.New("cycle")
	err = s.store.InTx(ctx, func(tx pgx.Tx) error {
		before, err := s.store.UnitByID(ctx, id)
		if err != nil {
			return err
		}
		if in.ParentID != 0 {
			cycle, err := store.UnitIsDescendant(ctx, tx, id, in.ParentID)
			if err != nil {
				return err
			}
			if cycle {
				return errCycle
			}
		}
		if err := store.UpdateUnit(ctx, tx, id, in); err != nil {
			return err
		}
		old := store.UnitInput{Code: before.Code, Name: before.Name, ParentID: before.ParentID, Active: before.Active}
		return store.Audit(ctx, tx, s.auditEntry(r, "unit.update", "unit", fmt.Sprint(id)), old, in)
	})
	switch {
	case errors.Is(err, errCycle):
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, id, in, web.FieldErrors{"parent": i18n.T(ctx, "v.unit_cycle")})
	case errors.Is(err, store.ErrConflict):
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, id, in, web.FieldErrors{"code": i18n.T(ctx, "v.unit_code_taken")})
	case err != nil:
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.unit_saved", in.Code))
	return seeOther(w, r, "/admin/units")
}

func roleOptions(ctx context.Context, selected string, withAll bool) []web.Option {
	var opts []web.Option
	if withAll {
		opts = append(opts, web.Option{Value: "", Label: i18n.T(ctx, "common.all"), Selected: selected == ""})
	}
	for _, r := range authz.Roles() {
		opts = append(opts, web.Option{Value: string(r), Label: r.Label(lang(ctx)), Selected: string(r) == selected})
	}
	return opts
}

func unitOptions(ctx context.Context, units []store.Unit, selected int64, none string) []web.Option {
	opts := []web.Option{{Value: "", Label: none, Selected: selected == 0}}
	for _, u := range units {
		opts = append(opts, web.Option{Value: fmt.Sprint(u.ID), Label: u.Code + " — " + u.Name, Selected: u.ID == selected})
	}
	return opts
}

// urlValues builds a query string from key, value pairs, leaving out empty values.
func urlValues(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}

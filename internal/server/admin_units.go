package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/vn-cchc/cchc/internal/accounts"
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

func decodeUnit(r *http.Request) (store.UnitInput, error) {
	if err := r.ParseForm(); err != nil {
		return store.UnitInput{}, badRequest(err)
	}
	in := store.UnitInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Active: r.PostFormValue("active") == "1"}
	in.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	return accounts.NormalizeUnit(in), nil
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	in, err := decodeUnit(r)
	if err != nil {
		return err
	}
	_, err = s.accounts.CreateUnit(ctx, s.actor(r), in)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, 0, in, errs)
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
	in, err := decodeUnit(r)
	if err != nil {
		return err
	}
	err = s.accounts.UpdateUnit(ctx, s.actor(r), id, in)
	if errs, ok := invalid(ctx, err); ok {
		return s.renderUnitForm(w, r, http.StatusUnprocessableEntity, id, in, errs)
	}
	if err != nil {
		return err
	}
	s.flash(r, i18n.Tf(ctx, "admin.unit_saved", in.Code))
	return seeOther(w, r, "/admin/units")
}

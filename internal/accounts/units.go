package accounts

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// The units users belong to are kept by the administrator next to the users.

var unitCodePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)

// MaxUnitName bounds a unit's name, in characters.
const MaxUnitName = 300

// NormalizeUnit trims a unit's input the way it is stored (codes in capitals).
func NormalizeUnit(in store.UnitInput) store.UnitInput {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.TrimSpace(in.Name)
	return in
}

func (s *Service) checkUnit(ctx context.Context, in store.UnitInput) (map[string]i18n.Msg, error) {
	errs := map[string]i18n.Msg{}
	if !unitCodePattern.MatchString(in.Code) {
		errs["code"] = i18n.M("v.unit_code")
	}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > MaxUnitName {
		errs["name"] = i18n.M("v.required_unit_name")
	}
	if in.ParentID != 0 {
		if _, err := s.st.UnitByID(ctx, in.ParentID); errors.Is(err, store.ErrNotFound) {
			errs["parent"] = i18n.M("v.unit_unknown")
		} else if err != nil {
			return nil, err
		}
	}
	return errs, nil
}

func unitCodeTaken(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return usecase.Invalid(map[string]i18n.Msg{"code": i18n.M("v.unit_code_taken")})
	}
	return err
}

// CreateUnit adds a unit.
func (s *Service) CreateUnit(ctx context.Context, a usecase.Actor, in store.UnitInput) (int64, error) {
	in = NormalizeUnit(in)
	errs, err := s.checkUnit(ctx, in)
	if err != nil {
		return 0, err
	}
	if len(errs) > 0 {
		return 0, usecase.Invalid(errs)
	}
	var id int64
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		if id, err = tx.CreateUnit(ctx, in); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "unit.create", "unit", id), nil, in)
	})
	return id, unitCodeTaken(err)
}

// UpdateUnit changes a unit; it cannot be placed under itself or its own sub-unit.
func (s *Service) UpdateUnit(ctx context.Context, a usecase.Actor, id int64, in store.UnitInput) error {
	in = NormalizeUnit(in)
	errs, err := s.checkUnit(ctx, in)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return usecase.Invalid(errs)
	}
	err = s.st.InTx(ctx, func(tx store.Queries) error {
		before, err := s.st.UnitByID(ctx, id)
		if err != nil {
			return err
		}
		if in.ParentID != 0 {
			cycle, err := tx.UnitIsDescendant(ctx, id, in.ParentID)
			if err != nil {
				return err
			}
			if cycle {
				return usecase.Invalid(map[string]i18n.Msg{"parent": i18n.M("v.unit_cycle")})
			}
		}
		if err := tx.UpdateUnit(ctx, id, in); err != nil {
			return err
		}
		old := store.UnitInput{Code: before.Code, Name: before.Name, ParentID: before.ParentID, Active: before.Active}
		return tx.Audit(ctx, entry(a, "unit.update", "unit", id), old, in)
	})
	if errors.Is(err, store.ErrNotFound) && usecase.KindOf(err) == usecase.KindNone {
		return usecase.NotFound(err)
	}
	return unitCodeTaken(err)
}

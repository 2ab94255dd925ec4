package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/planxlsx"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// maxImportBytes bounds an uploaded plan workbook; a plan of a hundred rows is ~50 KB.
const maxImportBytes = 10 << 20

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (pr planRefs) lists() planxlsx.Lists {
	var l planxlsx.Lists
	for _, a := range pr.areas {
		l.Areas = append(l.Areas, planxlsx.Item{Code: a.Key, Name: a.Name})
	}
	for _, u := range pr.units {
		l.Units = append(l.Units, planxlsx.Item{Code: u.Code, Name: u.Name})
	}
	return l
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func (s *Server) sendWorkbook(w http.ResponseWriter, r *http.Request, spec domain.PlanSpec, name string) error {
	pr, err := s.planRefs(r.Context())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := planxlsx.Write(&buf, spec, pr.lists()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"`, name))
	w.Header().Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// planTemplate sends the blank template with today's areas and units in its drop-downs.
func (s *Server) planTemplate(w http.ResponseWriter, r *http.Request) error {
	return s.sendWorkbook(w, r, domain.PlanSpec{}, "mau-ke-hoach-cchc")
}

// exportPlan writes a plan into the template: to file it, or to start a new plan from it.
func (s *Server) exportPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "planID")
	if err != nil {
		return err
	}
	spec, err := s.store.PlanSpec(r.Context(), id)
	if err != nil {
		return err
	}
	name := "ke-hoach-" + strings.Trim(unsafeFileChars.ReplaceAllString(spec.Header.Code, "-"), "-")
	return s.sendWorkbook(w, r, spec, name)
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	return s.renderImport(w, r, http.StatusOK, web.PlanImportProps{})
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, props web.PlanImportProps) error {
	props.Meta = s.meta(r, i18n.T(r.Context(), "plan.import.title"), "plans")
	s.render(w, r, status, web.PlanImportPage(props))
	return nil
}

// importPlan checks an uploaded workbook and, only if every row of it is right, writes
// the plan — facts, targets, tasks, assignments — in one transaction as a draft.
func (s *Server) importPlan(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	if err := r.ParseMultipartForm(maxImportBytes); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return badRequest(err)
	}
	defer r.MultipartForm.RemoveAll()
	props := web.PlanImportProps{Code: strings.TrimSpace(r.FormValue("code")), Errors: web.FieldErrors{}}
	if n := len([]rune(props.Code)); n > 60 {
		props.Errors["code"] = i18n.T(ctx, "plan.v.code_long")
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		props.Errors["file"] = i18n.T(ctx, "plan.import.no_file")
		return s.renderImport(w, r, http.StatusUnprocessableEntity, props)
	}
	defer file.Close()
	props.FileName = header.Filename
	raw, err := planxlsx.Read(file)
	if errors.Is(err, planxlsx.ErrUnreadable) {
		props.Errors["file"] = i18n.Tf(ctx, "plan.import.unreadable", header.Filename)
		return s.renderImport(w, r, http.StatusUnprocessableEntity, props)
	}
	if err != nil {
		return err
	}
	if props.Errors.Any() {
		return s.renderImport(w, r, http.StatusUnprocessableEntity, props)
	}
	if props.Code != "" {
		overrideCode(raw, props.Code)
	}
	pr, err := s.planRefs(ctx)
	if err != nil {
		return err
	}
	im := planxlsx.Check(raw, pr.refs)
	code := im.Spec.Header.Code
	if im.Valid() {
		if _, err := s.store.PlanIDByCode(ctx, code); err == nil {
			im.AddPlanProblem("code", codeTaken(code))
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	if !im.Valid() {
		return s.renderImport(w, r, http.StatusUnprocessableEntity, importPreviewProps(ctx, props, im))
	}
	id, err := s.planning.ImportPlan(ctx, s.actor(r), im.Spec, header.Filename)
	if usecase.KindOf(err) == usecase.KindConflict { // another upload of the same plan won the race
		im.AddPlanProblem("code", codeTaken(code))
		return s.renderImport(w, r, http.StatusUnprocessableEntity, importPreviewProps(ctx, props, im))
	}
	if err != nil {
		return err
	}
	targets, tasks, assignments := counts(im.Spec)
	s.flash(r, i18n.Tf(ctx, "plan.import.done", code, targets, tasks, assignments))
	return seeOther(w, r, fmt.Sprintf("/plans/%d", id))
}

func codeTaken(code string) domain.Problem {
	return domain.Problem{Field: "code", Msg: i18n.M("plan.import.code_taken", code)}
}

// overrideCode puts the typed plan number into the plan sheet, so that the preview and
// the checks see the number that will be written.
func overrideCode(raw planxlsx.Raw, code string) {
	rows := raw[planxlsx.SheetPlan]
	for i, cells := range rows {
		if i > 0 && len(cells) > 0 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(cells[0])), "số hiệu kế hoạch") {
			for len(cells) < 2 {
				cells = append(cells, "")
			}
			cells[1] = code
			rows[i] = cells
			return
		}
	}
	if rows != nil {
		raw[planxlsx.SheetPlan] = append(rows, []string{"Số hiệu kế hoạch", code})
	}
}

func counts(spec domain.PlanSpec) (targets, tasks, assignments int) {
	for _, t := range spec.Targets {
		assignments += len(t.Units)
	}
	for _, t := range spec.Tasks {
		assignments += len(t.Units)
	}
	return len(spec.Targets), len(spec.Tasks), assignments
}

func importPreviewProps(ctx context.Context, props web.PlanImportProps, im planxlsx.Import) web.PlanImportProps {
	l := lang(ctx)
	props.Problems = im.ProblemCount()
	for _, sh := range im.Sheets {
		out := web.ImportSheet{Name: sh.Name, Columns: sh.Columns}
		for _, p := range sh.Problems {
			out.Problems = append(out.Problems, p.Text(l))
		}
		out.Count = len(sh.Problems)
		for _, row := range sh.Rows {
			ir := web.ImportRow{Line: row.Line, Cells: row.Cells}
			for _, p := range row.Problems {
				msg := p.Text(l)
				if p.Column != "" {
					msg = p.Column + ": " + msg
				}
				ir.Problems = append(ir.Problems, msg)
			}
			out.Count += len(row.Problems)
			out.Rows = append(out.Rows, ir)
		}
		props.Sheets = append(props.Sheets, out)
	}
	return props
}

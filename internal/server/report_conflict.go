package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// renderRefusedSave answers a save that wrote nothing: the report changed since the user
// opened it, it may no longer be changed, or a submission lacks values. The page is built
// from the report as stored now, keeps everything the user typed, and shows each typed
// value next to the newer stored one, so nothing is lost and nothing is overwritten unseen.
func (s *Server) renderRefusedSave(w http.ResponseWriter, r *http.Request, old *reportData, in *reportInput, refused error) error {
	ctx := r.Context()
	d, err := s.loadReport(ctx, old.Unit.ID, old.Period.ID, true)
	if err != nil {
		return err
	}
	fs := formState{in: in, errs: web.FieldErrors{}, stored: map[string]string{}}
	if errs, ok := invalid(ctx, refused); ok && len(errs) > 0 {
		// a submission that lacks values
		fs.errs = errs
		return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, fs)
	}
	c := &web.Conflict{Message: i18n.T(ctx, "report.conflict_message")}
	switch {
	case errors.Is(refused, domain.ErrPeriodClosed):
		// the reform office closed the period while the unit was typing: say exactly that
		c.Title = i18n.Tf(ctx, "report.closed_title", periodLabel(ctx, d.Period))
		c.Message = closedNotice(ctx, d.Period) + " " + i18n.T(ctx, "report.refused_keep")
	case usecase.KindOf(refused) == usecase.KindInvalid:
		// a move the workflow refuses, or a period not started yet
		c.Message = refusalText(ctx, refused) + ". " + i18n.T(ctx, "report.refused_keep")
	}
	for _, t := range d.Targets {
		ri := in.Results[targetKey(t.ID)]
		if ri == nil || !ri.Present {
			continue
		}
		now := storedTargetState(t.Result)
		if ri.State.Equal(now) {
			continue
		}
		row := web.ConflictRow{Label: t.Code + " — " + clip(t.Text, 90),
			Mine: describeState(ctx, &t.Target, ri.State), Stored: describeState(ctx, &t.Target, now)}
		if t.Result != nil {
			row.By = byLine(t.Result.UpdatedAt, t.Result.UpdatedByName)
		}
		c.Rows = append(c.Rows, row)
		fs.stored[ri.Key] = i18n.Tf(ctx, "report.stored_note", row.Stored, row.By)
	}
	for _, t := range d.Tasks {
		ri := in.Results[taskKey(t.ID)]
		if ri == nil || !ri.Present {
			continue
		}
		now := storedTaskState(t.Result)
		if ri.State.Equal(now) {
			continue
		}
		row := web.ConflictRow{Label: t.Code + " — " + clip(t.Text, 90),
			Mine: describeState(ctx, nil, ri.State), Stored: describeState(ctx, nil, now)}
		if t.Result != nil {
			row.By = byLine(t.Result.UpdatedAt, t.Result.UpdatedByName)
		}
		c.Rows = append(c.Rows, row)
		fs.stored[ri.Key] = i18n.Tf(ctx, "report.stored_note", row.Stored, row.By)
	}
	fs.conflict = c
	return s.renderReportForm(w, r, http.StatusConflict, d, fs)
}

// describeState writes a result for the conflict table: its value or progress and, when
// there is one, its narrative.
func describeState(ctx context.Context, t *store.Target, st resultState) string {
	var s string
	if t != nil {
		s = showTarget(ctx, *t, st)
	} else {
		s = showProgress(ctx, st.Progress)
	}
	if st.Narrative != "" {
		s += " · " + i18n.T(ctx, "report.narrative") + ": “" + clip(st.Narrative, 200) + "”"
	}
	return s
}

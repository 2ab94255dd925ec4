package reporting

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// MaxNarrative bounds a narrative (giải trình) or a reviewer's comment, in characters.
const MaxNarrative = 4000

// Review is the reform office's decision on a report.
type Review struct {
	ReportID int64
	Action   domain.ReportAction // approve, return or reopen
	Version  int                 // the version the reviewer's page was built from
	Comment  string              // required to return or reopen
}

// Reviewed is the outcome of a review.
type Reviewed struct {
	Already bool // a repeated click: the report already stood where the action sends it
	UnitID  int64
	Period  store.Period
}

// Review approves, returns or reopens a report. The version guards against acting on a
// report that changed since the page was shown (KindConflict, "review.stale"); a repeated
// click finds the report already where it was sent and is answered as done (Already).
func (s *Service) Review(ctx context.Context, a usecase.Actor, in Review) (Reviewed, error) {
	approve := in.Action == domain.ActionApprove
	if approve {
		if authz.ApproveReport(a.Principal(), 0, s.separation) != authz.Allow {
			return Reviewed{}, usecase.Forbidden()
		}
	} else {
		perm := authz.ReviewReports
		if in.Action == domain.ActionReopen {
			perm = authz.ReopenReport
		}
		if err := usecase.Authorize(a.Principal(), perm, 0); err != nil {
			return Reviewed{}, err
		}
	}
	in.Comment = strings.TrimSpace(strings.ReplaceAll(in.Comment, "\r\n", "\n"))
	needsComment := in.Action == domain.ActionReturn || in.Action == domain.ActionReopen
	switch {
	case needsComment && in.Comment == "":
		return Reviewed{}, usecase.Invalid(map[string]i18n.Msg{"comment": i18n.M("review.v.comment_required")})
	case utf8.RuneCountInString(in.Comment) > MaxNarrative:
		return Reviewed{}, usecase.Invalid(map[string]i18n.Msg{"comment": i18n.M("report.v.too_long", MaxNarrative)})
	}
	var out Reviewed
	var refusal error
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		rep, err := tx.LockReport(ctx, in.ReportID)
		if err != nil {
			return err
		}
		period, err := tx.LockPeriodShared(ctx, rep.PeriodID)
		if err != nil {
			return err
		}
		out.UnitID, out.Period = rep.UnitID, period
		if approve && authz.ApproveReport(a.Principal(), rep.UnitID, s.separation) != authz.Allow {
			refusal = &usecase.Error{Kind: usecase.KindForbidden, Msg: i18n.M("review.sod_refused")}
			return errRollback
		}
		if rep.Version != in.Version {
			if reviewedAlready(in.Action, domain.ReportStatus(rep.Status)) {
				out.Already = true
			} else {
				refusal = usecase.Conflict(i18n.M("review.stale"), nil)
			}
			return errRollback
		}
		next, err := domain.NextStatus(domain.ReportStatus(rep.Status), in.Action, period.Closed())
		if err != nil {
			refusal = usecase.Conflict(usecase.MsgOf(err), err)
			return errRollback
		}
		change := store.ReportChange{Status: string(next), Stamp: "approved", ActorID: a.UserID, At: s.now()}
		if needsComment {
			change.Stamp, change.ReturnComment = "returned", &in.Comment
		}
		v, err := tx.UpdateReport(ctx, in.ReportID, rep.Version, change)
		if err != nil {
			return err
		}
		if kind, ok := domain.ReviewKind(in.Action); ok {
			// in the same transaction: the unit is told exactly when the change is kept
			if _, err := tx.NotifyUnit(ctx, rep.UnitID, domain.NotifyRoles(kind), store.NewNotification{Kind: string(kind),
				DedupKey: domain.EventKey(kind, in.ReportID, v), UnitID: rep.UnitID, PeriodID: rep.PeriodID,
				Params: store.NotificationParams{Comment: in.Comment}, Link: reportLink(rep.UnitID, rep.PeriodID),
				At: change.At, ActorID: a.UserID}); err != nil {
				return err
			}
		}
		before := Audit{Status: string(rep.Status), Version: rep.Version, UnitID: rep.UnitID, PeriodID: rep.PeriodID}
		after := Audit{Status: string(next), Version: v, Comment: in.Comment}
		return tx.Audit(ctx, entry(a, "report."+string(in.Action), in.ReportID), before, after)
	})
	if err != nil && !errors.Is(err, errRollback) {
		if errors.Is(err, store.ErrNotFound) {
			return Reviewed{}, usecase.NotFound(err)
		}
		return Reviewed{}, err
	}
	if refusal != nil {
		return Reviewed{}, refusal
	}
	return out, nil
}

// reviewedAlready reports whether the report already stands where the action sends it.
func reviewedAlready(a domain.ReportAction, s domain.ReportStatus) bool {
	switch a {
	case domain.ActionApprove:
		return s == domain.StatusApproved
	case domain.ActionReturn, domain.ActionReopen:
		return s == domain.StatusReturned
	}
	return false
}

package reporting

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// A comment's field is "remark" in forms and refusals: the review page's return form has
// its own "comment".

// NewComment is a comment on a unit's report for a period.
type NewComment struct {
	UnitID   int64
	PeriodID int64
	Body     string
}

// CommentAudit is a comment as the audit log keeps it.
type CommentAudit struct {
	UnitID   int64  `json:"unit_id"`
	PeriodID int64  `json:"period_id"`
	Comment  string `json:"comment"`
}

// Comment records the director's or the reform office's comment on a unit's report for a
// period (begun or not: the unit reads it on its report, in the report's history). Only
// those who may read the report and comment may: another unit's report is NotFound, a role
// that does not comment Forbidden. It is the one place a comment is made, so the unit is
// told of it here, in the comment's transaction.
func (s *Service) Comment(ctx context.Context, a usecase.Actor, in NewComment) (store.ReportComment, error) {
	p := a.Principal()
	if err := usecase.Authorize(p, authz.ViewUnitReports, in.UnitID); err != nil {
		return store.ReportComment{}, err
	}
	if err := usecase.Authorize(p, authz.Comment, in.UnitID); err != nil {
		return store.ReportComment{}, err
	}
	body := strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	switch {
	case body == "":
		return store.ReportComment{}, usecase.Invalid(map[string]i18n.Msg{"remark": i18n.M("report.v.comment_required")})
	case utf8.RuneCountInString(body) > MaxNarrative:
		return store.ReportComment{}, usecase.Invalid(map[string]i18n.Msg{"remark": i18n.M("report.v.too_long", MaxNarrative)})
	}
	var c store.ReportComment
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		// the period's share lock: the comment and the period's state are read together
		if _, err := tx.LockPeriodShared(ctx, in.PeriodID); err != nil {
			return err
		}
		var err error
		c, err = tx.InsertReportComment(ctx, store.ReportComment{UnitID: in.UnitID, PeriodID: in.PeriodID,
			AuthorID: a.UserID, Body: body, CreatedAt: s.now()})
		if err != nil {
			return err
		}
		if _, err := tx.NotifyUnit(ctx, in.UnitID, domain.NotifyRoles(domain.NotifyComment), store.NewNotification{
			Kind: string(domain.NotifyComment), DedupKey: fmt.Sprintf("comment:%d", c.ID), UnitID: in.UnitID, PeriodID: in.PeriodID,
			Params: store.NotificationParams{Comment: body}, Link: reportLink(in.UnitID, in.PeriodID), At: c.CreatedAt,
			ActorID: a.UserID}); err != nil {
			return err
		}
		e := store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
			Action: "report.comment", Entity: "report_comment", EntityID: fmt.Sprint(c.ID)}
		return tx.Audit(ctx, e, nil, CommentAudit{UnitID: in.UnitID, PeriodID: in.PeriodID, Comment: body})
	})
	if errors.Is(err, store.ErrNotFound) {
		return store.ReportComment{}, usecase.NotFound(err)
	}
	if err != nil {
		return store.ReportComment{}, err
	}
	return c, nil
}

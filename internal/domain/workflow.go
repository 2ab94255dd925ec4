package domain

import (
	"errors"
	"time"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// ReportStatus is where a unit's report for one period stands.
type ReportStatus string

const (
	StatusDraft     ReportStatus = "draft"
	StatusSubmitted ReportStatus = "submitted"
	StatusReturned  ReportStatus = "returned"
	StatusApproved  ReportStatus = "approved"
	// NotStarted is never stored: it is shown for a report that has no row yet.
	NotStarted ReportStatus = "not_started"
)

func (s ReportStatus) Label(lang string) string {
	switch s {
	case StatusDraft:
		return i18n.Translate(i18n.Parse(lang), "status.draft")
	case StatusSubmitted:
		return i18n.Translate(i18n.Parse(lang), "status.submitted")
	case StatusReturned:
		return i18n.Translate(i18n.Parse(lang), "status.returned")
	case StatusApproved:
		return i18n.Translate(i18n.Parse(lang), "status.approved")
	case NotStarted:
		return i18n.Translate(i18n.Parse(lang), "status.not_started")
	}
	return string(s)
}

// Editable reports whether the unit may still change the report's content.
// A not-started report counts: its first save creates it as a draft.
func (s ReportStatus) Editable() bool {
	return s == StatusDraft || s == StatusReturned || s == NotStarted
}

// ReportAction is something a user does to a report.
type ReportAction string

const (
	ActionSave    ReportAction = "save"
	ActionSubmit  ReportAction = "submit"
	ActionReturn  ReportAction = "return"
	ActionApprove ReportAction = "approve"
	ActionReopen  ReportAction = "reopen"
)

func (a ReportAction) Label(lang string) string {
	switch a {
	case ActionSave:
		return i18n.Translate(i18n.Parse(lang), "domain.workflow.save_draft")
	case ActionSubmit:
		return i18n.Translate(i18n.Parse(lang), "domain.workflow.submit")
	case ActionReturn:
		return i18n.Translate(i18n.Parse(lang), "domain.workflow.return")
	case ActionApprove:
		return i18n.Translate(i18n.Parse(lang), "domain.workflow.approve")
	case ActionReopen:
		return i18n.Translate(i18n.Parse(lang), "domain.workflow.reopen")
	}
	return string(a)
}

// ErrTransition matches every refused transition with errors.Is;
// ErrPeriodClosed matches only those refused because the period is closed.
var (
	ErrTransition   = errors.New("chuyển trạng thái báo cáo không hợp lệ")
	ErrPeriodClosed = errors.New("kỳ báo cáo đã khóa")
)

// TransitionError says which move was refused so the page can explain it.
type TransitionError struct {
	From         ReportStatus
	Action       ReportAction
	PeriodClosed bool
}

func (e *TransitionError) Error() string { return e.Message() }

func (e *TransitionError) Is(target error) bool {
	return target == ErrTransition || (target == ErrPeriodClosed && e.PeriodClosed)
}

// Message is the Vietnamese explanation shown to the user.
func (e *TransitionError) Message() string { return e.Msg().Text(i18n.VI) }

// Msg is the explanation as a catalogue key.
func (e *TransitionError) Msg() i18n.Msg {
	switch {
	case e.PeriodClosed:
		return i18n.M("domain.transition.period_closed")
	case e.From == StatusApproved && e.Action != ActionReopen:
		return i18n.M("domain.transition.approved")
	case e.From == StatusSubmitted && e.Action == ActionSave:
		return i18n.M("domain.transition.submitted")
	case e.From == StatusSubmitted && e.Action == ActionSubmit:
		return i18n.M("domain.transition.already_submitted")
	case e.Action == ActionReopen:
		return i18n.M("domain.transition.reopen")
	case e.Action == ActionReturn && e.From.Editable():
		return i18n.M("domain.transition.return_unsent")
	case e.Action == ActionApprove && e.From.Editable():
		return i18n.M("domain.transition.approve_unsent")
	}
	return i18n.M("domain.transition.other")
}

// NextStatus decides the report's status after an action. Who may act is
// authz's business; this only says whether the move exists. A closed period
// freezes every report, including approving or reopening, because its
// figures have gone into the province's report. A not-started report behaves
// as a draft so the first save or submit creates it.
func NextStatus(from ReportStatus, a ReportAction, periodClosed bool) (ReportStatus, error) {
	if periodClosed {
		return from, &TransitionError{From: from, Action: a, PeriodClosed: true}
	}
	cur := from
	if cur == NotStarted {
		cur = StatusDraft
	}
	switch {
	case a == ActionSave && (cur == StatusDraft || cur == StatusReturned):
		return cur, nil
	case a == ActionSubmit && (cur == StatusDraft || cur == StatusReturned):
		return StatusSubmitted, nil
	case a == ActionReturn && cur == StatusSubmitted:
		return StatusReturned, nil
	case a == ActionApprove && cur == StatusSubmitted:
		return StatusApproved, nil
	case a == ActionReopen && cur == StatusApproved:
		return StatusReturned, nil
	}
	return from, &TransitionError{From: from, Action: a}
}

// AllowedActions lists the actions NextStatus accepts from s, for deciding
// which buttons a page shows (before authz narrows them by role).
func AllowedActions(s ReportStatus, periodClosed bool) []ReportAction {
	var out []ReportAction
	for _, a := range []ReportAction{ActionSave, ActionSubmit, ActionReturn, ActionApprove, ActionReopen} {
		if _, err := NextStatus(s, a, periodClosed); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// ErrPeriodNotStarted refuses a report entered before its period's data window opens: the
// period has no data yet, and an early submission would sit in the reform office's inbox.
var ErrPeriodNotStarted error = periodNotStarted{}

type periodNotStarted struct{}

func (periodNotStarted) Error() string     { return periodNotStarted{}.Message() }
func (periodNotStarted) Msg() i18n.Msg     { return i18n.M("domain.period_not_started") }
func (p periodNotStarted) Message() string { return p.Msg().Text(i18n.VI) }

// CheckPeriodStarted returns ErrPeriodNotStarted before the day the data window starts.
func CheckPeriodStarted(startsOn, now time.Time) error {
	if StartOfDay(now).Before(StartOfDay(startsOn)) {
		return ErrPeriodNotStarted
	}
	return nil
}

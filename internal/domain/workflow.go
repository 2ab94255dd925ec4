package domain

import (
	"errors"
	"time"
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
		return pick(lang, "Nháp", "Draft")
	case StatusSubmitted:
		return pick(lang, "Đã nộp", "Submitted")
	case StatusReturned:
		return pick(lang, "Bị trả lại", "Returned")
	case StatusApproved:
		return pick(lang, "Đã duyệt", "Approved")
	case NotStarted:
		return pick(lang, "Chưa bắt đầu", "Not started")
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
		return pick(lang, "Lưu nháp", "Save draft")
	case ActionSubmit:
		return pick(lang, "Nộp báo cáo", "Submit")
	case ActionReturn:
		return pick(lang, "Trả lại", "Return")
	case ActionApprove:
		return pick(lang, "Phê duyệt", "Approve")
	case ActionReopen:
		return pick(lang, "Mở lại", "Reopen")
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
func (e *TransitionError) Message() string { return e.text(LangVI) }

// MessageEN is the English explanation shown to the user.
func (e *TransitionError) MessageEN() string { return e.text(LangEN) }

func (e *TransitionError) text(lang string) string {
	if e.PeriodClosed {
		return pick(lang, "Kỳ báo cáo đã khóa, không thể thay đổi báo cáo", "The reporting period is closed; the report cannot be changed")
	}
	switch {
	case e.From == StatusApproved && e.Action != ActionReopen:
		return pick(lang, "Báo cáo đã được duyệt và bị khóa", "The report is approved and locked")
	case e.From == StatusSubmitted && e.Action == ActionSave:
		return pick(lang, "Báo cáo đã nộp, không thể sửa", "The report has been submitted and cannot be edited")
	case e.From == StatusSubmitted && e.Action == ActionSubmit:
		return pick(lang, "Báo cáo đã được nộp trước đó", "The report has already been submitted")
	case e.Action == ActionReopen:
		return pick(lang, "Chỉ mở lại được báo cáo đã duyệt", "Only an approved report can be reopened")
	case e.Action == ActionReturn && e.From.Editable():
		return pick(lang, "Báo cáo chưa nộp nên chưa thể trả lại", "The report has not been submitted, so it cannot be returned")
	case e.Action == ActionApprove && e.From.Editable():
		return pick(lang, "Báo cáo chưa nộp nên chưa thể duyệt", "The report has not been submitted, so it cannot be approved")
	}
	return pick(lang, "Thao tác không hợp lệ với báo cáo này", "This action is not allowed on this report")
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

func (periodNotStarted) Error() string { return periodNotStarted{}.Message() }
func (periodNotStarted) Message() string {
	return "Kỳ báo cáo chưa bắt đầu: chưa thể nhập hoặc nộp báo cáo cho kỳ này"
}
func (periodNotStarted) MessageEN() string {
	return "The reporting period has not started: its report cannot be entered or submitted yet"
}

// CheckPeriodStarted returns ErrPeriodNotStarted before the day the data window starts.
func CheckPeriodStarted(startsOn, now time.Time) error {
	if StartOfDay(now).Before(StartOfDay(startsOn)) {
		return ErrPeriodNotStarted
	}
	return nil
}

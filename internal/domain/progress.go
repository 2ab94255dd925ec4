package domain

import (
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// TaskProgress is what a unit reports for a task (nhiệm vụ) in a period.
type TaskProgress string

const (
	ProgressNotStarted TaskProgress = "not_started"
	ProgressInProgress TaskProgress = "in_progress"
	ProgressDone       TaskProgress = "done"
	ProgressOverdue    TaskProgress = "overdue"
)

// AllTaskProgress lists the values in the order a select box shows them.
func AllTaskProgress() []TaskProgress {
	return []TaskProgress{ProgressNotStarted, ProgressInProgress, ProgressDone, ProgressOverdue}
}

// ParseTaskProgress reads a value posted by a form.
func ParseTaskProgress(s string) (TaskProgress, bool) {
	p := TaskProgress(strings.ToLower(strings.TrimSpace(s)))
	return p, p.Valid()
}

func (p TaskProgress) Valid() bool {
	switch p {
	case ProgressNotStarted, ProgressInProgress, ProgressDone, ProgressOverdue:
		return true
	}
	return false
}

func (p TaskProgress) Label(lang string) string {
	switch p {
	case ProgressNotStarted:
		return i18n.Translate(i18n.Parse(lang), "domain.progress.not_started")
	case ProgressInProgress:
		return i18n.Translate(i18n.Parse(lang), "domain.progress.in_progress")
	case ProgressDone:
		return i18n.Translate(i18n.Parse(lang), "domain.progress.done")
	case ProgressOverdue:
		return i18n.Translate(i18n.Parse(lang), "domain.progress.overdue")
	}
	return string(p)
}

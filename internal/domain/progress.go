package domain

import "strings"

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
		return pick(lang, "Chưa triển khai", "Not started")
	case ProgressInProgress:
		return pick(lang, "Đang triển khai", "In progress")
	case ProgressDone:
		return pick(lang, "Hoàn thành", "Done")
	case ProgressOverdue:
		return pick(lang, "Quá hạn", "Overdue")
	}
	return string(p)
}

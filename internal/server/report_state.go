package server

import (
	"github.com/vn-cchc/cchc/internal/reporting"
)

// The report's results as internal/reporting defines them; these names keep the form code
// short.
type (
	resultState = reporting.State
	reportAudit = reporting.Audit
)

var (
	targetKey         = reporting.TargetKey
	taskKey           = reporting.TaskKey
	isoDate           = reporting.ISODate
	storedTargetState = reporting.StoredTargetState
	storedTaskState   = reporting.StoredTaskState
)

func eqPtr[T comparable](a, b *T) bool { return reporting.EqPtr(a, b) }

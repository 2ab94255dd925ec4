package server

import (
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// A result is keyed "t<target id>" or "k<task id>" everywhere: form field names, audit
// entries and history, so one key follows a result from the form to its history.
func targetKey(id int64) string { return fmt.Sprintf("t%d", id) }
func taskKey(id int64) string   { return fmt.Sprintf("k%d", id) }

// resultState is what a unit says about one target or task: the part of a result a save
// changes, compares and records in the audit log.
type resultState struct {
	Value     *float64 `json:"value,omitempty"`
	Done      *bool    `json:"done,omitempty"`
	DoneOn    string   `json:"done_on,omitempty"` // yyyy-mm-dd
	Progress  string   `json:"progress,omitempty"`
	Narrative string   `json:"narrative,omitempty"`
}

func (a resultState) equal(b resultState) bool {
	return eqPtr(a.Value, b.Value) && eqPtr(a.Done, b.Done) && a.DoneOn == b.DoneOn &&
		a.Progress == b.Progress && a.Narrative == b.Narrative
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func isoDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(domain.Location).Format("2006-01-02")
}

func parseISO(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, domain.Location)
	if err != nil {
		return nil
	}
	return &t
}

func storedTargetState(r *store.StoredTarget) resultState {
	if r == nil {
		return resultState{}
	}
	return resultState{Value: r.Value, Done: r.Done, DoneOn: isoDate(r.DoneOn), Narrative: r.Narrative}
}

func storedTaskState(r *store.StoredTask) resultState {
	if r == nil {
		return resultState{}
	}
	return resultState{Progress: r.Progress, Narrative: r.Narrative}
}

// auditResult is a result in an audit entry: its state and the code people know it by.
type auditResult struct {
	Code string `json:"code"`
	resultState
}

// auditEvidence is an evidence file in an audit entry.
type auditEvidence struct {
	ID        int64  `json:"id"`
	Result    string `json:"result,omitempty"` // result key
	Code      string `json:"code,omitempty"`
	FileName  string `json:"file_name"`
	SHA256    string `json:"sha256,omitempty"`
	Size      int64  `json:"size,omitempty"`
	DocNumber string `json:"doc_number,omitempty"`
	DocDate   string `json:"doc_date,omitempty"`
	DocIssuer string `json:"doc_issuer,omitempty"`
}

// reportAudit is the before or after of a report's audit entry.
type reportAudit struct {
	Unit     string                 `json:"unit,omitempty"`
	Period   string                 `json:"period,omitempty"`
	Status   string                 `json:"status"`
	Version  int                    `json:"version"`
	Late     bool                   `json:"late,omitempty"`
	Comment  string                 `json:"comment,omitempty"`
	Results  map[string]auditResult `json:"results,omitempty"`
	Evidence []auditEvidence        `json:"evidence,omitempty"`
}

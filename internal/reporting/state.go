package reporting

import (
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// A result is keyed "t<target id>" or "k<task id>" everywhere: form field names, audit
// entries and history, so one key follows a result from the form to its history.

// TargetKey is the key of a target's result.
func TargetKey(id int64) string { return fmt.Sprintf("t%d", id) }

// TaskKey is the key of a task's result.
func TaskKey(id int64) string { return fmt.Sprintf("k%d", id) }

// State is what a unit says about one target or task: the part of a result a save
// changes, compares and records in the audit log.
type State struct {
	Value     *float64 `json:"value,omitempty"`
	Num       *float64 `json:"num,omitempty"` // a ratio target's two counts; Value is their percentage
	Den       *float64 `json:"den,omitempty"`
	Done      *bool    `json:"done,omitempty"`
	DoneOn    string   `json:"done_on,omitempty"` // yyyy-mm-dd
	Progress  string   `json:"progress,omitempty"`
	Narrative string   `json:"narrative,omitempty"`
}

// Equal reports whether two states say the same.
func (a State) Equal(b State) bool {
	return EqPtr(a.Value, b.Value) && EqPtr(a.Num, b.Num) && EqPtr(a.Den, b.Den) && EqPtr(a.Done, b.Done) && a.DoneOn == b.DoneOn &&
		a.Progress == b.Progress && a.Narrative == b.Narrative
}

// Empty reports whether the state says nothing.
func (a State) Empty() bool { return a.Equal(State{}) }

// EqPtr compares two optional values.
func EqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// ISODate writes a day as yyyy-mm-dd in the portal's time zone ("" for none).
func ISODate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(domain.Location).Format("2006-01-02")
}

// ParseISO reads a yyyy-mm-dd day (nil for "" or a bad date).
func ParseISO(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, domain.Location)
	if err != nil {
		return nil
	}
	return &t
}

// StoredTargetState is the state of a stored target result (nil: none yet).
func StoredTargetState(r *store.StoredTarget) State {
	if r == nil {
		return State{}
	}
	return State{Value: r.Value, Num: r.Num, Den: r.Den, Done: r.Done, DoneOn: ISODate(r.DoneOn), Narrative: r.Narrative}
}

// StoredTaskState is the state of a stored task result (nil: none yet).
func StoredTaskState(r *store.StoredTask) State {
	if r == nil {
		return State{}
	}
	return State{Progress: r.Progress, Narrative: r.Narrative}
}

// AuditResult is a result in an audit entry: its state and the code people know it by.
type AuditResult struct {
	Code string `json:"code"`
	State
}

// AuditEvidence is an evidence file in an audit entry.
type AuditEvidence struct {
	ID         int64  `json:"id"`
	DocumentID int64  `json:"document_id,omitempty"` // in the register
	Result     string `json:"result,omitempty"`      // result key
	Code       string `json:"code,omitempty"`
	FileName   string `json:"file_name"`
	SHA256     string `json:"sha256,omitempty"`
	Size       int64  `json:"size,omitempty"`
	DocNumber  string `json:"doc_number,omitempty"`
	DocDate    string `json:"doc_date,omitempty"`
	DocIssuer  string `json:"doc_issuer,omitempty"`
}

// Audit is the before or after of a report's audit entry; a report's history is read back
// from these.
type Audit struct {
	Unit     string                 `json:"unit,omitempty"` // the unit's code
	UnitID   int64                  `json:"unit_id,omitempty"`
	PeriodID int64                  `json:"period_id,omitempty"`
	Period   string                 `json:"period,omitempty"` // a label, in entries written before period_id`
	Status   string                 `json:"status"`
	Version  int                    `json:"version"`
	Late     bool                   `json:"late,omitempty"`
	Comment  string                 `json:"comment,omitempty"`
	Results  map[string]AuditResult `json:"results,omitempty"`
	Evidence []AuditEvidence        `json:"evidence,omitempty"`
}

package reporting

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Result is what a save says about one target or task of the report.
type Result struct {
	Key     string
	ID      int64 // the target's or task's id
	IsTask  bool
	Present bool // the form carried this result (a form older than an assignment may not)
	State   State
	Delete  []int64 // evidence ids to remove

	Attach []File  // files to keep in the unit's register and attach, described by DocMeta
	Docs   []int64 // register documents to attach
	DocMeta
}

// File is an evidence file to attach, already checked (size, type by content) and kept
// in a temporary file while the request runs.
type File struct {
	Name   string
	Kind   upload.Kind
	Size   int64
	SHA256 string
	Open   func() (io.ReadCloser, error)
}

// Save is a save or a submission of a unit's report.
type Save struct {
	Version int                 // the version the user's form was built from
	Action  domain.ReportAction // domain.ActionSave or domain.ActionSubmit
	Results map[string]*Result
	Order   []string // result keys in form order
}

// Outcome is what became of a save that was not refused.
type Outcome string

const (
	Saved            Outcome = "saved"
	Submitted        Outcome = "submitted"
	AlreadySubmitted Outcome = "already_submitted" // a repeated submit: nothing to do
	Unchanged        Outcome = "unchanged"         // nothing differed from what is stored
)

// Saved is the outcome of a save and the report's version after it.
type SaveResult struct {
	Outcome Outcome
	Version int
	Late    bool // a submission after the deadline
}

// errRollback ends a transaction without writing; the outcome says why.
var errRollback = errors.New("reporting: rolled back")

// Save saves a unit's report as a draft or submits it. The page is the report's scope as
// read for the form (unit, period, targets and tasks); the whole save is one transaction
// on the locked report row. A save based on an older version than the stored one is
// refused (KindConflict) unless it would change nothing — which is what makes a
// double-clicked submit one submission. A move the workflow does not allow, or a period
// not yet started, is KindInvalid with the domain error as cause; a submission that lacks
// values is KindInvalid with a message per missing field.
func (s *Service) Save(ctx context.Context, a usecase.Actor, page *store.ReportPage, in *Save) (SaveResult, error) {
	if err := usecase.Authorize(a.Principal(), authzFor(in.Action), page.Unit.ID); err != nil {
		return SaveResult{}, err
	}
	var out SaveResult
	var refusal error
	var fc fileChanges
	err := s.st.InTx(ctx, func(tx store.Queries) error {
		var err error
		out, refusal, err = s.write(ctx, tx, a, page, in, &fc)
		if err == nil && refusal != nil {
			return errRollback
		}
		if err == nil && out.Outcome != Saved && out.Outcome != Submitted {
			return errRollback
		}
		return err
	})
	if err != nil {
		s.discard(ctx, fc.written)
		if !errors.Is(err, errRollback) {
			return SaveResult{}, err
		}
	}
	if refusal != nil {
		return SaveResult{}, refusal
	}
	return out, nil
}

// write is the save's transaction. A refusal or an outcome other than Saved or Submitted
// means nothing may or need be written: the caller rolls back.
func (s *Service) write(ctx context.Context, tx store.Queries, a usecase.Actor, d *store.ReportPage, in *Save, fc *fileChanges) (SaveResult, error, error) {
	// Locks are taken report first, then period, everywhere (see Review).
	rep, created, err := tx.EnsureReport(ctx, d.Unit.ID, d.Period.ID)
	if err != nil {
		return SaveResult{}, nil, err
	}
	period, err := tx.LockPeriodShared(ctx, d.Period.ID)
	if err != nil {
		return SaveResult{}, nil, err
	}
	stored := store.StoredResults{Targets: map[int64]store.StoredTarget{}, Tasks: map[int64]store.StoredTask{}}
	if !created {
		if stored, err = tx.ReportResults(ctx, rep.ID); err != nil {
			return SaveResult{}, nil, err
		}
	}
	from := domain.ReportStatus(rep.Status)
	if created {
		from = domain.NotStarted
	}
	ch := diffResults(d, in, stored)
	fresh := (created && in.Version == 0) || (!created && rep.Version == in.Version)
	if !fresh {
		switch {
		case ch.any() && period.Closed():
			// the period closed meanwhile: that, not the other save, is why nothing is kept
			err := &domain.TransitionError{From: from, Action: in.Action, PeriodClosed: true}
			return SaveResult{}, usecase.Refused(err.Msg(), err), nil
		case ch.any():
			return SaveResult{}, usecase.Conflict(i18n.M("report.conflict_message"), nil), nil
		case in.Action == domain.ActionSubmit && from == domain.StatusSubmitted:
			return SaveResult{Outcome: AlreadySubmitted}, nil, nil
		}
		// Nothing typed differs from what is stored now, so nothing can be lost by going
		// on from the current version.
	}
	now := s.now()
	if err := domain.CheckPeriodStarted(period.StartsOn, now); err != nil {
		return SaveResult{}, usecase.Refused(usecase.MsgOf(err), err), nil
	}
	next, err := domain.NextStatus(from, in.Action, period.Closed())
	if err != nil {
		return SaveResult{}, usecase.Refused(usecase.MsgOf(err), err), nil
	}
	if in.Action == domain.ActionSubmit {
		mergeStored(d, in, stored)
		if m := Missing(d, in.Results); len(m) > 0 {
			return SaveResult{}, usecase.Invalid(m), nil
		}
	}
	if refusal, err := s.writeFiles(ctx, tx, rep.ID, d, in, a.UserID, fc); err != nil || refusal != nil {
		return SaveResult{}, invalidOrNil(refusal), err
	}
	if in.Action == domain.ActionSubmit {
		counts, err := tx.EvidenceCounts(ctx, rep.ID)
		if err != nil {
			return SaveResult{}, nil, err
		}
		if m := MissingEvidence(d, counts); len(m) > 0 {
			return SaveResult{}, usecase.Invalid(m), nil
		}
	}
	moves := next != from && !(from == domain.NotStarted && next == domain.StatusDraft)
	if !ch.any() && !fc.any() && !moves {
		return SaveResult{Outcome: Unchanged}, nil, nil
	}
	if err := tx.UpsertResults(ctx, ch.targetRows(rep.ID, a.UserID), ch.taskRows(rep.ID, a.UserID)); err != nil {
		return SaveResult{}, nil, err
	}
	out := SaveResult{Outcome: Saved}
	change := store.ReportChange{Status: string(next), ActorID: a.UserID, At: now}
	action := "report.save"
	if in.Action == domain.ActionSubmit {
		change.Stamp, action, out.Outcome = "submitted", "report.submit", Submitted
		out.Late = domain.ReportTimeliness(period.Deadline, &now, now) == domain.Late
	}
	if out.Version, err = tx.UpdateReport(ctx, rep.ID, rep.Version, change); err != nil {
		return SaveResult{}, nil, err
	}
	if out.Outcome == Submitted {
		kind := domain.NotifySubmitted
		if _, err := tx.NotifyRole(ctx, domain.NotifyRoles(kind), store.NewNotification{Kind: string(kind),
			DedupKey: domain.EventKey(kind, rep.ID, out.Version), UnitID: d.Unit.ID, PeriodID: d.Period.ID,
			Link: fmt.Sprintf("/review/%d", rep.ID), At: now, ActorID: a.UserID}); err != nil {
			return SaveResult{}, nil, err
		}
	}
	before := Audit{Unit: d.Unit.Code, UnitID: d.Unit.ID, PeriodID: d.Period.ID, Status: string(from), Version: rep.Version,
		Results: ch.before, Evidence: fc.removedAudit}
	after := Audit{Status: string(next), Version: out.Version, Late: out.Late, Results: ch.after, Evidence: fc.addedAudit}
	return out, nil, tx.Audit(ctx, entry(a, action, rep.ID), before, after)
}

// resultChanges are the results a save changes, with their states before and after.
type resultChanges struct {
	targets       []store.TargetResult
	tasks         []store.TaskResult
	before, after map[string]AuditResult
}

func (c resultChanges) any() bool { return len(c.targets)+len(c.tasks) > 0 }

// diffResults compares what the form carried with what is stored; results the form did not
// carry, and empty results that were never stored, are not changes.
func diffResults(d *store.ReportPage, in *Save, stored store.StoredResults) resultChanges {
	c := resultChanges{before: map[string]AuditResult{}, after: map[string]AuditResult{}}
	for _, t := range d.Targets {
		ri := in.Results[TargetKey(t.ID)]
		old := stored.Targets[t.ID]
		oldState := StoredTargetState(&old)
		if ri == nil || !ri.Present || ri.State.Equal(oldState) {
			continue
		}
		c.before[ri.Key], c.after[ri.Key] = AuditResult{t.Code, oldState}, AuditResult{t.Code, ri.State}
		c.targets = append(c.targets, store.TargetResult{TargetID: t.ID, Value: ri.State.Value, Num: ri.State.Num, Den: ri.State.Den, Done: ri.State.Done,
			DoneOn: ParseISO(ri.State.DoneOn), Narrative: ri.State.Narrative})
	}
	for _, t := range d.Tasks {
		ri := in.Results[TaskKey(t.ID)]
		old := stored.Tasks[t.ID]
		oldState := StoredTaskState(&old)
		if ri == nil || !ri.Present || ri.State.Equal(oldState) {
			continue
		}
		c.before[ri.Key], c.after[ri.Key] = AuditResult{t.Code, oldState}, AuditResult{t.Code, ri.State}
		c.tasks = append(c.tasks, store.TaskResult{TaskID: t.ID, Progress: ri.State.Progress, Narrative: ri.State.Narrative})
	}
	return c
}

func (c resultChanges) targetRows(reportID, userID int64) []store.TargetResult {
	for i := range c.targets {
		c.targets[i].ReportID, c.targets[i].UpdatedBy = reportID, &userID
	}
	return c.targets
}

func (c resultChanges) taskRows(reportID, userID int64) []store.TaskResult {
	for i := range c.tasks {
		c.tasks[i].ReportID, c.tasks[i].UpdatedBy = reportID, &userID
	}
	return c.tasks
}

// mergeStored takes the stored state of results the form did not carry, so a submission's
// completeness is judged on the whole report as it will be.
func mergeStored(d *store.ReportPage, in *Save, stored store.StoredResults) {
	for _, t := range d.Targets {
		if ri := in.Results[TargetKey(t.ID)]; ri != nil && !ri.Present {
			if st, ok := stored.Targets[t.ID]; ok {
				ri.State = StoredTargetState(&st)
			}
		}
	}
	for _, t := range d.Tasks {
		if ri := in.Results[TaskKey(t.ID)]; ri != nil && !ri.Present {
			if st, ok := stored.Tasks[t.ID]; ok {
				ri.State = StoredTaskState(&st)
			}
		}
	}
}

// Missing lists what a submission lacks, keyed by field: a value for every target (done or
// not, with its date, for a milestone) and a progress for every task.
func Missing(d *store.ReportPage, results map[string]*Result) map[string]i18n.Msg {
	out := map[string]i18n.Msg{}
	state := func(k string) State {
		if r := results[k]; r != nil {
			return r.State
		}
		return State{}
	}
	for _, t := range d.Targets {
		k := TargetKey(t.ID)
		st := state(k)
		switch milestone := domain.TargetKind(t.Kind) == domain.KindMilestone; {
		case milestone && st.Done == nil:
			out[k+"_done"] = i18n.M("report.v.required_done")
		case milestone && *st.Done && st.DoneOn == "":
			out[k+"_done_on"] = i18n.M("report.v.required_done_on")
		case t.Ratio().IsRatio() && st.Value == nil:
			out[k+"_num"] = i18n.M("report.v.required_value")
		case !milestone && st.Value == nil:
			out[k+"_value"] = i18n.M("report.v.required_value")
		}
	}
	for _, t := range d.Tasks {
		if state(TaskKey(t.ID)).Progress == "" {
			out[TaskKey(t.ID)+"_progress"] = i18n.M("report.v.required_progress")
		}
	}
	return out
}

func invalidOrNil(fields map[string]i18n.Msg) error {
	if len(fields) == 0 {
		return nil
	}
	return usecase.Invalid(fields)
}

// MissingEvidence lists the targets the reform office marked as needing evidence that have
// none attached in this report (counts: documents per target), keyed by their file field,
// with a message naming the target.
func MissingEvidence(d *store.ReportPage, counts map[int64]int) map[string]i18n.Msg {
	out := map[string]i18n.Msg{}
	for _, t := range d.Targets {
		if t.EvidenceRequired && counts[t.ID] == 0 {
			out[TargetKey(t.ID)+"_file"] = i18n.M("report.v.evidence_required", t.Code)
		}
	}
	return out
}

package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// errRollback ends a save's transaction without writing; saveOutcome says why.
var errRollback = errors.New("report save rolled back")

// saveOutcome is what became of a save or submit.
type saveOutcome struct {
	kind    string // saved, submitted, already_submitted, unchanged, conflict, refused, missing
	version int
	late    bool
	refusal error
	missing web.FieldErrors
	files   fileChanges
}

// saveReport saves a unit's report as a draft or submits it (Post/Redirect/Get). The whole
// save is one transaction on the locked report row: a save based on an older version than
// the stored one is refused with both values shown, unless it would change nothing — which
// is what makes a double-clicked submit one submission.
func (s *Server) saveReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unitID, periodID, err := reportParams(r, authz.EditUnitReport)
	if err != nil {
		return err
	}
	if tooLarge, err := s.parseReportForm(w, r); tooLarge || err != nil {
		return err
	}
	defer r.MultipartForm.RemoveAll()
	d, err := s.loadReport(ctx, unitID, periodID, false)
	if err != nil {
		return err
	}
	in, errs := s.decodeReport(r, d)
	if in.Action == domain.ActionSubmit {
		if err := authorize(ctx, authz.SubmitReport, unitID); err != nil {
			return err
		}
	}
	if errs.Any() {
		askFilesAgain(ctx, in, errs)
		return s.renderReportForm(w, r, http.StatusUnprocessableEntity, d, formState{in: in, errs: errs})
	}
	out := &saveOutcome{}
	err = s.store.InTx(ctx, func(tx pgx.Tx) error { return s.writeReport(ctx, r, tx, d, in, out) })
	if err != nil {
		s.discardFiles(ctx, out.files.written)
		if !errors.Is(err, errRollback) {
			return err
		}
	} else {
		s.discardFiles(ctx, out.files.removed)
	}
	to := reportURL(unitID, periodID)
	switch out.kind {
	case "saved":
		s.flash(r, i18n.Tf(ctx, "report.flash_saved", domain.FormatDateTime(s.now())))
	case "submitted":
		msg := i18n.Tf(ctx, "report.flash_submitted", periodLabel(ctx, d.Period))
		if out.late {
			msg += " " + i18n.Tf(ctx, "report.flash_late", domain.FormatDate(d.Period.Deadline))
		}
		s.flash(r, msg)
	case "already_submitted":
		s.flash(r, i18n.T(ctx, "report.flash_already_submitted"))
	case "unchanged":
		s.flash(r, i18n.T(ctx, "report.flash_unchanged"))
	default:
		return s.renderRefusedSave(w, r, d, in, out)
	}
	return seeOther(w, r, to)
}

// writeReport is the save's transaction. It returns errRollback (with out.kind set) when
// nothing may or need be written.
func (s *Server) writeReport(ctx context.Context, r *http.Request, tx pgx.Tx, d *reportData, in *reportInput, out *saveOutcome) error {
	// Locks are taken report first, then period, everywhere (see reviewAction).
	rep, created, err := store.EnsureReport(ctx, tx, d.Unit.ID, d.Period.ID)
	if err != nil {
		return err
	}
	period, err := store.LockPeriodShared(ctx, tx, d.Period.ID)
	if err != nil {
		return err
	}
	stored := store.StoredResults{Targets: map[int64]store.StoredTarget{}, Tasks: map[int64]store.StoredTask{}}
	if !created {
		if stored, err = store.ReportResults(ctx, tx, rep.ID); err != nil {
			return err
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
		case len(ch.targets)+len(ch.tasks) > 0:
			out.kind = "conflict"
			return errRollback
		case in.Action == domain.ActionSubmit && from == domain.StatusSubmitted:
			out.kind = "already_submitted"
			return errRollback
		}
		// Nothing typed differs from what is stored now, so nothing can be lost by going
		// on from the current version.
	}
	if err := domain.CheckPeriodStarted(period.StartsOn, s.now()); err != nil {
		out.kind, out.refusal = "refused", err
		return errRollback
	}
	next, err := domain.NextStatus(from, in.Action, period.Closed())
	if err != nil {
		out.kind, out.refusal = "refused", err
		return errRollback
	}
	if in.Action == domain.ActionSubmit {
		mergeStored(d, in, stored)
		if m := missing(ctx, d, in); len(m) > 0 {
			out.kind, out.missing = "missing", m
			return errRollback
		}
	}
	u := userFrom(ctx)
	if err := s.writeFiles(ctx, tx, rep.ID, d, in, u.ID, &out.files); err != nil {
		return err
	}
	moves := next != from && !(from == domain.NotStarted && next == domain.StatusDraft)
	if !ch.any() && !out.files.any() && !moves {
		out.kind = "unchanged"
		return errRollback
	}
	if err := store.UpsertResults(ctx, tx, ch.targetRows(rep.ID, u.ID), ch.taskRows(rep.ID, u.ID)); err != nil {
		return err
	}
	now := s.now()
	change := store.ReportChange{Status: string(next), ActorID: u.ID, At: now}
	action := "report.save"
	if in.Action == domain.ActionSubmit {
		change.Stamp, action = "submitted", "report.submit"
		out.late = domain.ReportTimeliness(period.Deadline, &now, now) == domain.Late
	}
	if out.version, err = store.UpdateReport(ctx, tx, rep.ID, rep.Version, change); err != nil {
		return err
	}
	before := reportAudit{Unit: d.Unit.Code, Period: periodLabel(ctx, d.Period), Status: string(from), Version: rep.Version,
		Results: ch.before, Evidence: out.files.removedAudit}
	after := reportAudit{Status: string(next), Version: out.version, Late: out.late, Results: ch.after, Evidence: out.files.addedAudit}
	out.kind = "saved"
	if in.Action == domain.ActionSubmit {
		out.kind = "submitted"
	}
	return store.Audit(ctx, tx, s.auditEntry(r, action, "report", fmt.Sprint(rep.ID)), before, after)
}

// resultChanges are the results a save changes, with their states before and after.
type resultChanges struct {
	targets       []store.TargetResult
	tasks         []store.TaskResult
	before, after map[string]auditResult
}

func (c resultChanges) any() bool { return len(c.targets)+len(c.tasks) > 0 }

// diffResults compares what the form carried with what is stored; results the form did not
// carry, and empty results that were never stored, are not changes.
func diffResults(d *reportData, in *reportInput, stored store.StoredResults) resultChanges {
	c := resultChanges{before: map[string]auditResult{}, after: map[string]auditResult{}}
	for _, t := range d.Targets {
		ri := in.Results[targetKey(t.ID)]
		old := stored.Targets[t.ID]
		oldState := storedTargetState(&old)
		if !ri.Present || ri.State.equal(oldState) {
			continue
		}
		c.before[ri.Key], c.after[ri.Key] = auditResult{t.Code, oldState}, auditResult{t.Code, ri.State}
		c.targets = append(c.targets, store.TargetResult{TargetID: t.ID, Value: ri.State.Value, Done: ri.State.Done,
			DoneOn: parseISO(ri.State.DoneOn), Narrative: ri.State.Narrative})
	}
	for _, t := range d.Tasks {
		ri := in.Results[taskKey(t.ID)]
		old := stored.Tasks[t.ID]
		oldState := storedTaskState(&old)
		if !ri.Present || ri.State.equal(oldState) {
			continue
		}
		c.before[ri.Key], c.after[ri.Key] = auditResult{t.Code, oldState}, auditResult{t.Code, ri.State}
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
func mergeStored(d *reportData, in *reportInput, stored store.StoredResults) {
	for _, t := range d.Targets {
		if ri := in.Results[targetKey(t.ID)]; !ri.Present {
			if st, ok := stored.Targets[t.ID]; ok {
				ri.State = storedTargetState(&st)
			}
		}
	}
	for _, t := range d.Tasks {
		if ri := in.Results[taskKey(t.ID)]; !ri.Present {
			if st, ok := stored.Tasks[t.ID]; ok {
				ri.State = storedTaskState(&st)
			}
		}
	}
}

// askFilesAgain tells the user that files chosen with a form that had errors were not kept:
// a browser cannot refill a file input.
func askFilesAgain(ctx context.Context, in *reportInput, errs web.FieldErrors) {
	for _, ri := range in.Results {
		if len(ri.Files) > 0 && errs[ri.Key+"_file"] == "" {
			errs[ri.Key+"_file"] = i18n.T(ctx, "report.v.file_again")
		}
	}
}

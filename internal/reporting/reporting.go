// Package reporting is the use cases of a unit's quarterly report: save a draft, submit,
// attach and remove evidence, and the reform office's return, approve and reopen. Each
// runs in one transaction on the locked report row, writes its audit record (from which the
// report's history is read back) and answers with a typed outcome or a usecase.Error.
package reporting

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/upload"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// Service runs the reporting use cases.
type Service struct {
	st  store.Store
	now usecase.Clock
	log *slog.Logger
	lim Limits
	// separation keeps the reform office from approving its own unit's report
	// (authz.ApproveReport).
	separation bool
}

// Limits are where evidence is kept and how much of it there may be.
type Limits struct {
	Dir       string // keeps evidence content in files instead of PostgreSQL when set
	FileMax   int64  // one file
	ReportMax int64  // the documents one report carries, together
	UnitQuota int64  // every file version in one unit's register
}

// New makes the service; separation is the SEPARATION_OF_DUTIES setting.
func New(st store.Store, now usecase.Clock, log *slog.Logger, lim Limits, separation bool) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, now: now, log: log, lim: lim, separation: separation}
}

// SeparationOfDuties reports whether the reform office is kept from approving its own
// unit's report, for pages that decide whether to offer the approve button.
func (s *Service) SeparationOfDuties() bool { return s.separation }

// reportLink is the path of a unit's report for a period, where a notification leads.
func reportLink(unitID, periodID int64) string {
	return fmt.Sprintf("/reports/%d/%d", unitID, periodID)
}

func entry(a usecase.Actor, action string, reportID int64) store.AuditEntry {
	return store.AuditEntry{ActorID: a.UserID, ActorName: a.Username, ClientAddr: a.Addr,
		Action: action, Entity: "report", EntityID: fmt.Sprint(reportID)}
}

// discard deletes files from the upload directory: those a rolled-back save wrote, or those
// a committed save removed. A failure leaves an orphan file, never a broken record.
func (s *Service) discard(ctx context.Context, keys []string) {
	for _, k := range keys {
		if err := upload.Dir(s.lim.Dir).Remove(k); err != nil {
			s.log.WarnContext(ctx, "evidence file left behind", "key", k, "err", err)
		}
	}
}

package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// ExportQueue queues a background export (internal/exportjobs on River); the server does
// not see River. Without one (SERVE_JOBS=false) every export runs in its request, behind
// the export gate.
type ExportQueue interface {
	Enqueue(ctx context.Context, userID int64, format, query string) (jobID int64, err error)
}

// SetExportQueue makes the big exports background jobs (cmd/cchc, once River runs).
func (s *Server) SetExportQueue(q ExportQueue) { s.exportQueue = q }

// exportJobRefresh is how often a page of an unfinished export reloads itself.
const exportJobRefresh = 5

// queueOrExport queues a file export of the whole tree or of a unit with units under it
// (the big ones: every unit's data, for seconds) and sends the user to its page; a unit's
// own report, the print view and any export without a queue run in the request, gated.
func (s *Server) queueOrExport(format string) handlerFunc {
	direct := s.gateExport(s.exportDownload(format))
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.exportQueue == nil || format == "print" {
			return direct(w, r)
		}
		ctx := r.Context()
		q := readExportQuery(r)
		big, err := s.bigExportScope(ctx, q.Scope)
		if err != nil {
			return err
		}
		if !big {
			return direct(w, r)
		}
		id, err := s.exportQueue.Enqueue(ctx, userFrom(ctx).ID, format, q.encode())
		if err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/exports/jobs/%d", id), http.StatusSeeOther)
		return nil
	}
}

// bigExportScope: the whole tree, or a unit with units under it.
func (s *Server) bigExportScope(ctx context.Context, scope string) (bool, error) {
	if scope == "" || scope == "0" {
		return true, nil
	}
	id, err := strconv.ParseInt(scope, 10, 64)
	if err != nil {
		return false, nil // the export itself says the scope is wrong
	}
	units, err := s.reads(ctx).ListUnits(ctx, true)
	if err != nil {
		return false, err
	}
	for _, u := range units {
		if u.ParentID == id {
			return true, nil
		}
	}
	return false, nil
}

// BuildExportFile builds a queued export's file (internal/exportjobs' worker calls it). The
// query is read exactly as the download request would have read it.
func (s *Server) BuildExportFile(ctx context.Context, userID int64, format, query string) (store.ExportFile, error) {
	v, err := url.ParseQuery(query)
	if err != nil {
		return store.ExportFile{}, fmt.Errorf("export query: %w", err)
	}
	return s.exportFile(ctx, exportQueryOf(v), format)
}

// exportJobPage shows the owner's export: waiting (and how many before it), being built,
// done with the file, or failed. Another user's job is not found.
func (s *Server) exportJobPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	j, err := s.ownExportJob(r)
	if err != nil {
		return err
	}
	p := web.ExportJobProps{Meta: s.meta(r, i18n.T(ctx, "export.job_title"), "exports"), Back: "/exports"}
	switch {
	case j.FileName != "":
		p.State, p.Message = "done", i18n.T(ctx, "export.job_done")
		p.Download, p.FileName = fmt.Sprintf("/exports/jobs/%d/file", j.ID), j.FileName
	case j.State == "running":
		p.State, p.Message = "building", i18n.T(ctx, "export.job_building")
	case j.State == "completed":
		p.State, p.Message = "expired", i18n.T(ctx, "export.job_expired")
	case j.State == "discarded" || j.State == "cancelled":
		p.State, p.Message = "failed", i18n.T(ctx, "export.job_failed")
		s.log.Warn("export job failed", "job", j.ID, "err", j.Error)
	case j.Ahead > 0:
		p.State, p.Message = "waiting", i18n.Tf(ctx, "export.job_waiting_behind", j.Ahead)
	default:
		p.State, p.Message = "waiting", i18n.T(ctx, "export.job_waiting")
	}
	if p.State == "waiting" || p.State == "building" {
		// the browser reloads the page by itself: no script
		w.Header().Set("Refresh", strconv.Itoa(exportJobRefresh))
	}
	s.render(w, r, http.StatusOK, web.ExportJobPage(p))
	return nil
}

// exportJobFile serves the finished file to its owner; another user's job is not found.
func (s *Server) exportJobFile(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := idParam(r, "jobID")
	if err != nil {
		return err
	}
	f, err := s.store.ExportFileOf(ctx, id, userFrom(ctx).ID, s.now())
	if err != nil {
		return err // store.ErrNotFound is a 404 in serveError
	}
	writeExportFile(w, f)
	return nil
}

func (s *Server) ownExportJob(r *http.Request) (store.ExportJob, error) {
	id, err := idParam(r, "jobID")
	if err != nil {
		return store.ExportJob{}, err
	}
	return s.store.ExportJob(r.Context(), id, userFrom(r.Context()).ID, s.now())
}

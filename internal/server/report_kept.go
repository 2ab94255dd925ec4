package server

import (
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/upload"
)

// A report form posted after its session ended is not thrown away: its text is kept in the
// new (anonymous) session of that browser, for the user who typed it (the form carries its
// owner's id), and the form opens with it after that user signs in again. Nothing is saved
// until the user saves: the values come back into the form, with a note.
//
// Bounds: at most maxKeptBytes of text, restored within keptFor of the post, and only
// while the browser's session lives (SESSION_IDLE_TIMEOUT / SESSION_LIFETIME). Another user
// signing in on the same browser never sees it: login drops a draft that is not theirs.
// Files cannot be kept for an unknown user; the note names them so they can be picked again.

const (
	sessKept     = "kept_draft"
	maxKeptBytes = 1 << 20
	keptFor      = 24 * time.Hour
)

// keptDraft is a report form posted after the session ended.
type keptDraft struct {
	Owner  int64      `json:"owner"`
	Path   string     `json:"path"`
	Values url.Values `json:"values"`
	Files  []string   `json:"files,omitempty"` // names of the files that were attached
	At     time.Time  `json:"at"`
}

var reportPath = regexp.MustCompile(`^/reports/[1-9][0-9]{0,18}/[1-9][0-9]{0,18}$`)

// keepExpiredPost keeps the report form of a request whose session has ended and sends the
// browser to the login page, which says why. It reports whether it answered the request.
func (s *Server) keepExpiredPost(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost || !reportPath.MatchString(r.URL.Path) {
		return false
	}
	form, tooLarge, err := s.readReportForm(w, r)
	if tooLarge {
		return true
	}
	if form == nil {
		form = &upload.Form{}
	}
	defer form.RemoveAll()
	owner, _ := strconv.ParseInt(r.PostFormValue("owner"), 10, 64)
	if owner <= 0 || len(r.PostForm) == 0 {
		_ = err // nothing usable was posted: the plain login redirect
		return false
	}
	k := keptDraft{Owner: owner, Path: r.URL.Path, Values: url.Values{}, At: s.now()}
	for name, vals := range r.PostForm {
		if name != "action" && name != "owner" {
			k.Values[name] = vals
		}
	}
	for _, parts := range form.Files {
		for _, p := range parts {
			if p.Name != "" {
				k.Files = append(k.Files, upload.CleanName(p.Name))
			}
		}
	}
	sort.Strings(k.Files)
	b, jerr := json.Marshal(k)
	if jerr != nil || len(b) > maxKeptBytes {
		return false
	}
	s.sessions.Put(r.Context(), sessKept, string(b))
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
	return true
}

// keptDraftOf is the draft kept in this session, if any.
func (s *Server) keptDraftOf(r *http.Request) (keptDraft, bool) {
	raw := s.sessions.GetString(r.Context(), sessKept)
	if raw == "" {
		return keptDraft{}, false
	}
	var k keptDraft
	if err := json.Unmarshal([]byte(raw), &k); err != nil || s.now().Sub(k.At) > keptFor {
		s.sessions.Remove(r.Context(), sessKept)
		return keptDraft{}, false
	}
	return k, true
}

// claimKeptDraft runs at sign-in: a draft typed by someone else is dropped unseen.
func (s *Server) claimKeptDraft(r *http.Request, userID int64) {
	if k, ok := s.keptDraftOf(r); ok && k.Owner != userID {
		s.sessions.Remove(r.Context(), sessKept)
	}
}

// restoredDraft is the signed-in user's kept draft of the report at this path.
func (s *Server) restoredDraft(r *http.Request) (keptDraft, bool) {
	u := userFrom(r.Context())
	k, ok := s.keptDraftOf(r)
	if !ok || u == nil || k.Owner != u.ID || k.Path != r.URL.Path {
		return keptDraft{}, false
	}
	return k, true
}

// forgetKeptDraft drops the kept draft of the report at this path once it has been saved.
func (s *Server) forgetKeptDraft(r *http.Request) {
	if _, ok := s.restoredDraft(r); ok {
		s.sessions.Remove(r.Context(), sessKept)
	}
}

// restoredRequest is a copy of r carrying the kept values as its posted form.
func restoredRequest(r *http.Request, k keptDraft) *http.Request {
	fr := r.Clone(r.Context())
	fr.Method = http.MethodPost
	fr.PostForm, fr.Form = k.Values, k.Values
	fr.MultipartForm = &multipart.Form{Value: k.Values}
	return fr
}

// restoredNotice says the form holds restored, unsaved values.
func restoredNotice(r *http.Request, k keptDraft) string {
	ctx := r.Context()
	msg := i18n.Tf(ctx, "report.restored", domain.FormatDateTime(k.At))
	if len(k.Files) > 0 {
		msg += " " + i18n.Tf(ctx, "report.restored_files", strings.Join(k.Files, ", "))
	}
	return msg
}

// keptNotice is the login page's note when this browser holds a kept draft.
func (s *Server) keptNotice(r *http.Request) string {
	if _, ok := s.keptDraftOf(r); ok {
		return i18n.T(r.Context(), "login.kept")
	}
	return ""
}

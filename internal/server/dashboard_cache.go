package server

import (
	"bytes"
	"container/list"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
)

// dashCache keeps rendered dashboards (the page's content, without the layout, which
// carries the user's name and messages) tagged with the data version they were built at.
// Before serving one, the handler reads the current version of the view's scope (two rows,
// kept by triggers in the same transaction as every change; see migrations 000003 and
// 000014): a page built before the last committed save, approval or edit in the scope's
// subtree, or the last change every view shows, is rebuilt, so a page is never older than
// that; a save in another province leaves it cached.
// The cache is bounded in bytes and evicts the least recently used page.
type dashCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	order    *list.List // front = most recently used
	entries  map[string]*list.Element
	hits     atomic.Int64 // pages served from the cache (tests)
}

type dashEntry struct {
	key     string
	version int64
	title   string
	body    string
	// location, when set, is where the view sends the user instead (an ended plan opened
	// without a period: its final evaluation)
	location string
}

func newDashCache(maxBytes int) *dashCache {
	return &dashCache{maxBytes: maxBytes, order: list.New(), entries: map[string]*list.Element{}}
}

// SetDashboardCache bounds the rendered-dashboard cache in bytes; 0 turns it off (the
// benchmark measures both).
func (s *Server) SetDashboardCache(maxBytes int) {
	if maxBytes <= 0 {
		s.dash.Store(nil)
		return
	}
	s.dash.Store(newDashCache(maxBytes))
}

func (c *dashCache) get(key string, version int64) (dashEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return dashEntry{}, false
	}
	e := el.Value.(dashEntry)
	// A page built at a newer version than the reader's store has seen (built from the
	// primary, read now from a replica a little behind) is at least as fresh: keep it.
	if e.version < version {
		return dashEntry{}, false
	}
	c.order.MoveToFront(el)
	c.hits.Add(1)
	return e, true
}

func (c *dashCache) put(e dashEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(e.body) > c.maxBytes/4 {
		return
	}
	if el, ok := c.entries[e.key]; ok {
		old := el.Value.(dashEntry)
		if old.version > e.version {
			return // a newer page was stored while this one was built
		}
		c.bytes -= len(old.body)
		el.Value = e
		c.order.MoveToFront(el)
	} else {
		c.entries[e.key] = c.order.PushFront(e)
	}
	c.bytes += len(e.body)
	for c.bytes > c.maxBytes {
		last := c.order.Back()
		old := last.Value.(dashEntry)
		c.order.Remove(last)
		delete(c.entries, old.key)
		c.bytes -= len(old.body)
	}
}

// dashboardKey names a dashboard view by everything its content depends on besides the
// data: the query (plan, period, scope, data choice, filter), the language, the day (the
// default period and "days overdue" depend on it) and what the user may see.
func (s *Server) dashboardKey(r *http.Request) string {
	ctx := r.Context()
	p := userFrom(ctx).principal()
	who := "all"
	if !authz.Can(p, authz.ViewAllUnits, 0) {
		who = "unit:" + strconv.FormatInt(p.UnitID, 10)
	}
	q := r.URL.Query()
	canon := url.Values{}
	for _, k := range []string{"plan", "period", "scope", "include", "status"} {
		if v := q.Get(k); v != "" {
			canon.Set(k, v)
		}
	}
	return r.URL.Path + "?" + canon.Encode() + "|" + lang(ctx) + "|" + domain.FormatDate(s.now()) + "|" + who
}

// dashboardVersionScope is the scope whose version a view's cached page is checked against:
// the user's own unit for unit staff (dashboardState gives them nothing else), the chosen
// scope for the others, and 0 ("any unit", raised by every change) for a view that has not
// chosen one or names no valid one; dashboardState then resolves or refuses the view, and
// what it did is cached under the same key.
func (s *Server) dashboardVersionScope(r *http.Request) int64 {
	p := userFrom(r.Context()).principal()
	if !authz.Can(p, authz.ViewAllUnits, 0) {
		return p.UnitID
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("scope"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// pageBuffers are reused for cached dashboards: a country's page is some 150 kB, and
// growing a fresh buffer for each view made most of the garbage of a cache hit.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderLarge is render (errors.go) for a page of about sizeHint bytes: buffered first so a
// failing template never sends half a page, in a pooled buffer grown once.
func (s *Server) renderLarge(w http.ResponseWriter, r *http.Request, status int, c templ.Component, sizeHint int) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 4<<20 {
			buf.Reset()
			pageBuffers.Put(buf)
		}
	}()
	buf.Reset()
	buf.Grow(sizeHint)
	if err := c.Render(r.Context(), buf); err != nil {
		s.log.Error("render failed", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, "Lỗi hiển thị trang / page rendering failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

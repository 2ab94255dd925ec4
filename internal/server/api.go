package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/opendata"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// The open-data API (/api/v1): read-only JSON (CSV with Accept: text/csv) for other systems,
// with a bearer token of an API client (admin page or `cchc api-client`). Errors are RFC 9457
// problem details. docs/API.md describes it; openapi.json is its contract, checked against
// the real answers by TestAPIMatchesOpenAPI.

// apiRoutes mounts /api/v1. It stands outside the session group: no cookies, no CSRF.
func (s *Server) apiRoutes(r chi.Router) {
	r.Route("/api/v1", func(r chi.Router) {
		r.Use(apiLanguage)
		r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.problem(w, r, apiNotFound()) })
		r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
			s.problem(w, r, &apiProblem{status: http.StatusMethodNotAllowed, key: "api.problem.method"})
		})
		r.Get("/openapi.json", s.openAPIDocument)
		r.Group(func(r chi.Router) {
			r.Use(s.apiAuth)
			r.Get("/plans", s.apiList(s.apiPlans))
			r.Get("/plans/{planID}", s.apiOne(s.apiPlan))
			r.Get("/plans/{planID}/verdicts", s.apiList(s.apiVerdicts))
			r.Get("/areas", s.apiList(s.apiAreas))
			r.Get("/targets", s.apiList(s.apiTargets))
			r.Get("/tasks", s.apiList(s.apiTasks))
			r.Get("/units", s.apiList(s.apiUnits))
			r.Get("/periods", s.apiList(s.apiPeriods))
			r.Get("/results", s.apiList(s.apiResults))
		})
	})
}

// apiLanguage takes the problem texts' language from Accept-Language (Vietnamese unless
// English is asked for).
func apiLanguage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := i18n.VI
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(r.Header.Get("Accept-Language"))), "en") {
			l = i18n.EN
		}
		next.ServeHTTP(w, r.WithContext(i18n.With(r.Context(), l)))
	})
}

// apiProblem is an RFC 9457 problem: its status, a catalogue key for its title and an
// optional detail.
type apiProblem struct {
	status int
	key    string
	detail string
	typ    string // "" is about:blank
}

func (p *apiProblem) Error() string { return p.key + ": " + p.detail }

func apiNotFound() *apiProblem {
	return &apiProblem{status: http.StatusNotFound, key: "api.problem.not_found"}
}

func apiBadParam(name, detail string) *apiProblem {
	return &apiProblem{status: http.StatusBadRequest, key: "api.problem.bad_param", detail: name + ": " + detail,
		typ: "/api/v1/problems/invalid-parameter"}
}

type problemBody struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

// problem writes err as problem details: a *apiProblem as it says, not-found refusals as
// 404, a database that cannot be reached 503, anything else 500 with the request id.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, err error) {
	var p *apiProblem
	switch {
	case errors.As(err, &p):
	case usecase.KindOf(err) == usecase.KindNotFound, errors.Is(err, store.ErrNotFound):
		p = apiNotFound()
	case errors.Is(err, context.Canceled):
		return
	case s.store.Unavailable(err):
		p = &apiProblem{status: http.StatusServiceUnavailable, key: "api.problem.unavailable"}
		w.Header().Set("Retry-After", "5")
	default:
		s.log.Error("api request failed", "err", err, "request_id", requestID(r.Context()), "path", r.URL.Path)
		p = &apiProblem{status: http.StatusInternalServerError, key: "api.problem.internal", detail: "request " + requestID(r.Context())}
	}
	body := problemBody{Type: p.typ, Title: i18n.T(r.Context(), p.key), Status: p.status, Detail: p.detail, Instance: r.URL.Path}
	if body.Type == "" {
		body.Type = "about:blank"
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(p.status)
	_, _ = w.Write(b)
}

type scopeKey struct{}

// apiScope is the authenticated client's scope (apiAuth put it there).
func apiScope(ctx context.Context) opendata.Scope {
	sc, _ := ctx.Value(scopeKey{}).(opendata.Scope)
	return sc
}

// apiAuth admits a request with a valid bearer token (401 otherwise, whatever was wrong with
// it), then holds the client to its rate (429 with Retry-After).
func (s *Server) apiAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sc, err := s.opendata.Authenticate(r.Context(), strings.TrimSpace(token))
		if !ok || errors.Is(err, opendata.ErrUnauthenticated) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="cchc-api"`)
			s.problem(w, r, &apiProblem{status: http.StatusUnauthorized, key: "api.problem.unauthorized"})
			return
		}
		if err != nil {
			s.problem(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), scopeKey{}, sc)
		r = r.WithContext(ctx)
		if ok, wait := s.apiLimiter.Allow(sc.ClientID); !ok {
			secs := max(1, int((wait.Seconds())+0.999))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			s.problem(w, r, &apiProblem{status: http.StatusTooManyRequests, key: "api.problem.rate",
				typ: "/api/v1/problems/rate-limited"})
			s.apiLog.record(sc.ClientID, r, 0, http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// apiPage is one page of a list: its rows, the cursor of the next page ("" at the end) and
// the columns of its CSV.
type apiPage struct {
	Data    any
	Rows    int
	Next    string
	Columns []string
}

type listBody struct {
	Data       any     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

// apiList serves a list handler: JSON or CSV, ETag, gzip and the call log.
func (s *Server) apiList(fn func(r *http.Request, sc opendata.Scope) (apiPage, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc := apiScope(r.Context())
		pg, err := fn(r, sc)
		if err != nil {
			s.problem(w, r, err)
			s.apiLog.record(sc.ClientID, r, 0, statusOf(err))
			return
		}
		var body []byte
		ctype := "application/json"
		if wantsCSV(r) {
			body, err = csvOf(pg.Columns, pg.Data)
			ctype = "text/csv; charset=utf-8"
		} else {
			lb := listBody{Data: pg.Data}
			if pg.Next != "" {
				lb.NextCursor = &pg.Next
			}
			body, err = json.Marshal(lb)
		}
		if err != nil {
			s.problem(w, r, err)
			return
		}
		if pg.Next != "" {
			// in the header too, as a CSV has no envelope to carry it
			w.Header().Set("Link", "<"+nextURL(r, pg.Next)+`>; rel="next"`)
		}
		status := s.apiWrite(w, r, ctype, body)
		s.apiLog.record(sc.ClientID, r, pg.Rows, status)
	}
}

// apiOne serves a handler of one record.
func (s *Server) apiOne(fn func(r *http.Request, sc opendata.Scope) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc := apiScope(r.Context())
		v, err := fn(r, sc)
		if err == nil && wantsCSV(r) {
			err = &apiProblem{status: http.StatusNotAcceptable, key: "api.problem.not_acceptable"}
		}
		if err != nil {
			s.problem(w, r, err)
			s.apiLog.record(sc.ClientID, r, 0, statusOf(err))
			return
		}
		body, err := json.Marshal(v)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		status := s.apiWrite(w, r, "application/json", body)
		s.apiLog.record(sc.ClientID, r, 1, status)
	}
}

func statusOf(err error) int {
	var p *apiProblem
	if errors.As(err, &p) {
		return p.status
	}
	if usecase.KindOf(err) == usecase.KindNotFound || errors.Is(err, store.ErrNotFound) {
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// apiWrite sends a body with its validator: an ETag of its bytes (weak, as gzip changes the
// bytes sent), 304 when the client has it, gzip when the client takes it and it pays.
func (s *Server) apiWrite(w http.ResponseWriter, r *http.Request, ctype string, body []byte) int {
	sum := sha256.Sum256(body)
	etag := `W/"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Vary", "Accept, Accept-Encoding, Authorization")
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	h.Set("Content-Type", ctype)
	if len(body) > 1024 && acceptsGzip(r) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		_, _ = zw.Write(body)
		_ = zw.Close()
		body = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return http.StatusOK
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, e := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(e), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

func wantsCSV(r *http.Request) bool {
	return strings.Contains(strings.ToLower(r.Header.Get("Accept")), "text/csv")
}

func nextURL(r *http.Request, cursor string) string {
	q := r.URL.Query()
	q.Set("cursor", cursor)
	return r.URL.Path + "?" + q.Encode()
}

// csvOf writes rows as CSV with the given columns, from their JSON form (so the CSV says
// exactly what the JSON says). Nested values (a target's commitments) are JSON in their
// cell; a text that a spreadsheet would run as a formula is quoted with a leading '.
func csvOf(columns []string, data any) ([]byte, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("\xEF\xBB\xBF") // so spreadsheets read the Vietnamese as UTF-8
	cw := csv.NewWriter(&buf)
	_ = cw.Write(columns)
	rec := make([]string, len(columns))
	for _, row := range rows {
		for i, c := range columns {
			rec[i] = csvCell(row[c])
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x != "" && strings.ContainsRune("=+-@\t\r", rune(x[0])) {
			return "'" + x
		}
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// stats gathers every response's status and latency by step.
type stats struct {
	mu        sync.Mutex
	latencies map[string][]time.Duration
	statuses  map[int]int
	errors    []string
}

func newStats() *stats {
	return &stats{latencies: map[string][]time.Duration{}, statuses: map[int]int{}}
}

func (s *stats) record(step string, status int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latencies[step] = append(s.latencies[step], d)
	s.statuses[status]++
}

func (s *stats) fail(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errors) < 20 {
		s.errors = append(s.errors, fmt.Sprintf(format, args...))
	}
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(float64(len(s)-1)*p)]
}

// browser is one simulated user's cookie-keeping client that does not follow redirects.
type browser struct {
	base  string
	http  *http.Client
	stats *stats
}

func newBrowser(base string, st *stats) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{base: base, stats: st, http: &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(ctx context.Context, step, method, path string, form url.Values) (int, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, b.base+path, body)
	if err != nil {
		return 0, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	start := time.Now()
	resp, err := b.http.Do(req)
	if err != nil {
		b.stats.fail("%s %s: %v", step, path, err)
		return 0, "", err
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	b.stats.record(step, resp.StatusCode, time.Since(start))
	return resp.StatusCode, string(page), nil
}

var (
	versionField = regexp.MustCompile(`name="version" value="(\d+)"`)
	resultField  = regexp.MustCompile(`name="([tk]\d+)_(value|done|progress|narrative)"`)
)

// fill answers every result of a report form page as a clerk would.
func fill(page, action string, round int) (url.Values, error) {
	m := versionField.FindStringSubmatch(page)
	if m == nil {
		return nil, fmt.Errorf("no version on the form")
	}
	form := url.Values{"version": {m[1]}, "action": {action}}
	for _, f := range resultField.FindAllStringSubmatch(page, -1) {
		key, kind := f[1], f[2]
		switch kind {
		case "value":
			form.Set(key+"_value", fmt.Sprintf("%d,5", 60+round*10))
		case "done":
			form.Set(key+"_done", "1")
			form.Set(key+"_done_on", time.Now().Format("02/01/2006"))
		case "progress":
			form.Set(key+"_progress", "in_progress")
		case "narrative":
			form.Set(key+"_narrative", fmt.Sprintf("Lần lưu %d: đơn vị đã triển khai theo kế hoạch, số liệu từ hệ thống một cửa.", round))
		}
	}
	return form, nil
}

// submission is what a unit's confirmed submit promised the database holds.
type submission struct {
	unitID     int64
	version    int64 // the version the submit was posted with: the report is one past it
	values     int   // results posted with a value (the last round's)
	done       int   // milestones posted as done
	narratives int   // narratives posted (the last round's text)
}

// The last round (the submit) posts these: the database must hold them and nothing older.
const (
	lastRoundValue     = "80.5"
	lastRoundNarrative = "Lần lưu 2:"
)

// unitJourney is one unit user at the deadline: sign in, open the form, save twice, submit.
// It returns what the confirmed submission promised, or false when it did not succeed.
func unitJourney(ctx context.Context, b *browser, u rushUnit, periodID int64) (submission, bool) {
	status, _, err := b.do(ctx, "login", http.MethodPost, "/login", url.Values{"username": {u.Username}, "password": {rushPassword}})
	if err != nil || status != http.StatusSeeOther {
		b.stats.fail("login %s: %d", u.Username, status)
		return submission{}, false
	}
	formPath := fmt.Sprintf("/reports/%d/%d", u.ID, periodID)
	var sent submission
	for round, action := range []string{"save", "save", "submit"} {
		status, page, err := b.do(ctx, "form", http.MethodGet, formPath, nil)
		if err != nil || status != http.StatusOK {
			b.stats.fail("form %s: %d", u.Username, status)
			return submission{}, false
		}
		form, err := fill(page, action, round)
		if err != nil {
			b.stats.fail("form %s: %v", u.Username, err)
			return submission{}, false
		}
		status, _, err = b.do(ctx, action, http.MethodPost, formPath, form)
		if err != nil || status != http.StatusSeeOther {
			b.stats.fail("%s %s: %d", action, u.Username, status)
			return submission{}, false
		}
		sent = promised(u.ID, form)
	}
	return sent, true
}

// promised reads back from a posted form what the database must hold after it.
func promised(unitID int64, form url.Values) submission {
	s := submission{unitID: unitID}
	s.version, _ = strconv.ParseInt(form.Get("version"), 10, 64)
	for key := range form {
		switch {
		case strings.HasSuffix(key, "_value"):
			s.values++
		case strings.HasSuffix(key, "_done"):
			s.done++
		case strings.HasSuffix(key, "_narrative"):
			s.narratives++
		}
	}
	return s
}

package main

import (
	"context"
	"crypto/tls"
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
	requests  int
	// failures: requests that got no answer or a 5xx, with when (Unix ms) and at which step
	failures     []int64
	failedSteps  map[string]int
	sessionsLost int
}

func newStats() *stats {
	return &stats{latencies: map[string][]time.Duration{}, statuses: map[int]int{}, failedSteps: map[string]int{}}
}

// failed counts a request that got no answer (status 0) or a 5xx.
func (s *stats) failed(step string, status int, err error) {
	s.mu.Lock()
	if status == 0 {
		s.requests++
	}
	s.failures = append(s.failures, time.Now().UnixMilli())
	s.failedSteps[step]++
	s.mu.Unlock()
	if err != nil {
		s.fail("%s: %v", step, err)
	}
}

func (s *stats) lostSession(who string) {
	s.mu.Lock()
	s.sessionsLost++
	s.mu.Unlock()
	s.fail("%s: sent to sign in again (session lost)", who)
}

func (s *stats) record(step string, status int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latencies[step] = append(s.latencies[step], d)
	s.statuses[status]++
	s.requests++
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

func newBrowser(base string, st *stats, insecure bool) *browser {
	jar, _ := cookiejar.New(nil)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if insecure {
		// make cluster-test's nginx has a certificate made a minute before
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} // #nosec G402
	}
	return &browser{base: base, stats: st, http: &http.Client{Jar: jar, Timeout: 60 * time.Second, Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// answer is what one request got: a status (0 when no answer came), the page and where a
// redirect points.
type answer struct {
	status   int
	page     string
	location string
	err      error
}

// transient is a failure a user would get past by trying again: no answer at all (the
// instance died mid-request), or nginx's 502/503/504 when no instance could answer.
func (a answer) transient() bool {
	return a.err != nil || a.status == http.StatusBadGateway || a.status == http.StatusServiceUnavailable || a.status == http.StatusGatewayTimeout
}

// toLogin is the portal sending a signed-in user to sign in again: the session was lost.
func (a answer) toLogin() bool {
	return a.status == http.StatusSeeOther && strings.HasPrefix(a.location, "/login")
}

func (b *browser) do(ctx context.Context, step, method, path string, form url.Values) answer {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, b.base+path, body)
	if err != nil {
		return answer{err: err}
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	start := time.Now()
	resp, err := b.http.Do(req)
	if err != nil {
		b.stats.failed(step, 0, err)
		return answer{err: err}
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	b.stats.record(step, resp.StatusCode, time.Since(start))
	if resp.StatusCode >= 500 {
		b.stats.failed(step, resp.StatusCode, nil)
	}
	return answer{status: resp.StatusCode, page: string(page), location: resp.Header.Get("Location")}
}

var (
	versionField = regexp.MustCompile(`name="version" value="(\d+)"`)
	resultField  = regexp.MustCompile(`name="([tk]\d+)_(value|num|den|done|progress|narrative)"`)
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
		case "num": // a ratio target's two counts: 605/1000, 705/1000, 805/1000 by round
			form.Set(key+"_num", strconv.Itoa(605+round*100))
		case "den":
			form.Set(key+"_den", "1000")
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
	lastRoundNumerator = "805" // a ratio target's (its value is 80.5%, not kept exactly as 80.5)
	lastRoundNarrative = "Lần lưu 2:"
)

// outcome is how a unit user's journey ended.
type outcome int

const (
	failed    outcome = iota
	confirmed         // the submit was answered: the database must hold exactly what it posted
	// stored without an answer: the submit's answer was lost with a killed instance, and the
	// form opened again shows the report submitted (tolerant mode only)
	unanswered
)

// journey is one unit user at the deadline: sign in, open the form, save twice, submit.
type journey struct {
	b        *browser
	u        rushUnit
	periodID int64
	// tolerate: a transient failure (see answer.transient) is counted and the step tried
	// again, as a user would press the button again; otherwise it ends the journey.
	tolerate  bool
	submitted func(ctx context.Context, unitID, periodID int64) bool // reads the report's status in the database

	sent       submission // what the confirmed submission promised
	acked      int        // writes (saves and the submit) the portal answered with success
	lastPosted url.Values // the last form posted, answered or not
}

const (
	tries     = 60
	retryWait = 250 * time.Millisecond
)

func (j *journey) attempts() int {
	if j.tolerate {
		return tries
	}
	return 1
}

func (j *journey) run(ctx context.Context) outcome {
	if !j.login(ctx) {
		return failed
	}
	formPath := fmt.Sprintf("/reports/%d/%d", j.u.ID, j.periodID)
	for round, action := range []string{"save", "save", "submit"} {
		done := false
		for try := 0; try < j.attempts() && !done; try++ {
			if try > 0 {
				time.Sleep(retryWait)
			}
			a := j.b.do(ctx, "form", http.MethodGet, formPath, nil)
			switch {
			case a.toLogin():
				j.b.stats.lostSession(j.u.Username)
				return failed
			case a.transient() && j.tolerate:
				continue
			case a.status != http.StatusOK:
				j.b.stats.fail("form %s: %d %v", j.u.Username, a.status, a.err)
				return failed
			}
			form, err := fill(a.page, action, round)
			if err != nil {
				// A submit whose answer was lost may have been committed: the form then shows
				// a submitted report, with nothing to fill.
				if try > 0 && action == "submit" && j.lastPosted != nil && j.submitted(ctx, j.u.ID, j.periodID) {
					// what was stored is what that submit posted: verify holds it to that
					j.sent = promised(j.u.ID, j.lastPosted)
					return unanswered
				}
				j.b.stats.fail("form %s: %v", j.u.Username, err)
				return failed
			}
			j.lastPosted = form
			a = j.b.do(ctx, action, http.MethodPost, formPath, form)
			switch {
			case a.status == http.StatusSeeOther && a.location == formPath:
				j.acked++
				j.sent = promised(j.u.ID, form)
				done = true
			case a.toLogin():
				j.b.stats.lostSession(j.u.Username)
				return failed
			case a.transient() && j.tolerate:
			default:
				j.b.stats.fail("%s %s: %d %v", action, j.u.Username, a.status, a.err)
				return failed
			}
		}
		if !done {
			j.b.stats.fail("%s %s: gave up after %d tries", action, j.u.Username, tries)
			return failed
		}
	}
	return confirmed
}

func (j *journey) login(ctx context.Context) bool {
	for try := 0; try < j.attempts(); try++ {
		if try > 0 {
			time.Sleep(retryWait)
		}
		a := j.b.do(ctx, "login", http.MethodPost, "/login", url.Values{"username": {j.u.Username}, "password": {rushPassword}})
		if a.status == http.StatusSeeOther && !strings.HasPrefix(a.location, "/login") {
			return true
		}
		if !(a.transient() && j.tolerate) {
			j.b.stats.fail("login %s: %d %v", j.u.Username, a.status, a.err)
			return false
		}
	}
	j.b.stats.fail("login %s: gave up after %d tries", j.u.Username, tries)
	return false
}

// promised reads back from a posted form what the database must hold after it.
func promised(unitID int64, form url.Values) submission {
	s := submission{unitID: unitID}
	s.version, _ = strconv.ParseInt(form.Get("version"), 10, 64)
	for key := range form {
		switch {
		case strings.HasSuffix(key, "_value"), strings.HasSuffix(key, "_num"):
			s.values++
		case strings.HasSuffix(key, "_done"):
			s.done++
		case strings.HasSuffix(key, "_narrative"):
			s.narratives++
		}
	}
	return s
}

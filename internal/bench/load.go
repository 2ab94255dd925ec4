package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Result is one page's measurement.
type Result struct {
	Name     string
	Clients  int
	Requests int
	Errors   int
	FirstErr error
	Elapsed  time.Duration
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	RPS      float64
	PeakHeap float64 // MB: the most Go heap seen during the measured phase (sampled, no forced GC)
	PeakRSS  float64 // MB: the most resident memory of the whole process during the measured phase
}

// Run calls op from `clients` goroutines, first for warmup (not recorded), then for d,
// recording every call's latency.
func Run(ctx context.Context, name string, clients int, warmup, d time.Duration, op func(context.Context) error) Result {
	res := Result{Name: name, Clients: clients}
	phase := func(d time.Duration, record bool) {
		deadline := time.Now().Add(d)
		lat := make([][]time.Duration, clients)
		errs := make([]int, clients)
		var first error
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := time.Now()
		for w := 0; w < clients; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) && ctx.Err() == nil {
					t := time.Now()
					err := op(ctx)
					lat[w] = append(lat[w], time.Since(t))
					if err != nil {
						errs[w]++
						mu.Lock()
						if first == nil {
							first = err
						}
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		if !record {
			return
		}
		res.Elapsed = time.Since(start)
		var all []time.Duration
		for w := range lat {
			all = append(all, lat[w]...)
			res.Errors += errs[w]
		}
		res.FirstErr = first
		res.Requests = len(all)
		if len(all) == 0 {
			return
		}
		slices.Sort(all)
		q := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
		res.P50, res.P95, res.P99 = q(0.50), q(0.95), q(0.99)
		res.RPS = float64(len(all)) / res.Elapsed.Seconds()
	}
	phase(warmup, false)
	peak := startPeakSampler(10 * time.Millisecond)
	phase(d, true)
	res.PeakHeap, res.PeakRSS = peak.Stop()
	return res
}

// Get is an op that fetches a page with a signed-in client and reads it whole. Anything
// but 200 is an error, a redirect included: a lost session must not be timed as a fast
// login page.
func Get(c *http.Client, url string) func(context.Context) error {
	noFollow := *c
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c = &noFollow
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		b := readBuffers.Get().(*[]byte)
		_, err = io.CopyBuffer(io.Discard, onlyReader{resp.Body}, *b)
		readBuffers.Put(b)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", url, resp.Status)
		}
		return err
	}
}

// The load generator shares the CPU with the server: it reads pages in large chunks.
var readBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// onlyReader hides io.Discard's ReaderFrom path so CopyBuffer uses the large buffer.
type onlyReader struct{ io.Reader }

// Print writes the results as a table, each throughput also as a ratio to the reference's.
func Print(w io.Writer, results []Result, reference float64) {
	fmt.Fprintf(w, "%-40s %7s %8s %9s %9s %9s %9s %8s %7s %8s %8s\n", "page", "clients", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "ratio", "errors", "peakHeap", "peakRSS")
	for _, r := range results {
		fmt.Fprintf(w, "%-40s %7d %8d %9.2f %9.2f %9.2f %9.0f %8.3f %7d %8.1f %8.1f\n", r.Name, r.Clients, r.Requests,
			ms(r.P50), ms(r.P95), ms(r.P99), r.RPS, r.Ratio(reference), r.Errors, r.PeakHeap, r.PeakRSS)
		if r.FirstErr != nil {
			fmt.Fprintf(w, "    first error: %v\n", r.FirstErr)
		}
	}
}

// Ratio is the run's throughput as a share of the reference's.
func (r Result) Ratio(reference float64) float64 {
	if reference <= 0 {
		return 0
	}
	return r.RPS / reference
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// underExports is the page measured while twenty national exports are asked for.
const underExports = "report list, 20 national exports running"

// exportStorm asks for an export from n clients at once, each again as soon as its last
// answer came (a file, or the "exports busy" page), and asks /readyz every 100 ms beside
// them, counting what each answered.
type exportStorm struct {
	exports, files, busy, other atomic.Int64
	readyz, readyzFailed        atomic.Int64
}

func (s *exportStorm) start(c *http.Client, exportURL, readyzURL string, n int) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	get := func(url string) int {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		res, err := c.Do(req)
		if err != nil {
			return 0
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				status := get(exportURL)
				if ctx.Err() != nil {
					return
				}
				s.exports.Add(1)
				switch status {
				case http.StatusOK:
					s.files.Add(1)
				case http.StatusServiceUnavailable:
					s.busy.Add(1)
					// a browser waits the page's Refresh (10 s); a client here retries sooner
					// so the gate is always full
					select {
					case <-ctx.Done():
					case <-time.After(time.Second):
					}
				default:
					s.other.Add(1)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.readyz.Add(1)
				if get(readyzURL) != http.StatusOK && ctx.Err() == nil {
					s.readyzFailed.Add(1)
				}
			}
		}
	}()
	return func() { cancel(); wg.Wait() }
}

func (s *exportStorm) String() string {
	return fmt.Sprintf("Beside %q: %d national export requests answered (%d files, %d told exports are busy, %d other); /readyz asked %d times, %d not 200.",
		underExports, s.exports.Load(), s.files.Load(), s.busy.Load(), s.other.Load(), s.readyz.Load(), s.readyzFailed.Load())
}

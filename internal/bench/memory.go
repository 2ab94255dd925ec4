package bench

import (
	"bufio"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// peakSampler records the highest memory seen while a run goes on, sampled every few
// milliseconds without forcing a collection: what the machine had to hold at the worst
// moment, not what is left after a GC.
type peakSampler struct {
	stop    chan struct{}
	done    sync.WaitGroup
	heapMax uint64 // Go heap objects, live and not yet collected
	rssMax  uint64 // the process's resident set (server, load generator and pool together)
}

func startPeakSampler(every time.Duration) *peakSampler {
	p := &peakSampler{stop: make(chan struct{})}
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			metrics.Read(samples)
			if v := samples[0].Value; v.Kind() == metrics.KindUint64 {
				p.heapMax = max(p.heapMax, v.Uint64())
			}
			p.rssMax = max(p.rssMax, residentBytes())
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// Stop ends sampling and returns the peaks in MB.
func (p *peakSampler) Stop() (heapMB, rssMB float64) {
	close(p.stop)
	p.done.Wait()
	return float64(p.heapMax) / (1 << 20), float64(p.rssMax) / (1 << 20)
}

// residentBytes reads VmRSS from /proc/self/status; 0 where there is no /proc.
func residentBytes() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

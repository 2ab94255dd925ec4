package opendata

import (
	"math"
	"sync"
	"time"
)

// Limiter is a token bucket per client, in this instance's memory: behind a load balancer
// each instance allows the rate, so a client may get up to N times it from N instances.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens a second
	burst   float64
	now     func() time.Time
	buckets map[int64]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter allows perMinute calls a minute with bursts of burst calls.
func NewLimiter(perMinute, burst int, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(max(burst, 1)), now: now, buckets: map[int64]*bucket{}}
}

// Allow takes a token from the client's bucket. When it is empty it says how long until
// the next token (for Retry-After).
func (l *Limiter) Allow(client int64) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[client]
	if b == nil {
		if len(l.buckets) > 10000 {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[client] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	if l.rate <= 0 {
		return false, time.Hour
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// sweep forgets full buckets, so revoked and idle clients do not pile up.
func (l *Limiter) sweep(now time.Time) {
	for id, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, id)
		}
	}
}

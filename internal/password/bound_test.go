package password

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestHashingBoundedToCores starts many more checks and hashes than there are cores, with a
// key derivation that holds until released, and shows that no more than GOMAXPROCS ever run
// at once while the rest wait their turn and all finish. Not timed: each derivation waits on
// the test to release it, so an unbounded implementation would show every call inside at once.
func TestHashingBoundedToCores(t *testing.T) {
	limit := cap(hashing)
	if limit != max(1, runtime.GOMAXPROCS(0)) {
		t.Fatalf("bound %d, want GOMAXPROCS %d", limit, runtime.GOMAXPROCS(0))
	}
	enc, err := Hash("mật khẩu thử")
	if err != nil {
		t.Fatal(err)
	}
	var inside, most atomic.Int64
	entered := make(chan struct{}, 64)
	release := make(chan struct{})
	real := idKey
	idKey = func(p, s []byte, tc, m uint32, th uint8, n uint32) []byte {
		now := inside.Add(1)
		for {
			old := most.Load()
			if now <= old || most.CompareAndSwap(old, now) {
				break
			}
		}
		entered <- struct{}{}
		<-release
		inside.Add(-1)
		return real(p, s, 1, 8, 1, n) // cheap: only the bound is under test
	}
	defer func() { idKey = real }()

	const callers = 24
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, _ = Check("mật khẩu thử", enc)
			} else {
				_, _ = Hash("mật khẩu mới")
			}
		}()
	}
	// Let every caller run as far as it can before releasing any: the first `limit` get in,
	// the others must be stopped at the semaphore.
	for range limit {
		<-entered
	}
	for range 1000 {
		runtime.Gosched()
	}
	if n := inside.Load(); n != int64(limit) {
		t.Fatalf("%d derivations running at once, want exactly %d", n, limit)
	}
	// Release one at a time; each release lets exactly one waiter in.
	for i := 0; i < callers; i++ {
		release <- struct{}{}
		if i+limit < callers {
			<-entered
		}
		if n := inside.Load(); n > int64(limit) {
			t.Fatalf("%d derivations running at once, bound %d", n, limit)
		}
	}
	wg.Wait()
	if m := most.Load(); m != int64(limit) {
		t.Fatalf("at most %d ran at once, want the bound %d", m, limit)
	}
}

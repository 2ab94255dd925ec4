package server

import (
	"bytes"
	"context"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

// touchThrottle wraps the session store so that a request which changed nothing in the
// session does not write it back. scs marks every session modified when IdleTimeout is set,
// only to push its expiry forward: that made every signed-in page view a database write and
// commit, the largest cost of a cached dashboard or a plain form (docs/PERFORMANCE.md).
// Here an unchanged session is written again only once its stored expiry is more than
// `every` behind, so the idle timeout holds to within `every`. Reads always go to the store,
// so logout, revocation and other app instances' changes take effect at once.
type touchThrottle struct {
	scs.Store
	every time.Duration

	mu   sync.Mutex
	last map[string]committed
}

type committed struct {
	data   []byte
	expiry time.Time
}

// maxRemembered bounds the memory kept per app instance; past it the map starts afresh
// (the only cost is one extra write per active session).
const maxRemembered = 100_000

func newTouchThrottle(store scs.Store, every time.Duration) *touchThrottle {
	return &touchThrottle{Store: store, every: every, last: map[string]committed{}}
}

// The session manager calls the Ctx methods (scs.CtxStore) with the request's context, which
// the store needs to hand the user it read with the session to loadUser (store.SessionUser).

func (t *touchThrottle) Commit(token string, b []byte, expiry time.Time) error {
	return t.CommitCtx(context.Background(), token, b, expiry)
}

func (t *touchThrottle) Delete(token string) error { return t.DeleteCtx(context.Background(), token) }

func (t *touchThrottle) Find(token string) ([]byte, bool, error) {
	return t.FindCtx(context.Background(), token)
}

func (t *touchThrottle) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	t.mu.Lock()
	c, ok := t.last[token]
	t.mu.Unlock()
	if ok && bytes.Equal(c.data, b) && expiry.Sub(c.expiry) < t.every && !expiry.Before(c.expiry) {
		return nil
	}
	var err error
	if cs, ok := t.Store.(scs.CtxStore); ok {
		err = cs.CommitCtx(ctx, token, b, expiry)
	} else {
		err = t.Store.Commit(token, b, expiry)
	}
	if err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.last) >= maxRemembered {
		t.last = map[string]committed{}
	}
	t.last[token] = committed{data: bytes.Clone(b), expiry: expiry}
	return nil
}

func (t *touchThrottle) DeleteCtx(ctx context.Context, token string) error {
	t.mu.Lock()
	delete(t.last, token)
	t.mu.Unlock()
	if cs, ok := t.Store.(scs.CtxStore); ok {
		return cs.DeleteCtx(ctx, token)
	}
	return t.Store.Delete(token)
}

// FindCtx reads through; a session the store no longer has is forgotten here too, so its
// next commit is written.
func (t *touchThrottle) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	var found bool
	var err error
	if cs, ok := t.Store.(scs.CtxStore); ok {
		b, found, err = cs.FindCtx(ctx, token)
	} else {
		b, found, err = t.Store.Find(token)
	}
	if err == nil && !found {
		t.mu.Lock()
		delete(t.last, token)
		t.mu.Unlock()
	}
	return b, found, err
}

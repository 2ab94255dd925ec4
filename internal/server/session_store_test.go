package server

import (
	"testing"
	"time"
)

type countingStore struct {
	data    map[string][]byte
	commits int
}

func (c *countingStore) Delete(token string) error { delete(c.data, token); return nil }
func (c *countingStore) Find(token string) ([]byte, bool, error) {
	b, ok := c.data[token]
	return b, ok, nil
}
func (c *countingStore) Commit(token string, b []byte, _ time.Time) error {
	c.data[token] = b
	c.commits++
	return nil
}

func TestTouchThrottle(t *testing.T) {
	inner := &countingStore{data: map[string][]byte{}}
	s := newTouchThrottle(inner, time.Minute)
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	idle := 30 * time.Minute
	steps := []struct {
		name   string
		data   string
		at     time.Duration
		writes int
	}{
		{"a new session is written", "a", 0, 1},
		{"the same session a second later is not", "a", time.Second, 1},
		{"nor 59 s after the last write", "a", 59 * time.Second, 1},
		{"a minute after the last write it is, to push the idle expiry", "a", 61 * time.Second, 2},
		{"changed data is written at once", "b", 62 * time.Second, 3},
	}
	for _, st := range steps {
		if err := s.Commit("tok", []byte(st.data), t0.Add(st.at).Add(idle)); err != nil {
			t.Fatal(err)
		}
		if inner.commits != st.writes {
			t.Fatalf("%s: %d writes; want %d", st.name, inner.commits, st.writes)
		}
	}
	// a session deleted elsewhere (another instance, an expiry) is written again
	delete(inner.data, "tok")
	if _, found, _ := s.Find("tok"); found {
		t.Fatal("found a deleted session")
	}
	_ = s.Commit("tok", []byte("b"), t0.Add(63*time.Second).Add(idle))
	if inner.commits != 4 {
		t.Errorf("after an outside delete: %d writes; want 4", inner.commits)
	}
	// logout forgets it too
	_ = s.Delete("tok")
	_ = s.Commit("tok", []byte("b"), t0.Add(64*time.Second).Add(idle))
	if inner.commits != 5 {
		t.Errorf("after Delete: %d writes; want 5", inner.commits)
	}
}

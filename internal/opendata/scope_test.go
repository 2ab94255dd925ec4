package opendata

import (
	"testing"
	"time"
)

func TestCursorRoundTripAndForgery(t *testing.T) {
	c := Cursor{List: "results", Key: [2]int64{4711, 12}}
	got, err := DecodeCursor("results", c.Encode())
	if err != nil || got != c {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if first, err := DecodeCursor("results", ""); err != nil || first.Key != [2]int64{} {
		t.Fatalf("empty cursor: %+v %v", first, err)
	}
	for _, bad := range []string{c.Encode() + "x", "abc", Cursor{List: "units", Key: [2]int64{1, 0}}.Encode(),
		Cursor{List: "results", Key: [2]int64{-1, 0}}.Encode(), "!!!"} {
		if _, err := DecodeCursor("results", bad); err != ErrBadCursor {
			t.Errorf("DecodeCursor(%q) = %v, want ErrBadCursor", bad, err)
		}
	}
}

func TestPageSize(t *testing.T) {
	for in, want := range map[string]int{"": DefaultPageSize, "1": 1, "1000": 1000, "0": 0, "1001": 0, "x": 0, "-5": 0} {
		n, err := PageSize(in)
		if (want == 0) != (err != nil) || n != want {
			t.Errorf("PageSize(%q) = %d, %v; want %d", in, n, err, want)
		}
	}
}

func TestScopeStatusesNeverDrafts(t *testing.T) {
	for _, sc := range []Scope{{}, {Submitted: true}} {
		for _, s := range sc.Statuses() {
			if s != "approved" && s != "submitted" {
				t.Errorf("%+v counts %q", sc, s)
			}
		}
	}
	if len((Scope{}).Statuses()) != 1 {
		t.Error("a client without the submitted scope reads submitted reports")
	}
	if !(Scope{}).HasPlan(7) || (Scope{Plans: []int64{3}}).HasPlan(7) || !(Scope{Plans: []int64{3, 7}}).HasPlan(7) {
		t.Error("HasPlan")
	}
}

// The bucket holds burst calls, refills at the rate, tells how long to wait, and keeps
// clients apart.
func TestLimiter(t *testing.T) {
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(60, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.Allow(1); !ok {
			t.Fatalf("call %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow(1)
	if ok || wait <= 0 || wait > time.Second {
		t.Fatalf("past the burst: %v, wait %v", ok, wait)
	}
	if ok, _ := l.Allow(2); !ok {
		t.Fatal("another client is slowed")
	}
	now = now.Add(time.Second)
	if ok, _ := l.Allow(1); !ok {
		t.Fatal("a token did not come back after a second at 60 a minute")
	}
	if ok, _ := l.Allow(1); ok {
		t.Fatal("two tokens came back after a second")
	}
}

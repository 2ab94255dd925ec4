package store_test

import (
	"testing"

	"github.com/vn-cchc/cchc/internal/store"
)

func TestPageLookaheadKeepsOffsets(t *testing.T) {
	cases := []struct {
		p             store.Page
		offset, limit int
	}{
		{store.Page{Number: 1, Size: 12}, 0, 12},
		{store.Page{Number: 2, Size: 12}, 12, 12},
		{store.Page{Number: 2, Size: 12, Lookahead: true}, 12, 13}, // row 12 is page 2's first, not skipped
		{store.Page{Number: 0, Size: 0}, 0, 50},
		{store.Page{Number: 3, Size: 500}, 100, 50},
	}
	for _, tc := range cases {
		if tc.p.Offset() != tc.offset || tc.p.Limit() != tc.limit {
			t.Errorf("%+v: offset %d limit %d, want %d %d", tc.p, tc.p.Offset(), tc.p.Limit(), tc.offset, tc.limit)
		}
	}
}

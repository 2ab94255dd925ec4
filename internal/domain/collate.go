package domain

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A Collator keeps scratch buffers and is not safe for concurrent use, while
// building one per comparison is slow; a pool gives each goroutine its own.
var viCollators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// CompareVI orders strings as a Vietnamese reader expects: tones after the
// bare letter (Anh < Ánh) and Đ as its own letter after D, which byte order
// gets wrong.
func CompareVI(a, b string) int {
	c := viCollators.Get().(*collate.Collator)
	defer viCollators.Put(c)
	return c.CompareString(a, b)
}

// SortStringsVI sorts s in place in Vietnamese order.
func SortStringsVI(s []string) {
	SortByVI(s, func(x string) string { return x })
}

// SortByVI sorts items in place by a Vietnamese name, e.g. units by Name.
// Equal names keep their order so a secondary sort done before survives.
func SortByVI[T any](items []T, name func(T) string) {
	c := viCollators.Get().(*collate.Collator)
	defer viCollators.Put(c)
	slices.SortStableFunc(items, func(a, b T) int { return c.CompareString(name(a), name(b)) })
}

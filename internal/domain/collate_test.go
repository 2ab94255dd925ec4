package domain_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestSortStringsVI(t *testing.T) {
	s := []string{"Văn phòng Sở", "Ban Thi đua", "Đội", "Dân", "Ánh", "Anh"}
	domain.SortStringsVI(s)
	want := []string{"Anh", "Ánh", "Ban Thi đua", "Dân", "Đội", "Văn phòng Sở"}
	if !slices.Equal(s, want) {
		t.Errorf("SortStringsVI = %v; want %v", s, want)
	}
}

func TestCompareVI(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"Anh", "Ánh", -1},
		{"D", "Đ", -1},
		{"Dz", "Đa", -1}, // Đ is a letter after D, not an accented D
		{"Đội", "Em", -1},
		{"ơ", "ô", 1}, // o < ô < ơ
		{"Phòng", "Phòng", 0},
		{"Pho\u0300ng", "Phòng", 0}, // decomposed input compares equal to composed
	}
	for _, tc := range tests {
		if got := domain.CompareVI(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVI(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSortByVIStableAndConcurrent(t *testing.T) {
	type unit struct{ name, code string }
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				u := []unit{{"Đội", "1"}, {"Anh", "2"}, {"Đội", "3"}, {"Dân", "4"}}
				domain.SortByVI(u, func(x unit) string { return x.name })
				if u[0].code != "2" || u[1].code != "4" || u[2].code != "1" || u[3].code != "3" {
					t.Errorf("SortByVI = %v", u)
					return
				}
			}
		})
	}
	wg.Wait()
}

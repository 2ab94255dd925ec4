package domain_test

import (
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestClosingEarly(t *testing.T) {
	deadline := day(2024, 6, 10)
	tests := []struct {
		name     string
		deadline time.Time
		now      time.Time
		want     bool
	}{
		{"a week before", deadline, day(2024, 6, 3), true},
		{"on the deadline day, evening", deadline, day(2024, 6, 10).Add(22 * time.Hour), true},
		{"the day after", deadline, day(2024, 6, 11), false},
		{"UTC clock still on the 10th, Hanoi on the 11th", deadline, time.Date(2024, 6, 10, 17, 30, 0, 0, time.UTC), false},
		{"no deadline", time.Time{}, day(2024, 6, 1), false},
	}
	for _, tc := range tests {
		if got := domain.ClosingEarly(tc.deadline, tc.now); got != tc.want {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.want)
		}
	}
}

package jobs

import (
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestSchedulesRunInProvinceTime(t *testing.T) {
	at := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, domain.Location)
	}
	tests := []struct {
		name     string
		schedule interface{ Next(time.Time) time.Time }
		current  time.Time
		want     time.Time
	}{
		{"before 07:00: today", DailyAt{7, 0}, at(2027, 4, 7, 6, 59), at(2027, 4, 7, 7, 0)},
		{"at 07:00: tomorrow", DailyAt{7, 0}, at(2027, 4, 7, 7, 0), at(2027, 4, 8, 7, 0)},
		// 23:30 UTC on the 6th is 06:30 on the 7th in Vietnam
		{"a UTC clock still on the day before", DailyAt{7, 0}, time.Date(2027, 4, 6, 23, 30, 0, 0, time.UTC), at(2027, 4, 7, 7, 0)},
		{"end of month", DailyAt{7, 0}, at(2027, 4, 30, 8, 0), at(2027, 5, 1, 7, 0)},
		{"Monday 08:00 from a Wednesday", WeeklyAt{time.Monday, 8, 0}, at(2027, 4, 7, 9, 0), at(2027, 4, 12, 8, 0)},
		{"Monday 08:00 from Monday 07:00", WeeklyAt{time.Monday, 8, 0}, at(2027, 4, 12, 7, 0), at(2027, 4, 12, 8, 0)},
		{"Monday 08:00 from Monday 08:00", WeeklyAt{time.Monday, 8, 0}, at(2027, 4, 12, 8, 0), at(2027, 4, 19, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.schedule.Next(tt.current); !got.Equal(tt.want) {
				t.Fatalf("Next(%v) = %v, want %v", tt.current, got, tt.want)
			}
		})
	}
}

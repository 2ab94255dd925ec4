package domain_test

import (
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestReportTimeliness(t *testing.T) {
	deadline := day(2024, 6, 10)
	at := func(t time.Time) *time.Time { return &t }
	tests := []struct {
		name      string
		deadline  time.Time
		submitted *time.Time
		now       time.Time
		want      domain.Timeliness
	}{
		{"early", deadline, at(day(2024, 6, 3)), day(2024, 6, 20), domain.OnTime},
		{"last minute of deadline day", deadline, at(day(2024, 6, 10).Add(23*time.Hour + 59*time.Minute)), day(2024, 6, 20), domain.OnTime},
		{"deadline day evening, server in UTC", deadline, at(time.Date(2024, 6, 10, 16, 59, 0, 0, time.UTC)), day(2024, 6, 20), domain.OnTime},
		{"just after midnight", deadline, at(day(2024, 6, 11).Add(time.Minute)), day(2024, 6, 20), domain.Late},
		{"UTC clock still on the 10th, Hanoi on the 11th", deadline, at(time.Date(2024, 6, 10, 17, 30, 0, 0, time.UTC)), day(2024, 6, 20), domain.Late},
		{"not sent, before", deadline, nil, day(2024, 6, 1), domain.Pending},
		{"not sent, on the day", deadline, nil, day(2024, 6, 10).Add(22 * time.Hour), domain.Pending},
		{"not sent, after", deadline, nil, day(2024, 6, 11), domain.Overdue},
		{"no deadline, not sent", time.Time{}, nil, day(2024, 6, 11), domain.NotSubmitted},
		{"no deadline, sent", time.Time{}, at(day(2024, 6, 11)), day(2024, 6, 11), domain.OnTime},
	}
	for _, tc := range tests {
		if got := domain.ReportTimeliness(tc.deadline, tc.submitted, tc.now); got != tc.want {
			t.Errorf("%s: got %s; want %s", tc.name, got, tc.want)
		}
	}
}

func TestDaysUntil(t *testing.T) {
	deadline := day(2024, 6, 10)
	tests := []struct {
		now  time.Time
		want int
	}{
		{day(2024, 6, 10), 0},
		{day(2024, 6, 10).Add(23 * time.Hour), 0},
		{day(2024, 6, 9).Add(23 * time.Hour), 1},
		{day(2024, 5, 31), 10},
		{day(2024, 6, 13), -3},
		{day(2023, 6, 10), 366},
		{time.Date(2024, 6, 9, 17, 0, 0, 0, time.UTC), 0}, // already the 10th in Hanoi
	}
	for _, tc := range tests {
		if got := domain.DaysUntil(deadline, tc.now); got != tc.want {
			t.Errorf("DaysUntil(10/06, %v) = %d; want %d", tc.now, got, tc.want)
		}
	}
}

func TestTimelinessLabel(t *testing.T) {
	tests := []struct {
		t      domain.Timeliness
		vi, en string
	}{
		{domain.OnTime, "Đúng hạn", "On time"},
		{domain.Late, "Trễ hạn", "Late"},
		{domain.NotSubmitted, "Chưa nộp", "Not submitted"},
		{domain.Overdue, "Quá hạn chưa nộp", "Overdue"},
		{domain.Pending, "Chưa đến hạn", "Not yet due"},
		{"odd", "odd", "odd"},
	}
	for _, tc := range tests {
		if got := tc.t.Label(domain.LangVI); got != tc.vi {
			t.Errorf("%s vi = %q; want %q", tc.t, got, tc.vi)
		}
		if got := tc.t.Label(domain.LangEN); got != tc.en {
			t.Errorf("%s en = %q; want %q", tc.t, got, tc.en)
		}
	}
}

package domain

import (
	"testing"
	"time"
)

func TestReminderFor(t *testing.T) {
	deadline := time.Date(2027, 4, 10, 0, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2027, 4, d, 7, 0, 0, 0, Location) }
	days := []int{7, 3, 1}
	tests := []struct {
		name   string
		today  time.Time
		status ReportStatus
		closed bool
		days   []int
		want   Reminder
		ok     bool
	}{
		{"eight days before: nothing yet", day(2), "", false, days, Reminder{}, false},
		{"seven days before", day(3), "", false, days, Reminder{NotifyDeadline, 7, 7}, true},
		{"five days before answers the 7-day reminder (told once)", day(5), StatusDraft, false, days, Reminder{NotifyDeadline, 7, 5}, true},
		{"three days before", day(7), "not_started", false, days, Reminder{NotifyDeadline, 3, 3}, true},
		{"three days before, returned", day(7), StatusReturned, false, days, Reminder{NotifyDeadline, 3, 3}, true},
		{"three days before, submitted: nothing", day(7), StatusSubmitted, false, days, Reminder{}, false},
		{"three days before, approved: nothing", day(7), StatusApproved, false, days, Reminder{}, false},
		{"one day before", day(9), "", false, days, Reminder{NotifyDeadline, 1, 1}, true},
		{"due today: nothing", day(10), "", false, days, Reminder{}, false},
		{"the day after: overdue", day(11), "", false, days, Reminder{NotifyOverdue, 0, 1}, true},
		{"a week after: still overdue (made up)", day(17), StatusDraft, false, days, Reminder{NotifyOverdue, 0, 7}, true},
		{"eight days after: too old to announce", day(18), "", false, days, Reminder{}, false},
		{"overdue but submitted late: nothing", day(11), StatusSubmitted, false, days, Reminder{}, false},
		{"closed period: nothing", day(7), "", true, days, Reminder{}, false},
		{"office's own days, unsorted", day(5), "", false, []int{2, 5, 10}, Reminder{NotifyDeadline, 5, 5}, true},
		{"no reminder days: only overdue", day(7), "", false, nil, Reminder{}, false},
		{"past midnight in Vietnam is the next day, whatever UTC says", time.Date(2027, 4, 8, 18, 30, 0, 0, time.UTC), "", false, days, Reminder{NotifyDeadline, 1, 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ReminderFor(deadline, tt.today, tt.status, tt.closed, tt.days)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("ReminderFor = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReminderKeyAndRoles(t *testing.T) {
	r := Reminder{Kind: NotifyDeadline, Threshold: 3, DaysLeft: 2}
	if got := r.Key(5, 12); got != "deadline:3:unit:5:period:12" {
		t.Fatalf("Key = %q", got)
	}
	if got := NotifyRoles(NotifyOverdue); len(got) != 3 || got[2] != "unit_head" {
		t.Fatalf("overdue roles = %v: the unit's head is told too", got)
	}
	for _, role := range NotifyRoles(NotifyDeadline) {
		if role == "unit_head" {
			t.Fatal("the head is not reminded before the deadline, only told when it has passed")
		}
	}
}

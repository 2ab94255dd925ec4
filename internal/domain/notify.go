package domain

import (
	"fmt"
	"slices"
	"time"
)

// NotificationKind is what a notification tells; users choose per kind how they hear of it.
type NotificationKind string

const (
	NotifyDeadline NotificationKind = "deadline" // a deadline is near and the report not sent
	NotifyOverdue  NotificationKind = "overdue"  // the deadline passed and the report not sent
)

// DefaultReminderDays are the days before a deadline a unit is reminded, until the reform
// office sets others.
var DefaultReminderDays = []int{7, 3, 1}

// Roles told of each kind: a reminder goes to those who fill the unit's report; an overdue
// notice to them and to the unit's head.
var notifyRoles = map[NotificationKind][]string{
	NotifyDeadline: {"staff", "reform_office"},
	NotifyOverdue:  {"staff", "reform_office", "unit_head"},
}

// NotifyRoles are the roles of a unit's users who are told of kind.
func NotifyRoles(kind NotificationKind) []string { return notifyRoles[kind] }

// overdueWindow bounds how late an overdue notice may still go out: a day or two of an
// instance being down is caught up, a report months late is not announced on deployment.
const overdueWindow = 7

// Reminder is what a unit is owed about one period's deadline on one day.
type Reminder struct {
	Kind NotificationKind
	// Threshold is the reminder day it answers (7, 3, 1…; 0 for overdue): with the unit and
	// period it makes the reminder "the same thing", told once.
	Threshold int
	// DaysLeft is what the text says: days to the deadline (overdue: days past it).
	DaysLeft int
}

// Key is the reminder's dedup key for a unit's report in a period.
func (r Reminder) Key(unitID, periodID int64) string {
	return fmt.Sprintf("%s:%d:unit:%d:period:%d", r.Kind, r.Threshold, unitID, periodID)
}

// ReminderFor decides what a unit is owed today about a period's deadline, given its
// report's status ("" or "not_started" when not begun) and the reminder days. Nothing for
// a report submitted or approved, nor for a closed period. Before the deadline it is the
// nearest reminder day not yet passed: a day missed while no instance ran is made up
// (days 4 and 5 answer the 7-day reminder, which is told once), never repeated. From the
// day after the deadline, for a week, the overdue notice.
func ReminderFor(deadline, today time.Time, status ReportStatus, closed bool, days []int) (Reminder, bool) {
	if closed || status == StatusSubmitted || status == StatusApproved {
		return Reminder{}, false
	}
	left := DaysUntil(deadline, today)
	if left < 0 {
		if -left > overdueWindow {
			return Reminder{}, false
		}
		return Reminder{Kind: NotifyOverdue, DaysLeft: -left}, true
	}
	if left == 0 {
		return Reminder{}, false // due today: the 1-day reminder said so yesterday
	}
	sorted := slices.Sorted(slices.Values(days))
	for _, d := range sorted {
		if d >= left {
			return Reminder{Kind: NotifyDeadline, Threshold: d, DaysLeft: left}, true
		}
	}
	return Reminder{}, false
}

package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// What happens to a report, and the digests.
const (
	NotifyReturned   NotificationKind = "returned"       // the reform office returned the unit's report, with its comment
	NotifyApproved   NotificationKind = "approved"       // the unit's report was approved
	NotifyReopened   NotificationKind = "reopened"       // an approved report was reopened, with the reason
	NotifyComment    NotificationKind = "comment"        // the director or the reform office commented on the unit's report
	NotifySubmitted  NotificationKind = "submitted"      // a unit submitted its report: the reform office reviews it
	NotifyLateDigest NotificationKind = "late_digest"    // each morning: which units are late
	NotifyWeekly     NotificationKind = "weekly_summary" // each Monday: where the plan stands, for the director
)

// NotificationKinds are every kind, in the order the preferences page lists them.
var NotificationKinds = []NotificationKind{NotifyDeadline, NotifyOverdue, NotifyReturned, NotifyApproved, NotifyReopened,
	NotifyComment, NotifySubmitted, NotifyLateDigest, NotifyWeekly}

func init() {
	unit := []string{"staff", "unit_head", "reform_office"}
	notifyRoles[NotifyReturned] = unit
	notifyRoles[NotifyApproved] = unit
	notifyRoles[NotifyReopened] = unit
	notifyRoles[NotifyComment] = unit
	notifyRoles[NotifySubmitted] = []string{"reform_office"}
	notifyRoles[NotifyLateDigest] = []string{"reform_office"}
	notifyRoles[NotifyWeekly] = []string{"director"}
}

// ReviewKind is what a unit is told when its report is approved, returned or reopened.
func ReviewKind(a ReportAction) (NotificationKind, bool) {
	switch a {
	case ActionApprove:
		return NotifyApproved, true
	case ActionReturn:
		return NotifyReturned, true
	case ActionReopen:
		return NotifyReopened, true
	}
	return "", false
}

// UnitWide reports whether kind goes to a unit's users (whose unit is the report's), not
// to everyone of a role.
func UnitWide(kind NotificationKind) bool {
	switch kind {
	case NotifySubmitted, NotifyLateDigest, NotifyWeekly:
		return false
	}
	return true
}

// EventKey is the dedup key of something that happened to a report: each version of a
// report happens once, so a retried transaction or a double click tells nobody twice.
func EventKey(kind NotificationKind, reportID int64, version int) string {
	return fmt.Sprintf("%s:report:%d:v%d", kind, reportID, version)
}

// DeliveryMode is how a user hears of a kind by e-mail: at once, in the morning's digest,
// or not at all. In-app notifications are kept whatever the mode.
type DeliveryMode string

const (
	ModeImmediate DeliveryMode = "immediate"
	ModeDigest    DeliveryMode = "digest"
	ModeOff       DeliveryMode = "off"
)

// Valid reports whether m is a mode.
func (m DeliveryMode) Valid() bool { return m == ModeImmediate || m == ModeDigest || m == ModeOff }

// DefaultMode is a kind's mode until the user chooses: the director's weekly summary is
// off (it is produced only for those who ask for it), everything else is sent at once.
func DefaultMode(kind NotificationKind) DeliveryMode {
	if kind == NotifyWeekly {
		return ModeOff
	}
	return ModeImmediate
}

// OptIn reports whether a kind is produced only for users who chose a mode other than off.
func OptIn(kind NotificationKind) bool { return DefaultMode(kind) == ModeOff }

// KindsFor are the kinds a role may receive: what its preferences page offers.
func KindsFor(role string) []NotificationKind {
	var out []NotificationKind
	for _, k := range NotificationKinds {
		for _, r := range notifyRoles[k] {
			if r == role {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// ReminderDaysSetting is the app setting holding the reform office's reminder days.
const ReminderDaysSetting = "reminder_days"

// ParseReminderDays reads "7, 3, 1": whole days from 1 to 60, each once, largest first.
func ParseReminderDays(v string) ([]int, error) {
	var days []int
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		d, err := strconv.Atoi(f)
		if err != nil || d < 1 || d > 60 {
			return nil, fmt.Errorf("reminder day %q: want a whole number of days from 1 to 60", f)
		}
		if !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	slices.SortFunc(days, func(a, b int) int { return b - a })
	return days, nil
}

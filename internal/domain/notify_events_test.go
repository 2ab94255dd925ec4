package domain

import (
	"fmt"
	"testing"
)

// Who gets what: the unit hears of what happens to its report, the reform office of
// submissions and the late, the director of the weekly summary only when asked.
func TestWhoIsToldWhat(t *testing.T) {
	tests := []struct {
		kind    NotificationKind
		roles   string
		unit    bool
		mode    DeliveryMode
		forRole string
		offered bool
	}{
		{NotifyDeadline, "[staff reform_office]", true, ModeImmediate, "unit_head", false},
		{NotifyOverdue, "[staff reform_office unit_head]", true, ModeImmediate, "unit_head", true},
		{NotifyReturned, "[staff unit_head reform_office]", true, ModeImmediate, "staff", true},
		{NotifyApproved, "[staff unit_head reform_office]", true, ModeImmediate, "staff", true},
		{NotifyReopened, "[staff unit_head reform_office]", true, ModeImmediate, "director", false},
		{NotifyComment, "[staff unit_head reform_office]", true, ModeImmediate, "staff", true},
		{NotifySubmitted, "[reform_office]", false, ModeImmediate, "staff", false},
		{NotifyLateDigest, "[reform_office]", false, ModeImmediate, "reform_office", true},
		{NotifyWeekly, "[director]", false, ModeOff, "director", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			if got := fmt.Sprint(NotifyRoles(tt.kind)); got != tt.roles {
				t.Errorf("roles %s, want %s", got, tt.roles)
			}
			if UnitWide(tt.kind) != tt.unit {
				t.Errorf("unit-wide %v, want %v", UnitWide(tt.kind), tt.unit)
			}
			if DefaultMode(tt.kind) != tt.mode || OptIn(tt.kind) != (tt.mode == ModeOff) {
				t.Errorf("default mode %s, want %s", DefaultMode(tt.kind), tt.mode)
			}
			offered := false
			for _, k := range KindsFor(tt.forRole) {
				offered = offered || k == tt.kind
			}
			if offered != tt.offered {
				t.Errorf("offered to %s: %v, want %v", tt.forRole, offered, tt.offered)
			}
		})
	}
	if k, ok := ReviewKind(ActionReturn); !ok || k != NotifyReturned {
		t.Error("a return tells the unit it was returned")
	}
	if _, ok := ReviewKind(ActionSave); ok {
		t.Error("a save tells nobody")
	}
	if got := EventKey(NotifyApproved, 7, 4); got != "approved:report:7:v4" {
		t.Errorf("EventKey = %q", got)
	}
}

func TestParseReminderDays(t *testing.T) {
	for _, bad := range []string{"0", "3,x", "61", "-1"} {
		if _, err := ParseReminderDays(bad); err == nil {
			t.Errorf("ParseReminderDays(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{" 1, 7,3,7 ": "[7 3 1]", "": "[]", "14": "[14]"} {
		if d, err := ParseReminderDays(in); err != nil || fmt.Sprint(d) != want {
			t.Errorf("ParseReminderDays(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
}

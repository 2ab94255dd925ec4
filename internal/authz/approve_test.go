package authz

import "testing"

// TestApproveReport: separation of duties as a table. The reform office (unit CCHC) may
// approve another unit's report, and its own only when separation is off; the director
// any; nobody else, either way.
func TestApproveReport(t *testing.T) {
	reform := Principal{UserID: 20, Role: RoleReformOffice, UnitID: unitCCHC}
	director := Principal{UserID: 21, Role: RoleDirector}
	headCCHC := Principal{UserID: 22, Role: RoleUnitHead, UnitID: unitCCHC}
	cases := []struct {
		who        string
		p          Principal
		unit       int64
		separation bool
		want       Decision
	}{
		{"reform office, another unit, separation on", reform, unitA, true, Allow},
		{"reform office, another unit, separation off", reform, unitA, false, Allow},
		{"reform office, its own unit, separation on", reform, unitCCHC, true, Deny},
		{"reform office, its own unit, separation off", reform, unitCCHC, false, Allow},
		{"reform office, any report at all (route check)", reform, 0, true, Allow},
		{"director, the reform office's unit, separation on", director, unitCCHC, true, Allow},
		{"director, another unit, separation off", director, unitA, false, Allow},
		{"director, any report at all", director, 0, true, Allow},
		{"staff of the unit", staffA, unitA, false, Deny},
		{"unit head of the reform office's unit", headCCHC, unitCCHC, false, Deny},
		{"admin", admin, unitA, false, Deny},
		{"anonymous", anon, unitA, false, Deny},
		{"reform office without a unit", Principal{UserID: 23, Role: RoleReformOffice}, unitA, true, Allow},
	}
	for _, tc := range cases {
		t.Run(tc.who, func(t *testing.T) {
			if got := ApproveReport(tc.p, tc.unit, tc.separation); got != tc.want {
				t.Errorf("ApproveReport(%s, unit %d, separation %v) = %s, want %s", tc.p.Role, tc.unit, tc.separation, decisions[got], decisions[tc.want])
			}
		})
	}
}

package authz

import "testing"

const unitA, unitB, unitCCHC = 1, 2, 3

var (
	anon      = Principal{}
	staffA    = Principal{UserID: 10, Role: RoleStaff, UnitID: unitA}
	headA     = Principal{UserID: 11, Role: RoleUnitHead, UnitID: unitA}
	staffB    = Principal{UserID: 12, Role: RoleStaff, UnitID: unitB}
	reform    = Principal{UserID: 13, Role: RoleReformOffice, UnitID: unitCCHC}
	director  = Principal{UserID: 14, Role: RoleDirector}
	admin     = Principal{UserID: 15, Role: RoleAdmin}
	decisions = map[Decision]string{Deny: "deny", Hide: "hide", Allow: "allow"}
)

func TestDecide(t *testing.T) {
	cases := []struct {
		who    string
		p      Principal
		action Action
		unit   int64
		want   Decision
	}{
		{"anonymous reads", anon, ViewUnitReports, unitA, Deny},
		{"staff reads own unit", staffA, ViewUnitReports, unitA, Allow},
		{"staff reads other unit", staffA, ViewUnitReports, unitB, Hide},
		{"head reads other unit", headA, ViewUnitReports, unitB, Hide},
		{"reform office reads any unit", reform, ViewUnitReports, unitA, Allow},
		{"director reads any unit", director, ViewUnitReports, unitB, Allow},
		{"admin reads any unit", admin, ViewUnitReports, unitB, Allow},

		{"staff edits own", staffA, EditUnitReport, unitA, Allow},
		{"head edits own", headA, EditUnitReport, unitA, Allow},
		{"staff edits other", staffB, EditUnitReport, unitA, Hide},
		{"staff without unit edits", Principal{UserID: 1, Role: RoleStaff}, EditUnitReport, unitA, Hide},
		{"reform office edits its own unit", reform, EditUnitReport, unitCCHC, Allow},
		{"reform office edits another unit", reform, EditUnitReport, unitA, Deny},
		{"director edits", director, EditUnitReport, unitA, Deny},
		{"admin edits", admin, EditUnitReport, unitA, Deny},

		{"staff submits own", staffA, SubmitReport, unitA, Allow},
		{"staff submits other", staffA, SubmitReport, unitB, Hide},
		{"director submits", director, SubmitReport, unitA, Deny},

		{"reform office reviews", reform, ReviewReports, unitA, Allow},
		{"staff reviews", staffA, ReviewReports, unitA, Deny},
		{"director reviews", director, ReviewReports, unitA, Deny},
		{"admin reviews", admin, ReviewReports, unitA, Deny},
		{"reform office reopens", reform, ReopenReport, unitA, Allow},
		{"head reopens", headA, ReopenReport, unitA, Deny},

		{"director sees all units", director, ViewAllUnits, 0, Allow},
		{"reform office sees all units", reform, ViewAllUnits, 0, Allow},
		{"admin sees all units", admin, ViewAllUnits, 0, Allow},
		{"staff does not see all units", staffA, ViewAllUnits, 0, Deny},

		{"reform office manages plans", reform, ManagePlans, 0, Allow},
		{"director manages plans", director, ManagePlans, 0, Deny},
		{"admin manages plans", admin, ManagePlans, 0, Deny},

		{"reform office exports", reform, ExportReports, 0, Allow},
		{"director exports", director, ExportReports, 0, Allow},
		{"staff exports", staffA, ExportReports, 0, Deny},

		{"director comments", director, Comment, unitA, Allow},
		{"staff comments", staffA, Comment, unitA, Deny},

		{"admin manages users", admin, AdminUsers, 0, Allow},
		{"reform office manages users", reform, AdminUsers, 0, Deny},
		{"director manages users", director, AdminUsers, 0, Deny},
		{"admin reads audit", admin, ViewAudit, 0, Allow},
		{"director reads audit", director, ViewAudit, 0, Deny},

		{"unknown action", admin, Action("fly"), 0, Deny},
	}
	for _, tc := range cases {
		t.Run(tc.who, func(t *testing.T) {
			if got := Decide(tc.p, tc.action, tc.unit); got != tc.want {
				t.Errorf("Decide(%s, %s, unit %d) = %s, want %s", tc.p.Role, tc.action, tc.unit, decisions[got], decisions[tc.want])
			}
		})
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles() {
		if !r.Valid() || r.Label("vi") == string(r) || r.Label("en") == string(r) {
			t.Errorf("role %q lacks validity or labels", r)
		}
	}
	if Role("root").Valid() {
		t.Error("unknown role is valid")
	}
	if !RoleStaff.NeedsUnit() || RoleDirector.NeedsUnit() {
		t.Error("NeedsUnit wrong")
	}
}

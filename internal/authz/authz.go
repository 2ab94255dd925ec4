// Package authz is the one authorization policy: what each role may do with each unit's
// records. Handlers ask it before every read or write; it knows nothing of HTTP or SQL.
package authz

import "github.com/vn-cchc/cchc/internal/i18n"

// Role is a user's role in the portal.
type Role string

const (
	RoleStaff        Role = "staff"         // chuyên viên đơn vị
	RoleUnitHead     Role = "unit_head"     // lãnh đạo đơn vị
	RoleReformOffice Role = "reform_office" // Phòng CCHC, the standing reform body
	RoleDirector     Role = "director"      // Giám đốc / Phó Giám đốc Sở
	RoleAdmin        Role = "admin"         // quản trị hệ thống
)

// Roles lists every role in the order the admin pages offer them.
func Roles() []Role {
	return []Role{RoleStaff, RoleUnitHead, RoleReformOffice, RoleDirector, RoleAdmin}
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles() {
		if r == k {
			return true
		}
	}
	return false
}

// NeedsUnit reports whether users of this role must belong to a unit.
func (r Role) NeedsUnit() bool {
	return r == RoleStaff || r == RoleUnitHead || r == RoleReformOffice
}

// Label is the role's name for the UI.
func (r Role) Label(lang string) string {
	l := i18n.Parse(lang)
	switch r {
	case RoleStaff:
		return i18n.Translate(l, "authz.role.staff")
	case RoleUnitHead:
		return i18n.Translate(l, "authz.role.unit_head")
	case RoleReformOffice:
		return i18n.Translate(l, "authz.role.reform_office")
	case RoleDirector:
		return i18n.Translate(l, "authz.role.director")
	case RoleAdmin:
		return i18n.Translate(l, "authz.role.admin")
	}
	return string(r)
}

// Principal is who is asking: the signed-in user as far as authorization cares.
type Principal struct {
	UserID int64
	Role   Role
	UnitID int64 // 0 when the user belongs to no unit
}

// Anonymous reports whether nobody is signed in.
func (p Principal) Anonymous() bool { return p.UserID == 0 }

// Action is something done to a unit's records or to the portal as a whole.
type Action string

const (
	ViewUnitReports Action = "view_unit_reports" // read a unit's reports, results and evidence
	EditUnitReport  Action = "edit_unit_report"  // enter results, upload evidence, save a draft
	SubmitReport    Action = "submit_report"     // send the unit's report to the reform office
	ReviewReports   Action = "review_reports"    // approve or return any unit's report
	ReopenReport    Action = "reopen_report"     // unlock an approved report
	ViewAllUnits    Action = "view_all_units"    // dashboard and drill-downs across every unit
	ManagePlans     Action = "manage_plans"      // plans, targets, tasks, assignments, periods
	ExportReports   Action = "export_reports"    // the province's periodic reports
	Comment         Action = "comment"           // leave a comment on a report
	DraftDocuments  Action = "draft_documents"   // draft, edit and submit the reports the department files
	SignDocuments   Action = "sign_documents"    // return or sign and issue a report submitted for signature
	AdminUsers      Action = "admin_users"       // users and units
	ViewAudit       Action = "view_audit"        // the audit log
)

// Actions lists every action, for tests that go through all of them.
func Actions() []Action {
	return []Action{ViewUnitReports, EditUnitReport, SubmitReport, ReviewReports, ReopenReport,
		ViewAllUnits, ManagePlans, ExportReports, Comment, DraftDocuments, SignDocuments, AdminUsers, ViewAudit}
}

// Decision is the answer to a question of the policy.
type Decision int

const (
	// Deny means the role may not do this at all: the portal answers 403.
	Deny Decision = iota
	// Hide means the record belongs to another unit: the portal answers 404 so
	// ids of other units' records cannot be probed.
	Hide
	// Allow means go ahead.
	Allow
)

// Decide answers whether p may do a to the records of unit unitID (0 for portal-wide actions).
func Decide(p Principal, a Action, unitID int64) Decision {
	if p.Anonymous() {
		return Deny
	}
	own := p.UnitID != 0 && unitID != 0 && p.UnitID == unitID
	switch a {
	case ViewUnitReports:
		switch p.Role {
		case RoleDirector, RoleReformOffice, RoleAdmin:
			return Allow
		}
		return ownOrHide(own)
	case EditUnitReport, SubmitReport:
		// Anyone who belongs to the unit enters its report; nobody outside it can,
		// not even the reform office, which reviews instead.
		switch p.Role {
		case RoleStaff, RoleUnitHead, RoleReformOffice:
			if own {
				return Allow
			}
			if p.Role == RoleReformOffice {
				return Deny
			}
			return Hide
		case RoleDirector, RoleAdmin:
			return Deny
		}
	case ReviewReports, ReopenReport, ManagePlans:
		return allowIf(p.Role == RoleReformOffice)
	case ViewAllUnits:
		return allowIf(p.Role == RoleDirector || p.Role == RoleReformOffice || p.Role == RoleAdmin)
	case ExportReports:
		return allowIf(p.Role == RoleDirector || p.Role == RoleReformOffice)
	case Comment:
		return allowIf(p.Role == RoleDirector || p.Role == RoleReformOffice)
	case DraftDocuments:
		return allowIf(p.Role == RoleReformOffice)
	case SignDocuments:
		return allowIf(p.Role == RoleDirector)
	case AdminUsers, ViewAudit:
		return allowIf(p.Role == RoleAdmin)
	}
	return Deny
}

// Can is Decide == Allow, for deciding what to show.
func Can(p Principal, a Action, unitID int64) bool { return Decide(p, a, unitID) == Allow }

func allowIf(ok bool) Decision {
	if ok {
		return Allow
	}
	return Deny
}

func ownOrHide(own bool) Decision {
	if own {
		return Allow
	}
	return Hide
}

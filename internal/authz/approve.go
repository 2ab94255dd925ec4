package authz

// ApproveReport decides whether p may approve a report of unit reportUnit. The reform
// office reviews every unit's report; with separation of duties on (SEPARATION_OF_DUTIES,
// the default) it may not approve a report of its own unit, which the director approves
// instead: nobody signs off their own unit's work. The director may approve any report.
// reportUnit 0 asks whether p may approve any report at all (the routes' first check).
func ApproveReport(p Principal, reportUnit int64, separation bool) Decision {
	switch {
	case p.Anonymous():
		return Deny
	case p.Role == RoleDirector:
		return Allow
	case p.Role != RoleReformOffice:
		return Deny
	case separation && reportUnit != 0 && p.UnitID == reportUnit:
		return Deny
	}
	return Allow
}

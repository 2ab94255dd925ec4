package domain

// PlanStatus is where a plan is in its life: drafted, in force, or ended.
type PlanStatus string

const (
	PlanDraft  PlanStatus = "draft"  // being entered; not yet reported on
	PlanActive PlanStatus = "active" // in force: units report on it
	PlanClosed PlanStatus = "closed" // ended by the reform office: read-only, its results stay reportable
)

// PlanMove is a status change the reform office makes.
type PlanMove string

const (
	PlanActivate PlanMove = "activate"
	PlanClose    PlanMove = "close"
	PlanReopen   PlanMove = "reopen"
)

// NextPlanStatus says where a move takes a plan; ok is false when the move does not
// apply to the status (closing a draft, activating a closed plan…).
func NextPlanStatus(from PlanStatus, m PlanMove) (PlanStatus, bool) {
	switch {
	case from == PlanDraft && m == PlanActivate:
		return PlanActive, true
	case from == PlanActive && m == PlanClose:
		return PlanClosed, true
	case from == PlanClosed && m == PlanReopen:
		return PlanActive, true
	}
	return from, false
}

// PlanMoves lists the moves open from a status, in the order buttons show them.
func PlanMoves(from PlanStatus) []PlanMove {
	var out []PlanMove
	for _, m := range []PlanMove{PlanActivate, PlanClose, PlanReopen} {
		if _, ok := NextPlanStatus(from, m); ok {
			out = append(out, m)
		}
	}
	return out
}

// Editable reports whether a plan's contents may change: a closed plan is read-only.
func (s PlanStatus) Editable() bool { return s == PlanDraft || s == PlanActive }

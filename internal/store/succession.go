package store

import (
	"context"
)

// SuccessorInput is what the reform office sets on a successor plan; the rest is copied.
type SuccessorInput struct {
	Plan PlanInput // Status is ignored: a successor starts as a draft
	// Carried are the predecessor's targets it left unmet, by id.
	Carried map[int64]bool
}

// PlanLinks is where a plan stands in its line of plans.
type PlanLinks struct {
	Predecessor *PlanRef
	Successor   *PlanRef
}

// PlanRef names a plan.
type PlanRef struct {
	ID                 int64
	Code, Title        string
	StartYear, EndYear int
	Status             string
}

// TargetLink says which earlier target a target continues and whether it was carried over.
type TargetLink struct {
	ContinuesID   int64
	ContinuesCode string
	ContinuesPlan string
	CarriedOver   bool
}

// SuccessionQueries are the statements of succession.go.
type SuccessionQueries interface {
	// CreateSuccessor drafts a successor of plan predID on the caller's transaction and
	// returns its id. ErrConflict when the code is taken or the predecessor already has a
	// successor. A target with a deadline year takes the successor's end year; each-year
	// targets stay so; task dates are cleared (their notes stay) for the office to set.
	CreateSuccessor(ctx context.Context, predID int64, in SuccessorInput) (int64, error)

	// PlanLinksOf reads a plan's predecessor and successor.
	PlanLinksOf(ctx context.Context, planID int64) (PlanLinks, error)

	// TargetLinks returns the links of a plan's targets that continue earlier ones, by target id.
	TargetLinks(ctx context.Context, planID int64) (map[int64]TargetLink, error)
}

package planning

import (
	"context"
	"slices"

	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/usecase"
)

// SetEvidenceRequired marks which targets of a plan need evidence (tài liệu kiểm chứng)
// before a unit's report may be submitted; the others are unmarked. The audit entry lists
// the codes marked before and after. Like every planning use case, the router lets only
// the reform office (authz.ManagePlans) reach it.
func (s *Service) SetEvidenceRequired(ctx context.Context, a usecase.Actor, planID int64, targetIDs []int64) error {
	return s.inTx(ctx, func(tx store.Queries) error {
		if _, err := tx.LockPlan(ctx, planID); err != nil {
			return err
		}
		flags, err := tx.TargetEvidenceFlags(ctx, planID)
		if err != nil {
			return err
		}
		before, after := []string{}, []string{}
		var ids []int64
		for _, f := range flags {
			if f.Required {
				before = append(before, f.Code)
			}
			if slices.Contains(targetIDs, f.ID) {
				after = append(after, f.Code)
				ids = append(ids, f.ID)
			}
		}
		if slices.Equal(before, after) {
			return nil
		}
		if err := tx.SetEvidenceRequired(ctx, planID, ids); err != nil {
			return err
		}
		return tx.Audit(ctx, entry(a, "plan.evidence_required", "plan", planID),
			map[string]any{"evidence_required": before}, map[string]any{"evidence_required": after})
	})
}

package domain_test

import (
	"reflect"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestNextPlanStatus(t *testing.T) {
	tests := []struct {
		from domain.PlanStatus
		move domain.PlanMove
		to   domain.PlanStatus
		ok   bool
	}{
		{domain.PlanDraft, domain.PlanActivate, domain.PlanActive, true},
		{domain.PlanDraft, domain.PlanClose, domain.PlanDraft, false},
		{domain.PlanDraft, domain.PlanReopen, domain.PlanDraft, false},
		{domain.PlanActive, domain.PlanClose, domain.PlanClosed, true},
		{domain.PlanActive, domain.PlanActivate, domain.PlanActive, false},
		{domain.PlanClosed, domain.PlanReopen, domain.PlanActive, true},
		{domain.PlanClosed, domain.PlanActivate, domain.PlanClosed, false},
		{domain.PlanActive, "delete", domain.PlanActive, false},
	}
	for _, tc := range tests {
		to, ok := domain.NextPlanStatus(tc.from, tc.move)
		if to != tc.to || ok != tc.ok {
			t.Errorf("%s --%s--> %s, %v; want %s, %v", tc.from, tc.move, to, ok, tc.to, tc.ok)
		}
	}
	moves := map[domain.PlanStatus][]domain.PlanMove{
		domain.PlanDraft:  {domain.PlanActivate},
		domain.PlanActive: {domain.PlanClose},
		domain.PlanClosed: {domain.PlanReopen},
	}
	for from, want := range moves {
		if got := domain.PlanMoves(from); !reflect.DeepEqual(got, want) {
			t.Errorf("PlanMoves(%s) = %v; want %v", from, got, want)
		}
	}
	if domain.PlanClosed.Editable() || !domain.PlanDraft.Editable() || !domain.PlanActive.Editable() {
		t.Error("Editable: only draft and active plans change")
	}
}

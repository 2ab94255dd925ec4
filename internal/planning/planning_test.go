package planning_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/planning"
	"github.com/vn-cchc/cchc/internal/testdb"
	"github.com/vn-cchc/cchc/internal/usecase"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A plan's life through the use cases: a taken number is a field error, a move its status
// does not allow is a conflict, and a closed plan refuses edits; each change is audited.
func TestPlanLifeAndRefusals(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	svc := planning.New(st, testdb.Now)
	a := usecase.Actor{UserID: 0, Username: "cchc", Addr: "10.0.0.9"}
	h := domain.PlanHeader{Code: "99/KH-THU", Title: "Kế hoạch thử", IssuedOn: time.Date(2030, 1, 5, 0, 0, 0, 0, domain.Location),
		IssuedBy: "Sở Nội vụ", StartYear: 2030, EndYear: 2030, Goal: "Thử các ca sử dụng"}
	id, err := svc.CreatePlan(ctx, a, h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreatePlan(ctx, a, h); usecase.As(err) == nil || usecase.As(err).Fields["code"].Key != "plan.v.code_taken" {
		t.Fatalf("second plan with the same number: %v", err)
	}
	if _, err := svc.ChangePlanStatus(ctx, a, id, domain.PlanClose); usecase.KindOf(err) != usecase.KindConflict {
		t.Fatalf("closing a draft: %v, want a conflict", err)
	}
	for _, m := range []domain.PlanMove{domain.PlanActivate, domain.PlanClose} {
		if _, err := svc.ChangePlanStatus(ctx, a, id, m); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
	}
	h.Title = "Kế hoạch thử (sửa)"
	if err := svc.UpdatePlan(ctx, a, id, h); err != planning.ErrPlanClosed {
		t.Fatalf("editing a closed plan: %v, want ErrPlanClosed", err)
	}
	if _, err := svc.ChangePlanStatus(ctx, a, 987654, domain.PlanActivate); usecase.KindOf(err) != usecase.KindNotFound {
		t.Fatalf("a plan that does not exist: %v, want not found", err)
	}
	var n int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity = 'plan' AND entity_id = $1
		AND action IN ('plan.create', 'plan.activate', 'plan.close')`, fmt.Sprint(id)).Scan(&n); err != nil || n != 3 {
		t.Fatalf("audit entries: %d, %v; want create, activate, close", n, err)
	}
}

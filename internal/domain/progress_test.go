package domain_test

import (
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestTaskProgress(t *testing.T) {
	tests := []struct {
		p      domain.TaskProgress
		vi, en string
	}{
		{domain.ProgressNotStarted, "Chưa triển khai", "Not started"},
		{domain.ProgressInProgress, "Đang triển khai", "In progress"},
		{domain.ProgressDone, "Hoàn thành", "Done"},
		{domain.ProgressOverdue, "Quá hạn", "Overdue"},
	}
	all := domain.AllTaskProgress()
	if len(all) != len(tests) {
		t.Fatalf("AllTaskProgress() = %v", all)
	}
	for i, tc := range tests {
		if all[i] != tc.p {
			t.Errorf("AllTaskProgress()[%d] = %s; want %s", i, all[i], tc.p)
		}
		if got, ok := domain.ParseTaskProgress(" " + string(tc.p)); !ok || got != tc.p {
			t.Errorf("ParseTaskProgress(%q) = %q, %v", tc.p, got, ok)
		}
		if tc.p.Label("vi") != tc.vi || tc.p.Label("fr") != tc.vi || tc.p.Label("en") != tc.en {
			t.Errorf("%s labels = %q / %q", tc.p, tc.p.Label("vi"), tc.p.Label("en"))
		}
	}
	for _, s := range []string{"", "finished", "not started"} {
		if _, ok := domain.ParseTaskProgress(s); ok {
			t.Errorf("ParseTaskProgress(%q) accepted", s)
		}
	}
}

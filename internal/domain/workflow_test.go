package domain_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
)

func TestNextStatus(t *testing.T) {
	const (
		draft     = domain.StatusDraft
		submitted = domain.StatusSubmitted
		returned  = domain.StatusReturned
		approved  = domain.StatusApproved
		none      = domain.NotStarted
	)
	tests := []struct {
		from domain.ReportStatus
		a    domain.ReportAction
		want domain.ReportStatus // "" means refused
		msg  string              // expected Vietnamese message when refused
	}{
		{draft, domain.ActionSave, draft, ""},
		{returned, domain.ActionSave, returned, ""},
		{none, domain.ActionSave, draft, ""},
		{draft, domain.ActionSubmit, submitted, ""},
		{returned, domain.ActionSubmit, submitted, ""},
		{none, domain.ActionSubmit, submitted, ""},
		{submitted, domain.ActionReturn, returned, ""},
		{submitted, domain.ActionApprove, approved, ""},
		{approved, domain.ActionReopen, returned, ""},

		{submitted, domain.ActionSave, "", "Báo cáo đã nộp, không thể sửa"},
		{submitted, domain.ActionSubmit, "", "Báo cáo đã được nộp trước đó"},
		{submitted, domain.ActionReopen, "", "Chỉ mở lại được báo cáo đã duyệt"},
		{approved, domain.ActionSave, "", "Báo cáo đã được duyệt và bị khóa"},
		{approved, domain.ActionSubmit, "", "Báo cáo đã được duyệt và bị khóa"},
		{approved, domain.ActionReturn, "", "Báo cáo đã được duyệt và bị khóa"},
		{approved, domain.ActionApprove, "", "Báo cáo đã được duyệt và bị khóa"},
		{draft, domain.ActionReturn, "", "Báo cáo chưa nộp nên chưa thể trả lại"},
		{returned, domain.ActionReturn, "", "Báo cáo chưa nộp nên chưa thể trả lại"},
		{none, domain.ActionApprove, "", "Báo cáo chưa nộp nên chưa thể duyệt"},
		{draft, domain.ActionApprove, "", "Báo cáo chưa nộp nên chưa thể duyệt"},
		{draft, domain.ActionReopen, "", "Chỉ mở lại được báo cáo đã duyệt"},
		{returned, domain.ActionReopen, "", "Chỉ mở lại được báo cáo đã duyệt"},
		{draft, "delete", "", "Thao tác không hợp lệ với báo cáo này"},
		{"archived", domain.ActionSave, "", "Thao tác không hợp lệ với báo cáo này"},
	}
	for _, tc := range tests {
		got, err := domain.NextStatus(tc.from, tc.a, false)
		if tc.want != "" {
			if err != nil || got != tc.want {
				t.Errorf("%s + %s = %s, %v; want %s", tc.from, tc.a, got, err, tc.want)
			}
		} else {
			var te *domain.TransitionError
			if !errors.As(err, &te) || !errors.Is(err, domain.ErrTransition) || errors.Is(err, domain.ErrPeriodClosed) {
				t.Errorf("%s + %s: error %v; want a TransitionError", tc.from, tc.a, err)
				continue
			}
			if te.Message() != tc.msg || te.Msg().Text(i18n.EN) == "" || got != tc.from {
				t.Errorf("%s + %s: %q (status %s); want %q", tc.from, tc.a, te.Message(), got, tc.msg)
			}
		}

		// A closed period freezes every move, allowed or not.
		got, err = domain.NextStatus(tc.from, tc.a, true)
		if !errors.Is(err, domain.ErrPeriodClosed) || !errors.Is(err, domain.ErrTransition) || got != tc.from {
			t.Errorf("%s + %s in a closed period = %s, %v; want refusal", tc.from, tc.a, got, err)
		} else if msg := err.(*domain.TransitionError).Message(); msg != "Kỳ báo cáo đã khóa, không thể thay đổi báo cáo" {
			t.Errorf("closed period message = %q", msg)
		}
	}
}

func TestAllowedActions(t *testing.T) {
	tests := []struct {
		s      domain.ReportStatus
		closed bool
		want   []domain.ReportAction
	}{
		{domain.StatusDraft, false, []domain.ReportAction{domain.ActionSave, domain.ActionSubmit}},
		{domain.StatusReturned, false, []domain.ReportAction{domain.ActionSave, domain.ActionSubmit}},
		{domain.StatusSubmitted, false, []domain.ReportAction{domain.ActionReturn, domain.ActionApprove}},
		{domain.StatusApproved, false, []domain.ReportAction{domain.ActionReopen}},
		{domain.StatusDraft, true, nil},
	}
	for _, tc := range tests {
		if got := domain.AllowedActions(tc.s, tc.closed); !slices.Equal(got, tc.want) {
			t.Errorf("AllowedActions(%s, %v) = %v; want %v", tc.s, tc.closed, got, tc.want)
		}
	}
}

func TestReportStatusLabelsAndEditable(t *testing.T) {
	tests := []struct {
		s        domain.ReportStatus
		vi, en   string
		editable bool
	}{
		{domain.StatusDraft, "Nháp", "Draft", true},
		{domain.StatusSubmitted, "Đã nộp", "Submitted", false},
		{domain.StatusReturned, "Bị trả lại", "Returned", true},
		{domain.StatusApproved, "Đã duyệt", "Approved", false},
		{domain.NotStarted, "Chưa bắt đầu", "Not started", true},
	}
	for _, tc := range tests {
		if tc.s.Label("vi") != tc.vi || tc.s.Label("en") != tc.en || tc.s.Editable() != tc.editable {
			t.Errorf("%s: %q %q %v", tc.s, tc.s.Label("vi"), tc.s.Label("en"), tc.s.Editable())
		}
	}
	for _, a := range []domain.ReportAction{domain.ActionSave, domain.ActionSubmit, domain.ActionReturn, domain.ActionApprove, domain.ActionReopen} {
		if a.Label("vi") == string(a) || a.Label("en") == string(a) {
			t.Errorf("action %s has no label", a)
		}
	}
}

func TestCheckPeriodStarted(t *testing.T) {
	start := time.Date(2026, 12, 15, 0, 0, 0, 0, domain.Location)
	cases := []struct {
		now  time.Time
		want error
	}{
		{time.Date(2026, 12, 14, 23, 59, 0, 0, domain.Location), domain.ErrPeriodNotStarted},
		{time.Date(2026, 12, 15, 0, 0, 0, 0, domain.Location), nil},
		{time.Date(2027, 3, 1, 8, 0, 0, 0, domain.Location), nil},
	}
	for _, tc := range cases {
		if got := domain.CheckPeriodStarted(start, tc.now); got != tc.want {
			t.Errorf("CheckPeriodStarted at %s = %v, want %v", tc.now, got, tc.want)
		}
	}
	if domain.ErrPeriodNotStarted.Error() == "" {
		t.Error("no message")
	}
}

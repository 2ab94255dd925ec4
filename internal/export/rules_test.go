package export

import (
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/vn-cchc/cchc/internal/domain"
)

func TestCombineProgress(t *testing.T) {
	const (
		no   = domain.ProgressNotStarted
		in   = domain.ProgressInProgress
		done = domain.ProgressDone
		late = domain.ProgressOverdue
	)
	for _, c := range []struct {
		name string
		lead domain.TaskProgress
		all  []domain.TaskProgress
		want domain.TaskProgress
	}{
		{"nobody reported", "", nil, ""},
		{"the lead's word wins", done, []domain.TaskProgress{done, late}, done},
		{"any overdue without the lead", "", []domain.TaskProgress{done, late}, late},
		{"all done", "", []domain.TaskProgress{done, done}, done},
		{"some done", "", []domain.TaskProgress{done, no}, in},
		{"some working", "", []domain.TaskProgress{no, in}, in},
		{"none started", "", []domain.TaskProgress{no, no}, no},
	} {
		if got := CombineProgress(c.lead, c.all); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestConcernsGathersDifficultiesAndProposals(t *testing.T) {
	decomposed := norm.NFD.String("Còn khó khăn do thiếu biên chế; đề nghị Sở bổ sung 02 biên chế.")
	notes := []Note{
		{Text: "Còn khó khăn do hạ tầng mạng chưa ổn định; đề nghị Sở bố trí kinh phí nâng cấp.", Units: []string{"Văn phòng Sở"}, Items: []string{"CT02"}},
		{Text: "Còn khó khăn do hạ tầng mạng chưa ổn định; đề nghị Sở bố trí kinh phí nâng cấp.", Units: []string{"Thanh tra Sở"}, Items: []string{"NV7"}},
		{Text: "Đơn vị đã triển khai theo kế hoạch.", Units: []string{"Văn phòng Sở"}, Items: []string{"CT01"}},
		{Text: decomposed, Units: []string{"Phòng Công chức, viên chức"}, Items: []string{"NV6"}},
	}
	d, p := Concerns(notes)
	wantD := []Note{
		{Text: "Còn khó khăn do hạ tầng mạng chưa ổn định.", Units: []string{"Văn phòng Sở", "Thanh tra Sở"}, Items: []string{"CT02", "NV7"}},
		{Text: "Còn khó khăn do thiếu biên chế.", Units: []string{"Phòng Công chức, viên chức"}, Items: []string{"NV6"}},
	}
	wantP := []Note{
		{Text: "Đề nghị Sở bố trí kinh phí nâng cấp.", Units: []string{"Văn phòng Sở", "Thanh tra Sở"}, Items: []string{"CT02", "NV7"}},
		{Text: "Đề nghị Sở bổ sung 02 biên chế.", Units: []string{"Phòng Công chức, viên chức"}, Items: []string{"NV6"}},
	}
	if !reflect.DeepEqual(d, wantD) {
		t.Errorf("difficulties = %+v", d)
	}
	if !reflect.DeepEqual(p, wantP) {
		t.Errorf("proposals = %+v", p)
	}
}

func TestPeriodPhrase(t *testing.T) {
	for k, want := range map[domain.PeriodKind]string{domain.PeriodQ1: "quý I năm 2024", domain.PeriodH1: "6 tháng đầu năm 2024",
		domain.PeriodQ3: "quý III năm 2024", domain.PeriodYear: "năm 2024"} {
		if got := periodPhrase(2024, k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
}

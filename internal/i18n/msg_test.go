package i18n

import "testing"

type unitFigure string

func (u unitFigure) Text(l Lang) string {
	if l == EN {
		return string(u) + " pts"
	}
	return string(u) + " điểm %"
}

// A message's arguments are written in the language asked for, whether they are messages
// themselves or figures with a unit, and numbers keep the Vietnamese marks the caller gave
// them; a sentence built differently in English picks its arguments by index.
func TestMsgText(t *testing.T) {
	when := M("verdict.when.quarter", "III", 3, 2026)
	m := M("verdict.deadline.lost", M("verdict.deadline.no_data", 2025), when, unitFigure("1.234,5"))
	for l, want := range map[Lang]string{
		VI: "Đến hạn năm 2025 chưa có số liệu báo cáo nhưng quý III/2026 chỉ còn 1.234,5 điểm % — không duy trì được.",
		EN: "No data had been reported by the 2025 deadline but Q3 2026 fell to 1.234,5 pts — not maintained.",
	} {
		if got := m.Text(l); got != want {
			t.Errorf("%s: %q\n   want %q", l, got, want)
		}
	}
}

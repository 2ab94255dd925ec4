package domain

import "github.com/vn-cchc/cchc/internal/i18n"

// YearVerdict is a target's verdict at the end of one year of its plan.
type YearVerdict struct {
	Year int
	Evaluation
}

// FinalVerdict is a target's evaluation at the end of its plan (đánh giá cuối kỳ): the
// verdict at its deadline, or for a target kept each year at the plan's last year, kept or
// lost since; and its path, the verdict at the end of every year of the plan.
type FinalVerdict struct {
	Evaluation
	// JudgedYear is the deadline year for a target due within the plan, else the plan's
	// last year.
	JudgedYear int
	Path       []YearVerdict
	// YearsMet and YearsJudged count, over the path, the years whose verdict was met (on
	// time or late) and the years that had a final verdict at all.
	YearsMet, YearsJudged int
}

// FinalEvaluation evaluates a target over a plan's years, startYear to endYear, as of
// the end of endYear: each year's results held to the commitment in force that year.
func FinalEvaluation(base Commitment, changes []CommitmentChange, history []Observation, startYear, endYear int) FinalVerdict {
	out := FinalVerdict{Evaluation: Evaluate(base, changes, history, endYear, 4), JudgedYear: endYear}
	if !base.eachYear() && base.DeadlineYear != 0 && base.DeadlineYear < endYear {
		out.JudgedYear = base.DeadlineYear
	}
	for y := startYear; y <= endYear; y++ {
		ev := Evaluate(base, changes, history, y, 4)
		out.Path = append(out.Path, YearVerdict{Year: y, Evaluation: ev})
		if ev.Status.Final() {
			out.YearsJudged++
		}
		if ev.Status.Achieved() {
			out.YearsMet++
		}
	}
	return out
}

// PathSummary says in one sentence how many of the plan's years met the target, for a
// target judged each year: "Đạt 4/5 năm (2021–2025)."
func (f FinalVerdict) PathSummary(lang string) string {
	if len(f.Path) == 0 {
		return ""
	}
	from, to := f.Path[0].Year, f.Path[len(f.Path)-1].Year
	return i18n.M("domain.final.path_summary", f.YearsMet, f.YearsJudged, from, to).Text(i18n.Parse(lang))
}

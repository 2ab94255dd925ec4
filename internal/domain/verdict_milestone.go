package domain

import "github.com/vn-cchc/cchc/internal/i18n"

// milestoneByDeadline: done or not by a year. Done before the deadline is already met;
// done after it is met late; a milestone done and later reported undone is not maintained.
func (e evaluator) milestoneByDeadline() Evaluation {
	d := e.c.DeadlineYear
	last := e.obs[len(e.obs)-1]
	if !e.pastDeadline(d) {
		switch {
		case *last.Done:
			return verdict(StatusMet, &last, i18n.M("verdict.milestone.done_early", when(last), d))
		case e.year < d:
			return verdict(StatusOnTrack, &last, i18n.M("verdict.milestone.time_left", d))
		}
		return verdict(StatusAtRisk, &last, i18n.M("verdict.milestone.at_risk", d))
	}
	if atD := e.upTo(d); atD != nil && *atD.Done {
		head := i18n.M("verdict.milestone.on_time", d, when(*atD))
		if !*last.Done {
			return verdict(StatusNotKept, &last, i18n.M("verdict.milestone.lost", head, when(last)))
		}
		return verdict(StatusMet, &last, sentence(head))
	} else if atD == nil {
		return e.milestoneLate(last, i18n.M("verdict.deadline.no_data", d))
	}
	return e.milestoneLate(last, i18n.M("verdict.milestone.not_done", d))
}

func (e evaluator) milestoneLate(last Observation, miss i18n.Msg) Evaluation {
	d := e.c.DeadlineYear
	if f := e.firstHoldingAfter(d); f != nil {
		late := i18n.M("verdict.milestone.late", miss, when(*f))
		if !*last.Done {
			return verdict(StatusNotKept, &last, i18n.M("verdict.milestone.late_lost", late, when(last)))
		}
		return verdict(StatusMetLate, &last, sentence(late))
	}
	if last.Year > d {
		return verdict(StatusMissed, &last, i18n.M("verdict.milestone.still", miss, when(last)))
	}
	return verdict(StatusMissed, &last, sentence(miss))
}

// milestoneEachYear: done or not within each year ("hằng năm"); only the year's own
// reports count, so a year with no report has no data rather than a guess.
func (e evaluator) milestoneEachYear() Evaluation {
	this := e.thisYear()
	if len(this) == 0 {
		return e.noDataThisYear()
	}
	last := this[len(this)-1]
	switch {
	case *last.Done:
		return verdict(StatusMet, &last, i18n.M("verdict.milestone.done_year", e.year))
	case e.yearEnd():
		return verdict(StatusMissed, &last, i18n.M("verdict.milestone.year_missed", e.year))
	}
	return verdict(StatusOnTrack, &last, i18n.M("verdict.milestone.year_time_left", e.year))
}

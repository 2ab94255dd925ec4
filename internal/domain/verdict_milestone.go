package domain

import "fmt"

// milestoneByDeadline: done or not by a year. Done before the deadline is already met;
// done after it is met late; a milestone done and later reported undone is not maintained.
func (e evaluator) milestoneByDeadline() Evaluation {
	d := e.c.DeadlineYear
	last := e.obs[len(e.obs)-1]
	lVI, lEN := when(last)
	if !e.pastDeadline(d) {
		switch {
		case *last.Done:
			return verdict(StatusMet, &last,
				fmt.Sprintf("Đã hoàn thành (báo cáo %s), trước hạn năm %d.", lVI, d),
				fmt.Sprintf("Completed (report of %s), ahead of the %d deadline.", lEN, d))
		case e.year < d:
			return verdict(StatusOnTrack, &last,
				fmt.Sprintf("Chưa hoàn thành, còn thời hạn đến năm %d.", d),
				fmt.Sprintf("Not done yet; due by %d.", d))
		}
		return verdict(StatusAtRisk, &last,
			fmt.Sprintf("Chưa hoàn thành dù năm %d là năm hạn chót — có nguy cơ không đạt.", d),
			fmt.Sprintf("Not done and %d is the deadline year — at risk.", d))
	}
	lostVI := fmt.Sprintf(" nhưng báo cáo %s cho biết chưa hoàn thành — không duy trì được.", lVI)
	lostEN := fmt.Sprintf(" but the report of %s says it is not done — not maintained.", lEN)
	if atD := e.upTo(d); atD != nil && *atD.Done {
		aVI, aEN := when(*atD)
		head := fmt.Sprintf("Hoàn thành đúng hạn năm %d (báo cáo %s)", d, aVI)
		headEN := fmt.Sprintf("Completed by the %d deadline (report of %s)", d, aEN)
		if !*last.Done {
			return verdict(StatusNotKept, &last, head+lostVI, headEN+lostEN)
		}
		return verdict(StatusMet, &last, head+".", headEN+".")
	} else if atD == nil {
		return e.milestoneLate(last, fmt.Sprintf("Đến hạn năm %d chưa có số liệu báo cáo", d),
			fmt.Sprintf("No data had been reported by the %d deadline", d), lostVI, lostEN)
	}
	return e.milestoneLate(last, fmt.Sprintf("Đến hạn năm %d chưa hoàn thành", d),
		fmt.Sprintf("Not done by the %d deadline", d), lostVI, lostEN)
}

func (e evaluator) milestoneLate(last Observation, missVI, missEN, lostVI, lostEN string) Evaluation {
	d := e.c.DeadlineYear
	if f := e.firstHoldingAfter(d); f != nil {
		fVI, fEN := when(*f)
		vi := fmt.Sprintf("%s; hoàn thành theo báo cáo %s, trễ hạn", missVI, fVI)
		en := fmt.Sprintf("%s; completed by the report of %s, late", missEN, fEN)
		if !*last.Done {
			return verdict(StatusNotKept, &last, vi+","+lostVI, en+","+lostEN)
		}
		return verdict(StatusMetLate, &last, vi+".", en+".")
	}
	if last.Year > d {
		lVI, lEN := when(last)
		return verdict(StatusMissed, &last,
			fmt.Sprintf("%s; báo cáo %s vẫn chưa hoàn thành.", missVI, lVI),
			fmt.Sprintf("%s; the report of %s says it is still not done.", missEN, lEN))
	}
	return verdict(StatusMissed, &last, missVI+".", missEN+".")
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
		return verdict(StatusMet, &last,
			fmt.Sprintf("Đã hoàn thành trong năm %d.", e.year),
			fmt.Sprintf("Completed in %d.", e.year))
	case e.yearEnd():
		return verdict(StatusMissed, &last,
			fmt.Sprintf("Hết năm %d nhưng chưa hoàn thành.", e.year),
			fmt.Sprintf("Year %d ended and it is not done.", e.year))
	}
	return verdict(StatusOnTrack, &last,
		fmt.Sprintf("Chưa hoàn thành, còn thời gian đến cuối năm %d.", e.year),
		fmt.Sprintf("Not done yet; there is time until the end of %d.", e.year))
}

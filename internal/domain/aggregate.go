package domain

// UnitValue is one unit's reported result for a target in one period.
type UnitValue struct {
	Value *float64
	Done  *bool
	// Num and Den are the two counts of a target measured as a ratio (Value is then their
	// percentage); nil for a plain value.
	Num, Den *float64
}

// Aggregate combines the units' results of one target in one period into the
// department-wide figure that the dashboard and the exports show, so both always agree:
// rates (percent, growth in points) are the mean of the units that reported a value, or
// Σ numerators / Σ denominators when every one of them reported both counts of a ratio,
// counts are their sum, and a milestone is done only when every unit that reported says
// done. Units that reported nothing are left out; no unit with data gives an empty observation.
func Aggregate(kind TargetKind, values []UnitValue) (value *float64, done *bool) {
	if kind == KindMilestone {
		seen, all := false, true
		for _, v := range values {
			if v.Done == nil {
				continue
			}
			seen = true
			all = all && *v.Done
		}
		if !seen {
			return nil, nil
		}
		return nil, &all
	}
	return TallyOf(values).Result(kind)
}

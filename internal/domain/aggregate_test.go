package domain

import "testing"

func TestAggregate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	b := func(v bool) *bool { return &v }
	cases := []struct {
		name     string
		kind     TargetKind
		in       []UnitValue
		wantVal  *float64
		wantDone *bool
	}{
		{"percent is the mean of reporting units", KindPercent, []UnitValue{{Value: f(80)}, {Value: f(90)}, {}}, f(85), nil},
		{"growth is the mean", KindGrowth, []UnitValue{{Value: f(20)}, {Value: f(10)}}, f(15), nil},
		{"count is the sum", KindCount, []UnitValue{{Value: f(3)}, {Value: f(4)}}, f(7), nil},
		{"no values", KindPercent, []UnitValue{{}, {}}, nil, nil},
		{"milestone done when all reporting units are done", KindMilestone, []UnitValue{{Done: b(true)}, {Done: b(true)}, {}}, nil, b(true)},
		{"milestone not done when one is not", KindMilestone, []UnitValue{{Done: b(true)}, {Done: b(false)}}, nil, b(false)},
		{"milestone without reports", KindMilestone, nil, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, d := Aggregate(tc.kind, tc.in)
			if (v == nil) != (tc.wantVal == nil) || (v != nil && *v != *tc.wantVal) {
				t.Errorf("value = %v, want %v", deref(v), deref(tc.wantVal))
			}
			if (d == nil) != (tc.wantDone == nil) || (d != nil && *d != *tc.wantDone) {
				t.Errorf("done = %v, want %v", d, tc.wantDone)
			}
		})
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

package web

import "testing"

func f(v float64) *float64 { return &v }

func TestNewSpark(t *testing.T) {
	sp := NewSpark([]SparkPoint{{Value: f(0)}, {Value: f(50)}, {}, {Value: f(100)}, {Value: f(100)}, {}, {Value: f(50)}}, f(80), 0, 100, 150, 26, "xu hướng")
	if !sp.Visible || len(sp.Dots) != 1 || len(sp.Lines) != 2 {
		t.Fatalf("spark = %+v", sp)
	}
	// 0 sits on the bottom padding, 100 on the top, x spreads over the width with gaps kept;
	// a point alone between gaps is a dot
	if sp.Dots[0] != (Dot{147, 13}) || *sp.Target != 7 {
		t.Errorf("dots = %+v, target %v", sp.Dots, *sp.Target)
	}
	if sp.Lines[0] != "3,23 27,13" || sp.Lines[1] != "75,3 99,3" || sp.Last == nil || sp.Last.X != 147 {
		t.Errorf("lines = %q, last %+v", sp.Lines, sp.Last)
	}
	if NewSpark([]SparkPoint{{}, {}}, nil, 0, 100, 100, 20, "").Visible {
		t.Error("a sparkline without values should not show")
	}
	// a value above the scale widens it rather than leaving the box
	if sp := NewSpark([]SparkPoint{{Value: f(200)}}, nil, 0, 100, 100, 20, ""); sp.Dots[0].Y != 3 || sp.Dots[0].X != 50 {
		t.Errorf("single point = %+v", sp.Dots)
	}
}

func TestNewMeter(t *testing.T) {
	m := NewMeter(f(72.5), f(80), true, "at_risk")
	if m.Fill != 72.5 || m.Mark != 80 {
		t.Errorf("rate meter = %+v", m)
	}
	m = NewMeter(f(5), f(10), false, "behind")
	if m.Fill != 45.5 || m.Mark != 90.9 {
		t.Errorf("count meter = %+v", m)
	}
	if m := NewMeter(nil, nil, false, "no_data"); m.Fill != 0 || m.Mark != -1 {
		t.Errorf("empty meter = %+v", m)
	}
	if m := NewMeter(f(120), f(100), true, "met"); m.Fill != 100 {
		t.Errorf("meter over 100%% = %+v", m)
	}
}

func TestStackAndColumns(t *testing.T) {
	segs := Stack([]int{1, 0, 3}, []string{"behind", "at_risk", "met"}, []string{"a", "b", "c"})
	if len(segs) != 2 || segs[0].W != 25 || segs[1].X != 25 || segs[1].W != 75 || segs[1].Class != "met" {
		t.Errorf("segments = %+v", segs)
	}
	if Stack([]int{0, 0}, nil, nil) != nil {
		t.Error("empty stack")
	}
	c := NewColumns([]ColumnPoint{{Value: f(50)}, {}, {Value: f(100)}}, f(80), "≥ 80%", true, 300, 140, "")
	if len(c.Bars) != 3 || c.Base != 106 || c.Bars[1].H != 0 || c.Bars[2].H != 90 || c.Bars[0].H != 45 || *c.Target != 34 {
		t.Errorf("columns = %+v target %v", c.Bars, *c.Target)
	}
}

func TestAppendTenths(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{0, "0"}, {3, "3"}, {19.1, "19.1"}, {18.96, "19"}, {-2.25, "-2.3"}, {0.04, "0"}, {117.55, "117.6"}} {
		if got := string(appendTenths(nil, tc.f)); got != tc.want {
			t.Errorf("appendTenths(%v) = %q; want %q", tc.f, got, tc.want)
		}
	}
}

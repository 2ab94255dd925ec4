package web

import (
	"math"
	"strconv"
)

// Chart geometry is computed here, in plain Go, so the templ components only draw and the
// numbers can be tested. Every chart carries a text alternative (Label) that says what a
// sighted reader sees; colours always come with text, so a grey print-out still reads.

// SparkPoint is one period's value on a sparkline; Value nil leaves a gap.
type SparkPoint struct {
	Value *float64
	Label string // e.g. "Quý I/2025: 85%"
}

// Spark is a small trend line.
type Spark struct {
	W, H    int
	Lines   []string // polyline point lists; a gap in the data starts a new line
	Dots    []Dot    // points standing alone between gaps, which no line shows
	Target  *float64 // y of the commitment line, when it falls inside the box
	Last    *Dot     // the latest point, drawn larger
	Label   string
	Visible bool
}

// Dot is a point of a chart.
type Dot struct {
	X, Y float64
}

const sparkPad = 3.0

// NewSpark scales points into a w×h box over [lo, hi] (widened to include every value and
// the commitment), so a line means the same thing on every row of a table.
func NewSpark(points []SparkPoint, target *float64, lo, hi float64, w, h int, label string) Spark {
	sp := Spark{W: w, H: h, Label: label}
	for _, p := range points {
		if p.Value != nil {
			lo, hi = math.Min(lo, *p.Value), math.Max(hi, *p.Value)
			sp.Visible = true
		}
	}
	if target != nil {
		lo, hi = math.Min(lo, *target), math.Max(hi, *target)
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	n := len(points)
	x := func(i int) float64 {
		if n == 1 {
			return float64(w) / 2
		}
		return sparkPad + float64(i)*(float64(w)-2*sparkPad)/float64(n-1)
	}
	y := func(v float64) float64 {
		return round1(float64(h) - sparkPad - (v-lo)/(hi-lo)*(float64(h)-2*sparkPad))
	}
	// a dashboard draws a hundred of these: points are written straight into one buffer
	line := make([]byte, 0, 12*len(points))
	var run []Dot
	flush := func() {
		if len(run) > 1 {
			sp.Lines = append(sp.Lines, string(line))
		} else if len(run) == 1 {
			sp.Dots = append(sp.Dots, run[0])
		}
		line, run = line[:0], run[:0]
	}
	for i, p := range points {
		if p.Value == nil {
			flush()
			continue
		}
		d := Dot{X: round1(x(i)), Y: y(*p.Value)}
		if len(line) > 0 {
			line = append(line, ' ')
		}
		line = appendTenths(append(appendTenths(line, d.X), ','), d.Y)
		run = append(run, d)
		last := d
		sp.Last = &last
	}
	flush()
	if target != nil {
		ty := y(*target)
		sp.Target = &ty
	}
	return sp
}

// Meter is a horizontal bar of a value against its commitment.
type Meter struct {
	Fill  float64 // 0–100, width of the bar in percent of the track
	Mark  float64 // 0–100, where the commitment sits; -1 for none
	Class string  // status class, for the colour
}

// NewMeter places value and commitment on a track from 0 to max(value, commitment, floor)·1.1
// for counts, or 0–100 for rates (scale100).
func NewMeter(value, commitment *float64, scale100 bool, class string) Meter {
	m := Meter{Mark: -1, Class: class}
	top := 100.0
	if !scale100 {
		top = 0
		if value != nil {
			top = math.Max(top, *value)
		}
		if commitment != nil {
			top = math.Max(top, *commitment)
		}
		top *= 1.1
		if top <= 0 {
			top = 1
		}
	}
	clamp := func(v float64) float64 { return round1(math.Max(0, math.Min(100, v/top*100))) }
	if value != nil {
		m.Fill = clamp(*value)
	}
	if commitment != nil {
		m.Mark = clamp(*commitment)
	}
	return m
}

// Segment is one part of a stacked bar.
type Segment struct {
	X, W  float64 // percent of the width
	Class string
	Text  string // "3 Đạt"
	Count int
}

// Stack divides a bar among counts; empty parts are left out.
func Stack(counts []int, classes, texts []string) []Segment {
	total := 0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return nil
	}
	var out []Segment
	x := 0.0
	for i, c := range counts {
		if c == 0 {
			continue
		}
		w := float64(c) / float64(total) * 100
		out = append(out, Segment{X: round1(x), W: round1(w), Class: classes[i], Text: texts[i], Count: c})
		x += w
	}
	return out
}

// Column is one bar of a column chart.
type Column struct {
	X, Y, W, H float64
	Class      string
	Value      string // printed above the bar
	Tick       string // printed below the axis
	Year       string // printed under the tick of a year's first period
	Title      string // tooltip: "Quý I/2025: 85%"
}

// Columns is a column chart of a target's values by period with its commitment line.
type Columns struct {
	W, H    int
	Base    float64 // y of the axis
	Bars    []Column
	Target  *float64 // y of the commitment line
	TargetT string   // its caption
	Label   string
}

// ColumnPoint is one period of a column chart.
type ColumnPoint struct {
	Value *float64
	Text  string // formatted value
	Tick  string
	Year  string
	Title string
	Class string
}

// NewColumns lays out up to a few dozen periods in a w×h box (the axis and labels inside).
func NewColumns(points []ColumnPoint, target *float64, targetText string, scale100 bool, w, h int, label string) Columns {
	c := Columns{W: w, H: h, Label: label, TargetT: targetText}
	top := 0.0
	if scale100 {
		top = 100
	}
	for _, p := range points {
		if p.Value != nil {
			top = math.Max(top, *p.Value)
		}
	}
	if target != nil {
		top = math.Max(top, *target)
	}
	if !scale100 {
		top *= 1.15
	}
	if top <= 0 {
		top = 1
	}
	const padTop, padBottom, padSide = 16.0, 34.0, 4.0
	c.Base = float64(h) - padBottom
	plot := c.Base - padTop
	n := len(points)
	if n == 0 {
		return c
	}
	slot := (float64(w) - 2*padSide) / float64(n)
	bw := math.Max(2, math.Min(slot*0.7, 40))
	for i, p := range points {
		col := Column{X: round1(padSide + float64(i)*slot + (slot-bw)/2), W: round1(bw), Class: p.Class, Value: p.Text, Tick: p.Tick, Year: p.Year, Title: p.Title}
		if p.Value != nil {
			col.H = round1(math.Max(0, *p.Value) / top * plot)
		}
		col.Y = round1(c.Base - col.H)
		c.Bars = append(c.Bars, col)
	}
	if target != nil {
		ty := round1(c.Base - *target/top*plot)
		c.Target = &ty
	}
	return c
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// appendTenths writes a number rounded to one decimal, without a trailing ".0".
func appendTenths(b []byte, f float64) []byte {
	t := int64(math.Round(f * 10))
	if t < 0 {
		b, t = append(b, '-'), -t
	}
	b = strconv.AppendInt(b, t/10, 10)
	if t%10 != 0 {
		b = append(b, '.', byte('0'+t%10))
	}
	return b
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Num writes a coordinate.
func Num(f float64) string { return fmtNum(f) }

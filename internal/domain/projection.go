package domain

import "math"

// LinearProjection fits y = a + b·x by least squares and returns its value at
// at. A straight line is what a reform office can explain in a meeting; it is
// false when the xs do not span at least two distinct points (no trend).
func LinearProjection(xs, ys []float64, at float64) (float64, bool) {
	if len(xs) != len(ys) || len(xs) < 2 {
		return 0, false
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	n := float64(len(xs))
	mx, my = mx/n, my/n
	var sxx, sxy float64
	for i := range xs {
		dx := xs[i] - mx
		sxx += dx * dx
		sxy += dx * (ys[i] - my)
	}
	if sxx == 0 {
		return 0, false
	}
	p := my + sxy/sxx*(at-mx)
	if math.IsNaN(p) || math.IsInf(p, 0) {
		return 0, false
	}
	return p, true
}

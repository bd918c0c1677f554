package render

import (
	"image"
	"math"
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestArrowheadDirectionIgnoresSampling: an arrowhead points along the
// chord from the point of its line a set distance back from the tip,
// whether the line is an arc sampled every fraction of a pixel or the same
// arc kept as a few long segments (as a simplified route is): the point is
// that distance from the tip and on the line, and the two directions agree.
// The coarse line is what simplifying the fine one within 0.1 px keeps
// (25 segments: each strays 0.099 px from the circle).
func TestArrowheadDirectionIgnoresSampling(t *testing.T) {
	dc := newDrawContext(geo.Transform{S: 1, Tx: 0, Ty: 400}, 1, image.Rect(0, 0, 400, 400), nil, nil)
	// A quarter circle of radius 200 px, from the top to the right.
	arc := func(n int) orb.LineString {
		var ls orb.LineString
		for i := 0; i <= n; i++ {
			a := math.Pi / 2 * float64(i) / float64(n)
			ls = append(ls, orb.Point{200 + 200*math.Sin(a), 200 * math.Cos(a)})
		}
		return ls
	}
	const dist = 25.0
	var dirs []float64
	for _, n := range []int{2000, 25} {
		line := arc(n)
		tip := dc.Point(line[len(line)-1])
		back := lineBack(&dc, line, dist)
		if d := math.Hypot(float64(back.x-tip.x), float64(back.y-tip.y)); math.Abs(d-dist) > 1e-3 {
			t.Errorf("%d segments: the point back is %g px from the tip, want %g", n, d, dist)
		}
		// On the polyline: within a hair of one of its segments.
		onLine := false
		for i := 1; i < len(line); i++ {
			a, b := dc.Point(line[i-1]), dc.Point(line[i])
			cross := float64((b.x-a.x)*(back.y-a.y) - (b.y-a.y)*(back.x-a.x))
			l := math.Hypot(float64(b.x-a.x), float64(b.y-a.y))
			inside := float64((back.x-a.x)*(b.x-a.x)+(back.y-a.y)*(b.y-a.y)) >= -1e-3 && float64((back.x-b.x)*(a.x-b.x)+(back.y-b.y)*(a.y-b.y)) >= -1e-3
			if inside && math.Abs(cross)/l < 1e-3 {
				onLine = true
			}
		}
		if !onLine {
			t.Errorf("%d segments: the point back, %v, is not on the line", n, back)
		}
		dirs = append(dirs, math.Atan2(float64(tip.y-back.y), float64(tip.x-back.x)))
	}
	if d := math.Abs(dirs[0]-dirs[1]) * 180 / math.Pi; d > 0.5 {
		t.Errorf("the arrowhead turns by %.2f° between the fine and the coarse line, want under 0.5°", d)
	}
	// A line shorter than the distance: its first point.
	short := orb.LineString{{10, 10}, {20, 10}}
	if got := lineBack(&dc, short, dist); got != dc.Point(short[0]) {
		t.Errorf("short line: got %v, want its first point %v", got, dc.Point(short[0]))
	}
}

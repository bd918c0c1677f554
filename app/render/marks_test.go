package render

import (
	"image"
	"image/color"
	"math"
	"slices"
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

// TestCircleCoverage: a disc leaves its area of ink and a rim its own (2πR
// times its width), at any position within a pixel and any radius a
// marker takes; nothing is inked beyond the rim's outer edge plus the
// pixel that edge's anti-aliasing reaches; and a circle drawn in bands cut
// anywhere, or into an image whose rectangle does not start at (0, 0), has
// the same bytes as one drawn whole.
func TestCircleCoverage(t *testing.T) {
	ink := func(img *image.RGBA, ch int) float64 {
		sum := 0.0
		for i := ch; i < len(img.Pix); i += 4 {
			sum += float64(img.Pix[i]) / 255
		}
		return sum
	}
	draw := func(c pt, radius float32, fill color.NRGBA, pen Pen, bands []int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 64, 64))
		fillRect(img, img.Rect, black)
		var p rasterPainter
		for k := 1; k < len(bands); k++ {
			p.setTarget(img, image.Rect(0, bands[k-1], 64, bands[k]), nil)
			p.Circle(c, radius, fill, pen, nil)
		}
		return img
	}
	red, green := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 255, 0, 255}
	whole := []int{0, 64}
	// Centres far off the image, beyond what an int holds: nothing drawn.
	for _, far := range []pt{{1e30, 32}, {32, -1e30}, {-3e38, 3e38}} {
		if img := draw(far, 5, red, Pen{Width: 2, Color: green}, whole); ink(img, 0)+ink(img, 1) != 0 {
			t.Errorf("a circle at %v inked the image", far)
		}
	}
	for _, radius := range []float32{2.2, 4.4, 7, 12, 24} {
		for _, at := range []pt{{32, 32}, {32.25, 31.6}, {31.5, 32.5}} {
			disc := draw(at, radius, red, Pen{}, whole)
			if got, want := ink(disc, 0), math.Pi*float64(radius*radius); math.Abs(got-want) > 0.02*want+0.3 {
				t.Errorf("disc r=%v at %v: ink %.2f, want %.2f", radius, at, got, want)
			}
			const w = 2
			rim := draw(at, radius, color.NRGBA{}, Pen{Width: w, Color: green}, whole)
			if got, want := ink(rim, 1), 2*math.Pi*float64(radius)*w; math.Abs(got-want) > 0.03*want {
				t.Errorf("rim r=%v at %v: ink %.2f, want %.2f", radius, at, got, want)
			}
			reach := float64(radius) + w/2 + 1
			for y := 0; y < 64; y++ {
				for x := 0; x < 64; x++ {
					d := math.Hypot(float64(x)+0.5-float64(at.x), float64(y)+0.5-float64(at.y))
					if rim.Pix[rim.PixOffset(x, y)+1] != 0 && d > reach {
						t.Fatalf("rim r=%v at %v: ink at (%d, %d), %.2f px from the centre", radius, at, x, y, d)
					}
				}
			}
			both := draw(at, radius, red, Pen{Width: w, Color: green}, whole)
			// The same circle in an image whose rectangle starts elsewhere.
			shifted := image.NewRGBA(image.Rect(-40, 25, 24, 89))
			fillRect(shifted, shifted.Rect, black)
			var sp rasterPainter
			sp.setTarget(shifted, shifted.Rect, nil)
			sp.Circle(pt{at.x - 40, at.y + 25}, radius, red, Pen{Width: w, Color: green}, nil)
			if !slices.Equal(both.Pix, shifted.Pix) {
				t.Errorf("r=%v at %v: drawn into an image at (−40, 25), the circle differs", radius, at)
			}
			cut := draw(at, radius, red, Pen{Width: w, Color: green}, []int{0, 13, int(at.y), int(at.y) + 1, 40, 64})
			if !slices.Equal(both.Pix, cut.Pix) {
				t.Errorf("r=%v at %v: drawn in bands, the circle differs from the whole draw", radius, at)
			}
		}
	}
}

package render

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// distToPolyline is the distance from (x, y) to the polyline pts.
func distToPolyline(x, y float64, pts []pt) float64 {
	best := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		ax, ay, bx, by := float64(pts[i-1].x), float64(pts[i-1].y), float64(pts[i].x), float64(pts[i].y)
		dx, dy := bx-ax, by-ay
		u := math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/(dx*dx+dy*dy)))
		best = math.Min(best, math.Hypot(ax+u*dx-x, ay+u*dy-y))
	}
	return best
}

// wigglyLine is a fixed random walk across a 400×240 image: steps of min to
// max px, each turning by up to 45° from the last, heading east.
func wigglyLine(minStep, maxStep float64) []pt {
	rng := rand.New(rand.NewPCG(3, 5))
	pts := []pt{{20, 120}}
	dir := 0.0
	for pts[len(pts)-1].x < 380 {
		dir += (rng.Float64()*2 - 1) * math.Pi / 4
		dir = math.Max(-1, math.Min(1, dir)) // keep heading east
		p, step := pts[len(pts)-1], minStep+rng.Float64()*(maxStep-minStep)
		pts = append(pts, pt{p.x + float32(step*math.Cos(dir)), p.y + float32(step*math.Sin(dir))})
	}
	return pts
}

// TestThickStrokeCoverage strokes polylines with sharp and gentle turns, both
// ways round, with round caps and as a closed ring, in a translucent colour:
// every pixel well inside the stroke (within w/2 − 1 of the line, round caps
// and joins included) gets the pen's coverage exactly once — no gaps at the
// joins, no double coverage where pieces overlap — and nothing beyond w/2 + 1
// is touched.
func TestThickStrokeCoverage(t *testing.T) {
	cases := []struct {
		name   string
		pts    []pt
		w      float32
		closed bool
	}{
		{"zigzag", []pt{{30, 40}, {150, 40}, {200, 120}, {120, 160}, {300, 160}, {310, 60}}, 24, false},
		{"gentle arc", []pt{{20, 150}, {80, 120}, {140, 100}, {200, 95}, {260, 100}, {320, 120}, {380, 150}}, 6, false},
		{"hairpin", []pt{{40, 60}, {300, 80}, {40, 100}}, 10, false},
		{"ring", []pt{{100, 60}, {300, 60}, {300, 200}, {100, 200}, {100, 60}}, 12, true},
		// A coast at 1:50m: short steps turning up to 45° either way, where
		// most joins are slight and take one point where the offset lines
		// cross. The steps are long enough for thinning to keep every point,
		// so the stroke follows the line the test measures from.
		{"wiggly coast", wigglyLine(2.5, 5), 5, false},
		{"wiggly coast, wide", wigglyLine(4.5, 7), 9, false},
	}
	const alpha = 128
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 400, 240))
			fillRect(img, img.Rect, color.NRGBA{0, 0, 0, 255})
			var r rasterPainter
			r.setTarget(img, img.Rect, nil)
			if c.closed {
				r.Ring(c.pts[:len(c.pts)-1])
			} else {
				r.Line(c.pts)
			}
			r.Stroke(Pen{Width: c.w, Color: color.NRGBA{255, 255, 255, alpha}, Cap: CapRound}, nil)
			hw := float64(c.w) / 2
			for y := 0; y < 240; y++ {
				for x := 0; x < 400; x++ {
					d := distToPolyline(float64(x)+0.5, float64(y)+0.5, c.pts)
					got := int(img.Pix[img.PixOffset(x, y)])
					switch {
					case got > alpha+2:
						t.Fatalf("pixel (%d, %d) at %.1f px from the line is %d: covered more than once (pen %d)", x, y, d, got, alpha)
					case d < hw-1 && got < alpha-2:
						t.Fatalf("pixel (%d, %d) at %.1f px from the line is %d: a gap inside the stroke (pen %d)", x, y, d, got, alpha)
					case d > hw+1 && got != 0:
						t.Fatalf("pixel (%d, %d) at %.1f px from the line is %d: ink outside the stroke", x, y, d, got)
					}
				}
			}
		})
	}
}

// TestThickStrokeBandsMatchWhole: a thick ring and polyline drawn in
// horizontal bands (as on several cores) give the pixels of one whole draw,
// wherever the bands cut them — joins included.
func TestThickStrokeBandsMatchWhole(t *testing.T) {
	draw := func(bands int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 400, 240))
		fillRect(img, img.Rect, color.NRGBA{0, 0, 0, 255})
		var r rasterPainter
		for k := 0; k < bands; k++ {
			band := image.Rect(0, 240*k/bands, 400, 240*(k+1)/bands)
			r.setTarget(img, band, nil)
			r.Ring([]pt{{100, 30}, {300, 45}, {330, 200}, {90, 210}})
			r.Stroke(Pen{Width: 14, Color: color.NRGBA{255, 255, 255, 160}}, nil)
			r.Line([]pt{{20, 20}, {380, 120}, {20, 220}})
			r.Stroke(Pen{Width: 9, Color: color.NRGBA{0, 255, 0, 200}, Cap: CapRound}, nil)
		}
		return img
	}
	whole := draw(1)
	for _, bands := range []int{2, 7, 13} {
		got := draw(bands)
		for i := range whole.Pix {
			if d := int(whole.Pix[i]) - int(got.Pix[i]); d > 1 || d < -1 {
				p := i / 4
				t.Fatalf("%d bands: pixel (%d, %d) differs by %d from the whole draw", bands, p%400, p/400, d)
			}
		}
	}
}

// TestTinyRingStrokesADot: a ring smaller than the pen (a microstate's
// outline at the world view) draws a dot of the pen's width, not nothing.
func TestTinyRingStrokesADot(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 20, 20))
	var r rasterPainter
	r.setTarget(img, img.Rect, nil)
	r.Ring([]pt{{10, 10}, {10.2, 10}, {10.2, 10.2}, {10, 10.2}})
	r.Stroke(Pen{Width: 3, Color: color.NRGBA{255, 0, 0, 255}}, nil)
	if got := img.RGBAAt(10, 10); got.R != 255 {
		t.Errorf("pixel under the tiny ring is %v, want the pen's colour", got)
	}
}

// TestLongEdgesSameInAnyBands: fills and thick strokes whose edges run
// across many rows and columns give exactly the same bytes drawn whole or
// cut into any bands — an export's bytes must not depend on how many cores
// drew it.
func TestLongEdgesSameInAnyBands(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const w, h = 500, 4133 // the shapes lie in the last rows, far from the top
	var shapes [][]pt
	for range 80 {
		var s []pt
		for range 3 + rng.IntN(6) {
			s = append(s, pt{float32(rng.Float64()*w*1.4 - 0.2*w), float32(h - 333*rng.Float64()*1.2)})
		}
		shapes = append(shapes, s)
	}
	draw := func(bands int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		fillRect(img, img.Rect, color.NRGBA{20, 30, 40, 255})
		var r rasterPainter
		for k := 0; k < bands; k++ {
			r.setTarget(img, image.Rect(0, h*k/bands, w, h*(k+1)/bands), nil)
			for i, s := range shapes {
				col := color.NRGBA{uint8(40 * i), uint8(255 - 20*i), 128, uint8(90 + 13*i%160)}
				if i%2 == 0 {
					r.Ring(s)
					r.Fill(col, nil)
				} else {
					r.Line(s)
					r.Stroke(Pen{Width: 2 + float32(i%9), Color: col, Cap: CapRound}, nil)
				}
			}
		}
		return img
	}
	whole := draw(1)
	for _, bands := range []int{2, 3, 7, 16, 41} {
		got := draw(bands)
		for i := range whole.Pix {
			if whole.Pix[i] != got.Pix[i] {
				p := i / 4
				t.Fatalf("%d bands: pixel (%d, %d) is %d, drawn whole %d", bands, p%w, p/w, got.Pix[i], whole.Pix[i])
			}
		}
	}
}

// TestFillOntoPendingBackground: an opaque fill over a background not yet
// painted (paintLater) paints the background around itself in one sweep;
// the bytes are exactly those of painting the background first and then
// filling — for shapes reaching past every side of the clip, holes, shapes
// that miss the clip, and a clip that is part of the image.
func TestFillOntoPendingBackground(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	bg := color.NRGBA{12, 34, 56, 255}
	img := image.Rect(0, 0, 300, 200)
	for trial := range 60 {
		var rings [][]pt
		for range 1 + rng.IntN(3) {
			var s []pt
			for range 3 + rng.IntN(7) {
				s = append(s, pt{float32(rng.Float64()*500 - 100), float32(rng.Float64()*400 - 100)})
			}
			rings = append(rings, s)
		}
		if trial%10 == 0 { // a shape that misses the clip
			rings = [][]pt{{{-50, -50}, {-10, -40}, {-20, -5}}}
		}
		clip := image.Rect(rng.IntN(100), rng.IntN(80), 200+rng.IntN(101), 120+rng.IntN(81))
		col := color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
		draw := func(later bool) *image.RGBA {
			dst := image.NewRGBA(img)
			fillRect(dst, img, color.NRGBA{200, 0, 0, 255}) // outside the clip: must stay
			var r rasterPainter
			r.setTarget(dst, clip, nil)
			if later {
				r.c.paintLater(bg)
			} else {
				fillRect(dst, clip, bg)
			}
			for _, s := range rings {
				r.Ring(s)
			}
			r.Fill(col, nil)
			r.c.paintUnder()
			return dst
		}
		want, got := draw(false), draw(true)
		for i := range want.Pix {
			if want.Pix[i] != got.Pix[i] {
				p := i / 4
				t.Fatalf("trial %d: pixel (%d, %d) is %d, painted first %d", trial, p%300, p/300, got.Pix[i], want.Pix[i])
			}
		}
	}
}

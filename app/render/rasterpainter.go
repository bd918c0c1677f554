// The raster painter: the Painter that draws into an *image.RGBA with the
// sparse-cell rasterizer, one clip rectangle (a band) at a time.
package render

import (
	"image"
	"image/color"
	"math"
)

var _ Painter = (*rasterPainter)(nil)

// subpath is a run of rasterPainter.pts: a ring (closed) or a polyline.
type subpath struct {
	start, end int
	closed     bool
}

// rasterPainter paints into c's target inside c's clip. It keeps its buffers
// between paths and frames, so painting allocates nothing once warmed up.
type rasterPainter struct {
	c     canvas
	fonts *Fonts
	pts   []pt
	subs  []subpath
	dash  []pt // scratch: closed strokes and circles
	piece []pt // scratch: the dash being laid down
	kept  []pt // scratch: a thick line's points after thinning
}

// setTarget points the painter at dst, drawing only inside clip.
func (r *rasterPainter) setTarget(dst *image.RGBA, clip image.Rectangle, fonts *Fonts) {
	r.c.setTarget(dst, clip)
	r.fonts = fonts
	r.pts, r.subs = r.pts[:0], r.subs[:0]
}

func (r *rasterPainter) Group(string) {}
func (r *rasterPainter) EndGroup()    {}

func (r *rasterPainter) Ring(pts []pt) { r.add(pts, true) }
func (r *rasterPainter) Line(pts []pt) { r.add(pts, false) }

func (r *rasterPainter) add(pts []pt, closed bool) {
	if len(pts) < 2 {
		return
	}
	start := len(r.pts)
	r.pts = append(r.pts, pts...)
	r.subs = append(r.subs, subpath{start, len(r.pts), closed})
}

func (r *rasterPainter) clear() { r.pts, r.subs = r.pts[:0], r.subs[:0] }

// Fill fills the rings of the path; open lines are ignored.
func (r *rasterPainter) Fill(col color.NRGBA, _ *Meta) {
	for _, s := range r.subs {
		if s.closed {
			r.c.addRing(r.pts[s.start:s.end])
		}
	}
	r.c.fill(col)
	r.clear()
}

// Stroke strokes every ring (closed back to its first point) and line. Thick
// solid strokes of one path are filled together, so their overlaps at shared
// points do not darken.
func (r *rasterPainter) Stroke(pen Pen, _ *Meta) {
	if pen.Width <= 0 || pen.Color.A == 0 {
		r.clear()
		return
	}
	for _, s := range r.subs {
		line := r.pts[s.start:s.end]
		if s.closed {
			r.dash = append(append(r.dash[:0], line...), line[0])
			line = r.dash
		}
		if len(pen.Dash) > 0 {
			r.strokeDashed(line, pen)
			continue
		}
		r.strokeSolid(line, pen, s.closed)
	}
	if pen.Width > hairlineMax {
		r.c.fill(pen.Color)
	}
	r.clear()
}

// strokeSolid adds one solid polyline: hairlines are drawn at once, thick
// lines become quads, round joins and caps on the canvas's path, which Stroke
// fills. closed lines (rings) join at their first point instead of capping.
//
// A thick line is first thinned: points closer than a fraction of the width
// to the last one kept cannot change its outline by more than a small part of
// a pixel, and a join is only added where the line turns enough for the gap
// between two quads to show.
func (r *rasterPainter) strokeSolid(line []pt, pen Pen, closed bool) {
	w := pen.Width
	if w <= hairlineMax {
		r.c.stroke(line, w, pen.Color)
		return
	}
	c := &r.c
	x0, y0 := float32(c.clip.Min.X)-w, float32(c.clip.Min.Y)-w
	x1, y1 := float32(c.clip.Max.X)+w, float32(c.clip.Max.Y)+w
	minStep := max(0.5, 0.35*w)
	kept := append(r.kept[:0], line[0])
	for i := 1; i < len(line); i++ {
		p, last := line[i], kept[len(kept)-1]
		if i < len(line)-1 && abs32(p.x-last.x) < minStep && abs32(p.y-last.y) < minStep {
			continue
		}
		kept = append(kept, p)
	}
	r.kept = kept
	// A join closes the wedge between two quads, about (w/2)·sin θ wide at a
	// turn of θ: below a fifth of a pixel it cannot be seen.
	minSin := float32(0.2 / (w / 2))
	round := pen.Cap == CapRound || closed
	for i := 1; i < len(kept); i++ {
		a, b := kept[i-1], kept[i]
		if (a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1) || (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1) {
			continue
		}
		c.addSegmentQuad(a, b, w)
		switch {
		case i == len(kept)-1:
			if round {
				c.addJoin(b, w)
			}
		case turns(a, b, kept[i+1], minSin):
			c.addJoin(b, w)
		}
		if i == 1 && pen.Cap == CapRound {
			c.addJoin(a, w)
		}
	}
}

// turns reports whether the line a→b→c bends at b by more than the angle
// whose sine is minSin, or doubles back.
func turns(a, b, c pt, minSin float32) bool {
	ux, uy := b.x-a.x, b.y-a.y
	vx, vy := c.x-b.x, c.y-b.y
	lu := ux*ux + uy*uy
	lv := vx*vx + vy*vy
	if lu == 0 || lv == 0 {
		return true
	}
	if ux*vx+uy*vy < 0 {
		return true
	}
	cross := ux*vy - uy*vx
	return cross*cross > minSin*minSin*lu*lv
}

// strokeDashed walks line laying down the pen's dash pattern, and strokes
// each drawn piece.
func (r *rasterPainter) strokeDashed(line []pt, pen Pen) {
	var total float32
	for _, d := range pen.Dash {
		total += d
	}
	if !(total > 0) {
		r.strokeSolid(line, pen, false)
		return
	}
	k, left, on := 0, pen.Dash[0], true // dash index, length left in it, drawing
	piece := append(r.piece[:0], line[0])
	defer func() { r.piece = piece }()
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		seg := float32(math.Hypot(float64(b.x-a.x), float64(b.y-a.y)))
		if !(seg > 0) {
			continue
		}
		pos := float32(0)
		for seg-pos > left {
			pos += left
			t := pos / seg
			q := pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
			if on {
				r.strokeSolid(append(piece, q), pen, false)
			}
			piece = append(piece[:0], q)
			on = !on
			k = (k + 1) % len(pen.Dash)
			left = pen.Dash[k]
			if k == 0 && !(left > 0) {
				return
			}
		}
		left -= seg - pos
		piece = append(piece, b)
	}
	if on && len(piece) > 1 {
		r.strokeSolid(piece, pen, false)
	}
}

// circleSegments is the number of sides of a disc of radius r px: enough that
// the polygon departs from the circle by under a tenth of a pixel.
func circleSegments(r float32) int {
	n := int(math.Ceil(math.Pi / math.Acos(1-0.1/math.Max(float64(r), 0.2))))
	return max(8, min(n, 128))
}

func (r *rasterPainter) Circle(c pt, radius float32, fill color.NRGBA, pen Pen, _ *Meta) {
	if !(radius > 0) {
		return
	}
	n := circleSegments(radius + pen.Width/2)
	ring := r.dash[:0]
	for i := 0; i < n; i++ {
		s, co := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		ring = append(ring, pt{c.x + radius*float32(co), c.y - radius*float32(s)})
	}
	r.dash = ring
	if fill.A > 0 {
		r.c.addRing(ring)
		r.c.fill(fill)
	}
	if pen.Width > 0 && pen.Color.A > 0 {
		r.clear()
		r.Ring(ring)
		r.Stroke(Pen{Width: pen.Width, Color: pen.Color}, nil)
	}
}

func (r *rasterPainter) Text(s string, at pt, ts TextStyle, _ *Meta) {
	if r.fonts == nil || s == "" {
		return
	}
	f := r.fonts.For(ts.Bold)
	x := float64(at.x)
	switch ts.Anchor {
	case AnchorMiddle:
		x -= f.Measure(s, float64(ts.Size)).Width / 2
	case AnchorEnd:
		x -= f.Measure(s, float64(ts.Size)).Width
	}
	f.Draw(r.c.dst, r.c.clip, s, x, float64(at.y), float64(ts.Size), ts.Color, float64(ts.Halo), ts.HaloColor)
}

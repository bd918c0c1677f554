// The raster painter: the Painter that draws into an *image.RGBA with the
// sparse-cell rasterizer, one clip rectangle (a band) at a time.
package render

import (
	"image"
	"image/color"
	"math"

	"articleatlas/geo"
)

var _ Painter = (*rasterPainter)(nil)

// subpath is a run of a path's points: a ring (closed) or a polyline.
type subpath struct {
	start, end int
	closed     bool
}

// path is the path a Painter builds with Ring and Line and paints with Fill
// or Stroke: every backend's, so they take the same subpaths.
type path struct {
	pts  []pt
	subs []subpath
}

// add copies pts into the path as one subpath; fewer than two points draw
// nothing in any backend, so they are not kept.
func (p *path) add(pts []pt, closed bool) {
	if len(pts) < 2 {
		return
	}
	start := len(p.pts)
	p.pts = append(p.pts, pts...)
	p.subs = append(p.subs, subpath{start, len(p.pts), closed})
}

// clear empties the path, keeping its buffers.
func (p *path) clear() { p.pts, p.subs = p.pts[:0], p.subs[:0] }

// rasterPainter paints into c's target inside c's clip. It keeps its buffers
// between paths and frames, so painting allocates nothing once warmed up.
type rasterPainter struct {
	c     canvas
	fonts *Fonts
	path
	dash    []pt      // scratch: closed strokes and circles
	piece   []pt      // scratch: the dash being laid down
	kept    []pt      // scratch: a thick line's points after thinning
	poly    []pt      // scratch: a stroke's outline
	normals []pt      // scratch: the offsets of a stroke's segments
	lengths []float32 // scratch: the lengths of a stroke's segments
	ring    []pt      // scratch: a ring turned to start at a cut
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

// strokeSolid adds one solid polyline: hairlines are drawn at once; a thick
// line becomes the outline of its stroke — one polygon per visible run, its
// left side out and its right side back, with round joins on the outer side
// of turns and round or butt caps — added to the canvas's path, which Stroke
// fills. A closed line (a ring) joins at its first point instead of capping.
//
// The line is first thinned: a point less than minStep (0.35 of the width,
// at least half a pixel) across and along from the last one kept is
// dropped. The outline may round a corner by up to that, which stays inside
// the stroke's half width (keeping every corner within 0.2 px instead made
// the hovered and selected outlines a fifth slower). Every geo.ChunkSize-th
// point is kept all the same, so that a line drawn from the start of any of
// its chunks (see DrawContext.strokeRuns) keeps the same points from there
// on. Segments that cannot reach the clip split the line into runs.
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
		if p == last || i%geo.ChunkSize != 0 && i < len(line)-1 && abs32(p.x-last.x) < minStep && abs32(p.y-last.y) < minStep {
			continue
		}
		kept = append(kept, p)
	}
	r.kept = kept
	if len(kept) < 2 {
		// The whole line is smaller than the pen: a dot, so that a tiny
		// country's outline (Andorra at the world view) still shows.
		c.addJoin(kept[0], w)
		return
	}
	culled := func(i int) bool { // segment i−1 → i cannot reach the clip
		a, b := kept[i-1], kept[i]
		return (a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1) || (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1)
	}
	if closed && kept[0] == kept[len(kept)-1] {
		// A ring cut by the clip is drawn from just after a cut, round to
		// it, so that no visible run wraps round its first point and every
		// vertex in sight gets its join whichever part of the image is drawn.
		for j := 1; j < len(kept); j++ {
			if culled(j) {
				m := len(kept) - 1
				r.ring = append(append(r.ring[:0], kept[j:m]...), kept[:j+1]...)
				kept, closed = r.ring, false
				break
			}
		}
	}
	start := 0
	for i := 1; i < len(kept); i++ {
		if culled(i) {
			// Segment i−1→i cannot reach the clip: the run before it ends at
			// i−1, the next one starts at i; their ends there lie outside.
			if i-1 > start {
				r.outline(kept[start:i], w, pen.Cap == CapRound && start == 0, false, false)
			}
			start = i
		}
	}
	if len(kept)-1 > start {
		whole := start == 0
		r.outline(kept[start:], w, pen.Cap == CapRound && whole, pen.Cap == CapRound, closed && whole)
	}
}

// outline adds to the canvas's path the outline of the stroke of width w
// along pts (at least two distinct points in a row): round caps at the start
// and end as asked, or, for a closed line, a join at its first point.
func (r *rasterPainter) outline(pts []pt, w float32, roundStart, roundEnd, closed bool) {
	hw := w / 2
	poly := r.poly[:0]
	n := len(pts)
	// The left offset of each segment, worked out once for both sides.
	nrm, lens := r.normals[:0], r.lengths[:0]
	for i := 1; i < n; i++ {
		dx, dy := pts[i].x-pts[i-1].x, pts[i].y-pts[i-1].y
		l := float32(math.Sqrt(float64(dx*dx + dy*dy)))
		nrm = append(nrm, pt{-dy / l * hw, dx / l * hw})
		lens = append(lens, l)
	}
	r.normals, r.lengths = nrm, lens
	// One side, then the other: side +1 walks pts forwards along the left
	// offset, side −1 walks them backwards (its left is the right of the line).
	for _, side := range [2]int{1, -1} {
		at := func(i int) pt {
			if side > 0 {
				return pts[i]
			}
			return pts[n-1-i]
		}
		normal := func(i int) (float32, float32) { // the side's left offset along at(i)→at(i+1)
			if side > 0 {
				return nrm[i].x, nrm[i].y
			}
			return -nrm[n-2-i].x, -nrm[n-2-i].y
		}
		nx, ny := normal(0)
		start := len(poly)
		if closed {
			// The last point is the first: the side starts with the join
			// there, from the last segment into the first, the same join as
			// when the ring is cut elsewhere and this point is a middle one.
			lx, ly := normal(n - 2)
			poly = joinPoints(poly, at(0), lx, ly, nx, ny, hw, min(lens[0], lens[n-2]))
		} else {
			// The cap before this side's first point.
			round := roundStart
			if side < 0 {
				round = roundEnd
			}
			if round {
				// A half disc from the other side's end round to this side.
				poly = arcPoints(poly, at(0), -nx, -ny, nx, ny, hw, false)
			}
			poly = append(poly, pt{at(0).x + nx, at(0).y + ny})
		}
		first := poly[start]
		for i := 1; i < n-1; i++ {
			mx, my := normal(i)
			v := i // at(i) is pts[v], between segments v−1 and v
			if side < 0 {
				v = n - 1 - i
			}
			poly = joinPoints(poly, at(i), nx, ny, mx, my, hw, min(lens[v-1], lens[v]))
			nx, ny = mx, my
		}
		if closed {
			// Back along the last segment to where the side started, so
			// that the step over to the other side and back cancel out.
			poly = append(poly, first)
		} else {
			poly = append(poly, pt{at(n-1).x + nx, at(n-1).y + ny})
		}
	}
	r.poly = poly
	r.c.addRing(poly)
}

// joinPoints adds the side's points at vertex p, where its offset turns
// from (ax, ay) (the segment before p) to (bx, by) (the one after), both of
// length hw, the stroke's half width; room is the length of the shorter of
// the two segments.
//
// A slight turn, one whose mitre reaches less than arcStrayPx beyond the
// round join, takes one point where the two offset lines cross: on the
// outer side the mitre, within arcStrayPx of the arc; on the inner side the
// outline's true corner, when it lies within half of each segment (else
// the inner side takes the two offset points as below). Otherwise, on the
// outer side of a turn, a round arc; on the inner side the offset point of
// one segment, then the other's. Those two offset lines cross short of
// those points, so the side runs a little way past the crossing and back;
// the small triangle it folds over lies inside the stroke and keeps its
// coverage whole under the non-zero rule. Every point depends only on p and
// the segments either side of it, whatever part of the line is drawn, so an
// image cut into bands draws the same pixels.
func joinPoints(poly []pt, p pt, ax, ay, bx, by, hw, room float32) []pt {
	dot, hw2 := ax*bx+ay*by, hw*hw
	if dot > 0.9999*hw2 {
		return append(poly, pt{p.x + ax, p.y + ay}) // straight on: the offsets meet
	}
	inner := ax*by-ay*bx > 0
	if dot >= mitreCos(hw)*hw2 && (!inner || 4*hw2*(hw2-dot) <= room*room*(hw2+dot)) {
		// Where the offset lines cross: along the bisector, hw / cos(θ/2)
		// from p, which is (a + b) / (1 + cos θ). On the inner side it lies
		// hw·tan(θ/2) along each segment from p; the test above is that
		// distance at most room / 2, squared.
		k := hw2 / (hw2 + dot)
		return append(poly, pt{p.x + (ax+bx)*k, p.y + (ay+by)*k})
	}
	if inner || dot >= oneChordCos(hw)*hw2 {
		// The inside of the turn, or an outer arc that one chord draws
		// (arcPoints would give these two points).
		return append(poly, pt{p.x + ax, p.y + ay}, pt{p.x + bx, p.y + by})
	}
	return arcPoints(poly, p, ax, ay, bx, by, hw, true)
}

// mitreCos is the cosine of the widest turn whose mitre, at stroke half
// width hw, reaches at most arcStrayPx beyond the round join:
// hw / cos(θ/2) ≤ hw + arcStrayPx.
func mitreCos(hw float32) float32 {
	v := float64(hw) / (float64(hw) + arcStrayPx)
	return float32(2*v*v - 1)
}

// arcStrayPx is how far (px) a chord of a round join or cap may stray from
// its arc.
const arcStrayPx = 0.2

// arcStep is the widest turn (radians) one chord of an arc of radius hw
// draws: within arcStrayPx of the arc, and at most a quarter turn.
func arcStep(hw float64) float64 {
	return math.Min(math.Pi/2, 2*math.Acos(math.Max(0, 1-arcStrayPx/hw)))
}

// oneChordCos is the cosine of arcStep(hw): a turn whose cosine is at
// least this is drawn as one chord.
func oneChordCos(hw float32) float32 {
	u := max(0, 1-arcStrayPx/float64(hw))
	return float32(max(0, 2*u*u-1)) // cos(2·acos u), or cos(π/2) past a quarter turn
}

// arcPoints adds the points of the arc round c from offset (ax, ay) to offset
// (bx, by), both of length hw, turning the short way (or, for a cap, where
// b is −a, through the half turn away from the line), with chords that turn
// at most arcStep(hw) each.
func arcPoints(poly []pt, c pt, ax, ay, bx, by, hw float32, short bool) []pt {
	x0, y0 := float64(ax), float64(ay)
	d := -math.Pi // a cap: the half turn round the back of the line's end, the negative way on screen (y down)
	if short {
		d = math.Atan2(x0*float64(by)-y0*float64(bx), x0*float64(bx)+y0*float64(by)) // from a to b, in (−π, π]
	}
	k := max(1, int(math.Ceil(math.Abs(d)/arcStep(float64(hw)))))
	// The offsets in between: a turned by d/k at a time.
	s, co := math.Sincos(d / float64(k))
	poly = append(poly, pt{c.x + ax, c.y + ay})
	x, y := x0, y0
	for i := 1; i < k; i++ {
		x, y = x*co-y*s, x*s+y*co
		poly = append(poly, pt{c.x + float32(x), c.y + float32(y)})
	}
	return append(poly, pt{c.x + bx, c.y + by})
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

// Circle fills a disc of radius px round c and strokes its rim with pen,
// each pixel's coverage worked out from the distance d of its centre to c:
// a disc of radius R covers it by R − d + ½, clamped to [0, 1], which is
// within a few hundredths of its exact area for the radii of markers. A
// marker so costs the pixels it covers, not a path's setup and sweep.
func (r *rasterPainter) Circle(c pt, radius float32, fill color.NRGBA, pen Pen, _ *Meta) {
	if !(radius > 0) {
		return
	}
	cv := &r.c
	cv.paintUnder()
	rim := penDraws(pen)
	if fill.A == 0 && !rim {
		return
	}
	rf := float64(radius)
	in, out := rf, rf // the rim's inner and outer radii
	if rim {
		in, out = rf-float64(pen.Width)/2, rf+float64(pen.Width)/2
	}
	cx, cy := float64(c.x), float64(c.y)
	if !finite(cx) || !finite(cy) || !finite(out) {
		return
	}
	// Pixels whose centre lies nearer than near are wholly filled and clear
	// of the rim; those beyond far are untouched.
	near, far := max(0, in-0.5), out+0.5
	near2, far2 := near*near, far*far
	// The pixels of the clip within far of c (bounds clamped to the clip
	// before they are made ints: a centre far off the image stays exact).
	clip := cv.clip
	within := func(v float64, lo, hi int) int { return int(fmax(float64(lo), fmin(float64(hi), v))) }
	x0, x1 := within(floor(cx-far), clip.Min.X, clip.Max.X), within(floor(cx+far)+1, clip.Min.X, clip.Max.X)
	y0, y1 := within(floor(cy-far), clip.Min.Y, clip.Max.Y), within(floor(cy+far)+1, clip.Min.Y, clip.Max.Y)
	fa, ra := float64(fill.A)/255, float64(pen.Color.A)/255
	cover := func(edge float64) float64 { return fmax(0, fmin(1, edge+0.5)) }
	dst := cv.dst
	for y := y0; y < y1; y++ {
		dy := float64(y) + 0.5 - cy
		row := dst.Pix[dst.PixOffset(dst.Rect.Min.X, y):]
		for x := x0; x < x1; x++ {
			dx := float64(x) + 0.5 - cx
			d2 := dx*dx + dy*dy
			if d2 >= far2 {
				continue
			}
			off := 4 * (x - dst.Rect.Min.X)
			p := row[off : off+4 : off+4]
			if d2 <= near2 {
				blendPixel(p, fill, float32(fa))
				continue
			}
			d := math.Sqrt(d2)
			if fill.A > 0 {
				blendPixel(p, fill, float32(cover(rf-d)*fa))
			}
			if rim {
				blendPixel(p, pen.Color, float32((cover(out-d)-cover(in-d))*ra))
			}
		}
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
	r.c.paintUnder()
	f.Draw(r.c.dst, r.c.clip, s, x, float64(at.y), float64(ts.Size), ts.Color, float64(ts.Halo), ts.HaloColor)
}

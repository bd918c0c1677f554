// Layers and shapes of the icon that the renderer has no ready layer for:
// plain fills in the icon's own geometry (the tile, the shading, the rim).
package main

import (
	"image/color"
	"math"

	"articleatlas/app/render"

	"github.com/paulmach/orb"
)

var _ render.Layer = (*shapes)(nil)

// shape is a set of projected rings painted together: filled (non-zero rule,
// so a ring wound the other way cuts a hole) or, when strokePx > 0, stroked
// strokePx pixels wide.
type shape struct {
	rings    []orb.Ring
	col      color.NRGBA
	strokePx float32
	bound    orb.Bound
}

// shapes is a layer that paints its shapes in order.
type shapes struct {
	name  string
	list  []shape
	bound orb.Bound
}

// add appends a filled shape; rings with fewer than three points are left out.
func (l *shapes) add(col color.NRGBA, rings ...orb.Ring) { l.push(shape{rings: rings, col: col}) }

// stroke appends a stroked shape.
func (l *shapes) stroke(col color.NRGBA, widthPx float32, rings ...orb.Ring) {
	l.push(shape{rings: rings, col: col, strokePx: widthPx})
}

func (l *shapes) push(s shape) {
	var kept []orb.Ring
	for _, r := range s.rings {
		if len(r) >= 3 {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 || s.col.A == 0 {
		return
	}
	s.rings = kept
	s.bound = kept[0].Bound()
	for _, r := range kept[1:] {
		s.bound = s.bound.Union(r.Bound())
	}
	// Strokes reach half their width beyond the rings: pad by the widest one
	// the icon draws, in projected units.
	s.bound = s.bound.Pad(16 / globeR)
	if len(l.list) == 0 {
		l.bound = s.bound
	} else {
		l.bound = l.bound.Union(s.bound)
	}
	l.list = append(l.list, s)
}

func (l *shapes) ID() string       { return l.name }
func (l *shapes) Bound() orb.Bound { return l.bound }
func (l *shapes) Draw(p render.Painter, dc *render.DrawContext) {
	for i := range l.list {
		s := &l.list[i]
		if !s.bound.Intersects(dc.Visible) {
			continue
		}
		for _, r := range s.rings {
			p.Ring(dc.Project(r, 0))
		}
		if s.strokePx > 0 {
			p.Stroke(render.Pen{Width: s.strokePx, Color: s.col}, nil)
		} else {
			p.Fill(s.col, nil)
		}
	}
}

// arcSteps is the number of sides of a full circle in the icon's rings: at
// the globe's 345 px radius a side departs from the circle by 0.01 px.
const arcSteps = 720

// circle is the closed counter-clockwise ring of radius r around c.
func circle(c orb.Point, r float64) orb.Ring {
	ring := make(orb.Ring, 0, arcSteps+1)
	for i := 0; i < arcSteps; i++ {
		s, co := math.Sincos(2 * math.Pi * float64(i) / arcSteps)
		ring = append(ring, orb.Point{c[0] + r*co, c[1] + r*s})
	}
	return append(ring, ring[0])
}

// reversed returns a copy of r in the opposite order: a hole for a ring.
func reversed(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

// annulus is the region between radii r0 < r1 around the origin, as an outer
// ring and a hole.
func annulus(r0, r1 float64) []orb.Ring {
	return []orb.Ring{circle(orb.Point{}, r1), reversed(circle(orb.Point{}, r0))}
}

// discOnGlobe is the part of the disc of radius r around c that lies on the
// globe (the unit disc). The disc's boundary is sampled and every point off
// the globe is pulled in along its radius onto the globe's edge: the run
// outside is then the globe's own edge between the two circles' crossings.
// That holds while the origin sees the outside run without folding back,
// which it does for every disc the ocean's shading uses.
func discOnGlobe(c orb.Point, r float64) orb.Ring {
	ring := circle(c, r)
	for i, p := range ring {
		if d := math.Hypot(p[0], p[1]); d > 1 {
			ring[i] = orb.Point{p[0] / d, p[1] / d}
		}
	}
	return ring
}

// band is the strip of the globe (the unit disc) between the chords where
// p·u = t0 and p·u = t1, for a unit vector u and −1 ≤ t0 < t1 ≤ 1, as a
// counter-clockwise ring.
func band(u orb.Point, t0, t1 float64) orb.Ring {
	v := orb.Point{-u[1], u[0]} // u turned a quarter counter-clockwise
	at := func(theta float64) orb.Point {
		s, c := math.Sincos(theta)
		return orb.Point{c*u[0] + s*v[0], c*u[1] + s*v[1]}
	}
	a0, a1 := math.Acos(math.Max(-1, t0)), math.Acos(math.Min(1, t1)) // a1 < a0
	n := int(math.Ceil((a0-a1)/(2*math.Pi)*arcSteps)) + 1
	var ring orb.Ring
	for k := 0; k <= n; k++ { // the arc on v's side, from t1 to t0
		ring = append(ring, at(a1+(a0-a1)*float64(k)/float64(n)))
	}
	for k := 0; k <= n; k++ { // the arc on the other side, from t0 to t1
		ring = append(ring, at(-a0+(a0-a1)*float64(k)/float64(n)))
	}
	return append(ring, ring[0])
}

// squircle is the superellipse |x|^e + |y|^e = half^e around c (a softer
// rounded square), as a counter-clockwise ring.
func squircle(c orb.Point, half, e float64) orb.Ring {
	const n = 1440
	ring := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		s, co := math.Sincos(2 * math.Pi * float64(i) / n)
		x := math.Copysign(math.Pow(math.Abs(co), 2/e), co)
		y := math.Copysign(math.Pow(math.Abs(s), 2/e), s)
		ring = append(ring, orb.Point{c[0] + half*x, c[1] + half*y})
	}
	return append(ring, ring[0])
}

// mix blends a towards b by t in [0, 1], rounding each channel.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t))
	m := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*t)) }
	return color.NRGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

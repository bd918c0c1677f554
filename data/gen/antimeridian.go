package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

const (
	// poleCapDeg: a pole-enclosing ring whose points all lie within this
	// many degrees of the pole only cuts a negligible cap out of the polygon
	// (1:50m Antarctica stops at -89.999 and world-atlas keeps that edge as
	// its own ring). Such rings are dropped.
	poleCapDeg = 0.01

	// maxPoleStep is the longest step, in degrees of longitude, used when a
	// ring is closed along a pole, so that no segment spans 180 degrees.
	maxPoleStep = 90.0
)

// unwrapRing returns a copy of ring r (degrees) whose longitudes are made
// continuous: whenever consecutive points are more than 180 degrees apart in
// longitude, later points are shifted by a multiple of 360. turns is the net
// number of times the ring goes round the globe (last lon - first lon, over
// 360): 0 for an ordinary ring, +1 or -1 for a ring enclosing a pole. r must
// be closed and is not modified.
func unwrapRing(r orb.Ring) (out orb.Ring, turns int) {
	out = make(orb.Ring, len(r))
	k := 0 // offset of the current point, in multiples of 360
	for i, p := range r {
		if i > 0 {
			d := p[0] - r[i-1][0]
			for d > 180 {
				d -= 360
				k--
			}
			for d < -180 {
				d += 360
				k++
			}
		}
		out[i] = orb.Point{p[0] + 360*float64(k), p[1]}
	}
	return out, k
}

// ringPole returns -90 or +90, the pole a pole-enclosing ring is closed
// along, picked by the sign of the ring's mean latitude.
func ringPole(r orb.Ring) float64 {
	var sum float64
	for _, p := range r {
		sum += p[1]
	}
	if sum < 0 {
		return -90
	}
	return 90
}

// isPoleCap reports whether every point of r lies within poleCapDeg of
// latitude pole.
func isPoleCap(r orb.Ring, pole float64) bool {
	for _, p := range r {
		if math.Abs(p[1]-pole) >= poleCapDeg {
			return false
		}
	}
	return true
}

// closeAlongPole returns a copy of the unwrapped, closed, pole-enclosing
// ring r (degrees) with the pole added: from the last point it goes to
// (lastLon, pole), along the pole in steps of at most maxPoleStep degrees to
// (firstLon, pole), and back to the first point. r is not modified.
func closeAlongPole(r orb.Ring, pole float64) orb.Ring {
	first, last := r[0], r[len(r)-1]
	out := make(orb.Ring, 0, len(r)+8)
	out = append(out, r...)
	out = append(out, orb.Point{last[0], pole})
	span := first[0] - last[0]
	steps := int(math.Ceil(math.Abs(span) / maxPoleStep))
	for i := 1; i < steps; i++ {
		out = append(out, orb.Point{last[0] + span*float64(i)/float64(steps), pole})
	}
	out = append(out, orb.Point{first[0], pole}, first)
	return out
}

// cutPolygon splits polygon p (degrees, as world-atlas stitches it: rings may
// jump across the antimeridian and may go round a pole) into polygons that
// all lie within lon [-180, 180] and have no segment crossing the
// antimeridian. Each ring is unwrapped; a ring going round a pole is closed
// along that pole; then the polygon is clipped against the strips
// [-540,-180], [-180,180] and [180,540] and each piece is shifted back into
// [-180, 180]. Points on a cut get lon exactly -180 or 180. Holes are first
// shifted by a multiple of 360 into their exterior's longitude range, then go
// with the exterior piece of their strip. A pole-enclosing ring lying within
// poleCapDeg of the pole is dropped; when several rings go round the pole,
// the one enclosing the largest pole-closed area becomes the exterior and the
// others holes. A polygon that does not cross comes back unchanged (as a
// copy). Rings are not rounded, deduplicated or reoriented here; see
// cleanPolygon. p is not modified.
func cutPolygon(p orb.Polygon) ([]orb.Polygon, error) {
	if len(p) == 0 {
		return nil, nil
	}
	type ring struct {
		r    orb.Ring
		pole float64 // 0, or the pole (+-90) the ring goes round
		idx  int     // index in p
	}
	var rings []ring
	var extPole float64 // 0, or the pole p[0] goes round
	for i, r := range p {
		if len(r) < 2 || r[0] != r[len(r)-1] {
			return nil, fmt.Errorf("ring %d is not closed", i)
		}
		u, turns := unwrapRing(r)
		var pole float64
		switch turns {
		case 0:
		case 1, -1:
			pole = ringPole(u)
			if i == 0 {
				extPole = pole
			}
			if isPoleCap(u, pole) {
				continue
			}
			u = closeAlongPole(u, pole)
		default:
			return nil, fmt.Errorf("ring %d goes round the globe %d times", i, turns)
		}
		if pole != extPole && pole != 0 {
			return nil, fmt.Errorf("ring %d goes round pole %g but the exterior ring does not", i, pole)
		}
		rings = append(rings, ring{u, pole, i})
	}
	if len(rings) == 0 {
		return nil, nil
	}

	// Pick the exterior. Normally it is ring 0. When rings go round a pole,
	// their pole-closed regions are nested and the largest is the exterior:
	// the others are holes in it (on the sphere the polygon is the band
	// between them).
	ext := 0
	if extPole != 0 {
		ext = -1
		for i, r := range rings {
			if r.pole == 0 {
				continue
			}
			if ext < 0 || math.Abs(signedArea(r.r)) > math.Abs(signedArea(rings[ext].r)) {
				ext = i
			}
		}
		if ext < 0 {
			return nil, fmt.Errorf("the exterior ring is a pole cap and no other ring goes round the pole")
		}
	}
	exterior := rings[ext].r
	var holes []orb.Ring
	exMin, exMax := lonRange(exterior)
	for i, r := range rings {
		if i == ext {
			continue
		}
		h, err := alignHole(r.r, exMin, exMax)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", r.idx, err)
		}
		holes = append(holes, h)
	}

	if exMin < -540 || exMax > 540 {
		return nil, fmt.Errorf("unwrapped exterior spans lon %g..%g, beyond [-540, 540]", exMin, exMax)
	}
	var out []orb.Polygon
	for k := -1; k <= 1; k++ {
		lo, hi := -180+360*float64(k), 180+360*float64(k)
		e := clipRing(exterior, lo, hi)
		if e == nil {
			continue
		}
		poly := orb.Polygon{shiftRing(e, -360*float64(k))}
		for _, h := range holes {
			if c := clipRing(h, lo, hi); c != nil {
				poly = append(poly, shiftRing(c, -360*float64(k)))
			}
		}
		out = append(out, poly)
	}
	return out, nil
}

// alignHole returns hole h shifted by a multiple of 360 degrees (-360, 0 or
// 360, preferring 0) so that its first point lies within the exterior's
// unwrapped longitude range [exMin, exMax]. h is not modified.
func alignHole(h orb.Ring, exMin, exMax float64) (orb.Ring, error) {
	for _, shift := range []float64{0, -360, 360} {
		x := h[0][0] + shift
		if x >= exMin && x <= exMax {
			if shift == 0 {
				return h, nil
			}
			return shiftRing(h, shift), nil
		}
	}
	return nil, fmt.Errorf("hole at lon %g lies outside its exterior (lon %g..%g)", h[0][0], exMin, exMax)
}

// lonRange returns the smallest and largest longitude in r.
func lonRange(r orb.Ring) (min, max float64) {
	min, max = math.Inf(1), math.Inf(-1)
	for _, p := range r {
		min = math.Min(min, p[0])
		max = math.Max(max, p[0])
	}
	return min, max
}

// shiftRing returns a copy of r with dx degrees added to every longitude.
func shiftRing(r orb.Ring, dx float64) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{p[0] + dx, p[1]}
	}
	return out
}

// clipRing clips the closed ring r (degrees) to the vertical strip
// lo <= lon <= hi with Sutherland–Hodgman (a strip is convex) and returns the
// closed result, or nil when r does not reach into the strip's interior. A
// ring wholly inside the strip comes back as is. Points where r crosses lo or
// hi get exactly that longitude. r is not modified.
func clipRing(r orb.Ring, lo, hi float64) orb.Ring {
	min, max := lonRange(r)
	if max <= lo || min >= hi {
		return nil
	}
	if min >= lo && max <= hi {
		return r
	}
	pts := []orb.Point(r[:len(r)-1]) // open ring; r is closed
	pts = clipSide(pts, lo, true)
	pts = clipSide(pts, hi, false)
	if len(pts) < 3 {
		return nil
	}
	return append(orb.Ring(pts), pts[0])
}

// clipSide is one Sutherland–Hodgman step: it keeps the part of the open
// ring pts with lon >= x (keepEast) or lon <= x (!keepEast). It returns a new
// slice.
func clipSide(pts []orb.Point, x float64, keepEast bool) []orb.Point {
	inside := func(p orb.Point) bool {
		if keepEast {
			return p[0] >= x
		}
		return p[0] <= x
	}
	out := make([]orb.Point, 0, len(pts)+4)
	for i, cur := range pts {
		prev := pts[(i+len(pts)-1)%len(pts)]
		switch {
		case inside(cur) && !inside(prev):
			out = append(out, crossAt(prev, cur, x), cur)
		case inside(cur):
			out = append(out, cur)
		case inside(prev):
			out = append(out, crossAt(prev, cur, x))
		}
	}
	return out
}

// crossAt returns the point of segment a-b at longitude x, with lon exactly
// x. a and b must be on different sides of x (so a[0] != b[0]).
func crossAt(a, b orb.Point, x float64) orb.Point {
	t := (x - a[0]) / (b[0] - a[0])
	return orb.Point{x, a[1] + t*(b[1]-a[1])}
}

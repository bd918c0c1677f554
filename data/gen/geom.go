package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// minRingArea is the smallest |signed area| (square degrees) a ring may have.
// With coordinates rounded to 1e-5 degrees, any non-degenerate ring has an
// area of at least 0.5e-10 (Pick's theorem), so anything below this is a
// collinear ring plus floating-point noise.
const minRingArea = 1e-11

// round5 rounds v (degrees) to 5 decimals, about 1 m. It never returns -0.
func round5(v float64) float64 {
	r := math.Round(v*1e5) / 1e5
	if r == 0 {
		return 0 // turn -0 into 0
	}
	return r
}

// signedArea returns the shoelace area of ring r in square degrees, in the
// lon/lat plane with y up: positive when r is counter-clockwise. It works
// for closed and open rings and does not modify r.
func signedArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	var sum float64
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		sum += a[0]*b[1] - b[0]*a[1]
	}
	return sum / 2
}

// cleanRing returns a copy of r (degrees) with coordinates rounded to 5
// decimals, consecutive duplicate points removed and the ring closed. ok is
// false when what is left is not a ring: fewer than 4 points or zero area.
// r is not modified.
func cleanRing(r orb.Ring) (out orb.Ring, ok bool) {
	out = make(orb.Ring, 0, len(r)+1)
	for _, p := range r {
		q := orb.Point{round5(p[0]), round5(p[1])}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	// Drop closing duplicates, then close exactly once.
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil, false
	}
	out = append(out, out[0])
	if math.Abs(signedArea(out)) < minRingArea {
		return nil, false
	}
	return out, true
}

// orientRing returns r (degrees) wound counter-clockwise when ccw is true,
// clockwise otherwise, reversing a copy if needed. r is not modified.
func orientRing(r orb.Ring, ccw bool) orb.Ring {
	out := make(orb.Ring, len(r))
	copy(out, r)
	if (signedArea(out) > 0) != ccw {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// cleanPolygon cleans every ring of p (see cleanRing) and orients them the
// RFC 7946 way: exterior counter-clockwise, holes clockwise. Degenerate
// holes are dropped; ok is false when the exterior is degenerate. p is not
// modified.
func cleanPolygon(p orb.Polygon) (out orb.Polygon, ok bool) {
	if len(p) == 0 {
		return nil, false
	}
	ext, ok := cleanRing(p[0])
	if !ok {
		return nil, false
	}
	out = orb.Polygon{orientRing(ext, true)}
	for _, h := range p[1:] {
		if hole, ok := cleanRing(h); ok {
			out = append(out, orientRing(hole, false))
		}
	}
	return out, true
}

// validatePolygon checks that p (degrees) meets the output contract: rings
// closed with at least 4 points, no consecutive duplicates, non-zero area,
// exterior counter-clockwise and holes clockwise, lon in [-180, 180], lat in
// [-90, 90], and no segment spanning 180 degrees of longitude or more.
func validatePolygon(p orb.Polygon) error {
	if len(p) == 0 {
		return fmt.Errorf("polygon has no rings")
	}
	for ri, r := range p {
		if len(r) < 4 {
			return fmt.Errorf("ring %d has %d points", ri, len(r))
		}
		if r[0] != r[len(r)-1] {
			return fmt.Errorf("ring %d is not closed", ri)
		}
		for i, q := range r {
			if q[0] < -180 || q[0] > 180 || q[1] < -90 || q[1] > 90 {
				return fmt.Errorf("ring %d point %d %v out of range", ri, i, q)
			}
			if i == 0 {
				continue
			}
			if q == r[i-1] {
				return fmt.Errorf("ring %d point %d %v repeats the previous point", ri, i, q)
			}
			if math.Abs(q[0]-r[i-1][0]) >= 180 {
				return fmt.Errorf("ring %d segment %v-%v spans 180 degrees of longitude or more", ri, r[i-1], q)
			}
		}
		a := signedArea(r)
		if math.Abs(a) < minRingArea {
			return fmt.Errorf("ring %d has zero area", ri)
		}
		if ri == 0 && a < 0 {
			return fmt.Errorf("exterior ring is clockwise")
		}
		if ri > 0 && a > 0 {
			return fmt.Errorf("hole %d is counter-clockwise", ri)
		}
	}
	return nil
}

// Bowed arcs: great circles pushed sideways, so several journeys between the
// same two places can be told apart.

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// BowedArc returns the great circle from a to b (as GreatCircle, steps of at
// most maxStepKm) pushed to the right of the direction of travel by up to
// bow times the arc's angular length at its middle, tapering to nothing at
// both ends: sin(πt)·bow·d at fraction t. A negative bow pushes it left. The
// ends are a and b exactly (longitudes continuous, as GreatCircle's).
func BowedArc(a, b orb.Point, bow, maxStepKm float64) orb.LineString {
	arc := GreatCircle(a, b, maxStepKm)
	if bow == 0 || len(arc) < 3 {
		return arc
	}
	va, vb := unitVector(a), unitVector(b)
	// The arc's pole: a × b points left of travel from a to b.
	n := [3]float64{va[1]*vb[2] - va[2]*vb[1], va[2]*vb[0] - va[0]*vb[2], va[0]*vb[1] - va[1]*vb[0]}
	nl := math.Sqrt(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])
	if !(nl > 1e-12) {
		return arc // identical or antipodal ends: no single plane to push out of
	}
	d := math.Atan2(nl, va[0]*vb[0]+va[1]*vb[1]+va[2]*vb[2])
	for i := 1; i < len(arc)-1; i++ {
		t := float64(i) / float64(len(arc)-1)
		push := -bow * d * math.Sin(math.Pi*t) // negative: towards the right
		v := unitVector(arc[i])
		k := math.Tan(push) / nl
		w := [3]float64{v[0] + n[0]*k, v[1] + n[1]*k, v[2] + n[2]*k}
		lon := math.Atan2(w[1], w[0]) / deg
		lat := math.Atan2(w[2], math.Hypot(w[0], w[1])) / deg
		// Keep the longitudes continuous with the previous point.
		lon += 360 * math.Round((arc[i-1][0]-lon)/360)
		arc[i] = orb.Point{lon, lat}
	}
	return arc
}

// unitVector is the point on the unit sphere at lon/lat degrees.
func unitVector(p orb.Point) [3]float64 {
	lon, lat := p[0]*deg, p[1]*deg
	return [3]float64{math.Cos(lat) * math.Cos(lon), math.Cos(lat) * math.Sin(lon), math.Sin(lat)}
}

// Neighbours: which countries share a border, and which country lies in a
// compass direction from another, for moving a selection with the arrow keys.

package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Neighbours returns, per index of cs.List, the indexes of the countries that
// share a stretch of border with it, in increasing order. Neighbours share
// vertices exactly (the outlines come from one topology), so a shared border
// is a segment that two countries both have. Computed on first use; the
// result is shared and must not be modified. Safe for concurrent use.
func (cs *Countries) Neighbours() [][]int {
	cs.nearby.Do(cs.computeNearby)
	return cs.neighbours
}

// Centre returns the centre of country i, lon/lat degrees: the centroid of the
// exterior of its largest polygon (France's is in Europe, not in French
// Guiana). Safe for concurrent use.
func (cs *Countries) Centre(i int) orb.Point {
	cs.nearby.Do(cs.computeNearby)
	return cs.centres[i]
}

// computeNearby fills cs.neighbours and cs.centres.
func (cs *Countries) computeNearby() {
	type seg struct{ a, b orb.Point } // a < b, so both directions meet
	owner := make(map[seg]int, 1<<14)
	pairs := make(map[[2]int]struct{})
	cs.centres = make([]orb.Point, len(cs.List))
	for ci, c := range cs.List {
		largest := -1.0
		for _, poly := range c.Shape {
			if len(poly) == 0 {
				continue
			}
			if a := math.Abs(ringArea(poly[0])); a > largest {
				largest, cs.centres[ci] = a, ringCentroid(poly[0])
			}
			for _, r := range poly {
				for i := 1; i < len(r); i++ {
					s := seg{r[i-1], r[i]}
					if s.a == s.b {
						continue
					}
					if s.b[0] < s.a[0] || s.b[0] == s.a[0] && s.b[1] < s.a[1] {
						s.a, s.b = s.b, s.a
					}
					other, seen := owner[s]
					switch {
					case !seen:
						owner[s] = ci
					case other != ci:
						pairs[[2]int{min(ci, other), max(ci, other)}] = struct{}{}
					}
				}
			}
		}
	}
	cs.neighbours = make([][]int, len(cs.List))
	for p := range pairs {
		cs.neighbours[p[0]] = append(cs.neighbours[p[0]], p[1])
		cs.neighbours[p[1]] = append(cs.neighbours[p[1]], p[0])
	}
	for _, n := range cs.neighbours {
		sort.Ints(n)
	}
}

// ringCentroid is the area centroid of a lon/lat ring taken as planar (the
// mean of its points if it has no area).
func ringCentroid(r orb.Ring) orb.Point {
	var cx, cy, a2 float64
	for i := 1; i < len(r); i++ {
		cross := r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
		a2 += cross
		cx += (r[i-1][0] + r[i][0]) * cross
		cy += (r[i-1][1] + r[i][1]) * cross
	}
	if a2 == 0 {
		var sx, sy float64
		for _, p := range r {
			sx, sy = sx+p[0], sy+p[1]
		}
		n := float64(max(1, len(r)))
		return orb.Point{sx / n, sy / n}
	}
	return orb.Point{cx / (3 * a2), cy / (3 * a2)}
}

// Compass bearings (degrees clockwise from north) of the arrow keys.
const (
	North = 0.0
	East  = 90.0
	South = 180.0
	West  = 270.0
)

// towardCone is how far (degrees) the bearing to a country's centre may stray
// from the direction asked for; towardFalloff is the stray at which a
// candidate counts as twice as far away as it is.
const (
	towardCone    = 60.0
	towardFalloff = 30.0
)

// Toward returns the country to move to from country i in the direction
// bearing (degrees clockwise from north; see North, East, South, West): among
// the countries whose centres lie within ±60° of that bearing as seen from i's
// centre, the neighbour across a shared border that is nearest once a stray
// from the bearing is counted as extra distance; if no neighbour lies that
// way (an island, a coast), the nearest such country of all. ok is false when
// no country lies that way. Distances and bearings are along great circles
// between centres (see Centre). Safe for concurrent use.
func (cs *Countries) Toward(i int, bearing float64) (int, bool) {
	if i < 0 || i >= len(cs.List) || math.IsNaN(bearing) || math.IsInf(bearing, 0) {
		return 0, false
	}
	if j, ok := cs.bestToward(i, bearing, cs.Neighbours()[i]); ok {
		return j, true
	}
	all := make([]int, 0, len(cs.List))
	for j := range cs.List {
		all = append(all, j)
	}
	return cs.bestToward(i, bearing, all)
}

// bestToward is the candidate (other than i) with the lowest score for
// Toward, or ok=false if none lies within the cone.
func (cs *Countries) bestToward(i int, bearing float64, candidates []int) (best int, ok bool) {
	from := cs.Centre(i)
	bestScore := math.Inf(1)
	for _, j := range candidates {
		to := cs.Centre(j)
		if j == i || to == from {
			continue
		}
		stray := math.Abs(math.Remainder(InitialBearing(from, to)-bearing, 360))
		if stray > towardCone {
			continue
		}
		r := stray / towardFalloff
		if score := DistanceKm(from, to) * (1 + r*r); score < bestScore {
			best, bestScore, ok = j, score, true
		}
	}
	return best, ok
}

// Great circles: geodesic arcs, distances and bearings on a spherical Earth,
// and cutting lines at the ±180° meridian so they can be projected and drawn.

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadiusKm is the mean Earth radius (IUGG R1 = (2a+b)/3 of WGS84), in
// kilometres, the usual radius for spherical distances. orb uses
// orb.EarthRadius (6378137 m, the equatorial radius of Web Mercator) instead;
// see DistanceKm.
const EarthRadiusKm = 6371.0088

// MaxArcSegments caps the number of segments GreatCircle puts in one arc, so a
// tiny maxStepKm cannot exhaust memory. At the cap, a half-circumference arc
// has steps of about 0.3 km.
const MaxArcSegments = 1 << 16

// gcDegenerate is the length of a×b (the sine of the angle between the unit
// vectors) below which two points count as identical or antipodal: 1e-12 rad
// is about 6 µm on the ground, far below anything drawn.
const gcDegenerate = 1e-12

// gcVec is a point on the unit sphere (x towards 0°E on the equator, y towards
// 90°E, z towards the North Pole).
type gcVec struct{ x, y, z float64 }

func gcFromLonLat(p orb.Point) gcVec {
	sl, cl := math.Sincos(p[0] * deg)
	sf, cf := math.Sincos(p[1] * deg)
	return gcVec{cf * cl, cf * sl, sf}
}

func (v gcVec) dot(w gcVec) float64 { return v.x*w.x + v.y*w.y + v.z*w.z }

func (v gcVec) cross(w gcVec) gcVec {
	return gcVec{v.y*w.z - v.z*w.y, v.z*w.x - v.x*w.z, v.x*w.y - v.y*w.x}
}

func (v gcVec) norm() float64 { return math.Sqrt(v.dot(v)) }

func (v gcVec) scale(k float64) gcVec { return gcVec{v.x * k, v.y * k, v.z * k} }

// lonLat converts back to degrees, longitude in [−180, 180]. At a pole, where
// the longitude is undefined, it returns poleLon.
func (v gcVec) lonLat(poleLon float64) orb.Point {
	h := math.Hypot(v.x, v.y)
	lat := math.Atan2(v.z, h) / deg
	if h < gcDegenerate {
		return orb.Point{poleLon, lat}
	}
	return orb.Point{math.Atan2(v.y, v.x) / deg, lat}
}

// gcNorth is the unit vector pointing due north at p, tangent to the sphere.
// At a pole it is the limit of north along p's meridian: at the South Pole it
// points up p's meridian, at the North Pole down the opposite one.
func gcNorth(p orb.Point) gcVec {
	sl, cl := math.Sincos(p[0] * deg)
	sf, cf := math.Sincos(p[1] * deg)
	return gcVec{-sf * cl, -sf * sl, cf}
}

// gcDepart is the direction an arc leaves p when its ends do not fix one:
// due north, or from the North Pole (where every direction is south) down
// p's own meridian, so the longitude stays continuous.
func gcDepart(p orb.Point) gcVec {
	if n := gcNorth(p); n.z >= gcDegenerate {
		return n
	}
	sl, cl := math.Sincos(p[0] * deg)
	return gcVec{cl, sl, 0}
}

// gcArc is the shorter great circle from a to b: the point at angle θ along it
// is a·cos θ + u·sin θ, for θ in [0, d].
type gcArc struct {
	a, u gcVec   // start, and unit tangent at the start pointing along the arc
	d    float64 // central angle from a to b, radians, in [0, π]
}

// newGCArc sets up the arc from a to b (lon/lat degrees). When the ends are
// identical or antipodal the direction is not defined by them, and the arc
// leaves a as gcDepart says.
func newGCArc(a, b orb.Point) gcArc {
	va, vb := gcFromLonLat(a), gcFromLonLat(b)
	n := va.cross(vb)
	s := n.norm()
	arc := gcArc{a: va, d: math.Atan2(s, va.dot(vb))}
	if s < gcDegenerate {
		arc.u = gcDepart(a)
		return arc
	}
	t := n.cross(va) // in the plane of a and b, perpendicular to a, towards b
	arc.u = t.scale(1 / t.norm())
	return arc
}

// at is the point at angle θ (radians) along the arc.
func (c gcArc) at(theta float64) gcVec {
	s, co := math.Sincos(theta)
	return gcVec{c.a.x*co + c.u.x*s, c.a.y*co + c.u.y*s, c.a.z*co + c.u.z*s}
}

// segments is how many equal steps of at most maxStepKm the arc needs, at
// least 1 and at most MaxArcSegments.
func (c gcArc) segments(maxStepKm float64) int {
	if !(maxStepKm > 0) {
		return 1
	}
	f := c.d * EarthRadiusKm / maxStepKm
	if !(f <= MaxArcSegments) { // also catches NaN
		return MaxArcSegments
	}
	return max(1, int(math.Ceil(f)))
}

// unwrapNear returns lon shifted by a whole number of turns to lie within
// 180° of ref (up to rounding). lon comes back bit-for-bit when it is already
// within 180°.
func unwrapNear(lon, ref float64) float64 {
	d := lon - ref
	if d >= -180 && d <= 180 || math.IsNaN(d) || math.IsInf(d, 0) {
		return lon
	}
	lon -= 360 * math.Round(d/360)
	// Rounding can leave a difference just past ±180; one more turn fixes it.
	if lon-ref > 180 {
		lon -= 360
	} else if lon-ref < -180 {
		lon += 360
	}
	return lon
}

// GreatCircle returns points along the shorter great circle from a to b
// (lon/lat degrees), in equal steps of at most maxStepKm kilometres on a sphere
// of radius EarthRadiusKm.
//
// The first point is a, exactly. The last point has b's latitude exactly and
// b's longitude shifted by a whole number of turns (exactly b when no shift is
// needed). Longitudes are continuous: consecutive points differ by at most 180°
// (up to rounding) and may leave [−180, 180] (Tokyo → San Francisco ends at
// 237.58°). Pass the result to SplitAntimeridian before projecting it.
//
// Special cases:
//   - maxStepKm ≤ 0, NaN or +Inf: no intermediate points, just the two ends.
//   - More than MaxArcSegments steps would be needed: the arc gets
//     MaxArcSegments steps, each longer than maxStepKm.
//   - a and b identical (closer than about 6 µm): just the two ends.
//   - a and b antipodal: every great circle through them is equally short.
//     The arc leaves a heading due north, so it passes over the North Pole.
//     From a pole it follows a's meridian (a's longitude is the only hint).
//   - A point that falls on a pole takes the previous point's longitude.
//
// Coordinates must be finite; latitudes should be in [−90, 90].
// The result is a new slice; a and b are not modified.
func GreatCircle(a, b orb.Point, maxStepKm float64) orb.LineString {
	arc := newGCArc(a, b)
	n := arc.segments(maxStepKm)
	ls := make(orb.LineString, 1, n+1)
	ls[0] = a
	return arc.appendTo(ls, b, n)
}

// appendTo appends the arc's points after its start (which must be the last
// point of ls) in n steps, ending at b with its longitude unwrapped.
func (c gcArc) appendTo(ls orb.LineString, b orb.Point, n int) orb.LineString {
	prev := ls[len(ls)-1][0]
	for i := 1; i < n; i++ {
		p := c.at(c.d * float64(i) / float64(n)).lonLat(prev)
		p[0] = unwrapNear(p[0], prev)
		ls = append(ls, p)
		prev = p[0]
	}
	return append(ls, orb.Point{unwrapNear(b[0], prev), b[1]})
}

// Densify replaces every segment of the polyline ls (lon/lat degrees, e.g. the
// waypoints of a sea lane) by its great-circle arc, with steps of at most
// maxStepKm as in GreatCircle, so any polyline can be drawn as geodesics.
// Each segment takes the shorter way round, even when its longitudes jump by
// more than 180°. The first point is ls[0] exactly, later waypoints keep their
// latitude exactly and their longitude up to whole turns; longitudes are
// continuous as in GreatCircle, so pass the result to SplitAntimeridian.
// The result is a new slice; ls is not modified. Fewer than two points come
// back as a copy.
func Densify(ls orb.LineString, maxStepKm float64) orb.LineString {
	if len(ls) < 2 {
		return ls.Clone()
	}
	arcs := make([]gcArc, len(ls)-1)
	steps := make([]int, len(ls)-1)
	total := 1
	for i := 1; i < len(ls); i++ {
		arcs[i-1] = newGCArc(ls[i-1], ls[i])
		steps[i-1] = arcs[i-1].segments(maxStepKm)
		total += steps[i-1]
	}
	out := make(orb.LineString, 1, total)
	out[0] = ls[0]
	for i, arc := range arcs {
		// The arc starts at the previous arc's (unwrapped) end, which is the
		// same place as ls[i], so the output stays continuous.
		out = arc.appendTo(out, ls[i+1], steps[i])
	}
	return out
}

// DistanceKm is the great-circle distance from a to b (lon/lat degrees) in
// kilometres, by the haversine formula on a sphere of radius EarthRadiusKm.
//
// orbgeo.DistanceHaversine ("github.com/paulmach/orb/geo") computes the same
// angle but returns metres on a sphere of radius orb.EarthRadius (6378137 m),
// so its results are 6378.137/6371.0088 ≈ 1.00112 times DistanceKm·1000.
//
// The haversine formula is accurate to a few ulps except near antipodes,
// where it is ill-conditioned: there the error grows to about √ε·R ≈ 0.15 m.
func DistanceKm(a, b orb.Point) float64 {
	sdf := math.Sin((b[1] - a[1]) * deg / 2)
	sdl := math.Sin((b[0] - a[0]) * deg / 2)
	h := sdf*sdf + math.Cos(a[1]*deg)*math.Cos(b[1]*deg)*sdl*sdl
	h = math.Max(0, math.Min(1, h)) // rounding can push h just past 1 near antipodes
	return 2 * EarthRadiusKm * math.Atan2(math.Sqrt(h), math.Sqrt(1-h))
}

// Midpoint is the point halfway along the shorter great circle from a to b
// (lon/lat degrees), with its longitude in [−180, 180]. It lies on the arc
// GreatCircle draws, also for antipodal ends: that arc leaves a due north, so
// the midpoint is 90° north of a along its meridian, over the North Pole if a
// is north of the equator. At a pole the longitude, which is undefined there,
// is a's (wrapped into [−180, 180]).
func Midpoint(a, b orb.Point) orb.Point {
	arc := newGCArc(a, b)
	return arc.at(arc.d / 2).lonLat(wrapLon180(a[0]))
}

// wrapLon180 wraps a longitude into [−180, 180], leaving it unchanged if it is
// already there.
func wrapLon180(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// InitialBearing is the direction in which the shorter great circle from a to
// b (lon/lat degrees) leaves a: degrees clockwise from north, in [0, 360).
// It is the compass bearing at the start of GreatCircle's arc, e.g. for
// orienting an arrowhead in lon/lat. For identical or antipodal ends it is 0
// (due north, matching GreatCircle), or 180 from the North Pole. At a pole,
// bearings are measured as if a lay on its meridian just off the pole.
func InitialBearing(a, b orb.Point) float64 {
	arc := newGCArc(a, b)
	sl, cl := math.Sincos(a[0] * deg)
	east := gcVec{-sl, cl, 0}
	brg := math.Atan2(arc.u.dot(east), arc.u.dot(gcNorth(a))) / deg
	if brg < 0 {
		brg += 360
	}
	if brg >= 360 { // -tiny + 360 rounds to 360
		brg = 0
	}
	return brg + 0 // turn −0 into 0
}

// ProjectLine projects every point of the lon/lat line ls with p (see Project).
// Longitudes should be in [−180, 180]: split continuous lines from GreatCircle
// or Densify with SplitAntimeridian first, and project each piece. On the
// globe, points behind the horizon come out as NaN: use ProjectLines there.
// The result is a new slice; ls is not modified.
func ProjectLine(p Projection, ls orb.LineString) orb.LineString {
	if ls == nil {
		return nil
	}
	out := make(orb.LineString, len(ls))
	for i, pt := range ls {
		out[i] = Project(p, pt)
	}
	return out
}

// SplitAntimeridian cuts the lon/lat line ls where it crosses the ±180°
// meridian and returns the pieces, every longitude wrapped into [−180, 180].
//
// Longitudes may be continuous (unwrapped, as from GreatCircle) or wrapped: a
// step of more than 180° between neighbours is read as going the short way
// round, across the meridian. At each crossing the latitude is interpolated
// linearly in lon/lat, and the piece before ends and the piece after starts on
// the meridian at that latitude, one at +180 and the other at −180. A line that
// crosses k times gives k+1 pieces; one that touches ±180 and turns back is not
// cut. A line that never crosses comes back as one piece with the same values
// (bit-for-bit when all its longitudes are already in [−180, 180]); otherwise
// a longitude that had to be wrapped may differ from the exact value by
// rounding (about 1e-13°).
//
// An empty line gives no pieces, a single point one piece of one point.
// Coordinates must be finite. The result is new; ls is not modified.
func SplitAntimeridian(ls orb.LineString) orb.MultiLineString {
	if len(ls) == 0 {
		return nil
	}
	s := antimeridianSplitter{pts: make([]splitPoint, len(ls)), cur: make([]splitPoint, 0, len(ls)+1)}
	// Unwrap: off is a multiple of 360, kept exactly, so that lon+off is
	// continuous and the input can be given back exactly where off matches
	// the piece's shift.
	s.pts[0] = splitPoint{lon: ls[0][0], lat: ls[0][1], u: ls[0][0]}
	for i := 1; i < len(ls); i++ {
		prev := s.pts[i-1]
		lon, lat := ls[i][0], ls[i][1]
		off := prev.off
		// Only a step of more than 180° is read as wrapped: one of exactly
		// 180° (e.g. over a pole) is taken as given.
		if d := lon + off - prev.u; (d > 180 || d < -180) && !math.IsInf(d, 0) {
			off -= 360 * math.Round(d/360)
		}
		s.pts[i] = splitPoint{lon: lon, lat: lat, off: off, u: lon + off}
	}
	if len(ls) == 1 {
		p := s.pts[0]
		return orb.MultiLineString{{s.wrap(p, sheetFor(p.u, p.u, p.off, p.off))}}
	}
	for i := 1; i < len(s.pts); i++ {
		s.segment(s.pts[i-1], s.pts[i])
	}
	s.flush()
	return s.out
}

// splitPoint is one input point: its longitude lon as given, the exact whole
// turns off that make u = lon+off continuous along the line, and its latitude.
type splitPoint struct{ lon, lat, off, u float64 }

// antimeridianSplitter collects pieces. Each piece lives on one "sheet", the
// longitudes [shift−180, shift+180] of the unwrapped line for a multiple of
// 360 shift; its output longitudes are u − shift.
type antimeridianSplitter struct {
	pts   []splitPoint
	cur   []splitPoint // the piece being built, unwrapped
	shift float64
	set   bool // whether shift is known for cur
	out   orb.MultiLineString
}

// onSheet reports whether the unwrapped segment [lo, hi] lies on the sheet
// centred at c.
func onSheet(lo, hi, c float64) bool { return lo >= c-180 && hi <= c+180 }

// sheetFor picks a sheet for the unwrapped segment [lo, hi], which crosses no
// ±180 meridian: the first of the points' own offsets that fits (so the input
// needs no change), else the one around its middle.
func sheetFor(lo, hi, offP, offQ float64) float64 {
	mid := 360 * math.Round((lo+hi)/2/360)
	for _, c := range [...]float64{offP, offQ, mid, mid - 360, mid + 360} {
		if onSheet(lo, hi, c) {
			return c
		}
	}
	return mid // unreachable for finite input
}

func (s *antimeridianSplitter) segment(p, q splitPoint) {
	if len(s.cur) == 0 {
		s.cur = append(s.cur, p)
	}
	lo, hi := math.Min(p.u, q.u), math.Max(p.u, q.u)
	// The first ±180 meridian (an odd multiple of 180) strictly east of lo.
	// lo+180 can round up to a multiple of 360 (179.99999999999997+180 = 360),
	// so check the neighbour below.
	b := 360*math.Floor((lo+180)/360) + 180
	if b-360 > lo {
		b -= 360
	} else if b <= lo {
		b += 360
	}
	if b < hi {
		cp, cq := b-180, b+180 // sheets on p's and q's sides
		if p.u > q.u {
			cp, cq = cq, cp
		}
		if s.set && s.shift != cp {
			s.restart(p) // cannot happen for finite input; keeps pieces on one sheet
		}
		t := (b - p.u) / (q.u - p.u)
		cut := splitPoint{lon: b, u: b, lat: p.lat + t*(q.lat-p.lat)}
		s.shift, s.set = cp, true
		s.cur = append(s.cur, cut)
		s.flush()
		s.cur = append(s.cur, cut, q)
		s.shift, s.set = cq, true
		return
	}
	// No crossing: the segment lies on one sheet (two when it runs along a
	// meridian at ±180). Prefer the current one, then the one on which the
	// input needs no change, then the one around its middle.
	var c float64
	if s.set && onSheet(lo, hi, s.shift) {
		c = s.shift
	} else {
		c = sheetFor(lo, hi, p.off, q.off)
	}
	if s.set && c != s.shift {
		// p is exactly on the meridian: end the piece there, start the next there.
		s.restart(p)
	}
	s.shift, s.set = c, true
	s.cur = append(s.cur, q)
}

// restart ends the current piece and starts a new one at p.
func (s *antimeridianSplitter) restart(p splitPoint) {
	s.flush()
	s.cur = append(s.cur, p)
}

// flush wraps the current piece into [−180, 180] and appends it to out.
func (s *antimeridianSplitter) flush() {
	if len(s.cur) == 0 {
		return
	}
	piece := make(orb.LineString, len(s.cur))
	for i, p := range s.cur {
		piece[i] = s.wrap(p, s.shift)
	}
	s.out = append(s.out, piece)
	s.cur, s.set = s.cur[:0], false
}

// wrap maps an unwrapped point onto the sheet centred at shift.
func (s *antimeridianSplitter) wrap(p splitPoint, shift float64) orb.Point {
	// On the meridian u−shift is exactly ±180, matching the neighbouring
	// piece; elsewhere, if the point needs no wrapping, give it back exactly.
	lon := p.u - shift
	if math.Abs(lon) != 180 && p.off == shift {
		lon = p.lon
	}
	return orb.Point{math.Max(-180, math.Min(180, lon)), p.lat}
}

// GreatCircleAt is the point a fraction f (0 at a, 1 at b) of the way along
// the shorter great circle from a to b, lon/lat degrees, the longitude in
// [−180, 180]. Identical or antipodal ends are handled as GreatCircle does.
// Coordinates must be finite.
func GreatCircleAt(a, b orb.Point, f float64) orb.Point {
	c := newGCArc(a, b)
	return c.at(f * c.d).lonLat(a[0])
}

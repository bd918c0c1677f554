// Orthographic: the globe seen from far away, and clipping of lines and
// polygons to the hemisphere that faces the viewer.

package geo

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

var _ Projection = Orthographic{}

// Orthographic is the orthographic projection centred on (Lon0, Lat0)
// degrees: the sphere as seen from infinitely far above that point. The
// visible hemisphere maps onto the unit disc (radius 1, the centre at the
// origin, north up); the map's outline is the unit circle (see Outline).
//
// Forward returns NaN, NaN for points on the far hemisphere, so a polygon
// or line projected vertex by vertex (Project, ProjectLine) is not clipped:
// ClipLine and ClipPolygon cut lines and rings at the horizon, and NewLayer,
// Graticule and ProjectLines use them.
// Lat0 should be in [−90, 90]. An Orthographic is a small value, safe for
// concurrent use.
type Orthographic struct {
	Lon0, Lat0 float64 // centre, degrees
}

// DefaultGlobe is the globe the atlas offers: it faces the story, over
// Russia, Central Asia and China (centre 90°E, 35°N).
var DefaultGlobe = Orthographic{Lon0: 90, Lat0: 35}

// Name implements Projection: "orthographic" for DefaultGlobe, else it
// includes the centre, as in "orthographic(80,35)", because projected layers
// are cached by name (World.Layer): two centres must not share a layer.
// ProjectionByName reads both forms back.
func (o Orthographic) Name() string {
	if o == DefaultGlobe {
		return "orthographic"
	}
	return "orthographic(" + strconv.FormatFloat(o.Lon0, 'g', -1, 64) + "," + strconv.FormatFloat(o.Lat0, 'g', -1, 64) + ")"
}

// parseOrthographic reads a globe's name with its centre,
// "orthographic(lon,lat)" (degrees, any case, spaces allowed around the
// numbers). ok is false for anything else, for a centre that is not finite,
// and for a latitude outside [−90, 90]; the longitude is wrapped into
// [−180, 180].
func parseOrthographic(name string) (o Orthographic, ok bool) {
	s := strings.ToLower(strings.TrimSpace(name))
	s, ok1 := strings.CutPrefix(s, "orthographic(")
	s, ok2 := strings.CutSuffix(s, ")")
	a, b, ok3 := strings.Cut(s, ",")
	if !ok1 || !ok2 || !ok3 {
		return Orthographic{}, false
	}
	lon, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lat, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || math.IsInf(lon, 0) || math.IsNaN(lon) || !(math.Abs(lat) <= 90) {
		return Orthographic{}, false
	}
	return Orthographic{Lon0: wrapLon180(lon), Lat0: lat}, true
}

// ProjectionFamily is a projection's name without the parameters a globe
// carries: "orthographic" for every globe, whatever its centre; the name
// itself otherwise. A cache of projected geometry that keeps one entry per
// family stays bounded while the globe turns.
func ProjectionFamily(name string) string {
	family, _, _ := strings.Cut(name, "(")
	return family
}

// Grab returns the globe turned, north kept up, so that the lon/lat point ll
// (degrees) projects to the plane point to — what dragging a globe by the
// point ll to the pointer at to does. When no turn puts ll exactly there (to
// is off the disc, or ll too near a pole to reach it) it returns the nearest
// that does: to is taken to the rim, the centre's latitude clamped to ±90°.
// Of the turns that fit, the one closest to o is taken, so a drag turns the
// globe smoothly.
func (o Orthographic) Grab(ll, to orb.Point) Orthographic {
	x, y := to[0], to[1]
	if math.IsNaN(x) || math.IsNaN(y) || math.IsNaN(ll[0]) || math.IsNaN(ll[1]) {
		return o
	}
	if r := math.Hypot(x, y); r > 1 {
		x, y = x/r, y/r
	}
	sp, cp := math.Sincos(ll[1] * deg)
	best, bestCost := o, math.Inf(1)
	// x = cos φ · sin(λ − λ0) fixes λ − λ0 up to its supplement.
	var dls []float64
	if cp < 1e-12 {
		dls = []float64{(ll[0] - o.Lon0) * deg} // a pole: any λ0 will do
	} else {
		a := math.Asin(math.Max(-1, math.Min(1, x/cp)))
		dls = []float64{a, math.Pi - a}
	}
	for _, dl := range dls {
		w := cp * math.Cos(dl)
		// (y, z) is (sin φ, w) turned by λ0's latitude: find the angle.
		rho := math.Hypot(sp, w) // = √(1 − x²) for the x reached
		ty := math.Max(-rho, math.Min(rho, y))
		tz := math.Sqrt(math.Max(0, rho*rho-ty*ty))
		exact := math.Remainder(math.Atan2(tz, ty)-math.Atan2(w, sp), 2*math.Pi) / deg
		g := Orthographic{Lon0: wrapLon180(ll[0] - dl/deg), Lat0: math.Max(-90, math.Min(90, exact))}
		// The turn that fits and moves the centre least.
		cost := centralAngle(orb.Point{o.Lon0, o.Lat0}, orb.Point{g.Lon0, g.Lat0})
		if g.Lat0 != exact {
			cost += 2 * math.Pi // clamped: only when no turn fits
		}
		if cost < bestCost {
			best, bestCost = g, cost
		}
	}
	return best
}

// centralAngle is the angle (radians) between two lon/lat points (degrees)
// seen from the centre of the sphere.
func centralAngle(a, b orb.Point) float64 {
	va, vb := gcFromLonLat(a), gcFromLonLat(b)
	return math.Atan2(va.cross(vb).norm(), va.dot(vb))
}

// view returns lon/lat degrees as a unit vector in view space: x east, y
// north (on the screen), z towards the viewer. The point is visible when
// z ≥ 0.
func (o Orthographic) view(lon, lat float64) (x, y, z float64) {
	sl, cl := math.Sincos((lon - o.Lon0) * deg)
	sp, cp := math.Sincos(lat * deg)
	s0, c0 := math.Sincos(o.Lat0 * deg)
	// World frame turned so the centre's meridian is X: (X, Y, Z) =
	// (cp·cl, cp·sl, sp); then tilted about Y by Lat0.
	return cp * sl, c0*sp - s0*cp*cl, s0*sp + c0*cp*cl
}

// Forward implements Projection. Points on the far hemisphere (behind the
// horizon) give NaN, NaN; points on the horizon land on the unit circle.
func (o Orthographic) Forward(lon, lat float64) (float64, float64) {
	x, y, z := o.view(lon, lat)
	if !(z >= 0) {
		return math.NaN(), math.NaN()
	}
	return x, y
}

// Inverse implements Projection; ok is false outside the unit disc (by more
// than rounding: points that Forward put on the horizon come back). At a
// pole the longitude returned is arbitrary.
func (o Orthographic) Inverse(x, y float64) (float64, float64, bool) {
	r2 := x*x + y*y
	if !(r2 <= 1+orthoRim) { // also NaN and ±Inf
		return 0, 0, false
	}
	z := math.Sqrt(math.Max(0, 1-r2))
	s0, c0 := math.Sincos(o.Lat0 * deg)
	// Undo the tilt: (X, Y, Z) in the world frame turned to the centre's meridian.
	wx, wy, wz := c0*z-s0*y, x, s0*z+c0*y
	// atan2, not asin(wz): asin is ill-conditioned at the poles, where a
	// rounding error of 1e-16 in wz moves the latitude by 1e-8 rad.
	lat := math.Atan2(wz, math.Hypot(wx, wy)) / deg
	lon := wrapLon180(o.Lon0 + math.Atan2(wy, wx)/deg)
	return lon, lat, true
}

// orthoRim is how far past the unit circle (in r²) Inverse still accepts a
// point: Forward's x² + y² for a point on the horizon can exceed 1 by a few ulps.
const orthoRim = 1e-12

// Outline is the edge of the map: the unit circle (the horizon), as a closed
// counter-clockwise ring sampled every degree. geo.Outline, which traces the
// ±180° meridians, does not apply to a projection of one hemisphere.
func (o Orthographic) Outline() orb.Ring {
	r := make(orb.Ring, 0, 361)
	for a := 0; a < 360; a++ {
		s, c := math.Sincos(float64(a) * deg)
		r = append(r, orb.Point{c, s})
	}
	return append(r, r[0])
}

// onAntimeridian returns a test of whether a projected point of the disc lies
// on the plane of the ±180° meridian (within rounding), where the outlines
// were cut: the only place a seam can be (see markSeams in layer.go). The plane
// also holds the centre's own meridian, which no ring runs along twice.
func (o Orthographic) onAntimeridian() func(p orb.Point) bool {
	s0, c0 := math.Sincos(o.Lat0 * deg)
	sd, cd := math.Sincos((180 - o.Lon0) * deg)
	return func(p orb.Point) bool {
		z := math.Sqrt(math.Max(0, 1-p[0]*p[0]-p[1]*p[1]))
		// In the frame turned to the centre's meridian the point is
		// (c0·z − s0·y, x, …); the meridian at relative longitude d is the
		// plane sin d·X − cos d·Y = 0.
		return math.Abs(sd*(c0*z-s0*p[1])-cd*p[0]) < 1e-9
	}
}

// horizonPoint is where the great-circle arc from a to b crosses the
// horizon, for view vectors a and b on opposite sides of it (a.z·b.z ≤ 0):
// the point of the chord where z = 0, pushed out onto the unit circle.
func horizonPoint(a, b [3]float64) orb.Point {
	t := a[2] / (a[2] - b[2])
	x, y := a[0]+t*(b[0]-a[0]), a[1]+t*(b[1]-a[1])
	r := math.Hypot(x, y)
	if !(r > 0) {
		return orb.Point{1, 0} // a and b antipodal: any point of the horizon is as good
	}
	return orb.Point{x / r, y / r}
}

// ClipLine returns the visible parts of the lon/lat line ls, projected. Each
// segment is taken as a great-circle arc: a line is cut exactly where it
// crosses the horizon, so its visible pieces end on the unit circle. Hidden
// parts are dropped, and so are pieces of a single point. The result is new;
// ls is not modified.
func (o Orthographic) ClipLine(ls orb.LineString) orb.MultiLineString {
	var out orb.MultiLineString
	var cur orb.LineString
	var prev [3]float64
	for i, p := range ls {
		x, y, z := o.view(p[0], p[1])
		v := [3]float64{x, y, z}
		visible := z >= 0
		if i > 0 && visible != (prev[2] >= 0) {
			h := horizonPoint(prev, v)
			if visible {
				cur = orb.LineString{h}
			} else {
				cur = append(cur, h)
				if len(cur) > 1 {
					out = append(out, cur)
				}
				cur = nil
			}
		}
		if visible {
			cur = append(cur, orb.Point{x, y})
		}
		prev = v
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// clipRun is the visible run of a ring between two crossings of the horizon:
// it enters at angle in (radians, on the unit circle) and leaves at out.
type clipRun struct {
	pts     orb.Ring // projected, from the entry point to the exit point
	in, out float64
	used    bool
}

// ClipPolygon returns the visible part of the lon/lat polygon poly (exterior
// counter-clockwise, holes clockwise, as DecodeCountries makes them),
// projected, as rings to be filled together with the non-zero rule. Rings
// wholly in view come back as they are; rings wholly hidden are dropped; rings
// that cross the horizon are cut there (segments taken as great-circle arcs)
// and closed along the unit circle, sampled every degree, the way that keeps
// the polygon's inside on the left. A polygon that encloses the whole visible
// hemisphere without any vertex in view (larger than a hemisphere) is
// dropped, which no country is. The result is new; poly is not modified.
func (o Orthographic) ClipPolygon(poly orb.Polygon) []orb.Ring {
	var out []orb.Ring
	var runs []*clipRun
	for _, ring := range poly {
		n := len(ring)
		if n > 1 && ring[0] == ring[n-1] {
			n-- // the closing point repeats the first
		}
		if n < 3 {
			continue
		}
		vs := make([][3]float64, n)
		start := -1 // a hidden vertex, where runs are cut
		for i := 0; i < n; i++ {
			x, y, z := o.view(ring[i][0], ring[i][1])
			vs[i] = [3]float64{x, y, z}
			if start < 0 && !(z >= 0) {
				start = i
			}
		}
		if start < 0 { // wholly in view
			r := make(orb.Ring, n+1)
			for i, v := range vs {
				r[i] = orb.Point{v[0], v[1]}
			}
			r[n] = r[0]
			out = append(out, r)
			continue
		}
		var cur *clipRun
		for k := 1; k <= n; k++ {
			a, b := vs[(start+k-1)%n], vs[(start+k)%n]
			av, bv := a[2] >= 0, b[2] >= 0
			if av != bv {
				h := horizonPoint(a, b)
				if bv {
					cur = &clipRun{pts: orb.Ring{h}, in: math.Atan2(h[1], h[0])}
				} else {
					cur.pts = append(cur.pts, h)
					cur.out = math.Atan2(h[1], h[0])
					runs = append(runs, cur)
					cur = nil
				}
			}
			if bv {
				cur.pts = append(cur.pts, orb.Point{b[0], b[1]})
			}
		}
	}
	return append(out, rejoin(runs)...)
}

// rejoin links the runs cut from a polygon's rings into closed rings: from
// each run's exit it follows the unit circle counter-clockwise (the disc on
// the left, like the polygon's inside) to the nearest entry, then along that
// run, until it is back at the first run. Runs are taken in order of entry
// angle, so the result does not depend on where the rings start.
func rejoin(runs []*clipRun) []orb.Ring {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].in < runs[j].in })
	var out []orb.Ring
	for _, first := range runs {
		if first.used {
			continue
		}
		first.used = true
		ring := append(orb.Ring(nil), first.pts...)
		cur := first
		for {
			var next *clipRun
			best := math.Inf(1)
			for _, r := range runs {
				if r.used && r != first {
					continue
				}
				if d := ccwAngle(cur.out, r.in); d < best {
					best, next = d, r
				}
			}
			ring = appendLimb(ring, cur.out, best)
			if next == first || next == nil {
				break
			}
			next.used = true
			ring = append(ring, next.pts...)
			cur = next
		}
		ring = append(ring, ring[0])
		out = append(out, ring)
	}
	return out
}

// ccwAngle is the counter-clockwise turn from angle a to angle b, in [0, 2π).
// A turn within limbSnap of a whole circle counts as none (see limbSnap).
func ccwAngle(a, b float64) float64 {
	d := math.Mod(b-a, 2*math.Pi)
	if d < 0 {
		d += 2 * math.Pi
	}
	if d > 2*math.Pi-limbSnap {
		d = 0
	}
	return d
}

// limbSnap is how near (radians) to a whole turn of the horizon a closing
// turn counts as none. The outlines have spikes a few metres wide whose two
// edges, read as great-circle arcs, cross: where the horizon cuts such a
// spike, a ring leaves the disc a hair past where it comes back, and the
// counter-clockwise rule would close it with the whole limb, filling the
// disc. A true turn this close to a whole one would need a country covering
// all of the visible hemisphere but a notch under 1 km wide at its rim.
const limbSnap = 1.5e-4

// appendLimb appends the points of the unit circle strictly between angle
// from and from+turn (counter-clockwise), one every degree.
func appendLimb(ring orb.Ring, from, turn float64) orb.Ring {
	const step = deg
	n := int(math.Ceil(turn/step)) - 1
	for k := 1; k <= n; k++ {
		s, c := math.Sincos(from + turn*float64(k)/float64(n+1))
		ring = append(ring, orb.Point{c, s})
	}
	return ring
}

// Map projections: lon/lat degrees ↔ projected plane units (radians of a unit sphere).

package geo

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Projection maps a lon/lat position in degrees to the projected plane and back.
// Projected units are those of a unit sphere (x grows east, y grows north).
// Implementations are stateless and safe for concurrent use.
type Projection interface {
	// Name is the projection's stable identifier, e.g. "equal-earth".
	Name() string
	// Forward projects lon/lat degrees to plane units.
	Forward(lon, lat float64) (x, y float64)
	// Inverse maps plane units back to lon/lat degrees; ok is false outside the map.
	Inverse(x, y float64) (lon, lat float64, ok bool)
}

const deg = math.Pi / 180

// EqualEarth is the Equal Earth projection (Šavrič, Patterson, Jenny 2018):
// equal-area, pseudo-cylindrical; the default for a membership map because
// every country is shown with its true relative area.
type EqualEarth struct{}

// Equal Earth polynomial coefficients and the parametric latitude factor.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
	eeM  = 0.8660254037844386 // √3/2
)

// Name implements Projection.
func (EqualEarth) Name() string { return "equal-earth" }

// Forward implements Projection.
func (EqualEarth) Forward(lon, lat float64) (float64, float64) {
	l := lon * deg
	t := math.Asin(eeM * math.Sin(lat*deg))
	t2 := t * t
	t6 := t2 * t2 * t2
	x := l * math.Cos(t) / (eeM * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)))
	y := t * (eeA1 + eeA2*t2 + t6*(eeA3+eeA4*t2))
	return x, y
}

// Inverse implements Projection. It solves for the parametric latitude by Newton's method.
func (EqualEarth) Inverse(x, y float64) (float64, float64, bool) {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return 0, 0, false
	}
	_, yMax := EqualEarth{}.Forward(0, 90)
	if math.Abs(y) > yMax+1e-12 {
		return 0, 0, false
	}
	t := y
	for i := 0; i < 20; i++ {
		t2 := t * t
		t6 := t2 * t2 * t2
		fy := t*(eeA1+eeA2*t2+t6*(eeA3+eeA4*t2)) - y
		fpy := eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)
		d := fy / fpy
		t -= d
		if math.Abs(d) < 1e-12 {
			break
		}
	}
	t2 := t * t
	t6 := t2 * t2 * t2
	l := eeM * x * (eeA1 + 3*eeA2*t2 + t6*(7*eeA3+9*eeA4*t2)) / math.Cos(t)
	s := math.Sin(t) / eeM
	s = math.Max(-1, math.Min(1, s))
	lon, lat := l/deg, math.Asin(s)/deg
	if math.Abs(lon) > 180+1e-9 {
		return lon, lat, false
	}
	return lon, lat, true
}

// Equirectangular is the plate carrée: x = longitude, y = latitude, in radians.
type Equirectangular struct{}

// Name implements Projection.
func (Equirectangular) Name() string { return "equirectangular" }

// Forward implements Projection.
func (Equirectangular) Forward(lon, lat float64) (float64, float64) { return lon * deg, lat * deg }

// Inverse implements Projection.
func (Equirectangular) Inverse(x, y float64) (float64, float64, bool) {
	lon, lat := x/deg, y/deg
	ok := !math.IsNaN(lon) && !math.IsNaN(lat) && math.Abs(lon) <= 180+1e-9 && math.Abs(lat) <= 90+1e-9
	return lon, lat, ok
}

// WebMercator is the spherical Mercator of web maps (EPSG:3857): x is the
// longitude in radians, y = ln tan(π/4 + φ/2). Latitudes beyond
// ±MaxMercatorLat are clamped to it, as every web map does, so the map is the
// square [−π, π]² and the poles, which Mercator puts at infinity, lie on its
// top and bottom edges. It is conformal: shapes are true locally, areas grow
// towards the poles.
type WebMercator struct{}

// MaxMercatorLat is the latitude (degrees) where Web Mercator is cut off: the
// one at which the map is exactly as tall as it is wide, 2·atan(e^π) − 90°.
const MaxMercatorLat = 85.05112877980659

// Name implements Projection.
func (WebMercator) Name() string { return "web-mercator" }

// Forward implements Projection; latitudes are clamped to ±MaxMercatorLat.
func (WebMercator) Forward(lon, lat float64) (float64, float64) {
	lat = math.Max(-MaxMercatorLat, math.Min(MaxMercatorLat, lat))
	return lon * deg, math.Log(math.Tan(math.Pi/4 + lat*deg/2))
}

// Inverse implements Projection; ok is false outside the square [−π, π]².
func (WebMercator) Inverse(x, y float64) (float64, float64, bool) {
	// Forward(±180, ±MaxMercatorLat) can land a few ulps outside.
	const rim = 1e-12
	if !(math.Abs(x) <= math.Pi+rim && math.Abs(y) <= math.Pi+rim) { // also NaN and ±Inf
		return 0, 0, false
	}
	return x / deg, (2*math.Atan(math.Exp(y)) - math.Pi/2) / deg, true
}

// Outline is the edge of the map, the square [−π, π]², as a closed
// counter-clockwise ring.
func (WebMercator) Outline() orb.Ring {
	return orb.Ring{{-math.Pi, -math.Pi}, {math.Pi, -math.Pi}, {math.Pi, math.Pi}, {-math.Pi, math.Pi}, {-math.Pi, -math.Pi}}
}

// Projections lists the projections the atlas offers, default first. The
// globe faces the story (see DefaultGlobe).
var Projections = []Projection{EqualEarth{}, Equirectangular{}, WebMercator{}, DefaultGlobe}

// ProjectionByName returns the projection with the given Name
// (case-insensitive). Besides the names of Projections it takes a globe with
// any centre, "orthographic(lon,lat)" in degrees, as Orthographic.Name gives
// it after the globe was turned.
func ProjectionByName(name string) (Projection, error) {
	for _, p := range Projections {
		if strings.EqualFold(p.Name(), name) {
			return p, nil
		}
	}
	if o, ok := parseOrthographic(name); ok {
		return o, nil
	}
	names := make([]string, len(Projections))
	for i, p := range Projections {
		names[i] = p.Name()
	}
	return nil, fmt.Errorf("geo: unknown projection %q (want one of %s)", name, strings.Join(names, ", "))
}

// outliner is a projection whose edge is not the ±180° meridians and the
// poles: Outline gives it instead.
type outliner interface {
	Outline() orb.Ring
}

// clipper is a projection that shows part of the sphere only (the globe's
// near side): lines and polygons must be cut at the edge of what it shows
// rather than projected vertex by vertex.
type clipper interface {
	// ClipLine returns the visible pieces of a lon/lat line, projected.
	ClipLine(ls orb.LineString) orb.MultiLineString
	// ClipPolygon returns the visible part of a lon/lat polygon, projected,
	// as rings to fill together.
	ClipPolygon(poly orb.Polygon) []orb.Ring
}

// ProjectLines projects the lon/lat line ls with p and returns the pieces to
// draw: the whole line as one piece (see ProjectLine), or under a projection
// that shows part of the sphere (the globe) its visible pieces, cut where it
// leaves the map; none when it is wholly hidden. Longitudes should be in
// [−180, 180] as for ProjectLine. The result is new; ls is not modified.
func ProjectLines(p Projection, ls orb.LineString) []orb.LineString {
	if len(ls) == 0 {
		return nil
	}
	if c, ok := p.(clipper); ok {
		return c.ClipLine(ls)
	}
	return []orb.LineString{ProjectLine(p, ls)}
}

// Project maps a lon/lat point in degrees to the plane.
func Project(p Projection, ll orb.Point) orb.Point {
	x, y := p.Forward(ll[0], ll[1])
	return orb.Point{x, y}
}

// WorldBound is the projected bound of the whole sphere under p.
func WorldBound(p Projection) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, pt := range Outline(p) {
		b = b.Extend(pt)
	}
	return b
}

// Outline is the projected edge of the map as a closed counter-clockwise
// ring: for most projections the ±180° meridians and the poles, sampled every
// degree of latitude; for the globe the horizon circle; for Web Mercator its
// square.
func Outline(p Projection) orb.Ring {
	if o, ok := p.(outliner); ok {
		return o.Outline()
	}
	r := make(orb.Ring, 0, 2*181+1)
	for lat := -90; lat <= 90; lat++ {
		r = append(r, Project(p, orb.Point{180, float64(lat)}))
	}
	for lat := 90; lat >= -90; lat-- {
		r = append(r, Project(p, orb.Point{-180, float64(lat)}))
	}
	return append(r, r[0])
}

// Graticule returns the projected meridians and parallels every step degrees,
// sampled every degree so they curve with the projection. The ±180° meridians
// and the poles are left out where they are the map's outline; on the globe,
// whose outline is the horizon, the 180° meridian is drawn too, and every line
// is cut at the horizon (a line may give several pieces, or none).
func Graticule(p Projection, step float64) []orb.LineString {
	var lines []orb.LineString
	last := 180 - step/2 // the meridians stop short of +180°
	if _, ok := p.(clipper); ok {
		last = 180
	}
	for lon := -180 + step; lon <= last; lon += step {
		var ls orb.LineString
		for lat := -90.0; lat <= 90; lat++ {
			ls = append(ls, orb.Point{lon, lat})
		}
		lines = append(lines, ls)
	}
	for lat := -90 + step; lat < 90; lat += step {
		var ls orb.LineString
		for lon := -180.0; lon <= 180; lon++ {
			ls = append(ls, orb.Point{lon, lat})
		}
		lines = append(lines, ls)
	}
	var out []orb.LineString
	for _, ls := range lines {
		out = append(out, ProjectLines(p, ls)...)
	}
	return out
}

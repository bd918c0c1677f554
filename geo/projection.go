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

// Projections lists the projections the atlas offers, default first.
var Projections = []Projection{EqualEarth{}, Equirectangular{}}

// ProjectionByName returns the projection with the given Name (case-insensitive).
func ProjectionByName(name string) (Projection, error) {
	for _, p := range Projections {
		if strings.EqualFold(p.Name(), name) {
			return p, nil
		}
	}
	names := make([]string, len(Projections))
	for i, p := range Projections {
		names[i] = p.Name()
	}
	return nil, fmt.Errorf("geo: unknown projection %q (want one of %s)", name, strings.Join(names, ", "))
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

// Outline is the projected edge of the map (the ±180° meridians and the poles),
// as a closed counter-clockwise ring sampled every degree of latitude.
func Outline(p Projection) orb.Ring {
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
// and the poles are left out: they are the map's outline.
func Graticule(p Projection, step float64) []orb.LineString {
	var out []orb.LineString
	for lon := -180 + step; lon < 180; lon += step {
		var ls orb.LineString
		for lat := -90.0; lat <= 90; lat++ {
			ls = append(ls, Project(p, orb.Point{lon, lat}))
		}
		out = append(out, ls)
	}
	for lat := -90 + step; lat < 90; lat += step {
		var ls orb.LineString
		for lon := -180.0; lon <= 180; lon++ {
			ls = append(ls, Project(p, orb.Point{lon, lat}))
		}
		out = append(out, ls)
	}
	return out
}

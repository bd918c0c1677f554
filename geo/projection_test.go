package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// projEpsilon is the round-trip tolerance in degrees: Newton's method in
// EqualEarth.Inverse converges to 1e-12 rad; 1e-9° leaves room for CPU differences.
const projEpsilon = 1e-9

func TestProjectionKnownValues(t *testing.T) {
	cases := []struct {
		name     string
		p        Projection
		lon, lat float64
		x, y     float64
	}{
		{"equal-earth origin", EqualEarth{}, 0, 0, 0, 0},
		// At the equator θ = 0, so x = λ / (M·A1) = π / (0.8660254 × 1.340264).
		{"equal-earth east edge", EqualEarth{}, 180, 0, math.Pi / (eeM * eeA1), 0},
		// At the pole θ = π/3: y = A1θ + A2θ³ + A3θ⁷ + A4θ⁹.
		{"equal-earth north pole", EqualEarth{}, 0, 90, 0, 1.3173627591574},
		{"equirectangular", Equirectangular{}, 90, -45, math.Pi / 2, -math.Pi / 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, y := c.p.Forward(c.lon, c.lat)
			if math.Abs(x-c.x) > 1e-9 || math.Abs(y-c.y) > 1e-9 {
				t.Errorf("Forward(%v, %v) = (%v, %v), want (%v, %v)", c.lon, c.lat, x, y, c.x, c.y)
			}
		})
	}
}

func TestProjectionRoundTrip(t *testing.T) {
	for _, p := range Projections {
		t.Run(p.Name(), func(t *testing.T) {
			for lat := -90.0; lat <= 90; lat += 7.5 {
				for lon := -180.0; lon <= 180; lon += 7.5 {
					x, y := p.Forward(lon, lat)
					glon, glat, ok := p.Inverse(x, y)
					if !ok {
						t.Fatalf("Inverse(Forward(%v, %v)) not ok", lon, lat)
					}
					eps := projEpsilon
					if math.Abs(lat) == 90 {
						// asin is steep at ±1: a 1e-12 error in θ is ~1e-6° of latitude at the pole.
						eps = 1e-5
					}
					if math.Abs(glat-lat) > eps || (math.Abs(lat) < 90 && math.Abs(glon-lon) > eps) {
						t.Fatalf("round trip (%v, %v) → (%v, %v)", lon, lat, glon, glat)
					}
				}
			}
		})
	}
}

func TestProjectionInverseOffMap(t *testing.T) {
	for _, p := range Projections {
		wb := WorldBound(p)
		for _, q := range []orb.Point{{wb.Max[0] + 0.1, 0}, {0, wb.Max[1] + 0.1}, {math.NaN(), 0}, {math.Inf(1), 0}} {
			if _, _, ok := p.Inverse(q[0], q[1]); ok {
				t.Errorf("%s: Inverse(%v) ok, want off the map", p.Name(), q)
			}
		}
		// Equal Earth's corners are rounded: the bound's corner is outside the map.
		if p.Name() == "equal-earth" {
			if _, _, ok := p.Inverse(wb.Max[0]-1e-3, wb.Max[1]-1e-3); ok {
				t.Errorf("equal-earth: the bound's corner should be off the map")
			}
		}
	}
}

func TestProjectionByName(t *testing.T) {
	if p, err := ProjectionByName("Equal-Earth"); err != nil || p.Name() != "equal-earth" {
		t.Errorf("ProjectionByName(Equal-Earth) = %v, %v", p, err)
	}
	if _, err := ProjectionByName("mercator-ish"); err == nil {
		t.Error("ProjectionByName(mercator-ish): want an error")
	}
}

func TestGraticuleStaysOnMap(t *testing.T) {
	for _, p := range Projections {
		wb := WorldBound(p)
		g := Graticule(p, 30)
		if len(g) != 11+5 {
			t.Errorf("%s: %d graticule lines, want 11 meridians + 5 parallels", p.Name(), len(g))
		}
		for _, ls := range g {
			for _, q := range ls {
				if !wb.Pad(1e-9).Contains(q) {
					t.Fatalf("%s: graticule point %v outside the world bound %v", p.Name(), q, wb)
				}
			}
		}
	}
}

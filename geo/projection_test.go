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

// TestProjectionRoundTrip: Inverse(Forward(p)) = p over a lon/lat grid for
// every projection, except where a projection does not show p: the globe's
// far side, and Web Mercator beyond ±MaxMercatorLat, which comes back clamped.
func TestProjectionRoundTrip(t *testing.T) {
	projections := append(append([]Projection(nil), Projections...), Orthographic{-100, 40}, Orthographic{0, 90}, Orthographic{170, -60})
	for _, p := range projections {
		t.Run(p.Name(), func(t *testing.T) {
			tested := 0
			for lat := -90.0; lat <= 90; lat += 7.5 {
				for lon := -180.0; lon <= 180; lon += 7.5 {
					x, y := p.Forward(lon, lat)
					if _, globe := p.(Orthographic); globe && math.IsNaN(x) {
						continue // the far side
					}
					glon, glat, ok := p.Inverse(x, y)
					if !ok {
						t.Fatalf("Inverse(Forward(%v, %v)) not ok", lon, lat)
					}
					wantLat := lat
					if _, merc := p.(WebMercator); merc {
						wantLat = math.Max(-MaxMercatorLat, math.Min(MaxMercatorLat, lat))
					}
					eps := projEpsilon
					if math.Abs(lat) == 90 {
						// asin is steep at ±1: a 1e-12 error in θ is ~1e-6° of latitude at the pole.
						eps = 1e-5
					}
					dlon := math.Abs(math.Remainder(glon-lon, 360)) // ±180 are one meridian
					if math.Abs(glat-wantLat) > eps || (math.Abs(lat) < 90 && dlon > eps) {
						t.Fatalf("round trip (%v, %v) → (%v, %v) → (%v, %v)", lon, lat, x, y, glon, glat)
					}
					tested++
				}
			}
			if tested < 49*25/2-60 {
				t.Errorf("only %d points tested", tested)
			}
		})
	}
}

func TestWebMercator(t *testing.T) {
	p := WebMercator{}
	// The cut-off latitude is where the map is square.
	if _, y := p.Forward(0, MaxMercatorLat); math.Abs(y-math.Pi) > 1e-12 {
		t.Errorf("Forward(0, MaxMercatorLat) y = %v, want π", y)
	}
	// Beyond it, latitudes are clamped: the poles sit on the edges.
	for _, lat := range []float64{85.1, 89, 90} {
		_, yn := p.Forward(10, lat)
		_, ys := p.Forward(10, -lat)
		if math.Abs(yn-math.Pi) > 1e-12 || math.Abs(ys+math.Pi) > 1e-12 {
			t.Errorf("Forward(10, ±%v) y = %v, %v; want ±π", lat, yn, ys)
		}
	}
	// Known values: the equator at the origin; 45°N at ln(tan 67.5°).
	if x, y := p.Forward(-180, 0); math.Abs(x+math.Pi) > 1e-15 || y != 0 {
		t.Errorf("Forward(-180, 0) = %v, %v", x, y)
	}
	if _, y := p.Forward(0, 45); math.Abs(y-0.881373587019543) > 1e-12 {
		t.Errorf("Forward(0, 45) y = %v, want 0.8813735870", y)
	}
	// Conformal: a small step east is as long as a small step north.
	x0, y0 := p.Forward(20, 60)
	x1, _ := p.Forward(20.001, 60)
	_, y2 := p.Forward(20, 60.001)
	if r := (x1 - x0) / math.Cos(60*deg) / (y2 - y0); math.Abs(r-1) > 1e-3 {
		t.Errorf("east/north step ratio at 60°N = %v, want 1", r)
	}
	if b := WorldBound(p); b.Min != (orb.Point{-math.Pi, -math.Pi}) || b.Max != (orb.Point{math.Pi, math.Pi}) {
		t.Errorf("WorldBound = %v, want the square ±π", b)
	}
	if r := Outline(p); len(r) != 5 || ringArea(r) <= 0 {
		t.Errorf("Outline = %v, want a counter-clockwise square", r)
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
	for _, c := range []struct {
		name string
		want Projection
	}{
		{"Equal-Earth", EqualEarth{}},
		{"equirectangular", Equirectangular{}},
		{"web-mercator", WebMercator{}},
		{"orthographic", DefaultGlobe},
		{"Orthographic(80,35)", Orthographic{80, 35}},
		{"orthographic( -0.5 , 1e-07 )", Orthographic{-0.5, 1e-7}},
		{"orthographic(200,10)", Orthographic{-160, 10}},
	} {
		if p, err := ProjectionByName(c.name); err != nil || p != c.want {
			t.Errorf("ProjectionByName(%q) = %v, %v; want %v", c.name, p, err, c.want)
		}
	}
	// Every projection offered comes back by its name, and so does a turned globe.
	for _, p := range append(Projections, Orthographic{12.345678901, -7.25}) {
		if q, err := ProjectionByName(p.Name()); err != nil || q != p {
			t.Errorf("ProjectionByName(%q) = %v, %v", p.Name(), q, err)
		}
	}
	for _, bad := range []string{"mercator-ish", "orthographic(", "orthographic(1)", "orthographic(1,95)", "orthographic(NaN,0)", "orthographic(inf,0)", "orthographic(1,2,3)", "orthographic(1,2)x"} {
		if p, err := ProjectionByName(bad); err == nil {
			t.Errorf("ProjectionByName(%q) = %v, want an error", bad, p)
		}
	}
}

func TestProjectionFamily(t *testing.T) {
	for name, want := range map[string]string{"equal-earth": "equal-earth", "orthographic": "orthographic", "orthographic(1,2)": "orthographic"} {
		if got := ProjectionFamily(name); got != want {
			t.Errorf("ProjectionFamily(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestGraticuleStaysOnMap(t *testing.T) {
	for _, p := range Projections {
		wb := WorldBound(p)
		g := Graticule(p, 30)
		if _, globe := p.(Orthographic); !globe && len(g) != 11+5 {
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

// TestGraticuleOnGlobe: the globe's graticule lies on the disc, has no hidden
// points, and shows the 180° meridian when it faces it.
func TestGraticuleOnGlobe(t *testing.T) {
	o := Orthographic{180, 0}
	g := Graticule(o, 30)
	found180 := false
	for _, ls := range g {
		for _, q := range ls {
			if math.IsNaN(q[0]) || q[0]*q[0]+q[1]*q[1] > 1+1e-9 {
				t.Fatalf("graticule point %v off the disc", q)
			}
		}
		if len(ls) > 10 && math.Abs(ls[len(ls)/2][0]) < 1e-9 {
			found180 = true // the meridian through the centre
		}
	}
	if !found180 {
		t.Error("the 180° meridian through the centre is missing")
	}
	// Facing the North Pole, every parallel north of the equator is a whole circle.
	rings := 0
	for _, ls := range Graticule(Orthographic{0, 90}, 30) {
		if r := math.Hypot(ls[0][0], ls[0][1]); len(ls) == 361 && math.Abs(r-math.Cos(60*deg)) < 1e-9 {
			rings++
		}
	}
	if rings != 1 {
		t.Errorf("%d whole 60°N parallels, want 1", rings)
	}
}

package geo

import (
	"math"
	"testing"

	"articleatlas/data"

	"github.com/paulmach/orb"
)

// angleBetween is the great-circle angle between two lon/lat points, in
// radians (haversine: longitudes compare modulo 360, any longitude at a pole).
func angleBetween(a, b orb.Point) float64 { return DistanceKm(a, b) / EarthRadiusKm }

// orthoTolerance is the round-trip tolerance (radians) for a point whose view
// depth is z (the cosine of its angle from the centre). Inverse recovers z as
// √(1 − x² − y²), whose rounding error grows like ε/z towards the horizon; far
// from it 1e-11 rad (6e-10°) leaves room for CPU differences.
func orthoTolerance(z float64) float64 { return 1e-11 + 1e-15/z }

func TestOrthographicKnownValues(t *testing.T) {
	cases := []struct {
		name     string
		o        Orthographic
		lon, lat float64
		x, y     float64
	}{
		{"centre", Orthographic{80, 35}, 80, 35, 0, 0},
		{"centre at origin", Orthographic{}, 0, 0, 0, 0},
		{"east limb", Orthographic{}, 90, 0, 1, 0},
		{"west limb", Orthographic{}, -90, 0, -1, 0},
		{"north pole on the limb", Orthographic{}, 0, 90, 0, 1},
		{"halfway east", Orthographic{}, 30, 0, 0.5, 0},
		{"halfway north", Orthographic{10, 0}, 10, 30, 0, 0.5},
		// From above the North Pole the centre's meridian runs straight down.
		{"polar view, own meridian", Orthographic{20, 90}, 20, 0, 0, -1},
		{"polar view, 90° east", Orthographic{20, 90}, 110, 0, 1, 0},
		{"centre across the antimeridian", Orthographic{170, 0}, -160, 0, 0.5, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, y := c.o.Forward(c.lon, c.lat)
			if math.Abs(x-c.x) > 1e-12 || math.Abs(y-c.y) > 1e-12 {
				t.Errorf("Forward(%v, %v) = (%v, %v), want (%v, %v)", c.lon, c.lat, x, y, c.x, c.y)
			}
		})
	}
}

func TestOrthographicFarSide(t *testing.T) {
	cases := []struct {
		name     string
		o        Orthographic
		lon, lat float64
	}{
		{"antipode", Orthographic{80, 35}, -100, -35},
		{"just past the east limb", Orthographic{}, 90.001, 0},
		{"south pole from the north", Orthographic{0, 90}, 0, -90},
		{"behind, across the antimeridian", Orthographic{170, 10}, -10, 0},
		{"north pole from the southern sky", Orthographic{0, -1}, 0, 90},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, y := c.o.Forward(c.lon, c.lat)
			if !math.IsNaN(x) || !math.IsNaN(y) {
				t.Errorf("Forward(%v, %v) = (%v, %v), want NaN, NaN", c.lon, c.lat, x, y)
			}
		})
	}
}

func TestOrthographicRoundTrip(t *testing.T) {
	o := Orthographic{80, 35}
	cases := []struct {
		name     string
		lon, lat float64
	}{
		{"centre", 80, 35},
		{"Moscow", 37.6175, 55.7504},
		{"Beijing", 116.4074, 39.9042},
		{"north pole", 0, 90},
		{"equator", 80, 0},
		{"near the limb", 80, -54.9},
		{"on the limb", 170, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, y := o.Forward(c.lon, c.lat)
			lon, lat, ok := o.Inverse(x, y)
			if !ok {
				t.Fatalf("Inverse(Forward(%v, %v)) = (%v, %v) not ok", c.lon, c.lat, x, y)
			}
			_, _, z := o.view(c.lon, c.lat)
			if d := angleBetween(orb.Point{c.lon, c.lat}, orb.Point{lon, lat}); d > orthoTolerance(z) {
				t.Errorf("(%v, %v) → (%v, %v) → (%v, %v), %g rad away", c.lon, c.lat, x, y, lon, lat, d)
			}
		})
	}
}

func TestOrthographicRoundTripRandom(t *testing.T) {
	rng := newRand(1)
	far := 0
	for i := 0; i < 20000; i++ {
		o := Orthographic{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
		// Uniform on the sphere: latitude from the arcsine of a uniform value.
		p := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / deg}
		x, y := o.Forward(p[0], p[1])
		c := angleBetween(orb.Point{o.Lon0, o.Lat0}, p)
		if math.IsNaN(x) {
			far++
			if c < math.Pi/2-1e-12 {
				t.Fatalf("%s: (%v, %v) is %v rad from the centre but reported hidden", o.Name(), p[0], p[1], c)
			}
			continue
		}
		if c > math.Pi/2+1e-12 {
			t.Fatalf("%s: (%v, %v) is %v rad from the centre but projected to (%v, %v)", o.Name(), p[0], p[1], c, x, y)
		}
		lon, lat, ok := o.Inverse(x, y)
		_, _, z := o.view(p[0], p[1])
		if d := angleBetween(p, orb.Point{lon, lat}); !ok || d > orthoTolerance(z) {
			t.Fatalf("%s: (%v, %v) → (%v, %v) → (%v, %v) %v, %g rad away", o.Name(), p[0], p[1], x, y, lon, lat, ok, d)
		}
	}
	// Half the sphere is hidden: with 20000 points, 50% ± 2%.
	if far < 9600 || far > 10400 {
		t.Errorf("%d of 20000 random points hidden, want about half", far)
	}
}

func TestOrthographicInverseOffMap(t *testing.T) {
	o := Orthographic{80, 35}
	for _, p := range []orb.Point{{1.001, 0}, {0.8, 0.8}, {0, -1.5}, {math.NaN(), 0}, {math.Inf(1), 0}, {0, math.Inf(-1)}} {
		if lon, lat, ok := o.Inverse(p[0], p[1]); ok {
			t.Errorf("Inverse(%v, %v) = (%v, %v) ok, want not ok", p[0], p[1], lon, lat)
		}
	}
	for _, p := range []orb.Point{{1, 0}, {0, -1}, {math.Sqrt(0.5), math.Sqrt(0.5)}} {
		if lon, lat, ok := o.Inverse(p[0], p[1]); !ok || math.IsNaN(lon) || math.IsNaN(lat) {
			t.Errorf("Inverse(%v, %v) = (%v, %v) %v, want a point on the horizon", p[0], p[1], lon, lat, ok)
		}
	}
}

func TestOrthographicName(t *testing.T) {
	if got, want := (Orthographic{80, 35}).Name(), "orthographic(80,35)"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if got, want := (Orthographic{-0.5, 1e-7}).Name(), "orthographic(-0.5,1e-07)"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	// Layers are cached by name, so close centres must not share one.
	if a, b := (Orthographic{80, 35}).Name(), (Orthographic{80, 35.000001}).Name(); a == b {
		t.Errorf("two centres share the name %q", a)
	}
}

func TestOrthographicOutline(t *testing.T) {
	r := Orthographic{80, 35}.Outline()
	if len(r) != 361 || r[0] != r[len(r)-1] {
		t.Fatalf("outline has %d points, closed %v; want 361, closed", len(r), r[0] == r[len(r)-1])
	}
	for _, p := range r {
		if d := math.Abs(math.Hypot(p[0], p[1]) - 1); d > 1e-15 {
			t.Fatalf("outline point %v is %g off the unit circle", p, d)
		}
	}
	if a := ringArea(r); a <= 0 || math.Abs(a-math.Pi) > 1e-3 {
		t.Errorf("outline area %v, want about +π (counter-clockwise)", a)
	}
}

func TestOrthographicClipLine(t *testing.T) {
	o := Orthographic{}
	// The equator, west to east: visible from −90° to 90°.
	var equator orb.LineString
	for lon := -180.0; lon <= 180; lon += 7 {
		equator = append(equator, orb.Point{lon, 0})
	}
	got := o.ClipLine(equator)
	if len(got) != 1 {
		t.Fatalf("equator: %d pieces, want 1", len(got))
	}
	first, last := got[0][0], got[0][len(got[0])-1]
	if math.Abs(first[0]+1) > 1e-12 || math.Abs(first[1]) > 1e-12 || math.Abs(last[0]-1) > 1e-12 || math.Abs(last[1]) > 1e-12 {
		t.Errorf("equator runs from %v to %v, want (−1, 0) to (1, 0): cut exactly at the horizon", first, last)
	}
	// A meridian behind the globe, then one that comes round twice.
	if got := o.ClipLine(orb.LineString{{180, -80}, {180, 80}}); len(got) != 0 {
		t.Errorf("hidden meridian: %v, want nothing", got)
	}
	parallel := orb.LineString{{-170, 0}, {-60, 0}, {60, 0}, {170, 0}, {-170, 0}, {-60, 0}, {60, 0}}
	if got := o.ClipLine(parallel); len(got) != 2 {
		t.Errorf("twice round: %d pieces, want 2", len(got))
	}
	// Every point of a clipped line lies in the disc.
	for _, ls := range Graticule(Equirectangular{}, 10) {
		for i := range ls {
			ls[i] = orb.Point{ls[i][0] / deg, ls[i][1] / deg}
		}
		for _, piece := range (Orthographic{80, 35}).ClipLine(ls) {
			for _, p := range piece {
				if math.Hypot(p[0], p[1]) > 1+1e-12 {
					t.Fatalf("clipped graticule point %v outside the disc", p)
				}
			}
		}
	}
}

// winding is the non-zero winding number of rings around p: how a painter
// filling them together decides that p is inside.
func winding(rings []orb.Ring, p orb.Point) int {
	w := 0
	for _, r := range rings {
		for i := 1; i < len(r); i++ {
			a, b := r[i-1], r[i]
			cross := (b[0]-a[0])*(p[1]-a[1]) - (p[0]-a[0])*(b[1]-a[1])
			if a[1] <= p[1] && b[1] > p[1] && cross > 0 {
				w++
			} else if a[1] > p[1] && b[1] <= p[1] && cross < 0 {
				w--
			}
		}
	}
	return w
}

// sampled is the lon/lat ring through corners, with its edges sampled every 5°
// so they follow parallels and meridians, not great circles.
func sampled(corners ...orb.Point) orb.Ring {
	var r orb.Ring
	for i, a := range corners {
		b := corners[(i+1)%len(corners)]
		n := int(math.Max(math.Abs(b[0]-a[0]), math.Abs(b[1]-a[1]))/5) + 1
		for k := 0; k < n; k++ {
			t := float64(k) / float64(n)
			r = append(r, orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t})
		}
	}
	return append(r, r[0])
}

// box is a lon/lat rectangle as a sampled ring, counter-clockwise (or
// clockwise for a hole).
func box(lon0, lat0, lon1, lat1 float64, hole bool) orb.Ring {
	if hole {
		return sampled(orb.Point{lon0, lat0}, orb.Point{lon0, lat1}, orb.Point{lon1, lat1}, orb.Point{lon1, lat0})
	}
	return sampled(orb.Point{lon0, lat0}, orb.Point{lon1, lat0}, orb.Point{lon1, lat1}, orb.Point{lon0, lat1})
}

func TestOrthographicClipPolygon(t *testing.T) {
	o := Orthographic{}
	// Sample points of the disc (x, y), with whether the clipped polygon must
	// cover them. Longitude of a point on the equator is asin(x).
	type probe struct {
		at     orb.Point
		inside bool
	}
	cases := []struct {
		name   string
		poly   orb.Polygon
		rings  int // rings in the result
		probes []probe
	}{
		{
			name:  "in view",
			poly:  orb.Polygon{box(-20, -20, 20, 20, false)},
			rings: 1,
			probes: []probe{
				{orb.Point{0, 0}, true}, {orb.Point{0.5, 0}, false},
			},
		},
		{
			name:  "hidden",
			poly:  orb.Polygon{box(100, -20, 170, 20, false)},
			rings: 0,
		},
		{
			//   limb
			//  ---|
			// |  #|#  ← the part behind is cut; the limb closes the ring
			//  ---|
			name:  "across the east limb",
			poly:  orb.Polygon{box(30, -30, 150, 30, false)},
			rings: 1,
			probes: []probe{
				{orb.Point{0.7, 0}, true}, {orb.Point{0.999, 0}, true}, {orb.Point{0.999, 0.04}, true},
				{orb.Point{0.3, 0}, false}, {orb.Point{0.8, 0.59}, false},
			},
		},
		{
			name:  "hole across the limb",
			poly:  orb.Polygon{box(-60, -60, 170, 60, false), box(60, -20, 150, 20, true)},
			rings: 1,
			probes: []probe{
				{orb.Point{0.5, 0}, true}, {orb.Point{0.95, 0}, false}, {orb.Point{0.999, 0}, false},
				{orb.Point{0.75, 0.6}, true}, {orb.Point{-0.95, 0}, false},
			},
		},
		{
			name:  "hole in view",
			poly:  orb.Polygon{box(-60, -60, 170, 60, false), box(-10, -10, 10, 10, true)},
			rings: 2,
			probes: []probe{
				{orb.Point{0, 0}, false}, {orb.Point{0.5, 0}, true}, {orb.Point{0.99, 0}, true},
			},
		},
		{
			// A U open to the east, its arms running behind the limb: one
			// piece, two runs joined along the limb.
			name: "U open to the east",
			poly: orb.Polygon{sampled(
				orb.Point{20, -40}, orb.Point{150, -40}, orb.Point{150, -20}, orb.Point{40, -20},
				orb.Point{40, 20}, orb.Point{150, 20}, orb.Point{150, 40}, orb.Point{20, 40},
			)},
			rings: 1,
			probes: []probe{
				{orb.Point{0.8, 0.5}, true}, {orb.Point{0.8, -0.5}, true}, {orb.Point{0.99, 0}, false}, {orb.Point{0.5, 0}, true},
			},
		},
		{
			// The same U open to the west, its bottom behind the limb: two arms.
			name: "U open to the west",
			poly: orb.Polygon{sampled(
				orb.Point{160, 40}, orb.Point{30, 40}, orb.Point{30, 20}, orb.Point{140, 20},
				orb.Point{140, -20}, orb.Point{30, -20}, orb.Point{30, -40}, orb.Point{160, -40},
			)},
			rings: 2,
			probes: []probe{
				{orb.Point{0.8, 0.5}, true}, {orb.Point{0.8, -0.5}, true}, {orb.Point{0.99, 0}, false},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rings := o.ClipPolygon(c.poly)
			if len(rings) != c.rings {
				t.Errorf("%d rings, want %d", len(rings), c.rings)
			}
			for _, r := range rings {
				if r[0] != r[len(r)-1] {
					t.Errorf("ring not closed: %v … %v", r[0], r[len(r)-1])
				}
				for _, p := range r {
					if math.Hypot(p[0], p[1]) > 1+1e-12 {
						t.Fatalf("point %v outside the disc", p)
					}
				}
			}
			for _, pr := range c.probes {
				if got := winding(rings, pr.at) != 0; got != pr.inside {
					t.Errorf("at %v: filled %v, want %v", pr.at, got, pr.inside)
				}
			}
		})
	}
}

// TestOrthographicClipCountries fills the clipped 1:110m countries and checks
// them against an independent answer: each sample point of the disc taken back
// to lon/lat with Inverse and hit-tested on a plate carrée layer.
func TestOrthographicClipCountries(t *testing.T) {
	cs, err := DecodeCountries(data.Countries110m)
	if err != nil {
		t.Fatal(err)
	}
	flat := NewLayer(cs, Equirectangular{})
	for _, o := range []Orthographic{{80, 35}, {0, 0}, {-100, 40}, {0, -90}, {170, 60}, {-30, -20}} {
		t.Run(o.Name(), func(t *testing.T) {
			var rings []orb.Ring
			var bounds []orb.Bound
			for _, c := range cs.List {
				for _, poly := range c.Shape {
					for _, r := range o.ClipPolygon(poly) {
						rings = append(rings, r)
						bounds = append(bounds, r.Bound())
					}
				}
			}
			// filled is winding(rings, p) ≠ 0, skipping the rings that no ray
			// from p to the east can cross.
			filled := func(p orb.Point) bool {
				w := 0
				for i, r := range rings {
					if b := bounds[i]; p[1] >= b.Min[1] && p[1] <= b.Max[1] && p[0] <= b.Max[0] {
						w += winding([]orb.Ring{r}, p)
					}
				}
				return w != 0
			}
			samples, wrong := 0, 0
			forDiscSamples(o, 160, func(p orb.Point, lon, lat float64) {
				samples++
				_, land := flat.HitTest(Project(Equirectangular{}, orb.Point{lon, lat}))
				if filled(p) != land {
					wrong++
				}
			})
			// The two disagree only along coasts, where a 1:110m edge drawn
			// straight on the globe and straight in lon/lat part by a hair:
			// up to 9 of 20108 samples at these centres. 0.2% allows for
			// that; a limb closed the wrong way round fails by far more.
			if wrong*500 > samples {
				t.Errorf("%d of %d samples disagree with the lon/lat hit test", wrong, samples)
			}
		})
	}
}

// FuzzOrthographic: finite input never gives NaN on the near side; the far
// side is reported as NaN, NaN; near-side points come back from Inverse;
// and whatever Inverse accepts, Forward maps back.
func FuzzOrthographic(f *testing.F) {
	f.Add(80.0, 35.0, 37.6175, 55.7504)
	f.Add(0.0, 90.0, 0.0, -90.0)
	f.Add(-180.0, -90.0, 180.0, 0.0)
	f.Add(0.0, 0.0, 90.0, 1e-300)
	f.Add(-648.0, -63.0, -98.0, -90.0) // the South Pole: asin in Inverse was 1.5e-8 rad off
	f.Fuzz(func(t *testing.T, lon0, lat0, lon, lat float64) {
		for _, v := range []float64{lon0, lat0, lon, lat} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e4 {
				return
			}
		}
		if math.Abs(lat0) > 90 {
			return // documented: Lat0 in [−90, 90]
		}
		o := Orthographic{lon0, lat0}
		if math.Abs(lat) <= 90 {
			x, y := o.Forward(lon, lat)
			c := angleBetween(orb.Point{lon0, lat0}, orb.Point{lon, lat})
			switch {
			case math.IsNaN(x) || math.IsNaN(y):
				if !math.IsNaN(x) || !math.IsNaN(y) {
					t.Fatalf("Forward(%v, %v) = (%v, %v): one NaN", lon, lat, x, y)
				}
				if c < math.Pi/2-1e-9 {
					t.Fatalf("Forward(%v, %v) = NaN on the near side, %v rad from the centre", lon, lat, c)
				}
			case math.IsInf(x, 0) || math.IsInf(y, 0) || x*x+y*y > 1+orthoRim:
				t.Fatalf("Forward(%v, %v) = (%v, %v): off the disc", lon, lat, x, y)
			default:
				if c > math.Pi/2+1e-9 {
					t.Fatalf("Forward(%v, %v) = (%v, %v) on the far side, %v rad from the centre", lon, lat, x, y, c)
				}
				glon, glat, ok := o.Inverse(x, y)
				_, _, z := o.view(lon, lat)
				if d := angleBetween(orb.Point{lon, lat}, orb.Point{glon, glat}); !ok || !(d <= orthoTolerance(z)) {
					t.Fatalf("(%v, %v) → (%v, %v) → (%v, %v) %v, %g rad away", lon, lat, x, y, glon, glat, ok, d)
				}
			}
		}
		// (lon, lat) read as plane coordinates.
		glon, glat, ok := o.Inverse(lon, lat)
		if !ok {
			return
		}
		if math.IsNaN(glon) || math.IsNaN(glat) || math.Abs(glon) > 180 || math.Abs(glat) > 90 {
			t.Fatalf("Inverse(%v, %v) = (%v, %v)", lon, lat, glon, glat)
		}
		x, y := o.Forward(glon, glat)
		// On the rim, Forward may find the point a hair behind the horizon.
		if math.IsNaN(x) && lon*lon+lat*lat < 1-1e-9 {
			t.Fatalf("Inverse(%v, %v) = (%v, %v), which Forward hides", lon, lat, glon, glat)
		}
		if !math.IsNaN(x) && math.Hypot(x-lon, y-lat) > 1e-9 {
			t.Fatalf("(%v, %v) → (%v, %v) → (%v, %v)", lon, lat, glon, glat, x, y)
		}
	})
}

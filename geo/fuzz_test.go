package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDecodeCountries: any bytes either decode into valid countries or give an
// error; never a panic.
func FuzzDecodeCountries(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a3":"AAA"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1e308,0],[1,1],[0,0]]]]}}]}`))
	f.Add([]byte("\x00\x01"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return // size guard: the decoder has its own limit, tested elsewhere
		}
		cs, err := DecodeCountries(raw)
		if err != nil {
			return
		}
		for _, c := range cs.List {
			if c.ISO3 == "" {
				t.Fatal("decoded a country without a code")
			}
			// Layers and hit tests must cope with whatever decoded.
			l := NewLayer(cs, EqualEarth{})
			l.HitTest(orb.Point{0, 0})
		}
	})
}

// FuzzViewRoundTrip: finite inputs give finite outputs, and points on the map
// come back where they were.
func FuzzViewRoundTrip(f *testing.F) {
	f.Add(116.4, 39.9, 2.0, 100.0, 50.0)
	f.Add(-180.0, -90.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, lon, lat, zoom, px, py float64) {
		if math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lon) > 180 || math.Abs(lat) > 89 {
			return
		}
		for _, p := range Projections {
			v := NewView(p, 800, 600)
			v.ZoomAround(orb.Point{px, py}, zoom)
			if math.IsNaN(v.Center[0]) || math.IsNaN(v.Center[1]) || math.IsNaN(v.Zoom) {
				t.Fatalf("%s: view became NaN: %+v", p.Name(), v)
			}
			s := v.ToScreen(orb.Point{lon, lat})
			back, ok := v.FromScreen(s)
			if !ok || math.Abs(back[0]-lon) > 1e-6 || math.Abs(back[1]-lat) > 1e-6 {
				t.Fatalf("%s: (%v,%v) → %v → %v %v", p.Name(), lon, lat, s, back, ok)
			}
		}
	})
}

// FuzzHitTest: NaN, infinities and degenerate rings never panic.
func FuzzHitTest(f *testing.F) {
	f.Add(0.0, 0.0, 0.0, 0.0, 1.0, 1.0)
	f.Add(math.NaN(), math.Inf(1), 5.0, 5.0, 5.0, 5.0)
	f.Fuzz(func(t *testing.T, x, y, ax, ay, bx, by float64) {
		ring := orb.Ring{{ax, ay}, {bx, by}, {ax, by}, {ax, ay}}
		for _, q := range ring {
			if math.IsNaN(q[0]) || math.IsNaN(q[1]) || math.Abs(q[0]) > 180 || math.Abs(q[1]) > 90 {
				return // DecodeCountries rejects these before they reach a layer
			}
		}
		cs := &Countries{List: []Country{{ISO3: "AAA", Shape: orb.MultiPolygon{{ring}}}}, index: map[string]int{"AAA": 0}}
		l := NewLayer(cs, Equirectangular{})
		l.HitTest(orb.Point{x, y})
	})
}

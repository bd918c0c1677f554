package geo

import (
	"testing"

	"articleatlas/data"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var sinkInt int
var sinkPoint orb.Point

// BenchmarkHitTest is one screen point → country on the world view at 1:50m,
// at seeded random points over the map.
func BenchmarkHitTest(b *testing.B) {
	w := loadWorld(b)
	l := w.Layer(EqualEarth{}, Fine)
	v := NewView(EqualEarth{}, 1920, 1080)
	rng := newRand(42)
	pts := make([]orb.Point, 1024)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64() * 1920, rng.Float64() * 1080}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ci, _ := v.HitTest(l, pts[i%len(pts)])
		sinkInt += ci
	}
}

// BenchmarkHitTestNaive is the baseline: orb's planar containment over every
// country with a bound check, in lon/lat.
func BenchmarkHitTestNaive(b *testing.B) {
	w := loadWorld(b)
	cs, _ := w.Countries(Fine)
	v := NewView(EqualEarth{}, 1920, 1080)
	rng := newRand(42)
	pts := make([]orb.Point, 1024)
	for i := range pts {
		pts[i], _ = v.FromScreen(orb.Point{rng.Float64() * 1920, rng.Float64() * 1080})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pts[i%len(pts)]
		for ci := range cs.List {
			if cs.List[ci].Bound.Contains(p) && planar.MultiPolygonContains(cs.List[ci].Shape, p) {
				sinkInt += ci
				break
			}
		}
	}
}

func BenchmarkViewToScreen(b *testing.B) {
	v := NewView(EqualEarth{}, 1920, 1080)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkPoint = v.ToScreen(orb.Point{116.4, 39.9})
	}
}

// BenchmarkDecode110m and BenchmarkDecode50m decode the embedded outlines.
func BenchmarkDecode110m(b *testing.B) { benchDecode(b, data.Countries110m) }
func BenchmarkDecode50m(b *testing.B)  { benchDecode(b, data.Countries50m) }

func benchDecode(b *testing.B, raw []byte) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cs, err := DecodeCountries(raw)
		if err != nil {
			b.Fatal(err)
		}
		sinkInt += len(cs.List)
	}
}

// BenchmarkNewLayer50m projects and indexes 1:50m (once per projection).
func BenchmarkNewLayer50m(b *testing.B) {
	cs := fineCountries(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sinkInt += len(NewLayer(cs, EqualEarth{}).Polys)
	}
}

// BenchmarkLoad is start-up up to the first drawable frame: 1:110m decoded (as LoadWorld does before it returns) and projected for the
// default view. 1:50m is decoded in the background afterwards.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w, err := loadCoarse()
		if err != nil {
			b.Fatal(err)
		}
		sinkInt += len(w.Layer(EqualEarth{}, Coarse).Polys)
	}
}

// BenchmarkGlobeLayer is what one step of a drag of the globe costs in geo:
// the countries clipped to a newly turned globe, projected and indexed, at
// 1:110m (drawn while the globe turns) and 1:50m (after it stops).
func BenchmarkGlobeLayer(b *testing.B) {
	for _, c := range []struct {
		name string
		raw  []byte
	}{{"110m", data.Countries110m}, {"50m", data.Countries50m}} {
		b.Run(c.name, func(b *testing.B) {
			cs, err := DecodeCountries(c.raw)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				o := Orthographic{Lon0: 90 + float64(i%40), Lat0: 35}
				sinkInt += len(NewLayer(cs, o).Polys)
			}
		})
	}
}

// BenchmarkGlobeClip is the clipping alone: every 1:50m polygon clipped to
// the globe facing the story (Russia and China cut by the horizon).
func BenchmarkGlobeClip(b *testing.B) {
	cs := fineCountries(b)
	o := Orthographic{Lon0: 130, Lat0: 35}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range cs.List {
			for _, poly := range c.Shape {
				sinkInt += len(o.ClipPolygon(poly))
			}
		}
	}
}

// BenchmarkGlobeGraticule is the 30° graticule clipped to a turned globe.
func BenchmarkGlobeGraticule(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkInt += len(Graticule(Orthographic{Lon0: float64(i % 360), Lat0: 35}, 30))
	}
}

// BenchmarkToward is one arrow key's choice of the next country at 1:50m,
// the neighbours already known.
func BenchmarkToward(b *testing.B) {
	cs := fineCountries(b)
	i, _ := cs.Index("ISL") // an island: every country is a candidate
	cs.Neighbours()
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		j, _ := cs.Toward(i, East)
		sinkInt += j
	}
}

// BenchmarkNeighbours is the shared borders of every 1:50m country, worked
// out on the first arrow key.
func BenchmarkNeighbours(b *testing.B) {
	cs := fineCountries(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fresh := &Countries{List: cs.List}
		sinkInt += len(fresh.Neighbours())
	}
}

package userlayer

import (
	"image"
	"math"
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and
// whatever it accepts must hold only checked geometry that projects, draws
// and hit-tests under every kind of projection.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		allKinds, drawDoc,
		`{"type":"Point","coordinates":[1,2]}`,
		`{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}}`,
		`{"type":"FeatureCollection","features":[null,{"type":"Feature","geometry":null}]}`,
		`{"type":"MultiLineString","coordinates":[[[179,0],[-179,1],[179,2]]]}`,
		`{"type":"Circle","coordinates":[0,0]}`,
		"\xef\xbb\xbf{}",
		"{\"type\":\n\"FeatureCollection\",",
		"\x89PNG\r\n",
	} {
		f.Add([]byte(seed))
	}
	projections := []geo.Projection{geo.EqualEarth{}, geo.Equirectangular{}, geo.DefaultGlobe}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Decode("fuzz.geojson", data)
		if err != nil {
			if l != nil {
				t.Fatal("a layer and an error")
			}
			return
		}
		if len(l.Features) == 0 {
			t.Fatal("accepted with no features")
		}
		for i, feat := range l.Features {
			if len(feat.Parts) == 0 {
				t.Fatalf("feature %d has no parts", i)
			}
			for _, g := range feat.Parts {
				if _, ok := g.(orb.Collection); ok {
					t.Fatalf("feature %d: a collection was not flattened", i)
				}
				checkInRange(t, g)
			}
			_ = l.Title(i)
		}
		for _, p := range projections {
			pr := l.Project(p)
			v := geo.NewView(p, 64, 32)
			img := image.NewRGBA(image.Rect(0, 0, 64, 32))
			var r render.Renderer
			r.DrawLayers(img, []render.Layer{pr}, nil, v.Transform(1), 1)
			for _, at := range []orb.Point{{0, 0}, {32, 16}, {63, 31}, {10, 20}} {
				if i, ok := pr.HitTest(v, at); ok && (i < 0 || i >= len(l.Features)) {
					t.Fatalf("hit feature %d of %d", i, len(l.Features))
				}
			}
		}
	})
}

// checkInRange fails unless every position of g is on the globe.
func checkInRange(t *testing.T, g orb.Geometry) {
	t.Helper()
	var pts []orb.Point
	switch g := g.(type) {
	case orb.Point:
		pts = []orb.Point{g}
	case orb.MultiPoint:
		pts = g
	case orb.LineString:
		pts = g
	case orb.MultiLineString:
		for _, ls := range g {
			pts = append(pts, ls...)
		}
	case orb.Polygon:
		for _, r := range g {
			pts = append(pts, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				pts = append(pts, r...)
			}
		}
	default:
		t.Fatalf("unexpected part %T", g)
	}
	for _, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			t.Fatalf("position %v accepted", p)
		}
	}
}

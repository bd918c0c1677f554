package userlayer

import (
	"image"
	"image/color"
	"math"
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

const drawDoc = `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Lake"},"geometry":{"type":"Polygon","coordinates":[
   [[-60,-30],[60,-30],[60,30],[-60,30],[-60,-30]],
   [[-10,-10],[-10,10],[10,10],[10,-10],[-10,-10]]]}},
 {"type":"Feature","properties":{"name":"Port"},"geometry":{"type":"Point","coordinates":[100,45]}},
 {"type":"Feature","properties":{"name":"Ferry"},"geometry":{"type":"LineString","coordinates":[[170,-60],[-170,-60]]}}
]}`

// drawn renders the layer projected with p into a w×h image showing the
// whole world, and returns the image and its view.
func drawn(t *testing.T, p geo.Projection, w, h int) (*image.RGBA, geo.View, *Projected) {
	t.Helper()
	l, err := Decode("draw.geojson", []byte(drawDoc))
	if err != nil {
		t.Fatal(err)
	}
	pr := l.For(p)
	v := geo.NewView(p, float64(w), float64(h))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var r render.Renderer
	r.DrawLayers(img, []render.Layer{pr}, nil, v.Transform(1), 1)
	return img, v, pr
}

func at(img *image.RGBA, p orb.Point) color.RGBA {
	return img.RGBAAt(int(p[0]), int(p[1]))
}

func TestDrawFillsStrokesAndMarks(t *testing.T) {
	img, v, _ := drawn(t, geo.Equirectangular{}, 720, 360)
	st := DefaultStyle()
	if c := at(img, v.ToScreen(orb.Point{40, 20})); c.A == 0 || c.A == 255 {
		t.Errorf("inside the polygon: %v, want the translucent fill", c)
	}
	if c := at(img, v.ToScreen(orb.Point{0, 0})); c.A != 0 {
		t.Errorf("inside the hole: %v, want nothing", c)
	}
	if c := at(img, v.ToScreen(orb.Point{100, 45})); c != (color.RGBA{st.PointFill.R, st.PointFill.G, st.PointFill.B, 255}) {
		t.Errorf("at the point: %v, want the marker's fill", c)
	}
	// The ferry crosses the antimeridian: it is drawn at both edges of the
	// map, not across the whole width.
	for _, lon := range []float64{175, -175} {
		if c := at(img, v.ToScreen(orb.Point{lon, -60})); c.A == 0 {
			t.Errorf("the ferry is missing at %g°", lon)
		}
	}
	if c := at(img, v.ToScreen(orb.Point{0, -60})); c.A != 0 {
		t.Errorf("the ferry runs across the map: %v at 0°", c)
	}
}

func TestHitTest(t *testing.T) {
	_, v, pr := drawn(t, geo.Equirectangular{}, 720, 360)
	for _, c := range []struct {
		ll   orb.Point
		want int
		ok   bool
	}{
		{orb.Point{40, 20}, 0, true},      // inside the polygon
		{orb.Point{0, 0}, 0, false},       // in its hole
		{orb.Point{100, 45}, 1, true},     // on the point
		{orb.Point{100.5, 45.2}, 1, true}, // a pixel off the point
		{orb.Point{178, -60}, 2, true},    // on the ferry
		{orb.Point{-120, 60}, 0, false},   // open map
		{orb.Point{60, 0}, 0, true},       // on the polygon's edge
	} {
		i, ok := pr.HitTest(v, v.ToScreen(c.ll))
		if ok != c.ok || ok && i != c.want {
			t.Errorf("at %v: got %d, %v; want %d, %v", c.ll, i, ok, c.want, c.ok)
		}
	}
	if got := pr.Title(1); got != "Port" {
		t.Errorf("title %q", got)
	}
}

func TestGlobeHidesTheFarSide(t *testing.T) {
	globe := geo.Orthographic{Lon0: 100, Lat0: 45}
	img, v, pr := drawn(t, globe, 400, 400)
	if c := at(img, v.ToScreen(orb.Point{100, 45})); c.A == 0 {
		t.Error("the point facing the viewer is not drawn")
	}
	// The ferry at 180° lies on the far side, the lake's fill partly.
	if pr.feats[2].empty != true {
		t.Errorf("the ferry on the far side projects to %v", pr.feats[2].lines)
	}
	if i, ok := pr.HitTest(v, v.ToScreen(orb.Point{100, 45})); !ok || i != 1 {
		t.Errorf("hit on the globe: %d, %v", i, ok)
	}
	// For keeps one projection per family: turning the globe replaces it.
	l := pr.layer
	if l.For(globe) != pr {
		t.Error("the same globe was projected again")
	}
	turned := l.For(geo.Orthographic{Lon0: 0, Lat0: 0})
	if turned == pr || len(l.projected) != 1 {
		t.Errorf("turning the globe kept %d projections", len(l.projected))
	}
}

func TestLayerIDAndBound(t *testing.T) {
	_, _, pr := drawn(t, geo.Equirectangular{}, 360, 180)
	if pr.ID() != "user-layer-draw.geojson" {
		t.Errorf("id %q", pr.ID())
	}
	b := pr.Bound()
	if !b.Contains(geo.Project(geo.Equirectangular{}, orb.Point{100, 45})) {
		t.Errorf("bound %v misses the point", b)
	}
}

func TestDensify(t *testing.T) {
	short := orb.LineString{{0, 0}, {0.5, 0.5}, {1, 0}}
	if got := densify(short); len(got) != 3 {
		t.Errorf("a line of short steps changed: %v", got)
	}
	got := densify(orb.LineString{{0, 0}, {0.5, 0}, {10, 0}, {10, -3}})
	want := orb.LineString{{0, 0}, {0.5, 0}}
	for k := 1; k <= 10; k++ {
		want = append(want, orb.Point{0.5 + 9.5*float64(k)/10, 0})
	}
	want = append(want, orb.Point{10, -1}, orb.Point{10, -2}, orb.Point{10, -3})
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i][0]-want[i][0]) > 1e-12 || math.Abs(got[i][1]-want[i][1]) > 1e-12 {
			t.Errorf("point %d: %v, want %v", i, got[i], want[i])
		}
	}
}

func TestPolygonEdgesFollowTheMeridians(t *testing.T) {
	// On a globe facing 0°, 0° the lake's west edge along 60°W bulges
	// outwards at the equator; the fill must reach it there, not stop at
	// the straight chord between the edge's ends.
	img, v, _ := drawn(t, geo.Orthographic{}, 800, 800)
	if c := at(img, v.ToScreen(orb.Point{-59, 0})); c.A == 0 {
		t.Error("the fill stops short of the curved edge at 59°W, 0°N")
	}
}

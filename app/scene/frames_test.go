package render

import (
	"image"
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestFramesPanMatchesFullDraw: a frame made by shifting the last one and
// drawing the uncovered strips looks like a full draw of the same view.
func TestFramesPanMatchesFullDraw(t *testing.T) {
	world := loadWorld(t)
	st := LightStyle()
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	v.Zoom = 1.5
	s := Scene{Layer: world.Layer(v.Proj, geo.Coarse), Status: world.StatusOn(geo.ArticleDate), Selected: "CHN", Hover: "IND", Graticule: true}
	var f Frames
	f.Draw(&s, v, &st, 1, false)
	for i, d := range [][2]float64{{37.4, -12.2}, {-80, 55.5}, {3, 3}, {-500, 0}} {
		v.PanBy(d[0], d[1])
		got, shown := f.Draw(&s, v, &st, 1, false)
		if dx, dy := (shown.Center[0]-v.Center[0])*v.Scale(), (shown.Center[1]-v.Center[1])*v.Scale(); dx*dx+dy*dy > 0.5*0.5*2 {
			t.Errorf("pan %d: shown view is (%.2f, %.2f) px off, want at most half a pixel", i, dx, dy)
		}
		want := image.NewRGBA(got.Rect)
		var r Renderer
		r.Draw(want, &s, shown, &st, 1)
		if n, _ := compareImages(want, got); n > got.Rect.Dx()*got.Rect.Dy()/200 {
			t.Errorf("pan %d: %d pixels differ from a full draw", i, n)
		}
	}
	// exact redraws at the requested view.
	_, shown := f.Draw(&s, v, &st, 1, true)
	if shown.Center != v.Center {
		t.Errorf("exact frame drawn at %v, want %v", shown.Center, v.Center)
	}
}

// TestFramesHoverKeepsBase: a hover change reuses the base layer.
func TestFramesHoverKeepsBase(t *testing.T) {
	world := loadWorld(t)
	st := LightStyle()
	v := geo.NewView(geo.EqualEarth{}, 320, 180)
	s := Scene{Layer: world.Layer(v.Proj, geo.Coarse), Status: world.StatusOn(geo.ArticleDate)}
	var f Frames
	f.Draw(&s, v, &st, 1, false)
	base := f.base
	f.base.Pix[0] = 1 // a marker a redraw of the base would overwrite
	s.Hover = "BRA"
	img, _ := f.Draw(&s, v, &st, 1, false)
	if f.base != base || img.Pix[0] != 1 {
		t.Error("a hover change redrew the base layer")
	}
	f.Invalidate()
	img, _ = f.Draw(&s, v, &st, 1, false)
	if img.Pix[0] == 1 {
		t.Error("Invalidate did not redraw the base layer")
	}
}

// TestFramesPreview: after a zoom, the preview is the last frame scaled about
// the zoom's anchor — close to the sharp frame, and never drawn from scratch.
func TestFramesPreview(t *testing.T) {
	world := loadWorld(t)
	st := LightStyle()
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	s := Scene{Layer: world.Layer(v.Proj, geo.Coarse), Status: world.StatusOn(geo.ArticleDate), Graticule: true}
	var f Frames
	if _, ok := f.Preview(v, &st, 1); ok {
		t.Fatal("a preview without a last frame")
	}
	before, _ := f.Draw(&s, v, &st, 1, false)
	anchor := before.RGBAAt(200, 120)
	v.ZoomAround(orb.Point{200, 120}, 0.75)
	prev, ok := f.Preview(v, &st, 1)
	if !ok {
		t.Fatal("no preview")
	}
	if got := prev.RGBAAt(200, 120); got != anchor {
		t.Errorf("pixel under the zoom anchor changed from %v to %v", anchor, got)
	}
	sharp := image.NewRGBA(prev.Rect)
	var r Renderer
	r.Draw(sharp, &s, v, &st, 1)
	// Inside countries and seas the preview has the sharp frame's colours.
	for _, ll := range []orb.Point{{116.4, 39.9}, {100, 63}, {75, 5}, {65, 15}} { // off the 30° graticule
		p := v.ToScreen(ll)
		if a, b := prev.RGBAAt(int(p[0]), int(p[1])), sharp.RGBAAt(int(p[0]), int(p[1])); !near(a, b, 2) {
			t.Errorf("at %v: preview %v, sharp %v", ll, a, b)
		}
	}
	// Borders and graticule are scaled with the image, so edges differ; most
	// of the map does not.
	n, _ := compareImages(sharp, prev)
	if n > prev.Rect.Dx()*prev.Rect.Dy()/5 {
		t.Errorf("preview differs from the sharp frame in %d pixels, more than a fifth", n)
	}
}

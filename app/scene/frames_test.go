package scene

import (
	"image"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestFramesPanMatchesFullDraw: a frame made by shifting the last one and
// drawing the uncovered strips looks like a full draw of the same view.
func TestFramesPanMatchesFullDraw(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Selected, o.Hover = "CHN", "IND"
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	v.Zoom = 1.5
	var f render.Frames
	f.Draw(a.Scene(v, 1, o), v, 1, false)
	for i, d := range [][2]float64{{37.4, -12.2}, {-80, 55.5}, {3, 3}, {-500, 0}} {
		v.PanBy(d[0], d[1])
		got, shown := f.Draw(a.Scene(v, 1, o), v, 1, false)
		if dx, dy := (shown.Center[0]-v.Center[0])*v.Scale(), (shown.Center[1]-v.Center[1])*v.Scale(); dx*dx+dy*dy > 0.5*0.5*2 {
			t.Errorf("pan %d: shown view is (%.2f, %.2f) px off, want at most half a pixel", i, dx, dy)
		}
		want := image.NewRGBA(got.Rect)
		var r render.Renderer
		r.Draw(want, a.Scene(shown, 1, o), shown, 1)
		if n, _ := compareImages(want, got); n > got.Rect.Dx()*got.Rect.Dy()/200 {
			t.Errorf("pan %d: %d pixels differ from a full draw", i, n)
		}
	}
	// exact redraws at the requested view.
	_, shown := f.Draw(a.Scene(v, 1, o), v, 1, true)
	if shown.Center != v.Center {
		t.Errorf("exact frame drawn at %v, want %v", shown.Center, v.Center)
	}
}

// countingLayer counts how often it is drawn.
type countingLayer struct{ draws int }

func (c *countingLayer) ID() string                                    { return "counter" }
func (c *countingLayer) Bound() orb.Bound                              { return orb.Bound{} }
func (c *countingLayer) Draw(p render.Painter, dc *render.DrawContext) { c.draws++ }

// TestFramesHoverKeepsBase: a hover change redraws the overlay only; a change
// of the scene's key (the date) redraws the base.
func TestFramesHoverKeepsBase(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	v := geo.NewView(geo.EqualEarth{}, 320, 180)
	counter := &countingLayer{}
	scene := func() *render.Scene {
		s := a.Scene(v, 1, o)
		s.Base = append(s.Base[:len(s.Base):len(s.Base)], counter)
		return s
	}
	var f render.Frames
	f.Draw(scene(), v, 1, false)
	if counter.draws != 1 {
		t.Fatalf("first frame drew the base %d times, want 1", counter.draws)
	}
	o.Hover = "BRA"
	f.Draw(scene(), v, 1, false)
	if counter.draws != 1 {
		t.Error("a hover change redrew the base layers")
	}
	o.Date, _ = icc.ParseDate("2017-10-27")
	f.Draw(scene(), v, 1, false)
	if counter.draws != 2 {
		t.Error("a date change did not redraw the base layers")
	}
	f.Invalidate()
	f.Draw(scene(), v, 1, false)
	if counter.draws != 3 {
		t.Error("Invalidate did not redraw the base layers")
	}
}

// TestFramesPreview: after a zoom, the preview is the last frame scaled about
// the zoom's anchor — close to the sharp frame, and never drawn from scratch.
func TestFramesPreview(t *testing.T) {
	a := loadAtlas(t)
	o := articleOptions()
	o.Layers = ICC | Graticule // the sample points below are off the story's marks
	v := geo.NewView(geo.EqualEarth{}, 640, 360)
	var f render.Frames
	if _, ok := f.Preview(v, 1); ok {
		t.Fatal("a preview without a last frame")
	}
	before, _ := f.Draw(a.Scene(v, 1, o), v, 1, false)
	anchor := before.RGBAAt(200, 120)
	v.ZoomAround(orb.Point{200, 120}, 0.75)
	prev, ok := f.Preview(v, 1)
	if !ok {
		t.Fatal("no preview")
	}
	if got := prev.RGBAAt(200, 120); got != anchor {
		t.Errorf("pixel under the zoom anchor changed from %v to %v", anchor, got)
	}
	sharp := image.NewRGBA(prev.Rect)
	var r render.Renderer
	r.Draw(sharp, a.Scene(v, 1, o), v, 1)
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

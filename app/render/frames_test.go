package render

import (
	"image"
	"testing"

	"articleatlas/geo"
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

package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// dpEpsilon is the screen round-trip tolerance (dp): far below a pixel.
const dpEpsilon = 1e-6

func TestViewRoundTrip(t *testing.T) {
	for _, p := range Projections {
		for _, zoom := range []float64{0, 1.5, 5} {
			v := NewView(p, 1200, 700)
			v.ZoomAround(orb.Point{300, 200}, zoom)
			for _, ll := range []orb.Point{{116.40, 39.90}, {-74, 40.7}, {0, 0}, {179.9, -16}, {-179.9, 65}} {
				s := v.ToScreen(ll)
				if math.IsNaN(s[0]) {
					if _, globe := p.(Orthographic); globe {
						continue // the far side
					}
				}
				back, ok := v.FromScreen(s)
				if !ok || math.Abs(back[0]-ll[0]) > projEpsilon || math.Abs(back[1]-ll[1]) > projEpsilon {
					t.Errorf("%s zoom %v: FromScreen(ToScreen(%v)) = %v, %v", p.Name(), zoom, ll, back, ok)
				}
			}
		}
	}
}

func TestViewWholeWorldFits(t *testing.T) {
	for _, p := range Projections {
		v := NewView(p, 1280, 720)
		for _, q := range Outline(p) {
			s := v.ProjectedToScreen(q)
			if s[0] < 0 || s[0] > v.Width || s[1] < 0 || s[1] > v.Height {
				t.Fatalf("%s: outline point at %v is off a 1280×720 screen", p.Name(), s)
			}
		}
		mid := orb.Point{0, 0}
		if o, globe := p.(Orthographic); globe {
			mid = orb.Point{o.Lon0, o.Lat0} // the globe faces its centre
		}
		c := v.ToScreen(mid)
		if math.Abs(c[0]-640) > dpEpsilon || math.Abs(c[1]-360) > dpEpsilon {
			t.Errorf("%s: %v at %v, want the screen centre", p.Name(), mid, c)
		}
	}
}

func TestViewZoomAroundKeepsAnchor(t *testing.T) {
	cases := []struct {
		name string
		at   orb.Point
		dz   float64
	}{
		{"in at top-left", orb.Point{100, 80}, 1},
		{"in at centre", orb.Point{600, 350}, 2.5},
		{"out again", orb.Point{900, 500}, -0.5},
	}
	v := NewView(EqualEarth{}, 1200, 700)
	v.Zoom = 2
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := v.ScreenToProjected(c.at)
			v.ZoomAround(c.at, c.dz)
			after := v.ProjectedToScreen(before)
			if math.Abs(after[0]-c.at[0]) > dpEpsilon || math.Abs(after[1]-c.at[1]) > dpEpsilon {
				t.Errorf("anchor moved from %v to %v", c.at, after)
			}
		})
	}
}

func TestViewZoomLimits(t *testing.T) {
	v := NewView(EqualEarth{}, 800, 600)
	v.ZoomAround(orb.Point{400, 300}, 100)
	if v.Zoom != MaxZoom {
		t.Errorf("zoom = %v, want MaxZoom %v", v.Zoom, MaxZoom)
	}
	v.ZoomAround(orb.Point{400, 300}, -100)
	if v.Zoom != MinZoom {
		t.Errorf("zoom = %v, want MinZoom %v", v.Zoom, MinZoom)
	}
	v.ZoomAround(orb.Point{400, 300}, math.NaN())
	if math.IsNaN(v.Zoom) || math.IsNaN(v.Center[0]) {
		t.Errorf("NaN zoom step left the view at %v", v)
	}
}

func TestViewPanIsClamped(t *testing.T) {
	v := NewView(Equirectangular{}, 800, 400)
	v.PanBy(-1e9, 1e9)
	wb := v.World()
	// Dragging the content far left and down shows the east and the north edge.
	if v.Center[0] != wb.Max[0] || v.Center[1] != wb.Max[1] {
		t.Errorf("centre after a huge pan = %v, want clamped to the world's edge %v,%v", v.Center, wb.Max[0], wb.Max[1])
	}
	v.Reset()
	start := v.ToScreen(orb.Point{10, 10})
	v.PanBy(25, -15)
	got := v.ToScreen(orb.Point{10, 10})
	if math.Abs(got[0]-start[0]-25) > dpEpsilon || math.Abs(got[1]-start[1]+15) > dpEpsilon {
		t.Errorf("PanBy(25,-15) moved a point from %v to %v", start, got)
	}
}

func TestViewFit(t *testing.T) {
	v := NewView(EqualEarth{}, 1000, 600)
	b := orb.Bound{Min: Project(EqualEarth{}, orb.Point{73, 18}), Max: Project(EqualEarth{}, orb.Point{135, 54})}
	v.Fit(b, 20)
	for _, c := range []orb.Point{b.Min, b.Max} {
		s := v.ProjectedToScreen(c)
		if s[0] < 20-dpEpsilon || s[0] > 980+dpEpsilon || s[1] < 20-dpEpsilon || s[1] > 580+dpEpsilon {
			t.Errorf("corner %v of the fitted bound is at %v, outside the padded screen", c, s)
		}
	}
	if v.Zoom <= 1 {
		t.Errorf("fitting China gave zoom %v, want > 1", v.Zoom)
	}
}

func TestViewSetProjectionKeepsCentre(t *testing.T) {
	v := NewView(EqualEarth{}, 800, 500)
	v.Center = Project(EqualEarth{}, orb.Point{100, 40})
	v.Zoom = 2
	v.SetProjection(Equirectangular{})
	lon, lat, _ := v.Proj.Inverse(v.Center[0], v.Center[1])
	if math.Abs(lon-100) > 1e-9 || math.Abs(lat-40) > 1e-9 {
		t.Errorf("centre after switching projection = %v,%v, want 100,40", lon, lat)
	}
}

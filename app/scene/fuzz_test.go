package scene

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// maxFuzzSide is the largest image side FuzzDrawView draws: the 4096-pixel
// exports people make, but no more, so one run stays well under a second.
const maxFuzzSide = 4096

// TestDrawZoomedEuropeTwoCores is the window crash seen while panning a
// zoomed map: this view, drawn in bands on two cores, panicked in fill.
func TestDrawZoomedEuropeTwoCores(t *testing.T) {
	a := loadAtlas(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	v := geo.NewView(geo.Equirectangular{}, 1000, 640)
	v.Center = orb.Point{1.0333499536760833, 0.8538788326519844}
	v.Zoom = 4.435921974176106
	o := articleOptions()
	fine := geo.Fine
	o.Level = &fine
	img := image.NewRGBA(image.Rect(0, 0, 1000, 640))
	var r render.Renderer
	r.Draw(img, a.Scene(v, 1, o), v, 1)
}

// FuzzDrawView draws the map through random views — projection, centre, zoom
// from the whole world to 128×, both levels of detail, sizes up to 4096² px,
// pixel scales 0.5–4, one to four cores — and checks that it never panics and
// that pixels well outside the map's outline are the background.
func FuzzDrawView(f *testing.F) {
	// The view that crashed the window while panning (crash_test.go).
	f.Add(uint8(1), 1.0333499536760833, 0.8538788326519844, 4.435921974176106, uint16(1000), uint16(640), 1.0, uint8(1), true, uint64(1)) // two cores
	f.Add(uint8(0), 0.0, 0.0, 0.0, uint16(1), uint16(1), 0.5, uint8(1), false, uint64(2))
	f.Add(uint8(0), -2.5, 1.2, 7.0, uint16(1920), uint16(1080), 2.0, uint8(4), true, uint64(3))
	f.Add(uint8(1), 3.14159, -1.5, 2.0, uint16(4096), uint16(3), 4.0, uint8(3), false, uint64(4))
	f.Fuzz(func(t0 *testing.T, proj uint8, cx, cy, zoom float64, w, h uint16, scale float64, cores uint8, fine bool, seed uint64) {
		if w == 0 || h == 0 || w > maxFuzzSide || h > maxFuzzSide || !(scale >= 0.5 && scale <= 4) {
			return
		}
		a := loadAtlas(t0)
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1 + int(cores)%4))

		p := geo.Projections[int(proj)%len(geo.Projections)]
		v := geo.NewView(p, float64(w)/scale, float64(h)/scale)
		v.Center = orb.Point{cx, cy}
		v.Zoom = zoom
		v.Resize(v.Width, v.Height) // clamps the zoom and centre, as every caller's view is
		level := geo.Coarse
		if fine {
			level = geo.Fine
		}
		o := articleOptions()
		o.Level = &level
		rng := rand.New(rand.NewPCG(seed, 7))
		list := a.World.Layer(p, level).Countries.List
		o.Selected = list[rng.IntN(len(list))].ISO3
		o.Hover = list[rng.IntN(len(list))].ISO3
		st := o.Style
		img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
		var r render.Renderer
		// Every layer, for no panic; then the map alone for the invariant
		// below: marks and text keep their size in pixels however small the
		// world is drawn, so they may run past its edge.
		r.Draw(img, a.Scene(v, scale, o), v, scale)
		o.Layers = ICC | Graticule
		r.Draw(img, a.Scene(v, scale, o), v, scale)

		// Off the map: a pixel outside the sphere, farther from its edge than
		// the widest stroke along a coast (the selection's outline) and its
		// anti-aliasing reach.
		reach := max(st.OutlineWidth, st.SelectedWidth, st.HoverWidth)*scale/2 + 1.5 // px
		bg := color.RGBA{st.Background.R, st.Background.G, st.Background.B, 255}
		tr := v.Transform(scale)
		edge := a.World.Layer(p, level).Outline
		for i := 0; i < 500; i++ {
			x, y := rng.IntN(int(w)), rng.IntN(int(h))
			px := orb.Point{float64(x) + 0.5, float64(y) + 0.5}
			if _, on := v.FromScreen(orb.Point{px[0] / scale, px[1] / scale}); on || distanceToRing(tr, edge, px) <= reach {
				continue
			}
			if got := img.RGBAAt(x, y); got != bg {
				t0.Fatalf("%s view %+v at scale %g: pixel (%d, %d) off the map is %v, want the background %v",
					p.Name(), v, scale, x, y, got, bg)
			}
		}
	})
}

// distanceToRing is the distance in pixels from px to the projected ring r
// drawn through t.
func distanceToRing(t geo.Transform, r orb.Ring, px orb.Point) float64 {
	best := math.Inf(1)
	for i := 1; i < len(r); i++ {
		a, b := t.Apply(r[i-1]), t.Apply(r[i])
		dx, dy := b[0]-a[0], b[1]-a[1]
		u := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			u = math.Max(0, math.Min(1, ((px[0]-a[0])*dx+(px[1]-a[1])*dy)/l2))
		}
		best = math.Min(best, math.Hypot(a[0]+u*dx-px[0], a[1]+u*dy-px[1]))
	}
	return best
}

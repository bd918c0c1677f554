package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// fuzzMaxSide is the largest image side the fuzz targets draw: the 4096-pixel
// exports people make, but no more, so one run stays well under a second.
const fuzzMaxSide = 4096

// fuzzFloats reads float32 values from raw, four bytes each; NaN, ±Inf and
// huge values come through as they are, since a view can produce them.
func fuzzFloats(raw []byte) []float32 {
	out := make([]float32, 0, len(raw)/4)
	for i := 0; i+4 <= len(raw); i += 4 {
		out = append(out, math.Float32frombits(binary.LittleEndian.Uint32(raw[i:])))
	}
	return out
}

// triangleArea is the area of the triangle abc in px², computed exactly: a
// vertex far off the canvas must not round a large area to zero.
func triangleArea(a, b, c pt) float64 {
	for _, v := range []float32{a.x, a.y, b.x, b.y, c.x, c.y} {
		if !finite(float64(v)) {
			return math.NaN()
		}
	}
	f := func(v float32) *big.Float { return new(big.Float).SetPrec(512).SetFloat64(float64(v)) }
	sub := func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(512).Sub(x, y) }
	mul := func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(512).Mul(x, y) }
	d := sub(mul(sub(f(b.x), f(a.x)), sub(f(c.y), f(a.y))), mul(sub(f(c.x), f(a.x)), sub(f(b.y), f(a.y))))
	area, _ := d.Abs(d).Float64()
	return area / 2
}

// FuzzRasterShapes fills random triangles and strokes random polylines on
// canvases of any size, cut into bands at any rows, and checks that nothing
// panics, that a triangle's coverage never exceeds its area, and that a
// stroke leaves no ink outside its padded bounding box.
func FuzzRasterShapes(f *testing.F) {
	f.Add(uint16(200), uint16(200), uint16(0), float32(1), []byte{})
	// The triangle that left a cell at x = −1 (see crash_test.go).
	tri := []float32{15.307893, 11.790756, -4.27845, 134.614, 100, 134.614}
	raw := make([]byte, 0, 4*len(tri))
	for _, v := range tri {
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(v))
	}
	f.Add(uint16(200), uint16(200), uint16(0), float32(0.5), raw) // one band: the whole canvas
	f.Add(uint16(1), uint16(1), uint16(0), float32(3), raw)
	f.Add(uint16(4096), uint16(7), uint16(3), float32(1.3), raw)
	f.Fuzz(func(t *testing.T, w, h, bandRow uint16, width float32, raw []byte) {
		if w == 0 || h == 0 || w > fuzzMaxSide || h > fuzzMaxSide || len(raw) > 4096 {
			return
		}
		vals := fuzzFloats(raw)
		img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
		// Draw in two bands split at bandRow, as the renderer's workers do.
		split := int(bandRow) % int(h)
		bands := []image.Rectangle{image.Rect(0, 0, int(w), split), image.Rect(0, split, int(w), int(h))}
		var c canvas
		for i := 0; i+6 <= len(vals); i += 6 {
			a, b, d := pt{vals[i], vals[i+1]}, pt{vals[i+2], vals[i+3]}, pt{vals[i+4], vals[i+5]}
			clear(img.Pix)
			for _, band := range bands {
				c.setTarget(img, band)
				c.addPoly(a, b, d)
				c.fill(white)
			}
			area := triangleArea(a, b, d)
			if math.IsNaN(area) || math.IsInf(area, 0) {
				continue
			}
			sum, touched := 0.0, 0
			for p := 0; p < len(img.Pix); p += 4 {
				if v := img.Pix[p]; v > 0 {
					sum += float64(v) / 255
					touched++
				}
			}
			// Each touched pixel is rounded to 1/255, and the two bands round
			// the shared row twice.
			if tol := 1e-3*area + float64(touched)/255 + 1e-6; sum > area+tol {
				t.Fatalf("triangle %v %v %v on %d×%d: coverage %.4f px² exceeds its area %.4f", a, b, d, w, h, sum, area)
			}
		}
		// The same points as a polyline: no ink outside its bounding box
		// padded by the stroke's half-width and a pixel of anti-aliasing.
		if !(width > 0 && width < 64) || len(vals) < 4 {
			return
		}
		line := make([]pt, 0, len(vals)/2)
		for i := 0; i+2 <= len(vals); i += 2 {
			line = append(line, pt{vals[i], vals[i+1]})
		}
		clear(img.Pix)
		for _, band := range bands {
			c.setTarget(img, band)
			c.stroke(line, width, white)
		}
		b := strokeBound(line, float64(width)/2*1.5+1)
		for y := 0; y < int(h); y++ {
			for x := 0; x < int(w); x++ {
				if img.Pix[img.PixOffset(x, y)] != 0 && !b.Contains(orb.Point{float64(x) + 0.5, float64(y) + 0.5}) {
					t.Fatalf("stroke %v (width %g) inked pixel (%d, %d) outside %v", line, width, x, y, b)
				}
			}
		}
	})
}

// strokeBound is the bound of the finite points of line, padded by pad px.
func strokeBound(line []pt, pad float64) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range line {
		x, y := float64(p.x), float64(p.y)
		if !finite(x) || !finite(y) {
			continue
		}
		b = b.Extend(orb.Point{x, y})
	}
	return b.Pad(pad)
}

var fuzzWorld struct {
	once sync.Once
	w    *geo.World
	err  error
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
	f.Fuzz(func(t *testing.T, proj uint8, cx, cy, zoom float64, w, h uint16, scale float64, cores uint8, fine bool, seed uint64) {
		if w == 0 || h == 0 || w > fuzzMaxSide || h > fuzzMaxSide || !(scale >= 0.5 && scale <= 4) {
			return
		}
		fuzzWorld.once.Do(func() { fuzzWorld.w, fuzzWorld.err = geo.LoadWorldSync() })
		if fuzzWorld.err != nil {
			t.Fatal(fuzzWorld.err)
		}
		world := fuzzWorld.w
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
		s := Scene{Layer: world.Layer(p, level), Status: world.StatusOn(geo.ArticleDate), Graticule: true}
		rng := rand.New(rand.NewPCG(seed, 7))
		list := s.Layer.Countries.List
		s.Selected = list[rng.IntN(len(list))].ISO3
		s.Hover = list[rng.IntN(len(list))].ISO3
		st := LightStyle()
		img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
		var r Renderer
		r.Draw(img, &s, v, &st, scale)

		// Off the map: a pixel whose surroundings, as far as the outline's
		// stroke and its anti-aliasing reach, all lie outside the sphere.
		reach := (st.OutlineWidth*scale)/2 + 1.5 // px
		bg := color.RGBA{st.Background.R, st.Background.G, st.Background.B, 255}
		off := func(x, y float64) bool {
			_, ok := v.FromScreen(orb.Point{x / scale, y / scale})
			return !ok
		}
		for i := 0; i < 500; i++ {
			x, y := rng.IntN(int(w)), rng.IntN(int(h))
			cxp, cyp := float64(x)+0.5, float64(y)+0.5
			if !(off(cxp, cyp) && off(cxp-reach, cyp) && off(cxp+reach, cyp) && off(cxp, cyp-reach) && off(cxp, cyp+reach) &&
				off(cxp-reach, cyp-reach) && off(cxp+reach, cyp+reach) && off(cxp-reach, cyp+reach) && off(cxp+reach, cyp-reach)) {
				continue
			}
			if got := img.RGBAAt(x, y); got != bg {
				t.Fatalf("%s view %+v at scale %g: pixel (%d, %d) off the map is %v, want the background %v",
					p.Name(), v, scale, x, y, got, bg)
			}
		}
	})
}

package render

import (
	"encoding/binary"
	"image"
	"math"
	"math/big"
	"testing"

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

// FuzzRasterShapes fills random triangles, strokes random polylines and
// draws random circles on canvases of any size, cut into bands at any rows,
// and checks that nothing panics, that a triangle's coverage never exceeds
// its area, and that a stroke or a circle leaves no ink outside its padded
// bounds.
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
			// Filled over a background not yet painted (fillOnto): the same
			// bytes as the background painted first.
			onto := image.NewRGBA(img.Rect)
			for _, band := range bands {
				c.setTarget(onto, band)
				c.paintLater(black)
				c.addPoly(a, b, d)
				c.fill(white)
				c.paintUnder()
			}
			for p := 0; p < len(img.Pix); p += 4 {
				if onto.Pix[p] != img.Pix[p] || onto.Pix[p+3] != 255 {
					t.Fatalf("triangle %v %v %v on %d×%d: filled onto the background, pixel %d is %v, want %v",
						a, b, d, w, h, p/4, onto.Pix[p:p+4], img.Pix[p])
				}
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
		fuzzCircles(t, img, bands, vals, width)
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

// fuzzCircles draws circles (centre and radius from vals, rim width) in
// the bands of img, as the markers layer does, and checks that nothing is
// inked beyond the rim's outer edge and the pixel its anti-aliasing
// reaches.
func fuzzCircles(t *testing.T, img *image.RGBA, bands []image.Rectangle, vals []float32, width float32) {
	var p rasterPainter
	for i := 0; i+3 <= len(vals); i += 3 {
		c, radius := pt{vals[i], vals[i+1]}, vals[i+2]
		clear(img.Pix)
		for _, band := range bands {
			p.setTarget(img, band, nil)
			p.Circle(c, radius, white, Pen{Width: width, Color: white}, nil)
		}
		reach := float64(radius) + max(0, float64(width))/2 + 1
		for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
			for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
				d := math.Hypot(float64(x)+0.5-float64(c.x), float64(y)+0.5-float64(c.y))
				if img.Pix[img.PixOffset(x, y)] != 0 && !(d <= reach*(1+1e-9)) {
					t.Fatalf("circle at %v, radius %g, rim %g: inked pixel (%d, %d), %g px from its centre", c, radius, width, x, y, d)
				}
			}
		}
	}
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

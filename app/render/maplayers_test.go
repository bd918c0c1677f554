package render

import (
	"image"
	"image/color"
	"math"
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// twoTriangles is two countries sharing a long diagonal border of 64
// segments (four chunks), in lon/lat degrees.
func twoTriangles() *geo.Countries {
	var diag []orb.Point
	const steps = 64
	for i := 0; i <= steps; i++ {
		f := float64(i) / steps
		diag = append(diag, orb.Point{-60 + 120*f, -40 + 80*f})
	}
	a := append(append(orb.Ring{}, diag...), orb.Point{60, -40}, diag[0])
	b := orb.Ring{}
	for i := len(diag) - 1; i >= 0; i-- {
		b = append(b, diag[i])
	}
	b = append(b, orb.Point{-60, 40}, diag[len(diag)-1])
	return &geo.Countries{List: []geo.Country{
		{ISO3: "AAA", Name: "A", Shape: orb.MultiPolygon{{a}}},
		{ISO3: "BBB", Name: "B", Shape: orb.MultiPolygon{{b}}},
	}}
}

// TestBordersBandsMatchWhole: the borders drawn in horizontal bands (as on
// several cores), where some chunks of a ring lie wholly outside a band,
// give the pixels of one whole draw: no segment next to a skipped chunk is
// lost.
func TestBordersBandsMatchWhole(t *testing.T) {
	ly := geo.NewLayer(twoTriangles(), geo.Equirectangular{})
	const w, h = 800, 480
	// 12 px per degree: the border's segments are about 27 px long, longer
	// than the padding of a band's visible bound, and the map is larger
	// than the image.
	tr := geo.Transform{S: 12 * 180 / math.Pi, Tx: w / 2, Ty: h / 2}
	borders := &Borders{Layer: ly, Color: color.NRGBA{0, 0, 0, 255}, WidthDp: 1}
	draw := func(bands int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		fillRect(img, img.Rect, color.NRGBA{255, 255, 255, 255})
		var r rasterPainter
		for k := 0; k < bands; k++ {
			band := image.Rect(0, h*k/bands, w, h*(k+1)/bands)
			r.setTarget(img, band, nil)
			dc := newDrawContext(tr, 1, band, nil, nil)
			borders.Draw(&r, &dc)
		}
		return img
	}
	whole := draw(1)
	inked := 0
	for i := 0; i < len(whole.Pix); i += 4 {
		if whole.Pix[i] < 128 {
			inked++
		}
	}
	if inked < 500 {
		t.Fatalf("the whole draw inks %d pixels: the border is not drawn", inked)
	}
	for bands := 2; bands <= 24; bands++ {
		got := draw(bands)
		for i := range whole.Pix {
			if d := int(whole.Pix[i]) - int(got.Pix[i]); d > 1 || d < -1 {
				p := i / 4
				t.Fatalf("%d bands: pixel (%d, %d) differs by %d from the whole draw", bands, p%w, p/w, d)
			}
		}
	}
}

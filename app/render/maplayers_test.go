package render

import (
	"image"
	"image/color"
	"math"
	"slices"
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

// TestOutlineDetailFollowsDp: a country's outline keeps the detail a reader
// sees: the same on a screen of two pixels per dp as on one of one for the
// same view in dp, and finer on a screen of one pixel per dp twice as large
// (the same pixels); at four pixels per dp it keeps the detail of half a
// device pixel, as at two.
func TestOutlineDetailFollowsDp(t *testing.T) {
	// A wiggly disc of 4,000 points, 30° across.
	var ring orb.Ring
	const n = 4000
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / n
		r := 15 + 0.4*math.Sin(37*a) + 0.15*math.Sin(311*a)
		ring = append(ring, orb.Point{r * math.Cos(a), r * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	ly := geo.NewLayer(&geo.Countries{List: []geo.Country{{ISO3: "AAA", Name: "A", Shape: orb.MultiPolygon{{ring}}}}}, geo.Equirectangular{})
	vertices := func(s float64, pxPerDp float64) int {
		dc := newDrawContext(geo.Transform{S: s, Tx: 400, Ty: 300}, pxPerDp, image.Rect(0, 0, 800, 600), nil, nil)
		k := 0
		for _, p := range dc.outlinePolys(ly) {
			for _, r := range p.Rings {
				k += len(r)
			}
		}
		return k
	}
	const s = 600 // px per radian at one pixel per dp
	oneX, twoX, bigger := vertices(s, 1), vertices(2*s, 2), vertices(2*s, 1)
	if oneX >= n || twoX != oneX {
		t.Errorf("%d vertices at 1 px per dp, %d at 2: want the same detail, fewer than the %d of the full outline", oneX, twoX, n+1)
	}
	if bigger <= twoX {
		t.Errorf("%d vertices for twice the dp at 1 px per dp, %d at 2 px per dp: want more", bigger, twoX)
	}
	if fourX, capped := vertices(4*s, 4), vertices(4*s, 2); fourX != capped || fourX <= twoX {
		t.Errorf("%d vertices at 4 px per dp, %d for the same pixels at 2 px per dp, %d for half the pixels: want the first two the same, more than the last", fourX, capped, twoX)
	}
}

// TestBusiestBandsFirst: the workers are handed the bands with the most
// chunks binned under them first, over all the lists binned, ties from the
// top, every band once.
func TestBusiestBandsFirst(t *testing.T) {
	refs := func(n int) []chunkRef { return make([]chunkRef, n) }
	f := frame{
		bands: make([]image.Rectangle, 5),
		bins: []*polyBins{
			{bands: [][]chunkRef{refs(1), refs(3), refs(0), refs(2), refs(0)}},
			{bands: [][]chunkRef{refs(0), refs(0), refs(1), refs(1), refs(4)}},
		},
	}
	got := f.busiestFirst()
	if want := []int{4, 1, 3, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

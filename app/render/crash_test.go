package render

import (
	"image"
	"testing"
)

// TestFillEdgeRoundOffLeftOfClip: an edge that reaches x = 0 within float
// round-off used to leave a cell at x = −1, and fill then sliced the row at
// a negative offset. The triangle is the smallest shape found that did so.
func TestFillEdgeRoundOffLeftOfClip(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 200))
	var c canvas
	c.setTarget(img, img.Rect)
	c.addPoly(pt{15.307893, 11.790756}, pt{-4.27845, 134.614}, pt{100, 134.614})
	for _, y := range c.touched {
		for _, cl := range c.rows[y] {
			if cl.x < 0 || cl.x > int32(c.clip.Dx()) {
				t.Fatalf("row %d has a cell at x = %d, outside the clip [0, %d]", y, cl.x, c.clip.Dx())
			}
		}
	}
	c.fill(white) // panicked with "slice bounds out of range [-4::]"
}

// TestFarVerticesInEveryBand: a triangle whose vertices lie 10³⁵ px off
// covers the canvas as its edges do near it, in whichever band it is
// drawn. Moving such a vertex into a band's frame loses the band's offset,
// and interpolating between two such vertices loses the pixels where the
// edge crosses the band's sides: the edge on the diagonal then drifted by
// the band's top row, leaving a triangle of ink where there is none.
func TestFarVerticesInEveryBand(t *testing.T) {
	const far, side = 1e35, 64
	// The edge (−far, −far)→(far, far) runs down the canvas's diagonal; the
	// third vertex is far down and to the left, so the triangle covers the
	// half below the diagonal: pixel (x, y) wholly for y > x, half for y = x.
	tri := []pt{{-far, -far}, {far, far}, {-far, far}}
	for _, rows := range []int{side, 1, 7, 25} {
		img := image.NewRGBA(image.Rect(0, 0, side, side))
		var c canvas
		for y := 0; y < side; y += rows {
			c.setTarget(img, image.Rect(0, y, side, y+rows))
			c.addPoly(tri...)
			c.fill(white)
		}
		for y := 0; y < side; y++ {
			for x := 0; x < side; x++ {
				want := uint8(0)
				switch {
				case y > x:
					want = 255
				case y == x:
					want = 128
				}
				if got := img.RGBAAt(x, y).A; got != want {
					t.Fatalf("bands of %d rows: pixel (%d, %d) has alpha %d, want %d", rows, x, y, got, want)
				}
			}
		}
	}
	// The fuzzer's case: three vertices on one line, two of them far off,
	// cover nothing.
	img := image.NewRGBA(image.Rect(0, 0, 69, 257))
	var c canvas
	for _, band := range []image.Rectangle{image.Rect(0, 0, 69, 90), image.Rect(0, 90, 69, 257)} {
		c.setTarget(img, band)
		c.addPoly(pt{-1.62244e+35, -1.62244e+35}, pt{6.4096906e-10, 6.4096906e-10}, pt{2.287054e+35, 2.287054e+35})
		c.fill(white)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			t.Fatalf("a triangle of no area inked pixel (%d, %d)", i/4%69, i/4/69)
		}
	}
}

// TestFarHairline: a hairline between two points 10³⁵ px off, on either
// side of the canvas, draws what the same line between nearby points
// draws, in bands of any height.
func TestFarHairline(t *testing.T) {
	const side = 64
	draw := func(a, b pt, rows int) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, side, side))
		var c canvas
		for y := 0; y < side; y += rows {
			c.setTarget(img, image.Rect(0, y, side, y+rows))
			c.stroke([]pt{a, b}, 1, white)
		}
		return img
	}
	for _, tc := range []struct{ far, near [2]pt }{
		{[2]pt{{-1e35, -1e35}, {1e35, 1e35}}, [2]pt{{-10, -10}, {74, 74}}},    // 45°
		{[2]pt{{-1e35, 20}, {1e35, 20}}, [2]pt{{-10, 20}, {74, 20}}},          // level
		{[2]pt{{-0.5e35, -1e35}, {0.5e35, 1e35}}, [2]pt{{-5, -10}, {37, 74}}}, // steep
	} {
		for _, rows := range []int{side, 1, 7} {
			want := draw(tc.near[0], tc.near[1], rows)
			got := draw(tc.far[0], tc.far[1], rows)
			for i := 3; i < len(got.Pix); i += 4 {
				if got.Pix[i] != want.Pix[i] {
					t.Fatalf("%v→%v in bands of %d rows: pixel (%d, %d) has alpha %d, the same line from %v to %v %d",
						tc.far[0], tc.far[1], rows, i/4%side, i/4/side, got.Pix[i], tc.near[0], tc.near[1], want.Pix[i])
				}
			}
		}
	}
}

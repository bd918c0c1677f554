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

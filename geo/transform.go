// Transform: the one mapping from projected plane units to pixels.

package geo

import "github.com/paulmach/orb"

// Transform maps projected plane units to pixels of one view at one pixel
// scale: x' = S·x + Tx and y' = −S·y + Ty (screen y grows downwards). Drawing,
// culling, the frame cache and hit-testing all go through it. A Transform is
// a small value, safe to copy and to use from any goroutine.
type Transform struct {
	S      float64 // pixels per projected unit
	Tx, Ty float64 // pixel position of the projected origin
}

// Transform is the mapping of v onto pixels at pxPerDp pixels per dp; with
// pxPerDp = 1 it maps to screen dp.
func (v View) Transform(pxPerDp float64) Transform {
	s := v.Scale() * pxPerDp
	return Transform{S: s, Tx: v.Width/2*pxPerDp - v.Center[0]*s, Ty: v.Height/2*pxPerDp + v.Center[1]*s}
}

// Apply maps a projected point to pixels.
func (t Transform) Apply(p orb.Point) orb.Point {
	return orb.Point{p[0]*t.S + t.Tx, -p[1]*t.S + t.Ty}
}

// Invert maps pixels to a projected point; the inverse of Apply.
func (t Transform) Invert(p orb.Point) orb.Point {
	return orb.Point{(p[0] - t.Tx) / t.S, (t.Ty - p[1]) / t.S}
}

// InvertBound is the projected bound of the pixel rectangle [x0, x1]×[y0, y1].
func (t Transform) InvertBound(x0, y0, x1, y1 float64) orb.Bound {
	a, b := t.Invert(orb.Point{x0, y1}), t.Invert(orb.Point{x1, y0})
	return orb.Bound{Min: a, Max: b}
}

// Relative maps pixels of t to pixels of to (the same projected point): a
// pixel p of t lands at p·scale + (dx, dy) in to. Frames use it to move or
// scale an image drawn with one transform into another.
func (t Transform) Relative(to Transform) (scale, dx, dy float64) {
	// to.Apply(t.Invert(p)) = p·(to.S/t.S) + (to.T − t.T·to.S/t.S)
	k := to.S / t.S
	return k, to.Tx - t.Tx*k, to.Ty - t.Ty*k
}

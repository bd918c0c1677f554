// Frames: successive frames of an interactive map, reusing the last one.
package render

import (
	"image"
	"image/color"
	"math"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Frames draws the frames of a map that pans, zooms and changes its hover and
// selection. It keeps the base layers of the last frame: a pan moves them and
// draws only the strips that came into view, and a hover change only redraws
// the overlay. Frames is not safe for concurrent use.
//
// The base is kept wrapped around (a torus): view pixel (x, y) lives at base
// pixel ((x+ox) mod w, (y+oy) mod h). A pan only moves the origin (ox, oy)
// and draws the new strips where the old ones were, so no pixel of the base
// is copied; the frame handed out is put together from it in one pass.
type Frames struct {
	r          Renderer
	base       *image.RGBA // base layers, wrapped at (ox, oy)
	ox, oy     int
	out        *image.RGBA // the frame handed out
	outView    geo.View    // the view out was drawn with
	preview    *image.RGBA // a scaled copy of out, while a sharp frame is pending
	key        baseKey     // what base holds
	valid      bool
	background color.NRGBA // the last scene's background, for previews
}

// baseKey is what a base layer depends on, apart from the view's centre.
type baseKey struct {
	scene   any // Scene.Key
	proj    string
	zoom    float64
	w, h    float64 // dp
	pxPerDp float64
	center  orb.Point // projected centre the base was drawn at
}

// Invalidate forgets the base layer, e.g. after the statuses changed without
// the scene's Key saying so.
func (f *Frames) Invalidate() { f.valid = false }

// Draw returns the frame for scene s through view v, in an image of
// v.Width×v.Height dp at pxPerDp, which stays valid until the next call.
// When the view only moved since the last frame the base layer is shifted by
// whole pixels, so the frame may show the view up to half a pixel off; pass
// exact to redraw at the exact position (e.g. when a drag ends). It returns
// the view the frame was drawn with. s.Key must be comparable.
func (f *Frames) Draw(s *Scene, v geo.View, pxPerDp float64, exact bool) (*image.RGBA, geo.View) {
	w := int(math.Round(v.Width * pxPerDp))
	h := int(math.Round(v.Height * pxPerDp))
	if f.out == nil || f.out.Rect.Dx() != w || f.out.Rect.Dy() != h {
		r := image.Rect(0, 0, w, h)
		f.out, f.base = image.NewRGBA(r), image.NewRGBA(r)
		f.valid = false
	}
	key := baseKey{scene: s.Key, proj: v.Proj.Name(), zoom: v.Zoom, w: v.Width, h: v.Height,
		pxPerDp: pxPerDp, center: v.Center}
	drawn := v
	switch {
	case f.valid && key == f.key:
		// Same base: only the overlay changed.
	case f.valid && !exact && sameButCenter(key, f.key):
		drawn = f.shift(s, v, pxPerDp)
	default:
		f.ox, f.oy = 0, 0
		f.r.DrawBase(f.base, f.base.Rect, s, v, pxPerDp)
		f.key, f.valid = key, true
	}
	f.unwrap()
	f.r.DrawOverlay(f.out, f.out.Rect, s, drawn, pxPerDp)
	f.outView = drawn
	f.background = s.Background
	return f.out, drawn
}

// Preview returns the last frame scaled and moved to view v (same projection
// and size, e.g. after a wheel zoom), sampling the nearest pixel; parts it
// does not cover are background. It costs a copy of the image, so a zoom can
// show at once while the sharp frame is drawn next. ok is false when there is
// no last frame to scale (the caller then draws the sharp frame).
func (f *Frames) Preview(v geo.View, pxPerDp float64) (img *image.RGBA, ok bool) {
	if f.out == nil || f.outView.Proj == nil || f.outView.Proj.Name() != v.Proj.Name() ||
		f.outView.Width != v.Width || f.outView.Height != v.Height || f.key.pxPerDp != pxPerDp {
		return nil, false
	}
	if f.preview == nil || f.preview.Rect != f.out.Rect {
		f.preview = image.NewRGBA(f.out.Rect)
	}
	// The pixel centre x of the new frame shows the pixel a·x + b of the last one, per axis.
	a, bx, by := v.Transform(pxPerDp).Relative(f.outView.Transform(pxPerDp))
	w, h := f.out.Rect.Dx(), f.out.Rect.Dy()
	cols := make([]int, w) // source column per column, -1 outside
	for x := range cols {
		sx := int(math.Floor(a*(float64(x)+0.5) + bx))
		if sx < 0 || sx >= w {
			sx = -1
		}
		cols[x] = sx
	}
	bgc := f.background
	bg := [4]uint8{bgc.R, bgc.G, bgc.B, 255}
	for y := 0; y < h; y++ {
		sy := int(math.Floor(a*(float64(y)+0.5) + by))
		row := f.preview.Pix[y*f.preview.Stride : y*f.preview.Stride+4*w]
		if sy < 0 || sy >= h {
			fillPixels(row, bgc)
			continue
		}
		src := f.out.Pix[sy*f.out.Stride:]
		for x, sx := range cols {
			if sx < 0 {
				copy(row[4*x:4*x+4], bg[:])
				continue
			}
			copy(row[4*x:4*x+4], src[4*sx:4*sx+4])
		}
	}
	return f.preview, true
}

func sameButCenter(a, b baseKey) bool {
	a.center = b.center
	return a == b
}

// shift moves the base by the pan since it was drawn, rounded to whole
// pixels, and draws the strips that came into view. It returns the view
// actually shown.
func (f *Frames) shift(s *Scene, v geo.View, pxPerDp float64) geo.View {
	drawnAt := v
	drawnAt.Center = f.key.center
	t0, t := drawnAt.Transform(pxPerDp), v.Transform(pxPerDp)
	dx, dy := math.Round(t.Tx-t0.Tx), math.Round(t.Ty-t0.Ty)
	// The view whose transform is t0 moved by exactly (dx, dy) pixels: the
	// point at the centre of its screen.
	moved := geo.Transform{S: t0.S, Tx: t0.Tx + dx, Ty: t0.Ty + dy}
	shown := drawnAt
	shown.Center = moved.Invert(orb.Point{v.Width * pxPerDp / 2, v.Height * pxPerDp / 2})
	b := f.base.Rect
	W, H := b.Dx(), b.Dy()
	if math.Abs(dx) >= float64(W) || math.Abs(dy) >= float64(H) {
		f.ox, f.oy = 0, 0
		f.r.DrawBase(f.base, b, s, shown, pxPerDp)
	} else if dx != 0 || dy != 0 {
		ix, iy := int(dx), int(dy)
		// The content moves by (ix, iy): view pixel (x, y) now shows what
		// (x−ix, y−iy) showed, which stays where it is in the base.
		f.ox, f.oy = mod(f.ox-ix, W), mod(f.oy-iy, H)
		// The strips that came into view: a column and a row.
		if ix > 0 {
			f.drawWrapped(image.Rect(0, 0, ix, H), s, moved, pxPerDp)
		} else if ix < 0 {
			f.drawWrapped(image.Rect(W+ix, 0, W, H), s, moved, pxPerDp)
		}
		if iy > 0 {
			f.drawWrapped(image.Rect(0, 0, W, iy), s, moved, pxPerDp)
		} else if iy < 0 {
			f.drawWrapped(image.Rect(0, H+iy, W, H), s, moved, pxPerDp)
		}
	}
	f.key.center = shown.Center
	return shown
}

// drawWrapped draws the base layers for the view pixels r, seen through
// transform t, where they live in the wrapped base: up to four pieces.
func (f *Frames) drawWrapped(r image.Rectangle, s *Scene, t geo.Transform, pxPerDp float64) {
	W, H := f.base.Rect.Dx(), f.base.Rect.Dy()
	for _, kx := range [2]int{0, W} {
		for _, ky := range [2]int{0, H} {
			off := image.Pt(f.ox-kx, f.oy-ky)
			clip := r.Add(off).Intersect(f.base.Rect)
			if clip.Empty() {
				continue
			}
			shifted := geo.Transform{S: t.S, Tx: t.Tx + float64(off.X), Ty: t.Ty + float64(off.Y)}
			f.r.drawBaseWith(f.base, clip, s, shifted, pxPerDp)
		}
	}
}

// unwrap copies the wrapped base into out, in view order.
func (f *Frames) unwrap() {
	W, H := f.base.Rect.Dx(), f.base.Rect.Dy()
	n := 4 * W
	for y := 0; y < H; y++ {
		src := f.base.Pix[mod(y+f.oy, H)*f.base.Stride:][:n]
		dst := f.out.Pix[y*f.out.Stride:][:n]
		k := 4 * f.ox
		copy(dst, src[k:])
		copy(dst[n-k:], src[:k])
	}
}

// mod is a modulo m in [0, m).
func mod(a, m int) int {
	a %= m
	if a < 0 {
		a += m
	}
	return a
}

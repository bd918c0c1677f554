// Frames: successive frames of an interactive map, reusing the last one.
package render

import (
	"image"
	"image/color"
	"math"
	"slices"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Frames draws the frames of a map that pans, zooms and changes its hover,
// selection and date. It keeps the base layers of the last frame: a pan moves
// them and draws only the strips that came into view, a hover change only
// redraws the overlay, and a change of the countries' fill colours alone (a
// date step) recolours them. Frames is not safe for concurrent use.
//
// A recolour needs what the base's first draw at the view kept (see
// drawBaseRecorded): so the first fill change after the view changed draws
// the base once more, keeping it, and the following ones only repaint the
// pixels of the countries whose colour changed.
//
// The base is kept wrapped around (a torus): view pixel (x, y) lives at base
// pixel ((x+ox) mod w, (y+oy) mod h). A pan only moves the origin (ox, oy)
// and draws the new strips where the old ones were, so no pixel of the base
// is copied; the frame handed out is put together from it in one pass.
type Frames struct {
	r          Renderer
	base       *image.RGBA // base layers, wrapped at (ox, oy)
	ox, oy     int
	out        *image.RGBA     // the frame handed out
	outView    geo.View        // the view out was drawn with
	outOverlay image.Rectangle // the pixels of out the overlay may have drawn
	outValid   bool            // out is the base as it is with the overlay in outOverlay
	overlayKey any             // the Scene.OverlayKey of the overlay in out
	preview    *image.RGBA     // a scaled copy of out, while a sharp frame is pending
	key        baseKey         // what base holds
	valid      bool
	fills      []color.NRGBA // the fills of the Countries layer base shows
	cov        fillRecords   // what a recolour of base needs, when cov.valid
	background color.NRGBA   // the last scene's background, for previews
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
	split := countriesAt(s.Base)
	var fills []color.NRGBA
	if split >= 0 {
		fills = s.Base[split].(*Countries).Fill
	}
	sameFills := slices.Equal(fills, f.fills)
	changed := f.out.Rect // the pixels of the base that changed
	switch {
	case f.valid && key == f.key && sameFills:
		// Same base: only the overlay changed.
		changed = image.Rectangle{}
	case f.valid && key == f.key:
		changed = f.refill(s, split, v, pxPerDp)
	case f.valid && !exact && sameFills && sameButCenter(key, f.key):
		drawn = f.shift(s, v, pxPerDp)
	default:
		f.ox, f.oy = 0, 0
		f.r.DrawBase(f.base, f.base.Rect, s, v, pxPerDp)
		f.key, f.valid, f.cov.valid = key, true, false
	}
	f.fills = append(f.fills[:0], fills...)
	// out is the base with the overlay over it. Where neither the base nor
	// the overlay changed it stays as it is; elsewhere it is copied from the
	// base and the overlay drawn again there.
	over := f.overlayRect(s, drawn, pxPerDp)
	switch {
	case !f.outValid || changed == f.out.Rect:
		// All of out anew: each band copies its rows of the base and draws
		// the overlay over them (the overlay cannot reach beyond over).
		f.r.paint(f.out, f.out.Rect, s.Overlay, s.Fonts, drawn.Transform(pxPerDp), pxPerDp, f.out.Rect,
			func(_ *rasterPainter, band image.Rectangle) { f.unwrap(band) })
	case s.OverlayKey != nil && s.OverlayKey == f.overlayKey:
		// The same overlay: out needs the base and overlay anew only
		// where the base changed.
		f.unwrap(changed)
		f.r.DrawOverlay(f.out, over.Intersect(changed), s, drawn, pxPerDp)
	default:
		f.unwrap(changed.Union(f.outOverlay).Union(over))
		f.r.DrawOverlay(f.out, over, s, drawn, pxPerDp)
	}
	f.outOverlay, f.outValid, f.overlayKey = over, true, s.OverlayKey
	f.outView = drawn
	f.background = s.Background
	return f.out, drawn
}

// refill brings the base, drawn for scene s but with other country fills,
// to s's fills (s.Base[split] is the Countries layer): a recolour when the
// base was kept at its origin, else a draw that keeps what the next
// recolour needs. It returns the pixels of the base that changed.
func (f *Frames) refill(s *Scene, split int, v geo.View, pxPerDp float64) image.Rectangle {
	fills := s.Base[split].(*Countries).Fill
	switch {
	case !opaque(fills):
		// A translucent fill would blend with a recorded alpha; draw it plainly.
		f.ox, f.oy = 0, 0
		f.r.DrawBase(f.base, f.base.Rect, s, v, pxPerDp)
		f.cov.valid = false
	case f.cov.valid && f.ox == 0 && f.oy == 0 && len(fills) == len(f.cov.fills):
		return f.r.recolour(f.base, &f.cov, fills)
	default:
		// out is free until the frame is put together: the layers above the
		// countries are drawn into it.
		f.ox, f.oy, f.outValid = 0, 0, false
		f.r.drawBaseRecorded(f.base, f.out, &f.cov, s, split, v.Transform(pxPerDp), pxPerDp)
	}
	return f.base.Rect
}

// overlayRect is the part of the frame the overlay of s may draw in
// through view v: its layers' bounds in pixels, padded by what a stroke or
// marker may reach beyond them (see visiblePad); all of it for a layer
// bound to no place.
func (f *Frames) overlayRect(s *Scene, v geo.View, pxPerDp float64) image.Rectangle {
	t := v.Transform(pxPerDp)
	pad := visiblePad*math.Max(pxPerDp, 1) + 1
	var r image.Rectangle
	for _, l := range s.Overlay {
		b := l.Bound()
		if b == (orb.Bound{}) {
			return f.out.Rect
		}
		lo, hi := t.Apply(orb.Point{b.Min[0], b.Max[1]}), t.Apply(orb.Point{b.Max[0], b.Min[1]})
		x0, y0 := math.Floor(lo[0]-pad), math.Floor(lo[1]-pad)
		x1, y1 := math.Ceil(hi[0]+pad), math.Ceil(hi[1]+pad)
		if !(x0 <= x1 && y0 <= y1) {
			return f.out.Rect // not finite
		}
		c := f.out.Rect
		br := image.Rect(int(max(x0, float64(c.Min.X-1))), int(max(y0, float64(c.Min.Y-1))),
			int(min(x1, float64(c.Max.X+1))), int(min(y1, float64(c.Max.Y+1))))
		r = r.Union(br.Intersect(c))
	}
	return r
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
		f.ox, f.oy, f.cov.valid = 0, 0, false
		f.r.DrawBase(f.base, b, s, shown, pxPerDp)
	} else if dx != 0 || dy != 0 {
		f.cov.valid = false // the records follow the base's origin at (0, 0)
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

// unwrap copies the pixels r of the view from the wrapped base into out.
func (f *Frames) unwrap(r image.Rectangle) {
	r = r.Intersect(f.out.Rect)
	W, H := f.base.Rect.Dx(), f.base.Rect.Dy()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := f.base.Pix[mod(y+f.oy, H)*f.base.Stride:][:4*W]
		dst := f.out.Pix[y*f.out.Stride:][:4*W]
		// Columns x0 ≤ x < x1 of the view are base columns x+ox, wrapped at W.
		x0, x1 := r.Min.X, r.Max.X
		split := max(x0, min(x1, W-f.ox)) // the first view column that wraps
		if x0 < split {
			copy(dst[4*x0:4*split], src[4*(x0+f.ox):])
		}
		if split < x1 {
			copy(dst[4*split:4*x1], src[4*(split+f.ox-W):])
		}
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

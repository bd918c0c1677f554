// Package render draws the atlas: a scene of layers, seen through one
// geo.Transform, painted by a Painter — into an *image.RGBA by the raster
// painter here, or into SVG by the export's writer. It is the one renderer
// behind the window, the exports and the tests, and it never imports Fyne.
package render

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Layer is one layer of a scene: ocean, countries, borders, trips, labels…
// Its geometry is projected beforehand (once per projection and level of
// detail); Draw maps it to pixels through dc.T. Draw may run on several
// goroutines at once (one per band of the image), so it must not modify the
// layer; per-view work belongs in Prepare (see Preparer).
type Layer interface {
	// ID names the layer; the SVG output makes it the id of the layer's group.
	ID() string
	// Bound is the projected bound of all the layer draws; a layer whose bound
	// misses the part of the image being drawn is skipped. An empty bound
	// (orb.Bound{}) means "anywhere".
	Bound() orb.Bound
	// Draw paints the layer's marks that may touch dc.Visible.
	Draw(p Painter, dc *DrawContext)
}

// Preparer is a Layer with work to do once per frame before the image is cut
// into bands, such as placing labels. Prepare is called on one goroutine,
// with the whole image's context.
type Preparer interface {
	Prepare(dc *DrawContext)
}

// Scene is what to draw, in order: the base layers, which Frames keeps
// between frames, then the overlay layers (the hovered and selected
// features), which change often and are cheap.
type Scene struct {
	Background color.NRGBA // fills the whole image first
	Base       []Layer
	Overlay    []Layer
	Fonts      *Fonts // for text; nil draws none
	// Key changes whenever the content of the base layers does (layers
	// shown, style, selection…), except the fill colours of a Countries
	// layer among them, which Frames compares itself: it redraws the base
	// when Key changes and recolours the countries when only their fills
	// do. Key must be comparable.
	Key any
	// OverlayKey, when not nil, changes whenever the content of the
	// overlay layers does; it must be comparable. While it stays the same
	// Frames keeps the overlay drawn and redraws it only where the base
	// changed. Nil redraws the overlay on every frame.
	OverlayKey any
}

// background leaves p the scene's background colour to paint its band with
// before anything else (see canvas.under): a paint of the band.
func (s *Scene) background(p *rasterPainter, _ image.Rectangle) { p.c.paintLater(s.Background) }

// DrawContext is what a layer needs to draw one part of an image.
type DrawContext struct {
	T       geo.Transform   // projected units → output pixels
	PxPerDp float64         // output pixels per dp: widths in dp are multiplied by it
	Clip    image.Rectangle // the pixels being drawn
	Visible orb.Bound       // projected bound of Clip, padded by a few pixels
	Fonts   *Fonts
	buf     []pt
	frame   *frame     // the renderer's, when drawing a band of its frame: the bins
	band    int        // which of frame's bands this is
	refs    []chunkRef // scratch: a band's chunks when they are not binned
	runs    [][2]int32 // scratch: a line's runs of chunks in sight
}

// Px converts a length in dp to output pixels.
func (dc *DrawContext) Px(dp float64) float32 { return float32(dp * dc.PxPerDp) }

// Point maps a projected point to output pixels.
func (dc *DrawContext) Point(p orb.Point) pt {
	return pt{float32(p[0]*dc.T.S + dc.T.Tx), float32(-p[1]*dc.T.S + dc.T.Ty)}
}

// Project maps projected points to output pixels in a buffer of dc's,
// dropping points closer than minStep px to the last one kept (they cannot
// change the picture; the ends are always kept). The slice is valid until
// the next call.
func (dc *DrawContext) Project(points []orb.Point, minStep float32) []pt {
	out := dc.buf[:0]
	var last pt
	for i, p := range points {
		q := dc.Point(p)
		if i > 0 && i < len(points)-1 && abs32(q.x-last.x) < minStep && abs32(q.y-last.y) < minStep {
			continue
		}
		out = append(out, q)
		last = q
	}
	dc.buf = out
	return out
}

// newDrawContext is the context for drawing clip with transform t. The
// visible bound is padded by visiblePad px so strokes and marks just outside
// the clip still reach in.
func newDrawContext(t geo.Transform, pxPerDp float64, clip image.Rectangle, fonts *Fonts, buf []pt) DrawContext {
	return DrawContext{T: t, PxPerDp: pxPerDp, Clip: clip, Visible: visibleBound(t, pxPerDp, clip), Fonts: fonts, buf: buf}
}

// NewDrawContext is the context for drawing a w×h pixel image through t at
// pxPerDp, for layers' Prepare and for tests.
func NewDrawContext(t geo.Transform, pxPerDp, w, h float64, fonts *Fonts) *DrawContext {
	dc := newDrawContext(t, pxPerDp, image.Rect(0, 0, int(math.Round(w)), int(math.Round(h))), fonts, nil)
	return &dc
}

// visiblePad (px at scale 1) is how far outside the clip a mark may start and
// still reach into it: half the widest stroke, a marker's radius.
const visiblePad = 12

// Renderer draws scenes into images. It keeps its scratch buffers between
// calls, so it must not be used from two goroutines at once; use one
// Renderer per goroutine. Large images are drawn in horizontal bands on all
// cores (up to maxWorkers, 4).
type Renderer struct {
	workers []*worker
	layers  []Layer           // scratch: a scene's base and overlay in one list
	fr      frame             // the bands of the frame being drawn, and its bins
	bands   []image.Rectangle // scratch: bands of an image repainted without layers
}

// worker holds one goroutine's painter and buffers.
type worker struct {
	index int // in Renderer.workers
	p     rasterPainter
	buf   []pt
	refs  []chunkRef
	runs  [][2]int32
}

// context is the worker's context for drawing band k of the frame.
func (w *worker) context(r *Renderer, t geo.Transform, pxPerDp float64, k int, fonts *Fonts) DrawContext {
	dc := newDrawContext(t, pxPerDp, r.fr.bands[k], fonts, w.buf)
	dc.frame, dc.band, dc.refs, dc.runs = &r.fr, k, w.refs, w.runs
	return dc
}

// keep takes back the buffers dc grew.
func (w *worker) keep(dc *DrawContext) { w.buf, w.refs, w.runs = dc.buf, dc.refs, dc.runs }

// maxBandBytes is about the largest band of a large image (see
// bandLayout). A band costs only what lies in it (see frame.bin), so
// smaller bands let the workers finish closer together: on two cores, bands
// of 1 MB drew the window's frames 2–9 % faster than bands of 2 MB, which
// had beaten 5 MB ones before; 512 kB and 256 kB ones were no faster again.
const maxBandBytes = 1 << 20

// parallelMinPixels is the clip area below which one goroutine draws alone:
// smaller jobs finish before extra goroutines would pay off.
const parallelMinPixels = 200_000

// Draw renders scene s seen through view v into dst, filling all of dst.
// pxPerDp is the number of device pixels per dp (dst is v.Width×v.Height dp).
// The base and the overlay are drawn in one pass over the bands of dst.
func (r *Renderer) Draw(dst *image.RGBA, s *Scene, v geo.View, pxPerDp float64) {
	if s == nil || dst.Rect.Empty() {
		return
	}
	r.layers = append(append(r.layers[:0], s.Base...), s.Overlay...)
	r.paint(dst, dst.Rect, r.layers, s.Fonts, v.Transform(pxPerDp), pxPerDp, dst.Rect, s.background)
	clear(r.layers) // keep no layer alive
}

// DrawBase fills the clip rectangle of dst with the background and draws the
// base layers there, leaving the rest of dst untouched.
func (r *Renderer) DrawBase(dst *image.RGBA, clip image.Rectangle, s *Scene, v geo.View, pxPerDp float64) {
	clip = clip.Intersect(dst.Rect)
	if s == nil || clip.Empty() {
		return
	}
	r.drawBaseWith(dst, clip, s, v.Transform(pxPerDp), pxPerDp)
}

// drawBaseWith is DrawBase through transform t.
func (r *Renderer) drawBaseWith(dst *image.RGBA, clip image.Rectangle, s *Scene, t geo.Transform, pxPerDp float64) {
	clip = clip.Intersect(dst.Rect)
	if s == nil || clip.Empty() {
		return
	}
	r.paint(dst, clip, s.Base, s.Fonts, t, pxPerDp, dst.Rect, s.background)
}

// DrawOverlay draws the overlay layers over dst inside clip.
func (r *Renderer) DrawOverlay(dst *image.RGBA, clip image.Rectangle, s *Scene, v geo.View, pxPerDp float64) {
	clip = clip.Intersect(dst.Rect)
	if s == nil || clip.Empty() {
		return
	}
	r.paint(dst, clip, s.Overlay, s.Fonts, v.Transform(pxPerDp), pxPerDp, dst.Rect, nil)
}

// DrawLayers draws layers into all of dst through transform t — a picture
// that is not a map view, such as the icon or a benchmark scene in lon/lat —
// in bands on all cores. It draws no background.
func (r *Renderer) DrawLayers(dst *image.RGBA, layers []Layer, fonts *Fonts, t geo.Transform, pxPerDp float64) {
	r.paint(dst, dst.Rect, layers, fonts, t, pxPerDp, dst.Rect, nil)
}

// paint prepares the layers for the whole frame (full), then draws clip in
// bands, on all cores when clip is large: in each band it calls before (when
// not nil), which may paint the band's pixels or leave the painter a colour
// to paint them with, then draws the layers in order.
func (r *Renderer) paint(dst *image.RGBA, clip image.Rectangle, layers []Layer, fonts *Fonts, t geo.Transform, pxPerDp float64, full image.Rectangle, before func(p *rasterPainter, band image.Rectangle)) {
	if len(layers) == 0 && before == nil {
		return
	}
	r.prepare(layers, fonts, t, pxPerDp, full, clip)
	r.parallel(r.fr.bands, r.fr.busiestFirst(), func(w *worker, k int, band image.Rectangle) {
		w.p.setTarget(dst, band, fonts)
		if before != nil {
			before(&w.p, band)
		}
		dc := w.context(r, t, pxPerDp, k, fonts)
		drawEach(&w.p, &dc, layers)
		w.p.c.paintUnder() // when no layer painted
		w.keep(&dc)
	})
}

// prepare lays out the bands of clip (see bandLayout) and calls Prepare on
// the layers that have per-frame work, with the context of the whole image
// full, which also bins their geometry by band.
func (r *Renderer) prepare(layers []Layer, fonts *Fonts, t geo.Transform, pxPerDp float64, full, clip image.Rectangle) {
	r.fr.reset(clip, t, pxPerDp)
	w0 := r.worker(0)
	dc := newDrawContext(t, pxPerDp, full, fonts, w0.buf)
	dc.frame = &r.fr
	prepareEach(&dc, layers)
	w0.buf = dc.buf
}

// prepareEach calls Prepare on the layers that are Preparers.
func prepareEach(dc *DrawContext, layers []Layer) {
	for _, l := range layers {
		if p, ok := l.(Preparer); ok {
			p.Prepare(dc)
		}
	}
}

// drawEach draws layers through p in order, each in its group, skipping
// those whose bound misses dc.Visible.
func drawEach(p Painter, dc *DrawContext, layers []Layer) {
	for _, l := range layers {
		if b := l.Bound(); b != (orb.Bound{}) && !b.Intersects(dc.Visible) {
			continue
		}
		p.Group(l.ID())
		l.Draw(p, dc)
		p.EndGroup()
	}
}

// PaintLayers draws layers through any painter — the SVG writer's — as one
// piece covering the pixel rectangle full: every Preparer is prepared, then
// every layer drawn in order inside its group.
func PaintLayers(p Painter, layers []Layer, fonts *Fonts, t geo.Transform, pxPerDp float64, full image.Rectangle) {
	dc := newDrawContext(t, pxPerDp, full, fonts, nil)
	prepareEach(&dc, layers)
	drawEach(p, &dc, layers)
}

// worker returns the i-th worker, creating it on first use.
func (r *Renderer) worker(i int) *worker {
	for len(r.workers) <= i {
		r.workers = append(r.workers, &worker{index: len(r.workers)})
	}
	return r.workers[i]
}

// bandLayout cuts clip into horizontal bands, from the top: none for an
// empty clip, one for a small one. No band is larger than maxBandBytes, and
// there are at least twice as many bands as the most workers: land is not
// spread evenly from north to south, and a worker that finishes early takes
// the next band. The cut depends on clip alone, never on the machine's
// cores, so an image has the same bytes on any machine (an edge crossing a
// band's top or bottom may round a level differently in another cut). On
// one core a large clip is drawn in bands too: a band's pixels stay in the
// cache while its layers are drawn (at 2880×1800, bands of 2 MB drew the
// frame 13 % faster than one).
func bandLayout(clip image.Rectangle, buf []image.Rectangle) []image.Rectangle {
	bands := buf[:0]
	if clip.Empty() {
		return bands
	}
	if clip.Dx()*clip.Dy() < parallelMinPixels {
		return append(bands, clip)
	}
	n := max(4*clip.Dx()*clip.Dy()/maxBandBytes, 2*maxWorkers)
	n = min(n, clip.Dy())
	for k := range n {
		bands = append(bands, bandOf(clip, k, n))
	}
	return bands
}

// parallel runs draw over bands (see bandLayout), on as many goroutines as
// there are cores (up to maxWorkers, 4); each band, the k-th, is drawn by
// one worker at a time. The workers take the bands in the order given, or
// from the top when order is nil; one goroutine draws them from the top.
func (r *Renderer) parallel(bands []image.Rectangle, order []int, draw func(w *worker, k int, band image.Rectangle)) {
	n := min(runtime.GOMAXPROCS(0), maxWorkers, len(bands))
	if n < 2 {
		for k, b := range bands {
			draw(r.worker(0), k, b)
		}
		return
	}
	var next atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		w := r.worker(i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(bands) {
					return
				}
				if order != nil {
					k = order[k]
				}
				draw(w, k, bands[k])
			}
		}()
	}
	wg.Wait()
}

// bandOf is the k-th of n horizontal bands of clip, from the top.
func bandOf(clip image.Rectangle, k, n int) image.Rectangle {
	y0 := clip.Min.Y + clip.Dy()*k/n
	y1 := clip.Min.Y + clip.Dy()*(k+1)/n
	return image.Rect(clip.Min.X, y0, clip.Max.X, y1)
}

func abs32(f float32) float32 { return float32(math.Abs(float64(f))) }

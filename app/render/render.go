// Package render draws the atlas map into an *image.RGBA. It is the one renderer
// behind the window, the PNG export and the tests, and it never imports Fyne.
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

// Style holds the colours and line widths of the map. Widths are in dp and are
// multiplied by the pixel scale, so lines look the same on HiDPI screens.
type Style struct {
	Background color.NRGBA // outside the map's outline
	Ocean      color.NRGBA
	Graticule  color.NRGBA
	Border     color.NRGBA    // country borders
	Outline    color.NRGBA    // edge of the map
	Hover      color.NRGBA    // outline of the country under the pointer
	Selected   color.NRGBA    // outline of the selected country
	SelectTint color.NRGBA    // drawn over the selected country's fill
	Fill       [4]color.NRGBA // indexed by geo.Status

	BorderWidth, GraticuleWidth, OutlineWidth, HoverWidth, SelectedWidth float64
}

func hex(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// LightStyle is the map style on a light background, also used for exports.
// The status colours come from the Okabe–Ito set, which stays distinct under
// the common forms of colour blindness: blue parties, yellow signatories,
// vermillion former parties, neutral grey for the rest.
func LightStyle() Style {
	s := Style{
		Background: hex(0xeef0f3),
		Ocean:      hex(0xd6e4ee),
		Graticule:  color.NRGBA{0x7a, 0x8c, 0x9c, 0x50},
		Border:     color.NRGBA{0x33, 0x33, 0x33, 0xdd},
		Outline:    hex(0x8796a3),
		Hover:      hex(0x111111),
		Selected:   hex(0xc2185b),
		SelectTint: color.NRGBA{0xff, 0xff, 0xff, 0x55},

		BorderWidth: 0.5, GraticuleWidth: 0.5, OutlineWidth: 1, HoverWidth: 2, SelectedWidth: 2.5,
	}
	s.Fill[geo.Party] = hex(0x5b9bd5)
	s.Fill[geo.Signatory] = hex(0xf0e04c)
	s.Fill[geo.Withdrawn] = hex(0xd55e00)
	s.Fill[geo.NonParty] = hex(0xe3ded5)
	return s
}

// DarkStyle is the map style for a dark theme: the same hues, muted, on a dark ocean.
func DarkStyle() Style {
	s := LightStyle()
	s.Background = hex(0x1e2226)
	s.Ocean = hex(0x22374a)
	s.Graticule = color.NRGBA{0x9f, 0xb3, 0xc8, 0x40}
	s.Border = color.NRGBA{0x10, 0x12, 0x14, 0xdd}
	s.Outline = hex(0x5c6f80)
	s.Hover = hex(0xffffff)
	s.Selected = hex(0xff6fa8)
	s.SelectTint = color.NRGBA{0xff, 0xff, 0xff, 0x40}
	s.Fill[geo.Party] = hex(0x3f7fb8)
	s.Fill[geo.Signatory] = hex(0xc9b93a)
	s.Fill[geo.Withdrawn] = hex(0xc0560a)
	s.Fill[geo.NonParty] = hex(0x5b5954)
	return s
}

// Scene is what to draw: a projected layer, each country's status, and the
// countries under the pointer and selected (ISO3 codes, "" for none).
type Scene struct {
	Layer     *geo.Layer
	Status    map[string]geo.Status // by ISO3; missing means geo.NonParty
	Hover     string
	Selected  string
	Graticule bool
}

// Renderer draws scenes. It keeps its scratch buffers between calls, so it
// must not be used from two goroutines at once; use one Renderer per goroutine.
// Large images are drawn in horizontal bands on all cores.
type Renderer struct {
	workers []*worker
	grat    map[string][]orb.LineString // projected graticule per projection name
}

// worker holds one goroutine's scratch buffers.
type worker struct {
	c    canvas
	line []pt
}

// parallelMinPixels is the clip area below which one goroutine draws alone:
// smaller jobs finish before extra goroutines would pay off.
const parallelMinPixels = 200_000

// affine maps projected plane units to device pixels.
type affine struct{ s, tx, ty float64 }

func (a affine) apply(p orb.Point) pt {
	return pt{float32(p[0]*a.s + a.tx), float32(-p[1]*a.s + a.ty)}
}

func viewAffine(v geo.View, pxPerDp float64) affine {
	s := v.Scale() * pxPerDp
	return affine{s: s, tx: (v.Width/2)*pxPerDp - v.Center[0]*s, ty: (v.Height/2)*pxPerDp + v.Center[1]*s}
}

// Draw renders scene s seen through view v into dst, filling all of dst.
// pxPerDp is the number of device pixels per dp (dst is v.Width×v.Height dp).
func (r *Renderer) Draw(dst *image.RGBA, s *Scene, v geo.View, st *Style, pxPerDp float64) {
	r.DrawBase(dst, dst.Rect, s, v, st, pxPerDp)
	r.DrawOverlay(dst, dst.Rect, s, v, st, pxPerDp)
}

// DrawBase draws everything but the hover and selection — background, ocean,
// graticule, countries and borders, outline — into the clip rectangle of dst,
// leaving the rest of dst untouched.
func (r *Renderer) DrawBase(dst *image.RGBA, clip image.Rectangle, s *Scene, v geo.View, st *Style, pxPerDp float64) {
	clip = clip.Intersect(dst.Rect)
	fillRect(dst, clip, st.Background)
	if s == nil || s.Layer == nil || clip.Empty() {
		return
	}
	var grat []orb.LineString
	if s.Graticule {
		grat = r.graticule(s.Layer.Proj)
	}
	a := viewAffine(v, pxPerDp)
	r.parallel(clip, func(w *worker, band image.Rectangle) {
		w.c.setTarget(dst, band)
		w.drawBase(s, grat, a, st, pxPerDp)
	})
}

// DrawOverlay draws the selected country (tint and outline) and the hovered
// one (outline) over dst, inside clip.
func (r *Renderer) DrawOverlay(dst *image.RGBA, clip image.Rectangle, s *Scene, v geo.View, st *Style, pxPerDp float64) {
	if s == nil || s.Layer == nil {
		return
	}
	w := r.worker(0)
	w.c.setTarget(dst, clip)
	w.drawOverlay(s, viewAffine(v, pxPerDp), st, pxPerDp)
}

// worker returns the i-th worker, creating it on first use.
func (r *Renderer) worker(i int) *worker {
	for len(r.workers) <= i {
		r.workers = append(r.workers, &worker{})
	}
	return r.workers[i]
}

// parallel runs draw over horizontal bands of clip, on as many goroutines as
// there are cores (up to 4); each band is drawn by one worker at a time.
func (r *Renderer) parallel(clip image.Rectangle, draw func(w *worker, band image.Rectangle)) {
	n := min(runtime.GOMAXPROCS(0), 4)
	if n < 2 || clip.Dx()*clip.Dy() < parallelMinPixels {
		draw(r.worker(0), clip)
		return
	}
	// Twice as many bands as workers: land is not spread evenly from north to
	// south, and a worker that finishes early takes the next band.
	bands := 2 * n
	var next atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		w := r.worker(i)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= bands {
					return
				}
				y0 := clip.Min.Y + clip.Dy()*k/bands
				y1 := clip.Min.Y + clip.Dy()*(k+1)/bands
				draw(w, image.Rect(clip.Min.X, y0, clip.Max.X, y1))
			}
		}()
	}
	wg.Wait()
}

func (w *worker) drawBase(s *Scene, grat []orb.LineString, a affine, st *Style, pxPerDp float64) {
	l := s.Layer
	px := func(dp float64) float32 { return float32(dp * pxPerDp) }

	// The sphere: ocean inside the map's outline.
	w.c.addRing(w.project(l.Outline, a, 0))
	w.c.fill(st.Ocean)

	for _, ls := range grat {
		w.c.stroke(w.project(orb.Ring(ls), a, 0.5), px(st.GraticuleWidth), st.Graticule)
	}

	// Countries: every fill, then every border, so that no fill covers half of
	// a neighbour's border. Each shared border is stroked once (Poly.Dup).
	view := w.clipBound(a)
	for i := range l.Polys {
		p := &l.Polys[i]
		if !view.Intersects(p.Bound) {
			continue
		}
		for _, ring := range p.Rings {
			w.c.addRing(w.project(ring, a, 0.35))
		}
		w.c.fill(st.Fill[s.Status[l.Countries.List[p.Country].ISO3]])
	}
	if st.BorderWidth > 0 {
		for i := range l.Polys {
			p := &l.Polys[i]
			if !view.Intersects(p.Bound) {
				continue
			}
			for ri, ring := range p.Rings {
				w.strokeBorder(ring, p.Dup[ri], a, px(st.BorderWidth), st.Border)
			}
		}
	}

	w.c.stroke(w.project(l.Outline, a, 0), px(st.OutlineWidth), st.Outline)
}

func (w *worker) drawOverlay(s *Scene, a affine, st *Style, pxPerDp float64) {
	l := s.Layer
	px := func(dp float64) float32 { return float32(dp * pxPerDp) }
	if ci, ok := l.Countries.Index(s.Selected); ok && s.Selected != "" {
		for _, pi := range l.ByCountry[ci] {
			for _, ring := range l.Polys[pi].Rings {
				w.c.addRing(w.project(ring, a, 0.35))
			}
		}
		w.c.fill(st.SelectTint)
		w.outlineCountry(l, ci, a, px(st.SelectedWidth), st.Selected)
	}
	if ci, ok := l.Countries.Index(s.Hover); ok && s.Hover != "" && s.Hover != s.Selected {
		w.outlineCountry(l, ci, a, px(st.HoverWidth), st.Hover)
	}
}

// outlineCountry strokes every ring of country ci.
func (w *worker) outlineCountry(l *geo.Layer, ci int, a affine, width float32, col color.NRGBA) {
	for _, pi := range l.ByCountry[ci] {
		for _, ring := range l.Polys[pi].Rings {
			w.c.stroke(w.project(ring, a, 0.35), width, col)
		}
	}
}

// strokeBorder strokes a ring's border, leaving out the segments marked in
// dup (a neighbour strokes them), so every border is drawn once. Like project,
// it drops points closer than a third of a pixel to the last one kept.
func (w *worker) strokeBorder(ring orb.Ring, dup []bool, a affine, width float32, col color.NRGBA) {
	const minStep = 0.35
	out := w.line[:0]
	var last, prev pt
	for i, p := range ring {
		q := a.apply(p)
		switch {
		case i > 0 && dup[i]:
			if n := len(out); n > 0 && out[n-1] != prev {
				out = append(out, prev) // reach the shared vertex
			}
			w.c.stroke(out, width, col)
			out = append(out[:0], q)
			last = q
		case i > 0 && i < len(ring)-1 && abs32(q.x-last.x) < minStep && abs32(q.y-last.y) < minStep:
		default:
			out = append(out, q)
			last = q
		}
		prev = q
	}
	w.c.stroke(out, width, col)
	w.line = out
}

// clipBound is the projected bound of the clip rectangle, widened by a few
// pixels so borders just outside it still reach in.
func (w *worker) clipBound(a affine) orb.Bound {
	const margin = 4
	cl := w.c.clip
	x0, x1 := (float64(cl.Min.X-margin)-a.tx)/a.s, (float64(cl.Max.X+margin)-a.tx)/a.s
	y0, y1 := (a.ty-float64(cl.Max.Y+margin))/a.s, (a.ty-float64(cl.Min.Y-margin))/a.s
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// project maps a projected ring to device pixels into the renderer's reused
// buffer, dropping points closer than minStep px to the last kept one (they
// cannot change the picture). The returned slice is valid until the next call.
func (w *worker) project(ring orb.Ring, a affine, minStep float32) []pt {
	out := w.line[:0]
	var last pt
	for i, p := range ring {
		q := a.apply(p)
		if i > 0 && i < len(ring)-1 && abs32(q.x-last.x) < minStep && abs32(q.y-last.y) < minStep {
			continue
		}
		out = append(out, q)
		last = q
	}
	w.line = out
	return out
}

func abs32(f float32) float32 { return float32(math.Abs(float64(f))) }

// graticule returns the projected 30° graticule for p, computed once per projection.
func (r *Renderer) graticule(p geo.Projection) []orb.LineString {
	if g, ok := r.grat[p.Name()]; ok {
		return g
	}
	if r.grat == nil {
		r.grat = map[string][]orb.LineString{}
	}
	g := geo.Graticule(p, 30)
	r.grat[p.Name()] = g
	return g
}

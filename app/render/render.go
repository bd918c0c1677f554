// Package render draws the atlas map into an *image.RGBA. It is the one renderer
// behind the window, the PNG export and the tests, and it never imports Fyne.
package render

import (
	"image"
	"image/color"
	"math"

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
		Border:     color.NRGBA{0x33, 0x33, 0x33, 0xcc},
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
type Renderer struct {
	c    canvas
	line []pt
	grat map[string][]orb.LineString // projected graticule per projection name
}

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
	r.c.dst, r.c.clip = dst, dst.Rect
	fillRect(dst, dst.Rect, st.Background)
	if s == nil || s.Layer == nil {
		return
	}
	l := s.Layer
	a := viewAffine(v, pxPerDp)
	px := func(dp float64) float32 { return float32(dp * pxPerDp) }

	// The sphere: ocean inside the map's outline.
	r.c.beginPath()
	r.c.addRing(r.project(l.Outline, a, 0))
	r.c.fill(st.Ocean)

	if s.Graticule {
		r.c.beginPath()
		for _, ls := range r.graticule(l.Proj) {
			r.c.strokeLine(r.project(orb.Ring(ls), a, 0.5), px(st.GraticuleWidth))
		}
		r.c.fill(st.Graticule)
	}

	// Countries: fill, then border, one polygon at a time.
	view := r.clipBound(a)
	for i := range l.Polys {
		p := &l.Polys[i]
		if !view.Intersects(p.Bound) {
			continue
		}
		iso := l.Countries.List[p.Country].ISO3
		r.c.beginPath()
		for _, ring := range p.Rings {
			r.c.addRing(r.project(ring, a, 0.35))
		}
		r.c.fill(st.Fill[s.Status[iso]])
		if st.BorderWidth > 0 {
			r.c.beginPath()
			r.strokeRings(p.Rings, a, px(st.BorderWidth))
			r.c.fill(st.Border)
		}
	}

	r.c.beginPath()
	r.c.strokeLine(r.project(l.Outline, a, 0), px(st.OutlineWidth))
	r.c.fill(st.Outline)

	if ci, ok := l.Countries.Index(s.Selected); ok && s.Selected != "" {
		r.c.beginPath()
		for _, pi := range l.ByCountry[ci] {
			for _, ring := range l.Polys[pi].Rings {
				r.c.addRing(r.project(ring, a, 0.35))
			}
		}
		r.c.fill(st.SelectTint)
		r.outlineCountry(l, ci, a, px(st.SelectedWidth), st.Selected)
	}
	if ci, ok := l.Countries.Index(s.Hover); ok && s.Hover != "" && s.Hover != s.Selected {
		r.outlineCountry(l, ci, a, px(st.HoverWidth), st.Hover)
	}
}

// outlineCountry strokes every ring of country ci.
func (r *Renderer) outlineCountry(l *geo.Layer, ci int, a affine, w float32, col color.NRGBA) {
	r.c.beginPath()
	for _, pi := range l.ByCountry[ci] {
		r.strokeRings(l.Polys[pi].Rings, a, w)
	}
	r.c.fill(col)
}

func (r *Renderer) strokeRings(rings []orb.Ring, a affine, w float32) {
	for _, ring := range rings {
		r.c.strokeLine(r.project(ring, a, 0.35), w)
	}
}

// clipBound is the projected bound of the clip rectangle (plus margin).
func (r *Renderer) clipBound(a affine) orb.Bound {
	cl := r.c.clipF()
	x0, x1 := (float64(cl.x0)-a.tx)/a.s, (float64(cl.x1)-a.tx)/a.s
	y0, y1 := (a.ty-float64(cl.y1))/a.s, (a.ty-float64(cl.y0))/a.s
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// project maps a projected ring to device pixels into the renderer's reused
// buffer, dropping points closer than minStep px to the last kept one (they
// cannot change the picture). The returned slice is valid until the next call.
func (r *Renderer) project(ring orb.Ring, a affine, minStep float32) []pt {
	out := r.line[:0]
	var last pt
	for i, p := range ring {
		q := a.apply(p)
		if i > 0 && i < len(ring)-1 && abs32(q.x-last.x) < minStep && abs32(q.y-last.y) < minStep {
			continue
		}
		out = append(out, q)
		last = q
	}
	r.line = out
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

// Map layers: the ocean, lines such as the graticule, countries, their
// borders, and the outline of one country (hover, selection).
package render

import (
	"image/color"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var (
	_ Layer = (*Sphere)(nil)
	_ Layer = (*Lines)(nil)
	_ Layer = (*Countries)(nil)
	_ Layer = (*Borders)(nil)
	_ Layer = (*CountryOutline)(nil)
)

// Sphere fills the inside of the map's outline: the ocean.
type Sphere struct {
	Outline orb.Ring // projected
	Fill    color.NRGBA
}

func (l *Sphere) ID() string       { return "ocean" }
func (l *Sphere) Bound() orb.Bound { return l.Outline.Bound() }
func (l *Sphere) Draw(p Painter, dc *DrawContext) {
	p.Ring(dc.Project(l.Outline, 0))
	p.Fill(l.Fill, nil)
}

// Lines strokes projected polylines with one pen: the graticule, the map's
// outline. Build it with NewLines.
type Lines struct {
	Name    string
	Color   color.NRGBA
	WidthDp float64
	lines   []orb.LineString
	bounds  []orb.Bound
	bound   orb.Bound
}

// NewLines returns a layer named name that strokes the projected lines in
// col, widthDp dp wide.
func NewLines(name string, lines []orb.LineString, col color.NRGBA, widthDp float64) *Lines {
	l := &Lines{Name: name, Color: col, WidthDp: widthDp, lines: lines}
	for i, ls := range lines {
		b := ls.Bound()
		l.bounds = append(l.bounds, b)
		if i == 0 {
			l.bound = b
		} else {
			l.bound = l.bound.Union(b)
		}
	}
	return l
}

func (l *Lines) ID() string       { return l.Name }
func (l *Lines) Bound() orb.Bound { return l.bound }
func (l *Lines) Draw(p Painter, dc *DrawContext) {
	for i, ls := range l.lines {
		if l.bounds[i].Intersects(dc.Visible) {
			p.Line(dc.Project(ls, 0.5))
		}
	}
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

// Countries fills every country of a projected geo.Layer, each in its own
// colour, as one path per country.
type Countries struct {
	Layer *geo.Layer
	Fill  []color.NRGBA // per index of Layer.Countries.List
	Meta  []Meta        // per country, for vector output; may be nil
}

func (l *Countries) ID() string       { return "countries" }
func (l *Countries) Bound() orb.Bound { return l.Layer.World }
func (l *Countries) Draw(p Painter, dc *DrawContext) {
	ly := l.Layer
	for ci, polys := range ly.ByCountry {
		drawn := false
		for _, pi := range polys {
			poly := &ly.Polys[pi]
			if !dc.Visible.Intersects(poly.Bound) {
				continue
			}
			for ri, ring := range poly.Rings {
				p.Ring(dc.ProjectChunked(ring, poly.Chunks[ri], dc.outlineStep()))
			}
			drawn = true
		}
		if !drawn {
			continue
		}
		var m *Meta
		if l.Meta != nil {
			m = &l.Meta[ci]
		}
		if rp, ok := p.(*rasterPainter); ok && rp.c.rec != nil {
			rp.c.rec.country = int32(ci) // Frames keeps which country paints each pixel
		}
		p.Fill(l.Fill[ci], m)
	}
}

// Borders strokes every country border once: a border shared by two
// countries is drawn by the first only (geo.Poly.Dup), and borders are drawn
// after all fills, so no fill covers half of a neighbour's border.
type Borders struct {
	Layer   *geo.Layer
	Color   color.NRGBA
	WidthDp float64
}

func (l *Borders) ID() string       { return "borders" }
func (l *Borders) Bound() orb.Bound { return l.Layer.World }
func (l *Borders) Draw(p Painter, dc *DrawContext) {
	if l.WidthDp <= 0 {
		return
	}
	ly := l.Layer
	for i := range ly.Polys {
		poly := &ly.Polys[i]
		if !dc.Visible.Intersects(poly.Bound) {
			continue
		}
		for ri, ring := range poly.Rings {
			borderRuns(p, dc, ring, poly.Dup[ri], poly.Chunks[ri])
		}
	}
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

// borderRuns adds to p's path the runs of ring's segments not marked in dup
// (a neighbour draws those). Like DrawContext.Project, it drops points closer
// than a third of a pixel to the last one kept, but always keeps the vertex
// where a run ends; and it skips the chunks that lie wholly outside
// dc.Visible, where nothing of a border shows.
func borderRuns(p Painter, dc *DrawContext, ring orb.Ring, dup []bool, chunks []orb.Bound) {
	minStep := dc.outlineStep()
	out := dc.buf[:0]
	var last, prev pt
	fresh := true // the next point starts a run
	for i := 0; i < len(ring); i++ {
		if k := i / geo.ChunkSize; i%geo.ChunkSize == 0 && k < len(chunks) && outside(chunks[k], dc.Visible) {
			p.Line(out) // the run breaks: nothing of this chunk shows
			out = out[:0]
			i = min((k+1)*geo.ChunkSize, len(ring)-1) - 1 // resume at the chunk's last point
			fresh = true
			continue
		}
		q := dc.Point(ring[i])
		switch {
		case fresh:
			out = append(out, q)
			last, fresh = q, false
		case dup[i]:
			if n := len(out); n > 0 && out[n-1] != prev {
				out = append(out, prev) // reach the shared vertex
			}
			p.Line(out)
			out = append(out[:0], q)
			last = q
		case i < len(ring)-1 && abs32(q.x-last.x) < minStep && abs32(q.y-last.y) < minStep:
		default:
			out = append(out, q)
			last = q
		}
		prev = q
	}
	p.Line(out)
	dc.buf = out
}

// outside reports whether b lies wholly beyond one side of vis.
func outside(b, vis orb.Bound) bool {
	return b.Max[0] < vis.Min[0] || b.Min[0] > vis.Max[0] || b.Max[1] < vis.Min[1] || b.Min[1] > vis.Max[1]
}

// CountryOutline outlines one country (the hovered or the selected one).
type CountryOutline struct {
	Name    string // layer id: "selection", "hover"
	Layer   *geo.Layer
	Country int // index into Layer.Countries.List
	Color   color.NRGBA
	WidthDp float64
}

func (l *CountryOutline) ID() string { return l.Name }
func (l *CountryOutline) Bound() orb.Bound {
	polys := l.Layer.ByCountry[l.Country]
	b := l.Layer.Polys[polys[0]].Bound
	for _, pi := range polys[1:] {
		b = b.Union(l.Layer.Polys[pi].Bound)
	}
	return b
}
func (l *CountryOutline) Draw(p Painter, dc *DrawContext) {
	for _, pi := range l.Layer.ByCountry[l.Country] {
		poly := &l.Layer.Polys[pi]
		if !dc.Visible.Intersects(poly.Bound) {
			continue
		}
		for ri, ring := range poly.Rings {
			p.Ring(dc.ProjectChunked(ring, poly.Chunks[ri], dc.outlineStep()))
		}
	}
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

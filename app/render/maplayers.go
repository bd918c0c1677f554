// Map layers: the ocean, lines such as the graticule, countries, their
// borders, and the outline of one country (hover, selection).
package render

import (
	"image/color"
	"math"

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
	shapes := dc.outlinePolys(ly)
	for ci, polys := range ly.ByCountry {
		drawn := false
		for _, pi := range polys {
			poly := &shapes[pi]
			if !dc.Visible.Intersects(poly.Bound) {
				continue
			}
			for ri, ring := range poly.Rings {
				p.Ring(dc.ProjectChunked(ring, poly.Chunks[ri], 0))
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
	shapes := dc.outlinePolys(l.Layer)
	for i := range shapes {
		poly := &shapes[i]
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
// (a neighbour draws those), skipping the chunks that lie wholly outside
// dc.Visible, where nothing of a border shows. Every vertex is kept: the
// ring is already simplified for the scale (see outlinePolys).
func borderRuns(p Painter, dc *DrawContext, ring orb.Ring, dup []bool, chunks []orb.Bound) {
	out := dc.buf[:0]
	for i := 0; i < len(ring); i++ {
		if dup[i] && len(out) > 0 {
			// A neighbour strokes the segment ending here: the run ends at
			// the previous vertex and the next one starts here.
			p.Line(out)
			out = out[:0]
		}
		out = append(out, dc.Point(ring[i]))
		if k := i / geo.ChunkSize; i%geo.ChunkSize == 0 && k < len(chunks) && outside(chunks[k], dc.Visible) {
			// Nothing of chunk k shows: the run ends at its first point
			// (the end of the previous chunk's last segment) and the next
			// starts at its last.
			p.Line(out)
			out = out[:0]
			i = min((k+1)*geo.ChunkSize, len(ring)-1) - 1
		}
	}
	p.Line(out)
	dc.buf = out
}

// outlineTolerancePx is how far (device px) a country outline may stray
// from its full detail: at most a quarter of a pixel (geo.Layer.Simplified
// rounds the tolerance down to its level, a power of √2 in projected units,
// so 0.18 to 0.25 px), which moves anti-aliased edge pixels by a few levels.
const outlineTolerancePx = 0.25

// outlinePolys is ly's polygons simplified for dc's scale (see
// geo.Layer.Simplified), the same for every layer drawing country outlines:
// fills, borders and the hovered or selected outline meet exactly. Their
// rings are drawn with every vertex (a minimum step of 0): thinning them
// further would gain little, and which points it kept would depend on the
// chunks a band skips, so an image cut into other bands would differ.
func (dc *DrawContext) outlinePolys(ly *geo.Layer) []geo.Poly {
	return ly.Simplified(outlineTolerancePx / dc.T.S)
}

// PrepareOutlines simplifies ly's outlines for view v drawn at pxPerDp now,
// as drawing them would on first use (about a tenth of a second at 1:50m),
// so that the first frame at that zoom does not wait for it. It may be
// called from any goroutine.
func PrepareOutlines(ly *geo.Layer, v geo.View, pxPerDp float64) {
	ly.Simplified(outlineTolerancePx / v.Transform(pxPerDp).S)
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

// Bound is the country's projected bound. A country with no geometry in
// the layer (one on the far side of the globe) has a bound that meets no
// view, so the outline is skipped rather than drawn "anywhere".
func (l *CountryOutline) Bound() orb.Bound {
	polys := l.Layer.ByCountry[l.Country]
	if len(polys) == 0 {
		return orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	}
	b := l.Layer.Polys[polys[0]].Bound
	for _, pi := range polys[1:] {
		b = b.Union(l.Layer.Polys[pi].Bound)
	}
	return b
}
func (l *CountryOutline) Draw(p Painter, dc *DrawContext) {
	shapes := dc.outlinePolys(l.Layer)
	for _, pi := range l.Layer.ByCountry[l.Country] {
		poly := &shapes[pi]
		if !dc.Visible.Intersects(poly.Bound) {
			continue
		}
		for ri, ring := range poly.Rings {
			p.Ring(dc.ProjectChunked(ring, poly.Chunks[ri], 0))
		}
	}
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

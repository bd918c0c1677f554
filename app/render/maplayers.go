// Map layers: the ocean, lines such as the graticule, countries, their
// borders, and the outline of one country (hover, selection).
package render

import (
	"image/color"
	"math"
	"sort"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var (
	_ Layer = (*Sphere)(nil)
	_ Layer = (*Lines)(nil)
	_ Layer = (*Countries)(nil)
	_ Layer = (*Borders)(nil)
	_ Layer = (*CountryOutline)(nil)

	_ Preparer = (*Countries)(nil)
	_ Preparer = (*Borders)(nil)
	_ Preparer = (*CountryOutline)(nil)
)

// Sphere fills the inside of the map's outline: the ocean. Build it with
// NewSphere.
type Sphere struct {
	Outline orb.Ring // projected
	Fill    color.NRGBA
	chunks  []orb.Bound
	bound   orb.Bound
}

// NewSphere returns the layer filling the projected outline in fill.
func NewSphere(outline orb.Ring, fill color.NRGBA) *Sphere {
	return &Sphere{Outline: outline, Fill: fill, chunks: geo.ChunkBounds(outline), bound: outline.Bound()}
}

func (l *Sphere) ID() string       { return "ocean" }
func (l *Sphere) Bound() orb.Bound { return l.bound }
func (l *Sphere) Draw(p Painter, dc *DrawContext) {
	p.Ring(dc.projectRingChunks(l.Outline, l.chunks, nil))
	p.Fill(l.Fill, nil)
}

// Lines strokes projected polylines with one pen: the graticule, the map's
// outline. Build it with NewLines.
type Lines struct {
	Name    string
	Color   color.NRGBA
	WidthDp float64
	lines   *geo.Lines
	bounds  []orb.Bound
	bound   orb.Bound
}

// NewLines returns a layer named name that strokes the projected lines in
// col, widthDp dp wide. A caller that keeps lines between layers keeps
// their simplified copies with them.
func NewLines(name string, lines *geo.Lines, col color.NRGBA, widthDp float64) *Lines {
	l := &Lines{Name: name, Color: col, WidthDp: widthDp, lines: lines}
	for i, ls := range lines.Lines {
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
	lines := dc.simplifiedLines(l.lines)
	for i, ls := range lines.Lines {
		if l.bounds[i].Intersects(dc.Visible) {
			dc.strokeRuns(p, ls, lines.Chunks[i], nil, false)
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
	shapes := dc.outlinePolys(l.Layer)
	refs := dc.bandChunks(shapes)
	for i := 0; i < len(refs); {
		ci := shapes[refs[i].poly].Country
		k := i + 1 // the end of the country's refs
		for k < len(refs) && shapes[refs[k].poly].Country == ci {
			k++
		}
		drawn := false
		eachRing(shapes, refs[i:k], dc.Visible, func(poly *geo.Poly, ri int32, refs []chunkRef) {
			p.Ring(dc.projectRingChunks(poly.Rings[ri], poly.Chunks[ri], refs))
			drawn = true
		})
		i = k
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

// Prepare bins the outlines by band (see frame.bin), for this layer and
// the others drawing them.
func (l *Countries) Prepare(dc *DrawContext) { dc.frame.bin(dc.outlinePolys(l.Layer), dc.T) }

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
	eachRing(shapes, dc.bandChunks(shapes), dc.Visible, func(poly *geo.Poly, ri int32, refs []chunkRef) {
		borderRuns(p, dc, poly.Rings[ri], poly.Dup[ri], poly.Chunks[ri], refs)
	})
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

// Prepare bins the outlines by band (see frame.bin).
func (l *Borders) Prepare(dc *DrawContext) { dc.frame.bin(dc.outlinePolys(l.Layer), dc.T) }

// borderRuns adds to p's path the runs of ring's segments not marked in dup
// (a neighbour draws those), in the chunks refs (the ring's in dc's band),
// leaving out those wholly outside dc.Visible, where nothing of a border
// shows. Every vertex is kept: the ring is already simplified for the
// scale (see outlinePolys).
func borderRuns(p Painter, dc *DrawContext, ring orb.Ring, dup []bool, chunks []orb.Bound, refs []chunkRef) {
	out := dc.buf[:0]
	next := int32(-1) // the chunk that carries on the run
	for _, r := range refs {
		if outside(chunks[r.chunk], dc.Visible) {
			continue
		}
		i0, i1 := chunkSpan(ring, r.chunk)
		if r.chunk != next {
			p.Line(out)
			out = append(out[:0], dc.Point(ring[i0]))
		}
		for i := i0 + 1; i <= i1; i++ {
			if dup[i] {
				// A neighbour strokes the segment ending here: the run ends
				// at the previous vertex and the next one starts here.
				p.Line(out)
				out = out[:0]
			}
			out = append(out, dc.Point(ring[i]))
		}
		next = r.chunk + 1
	}
	p.Line(out)
	dc.buf = out
}

// outlineToleranceDp is how far (dp) a country outline may stray from its
// full detail: a quarter of a dp, which is a quarter of a pixel on a screen
// of one pixel per dp and half a device pixel on one of two, whose pixels
// are half as wide to the eye — the detail follows what a reader sees, as
// a map's @2x tiles are drawn from the same generalised lines as its 1x
// ones. It is never more than outlineMaxTolerancePx, so that an export at
// a larger scale, looked at closely, keeps its detail. geo.Layer.Simplified
// rounds the tolerance down to its level, a power of √2 in projected units,
// so a view gets 0.71 to 1 of it; that moves anti-aliased edge pixels by a
// few levels.
const outlineToleranceDp = 0.25

// outlineMaxTolerancePx caps outlineToleranceDp in device pixels.
const outlineMaxTolerancePx = 0.5

// outlineTolerance is the outline tolerance in the projected units of t
// drawn at pxPerDp device pixels per dp.
func outlineTolerance(t geo.Transform, pxPerDp float64) float64 {
	return min(outlineToleranceDp*pxPerDp, outlineMaxTolerancePx) / t.S
}

// outlinePolys is ly's polygons simplified for dc's scale (see
// geo.Layer.Simplified), the same for every layer drawing country outlines:
// fills, borders and the hovered or selected outline meet exactly. Their
// rings are drawn with every vertex (a minimum step of 0): thinning them
// further would gain little, and which points it kept would depend on the
// chunks a band skips, so an image cut into other bands would differ.
func (dc *DrawContext) outlinePolys(ly *geo.Layer) []geo.Poly {
	return ly.Simplified(outlineTolerance(dc.T, dc.PxPerDp))
}

// PrepareOutlines simplifies ly's outlines for view v drawn at pxPerDp now,
// as drawing them would on first use (about a tenth of a second at 1:50m),
// so that the first frame at that zoom does not wait for it. It may be
// called from any goroutine.
func PrepareOutlines(ly *geo.Layer, v geo.View, pxPerDp float64) {
	ly.Simplified(outlineTolerance(v.Transform(pxPerDp), pxPerDp))
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
	polys := l.Layer.ByCountry[l.Country]
	if len(polys) == 0 {
		return
	}
	shapes := dc.outlinePolys(l.Layer)
	refs := dc.bandChunks(shapes)
	// A country's polygons are consecutive in the list (see geo.NewLayer),
	// as are their chunks.
	first, last := int32(polys[0]), int32(polys[len(polys)-1])
	i := sort.Search(len(refs), func(i int) bool { return refs[i].poly >= first })
	j := i + sort.Search(len(refs)-i, func(k int) bool { return refs[i+k].poly > last })
	eachRing(shapes, refs[i:j], dc.Visible, func(poly *geo.Poly, ri int32, refs []chunkRef) {
		if poly.Country == l.Country {
			dc.strokeRuns(p, poly.Rings[ri], poly.Chunks[ri], refs, true)
		}
	})
	p.Stroke(Pen{Width: dc.Px(l.WidthDp), Color: l.Color}, nil)
}

// Prepare bins the outlines by band (see frame.bin).
func (l *CountryOutline) Prepare(dc *DrawContext) { dc.frame.bin(dc.outlinePolys(l.Layer), dc.T) }

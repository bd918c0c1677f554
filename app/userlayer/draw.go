// Drawing and hit-testing a loaded layer under one projection.

package userlayer

import (
	"image/color"
	"math"
	"strconv"

	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Style is how a user layer is drawn. Widths and radii are in dp.
type Style struct {
	Fill        color.NRGBA // inside polygons: translucent, so the map shows through
	Stroke      color.NRGBA // lines, polygon outlines and the rim of point markers
	PointFill   color.NRGBA // inside point markers
	StrokeDp    float64
	PointRadius float64
}

// DefaultStyle is a teal that none of the map's own layers use, readable on
// the light and the dark map.
func DefaultStyle() Style {
	return Style{
		Fill:        color.NRGBA{0x00, 0x83, 0x8f, 0x48},
		Stroke:      color.NRGBA{0x00, 0x83, 0x8f, 0xff},
		PointFill:   color.NRGBA{0x00, 0xac, 0xc1, 0xff},
		StrokeDp:    1.5,
		PointRadius: 4,
	}
}

var _ render.Layer = (*Projected)(nil)

// Projected is a layer's geometry under one projection: a render.Layer and
// a hit-test index. It is read-only once made, and safe for concurrent use.
type Projected struct {
	Proj  geo.Projection
	Style Style
	layer *Layer
	id    string
	feats []projFeature
	bound orb.Bound
	marks geo.Marks
}

// projFeature is one feature's projected parts; hidden parts (the far side
// of the globe) are left out.
type projFeature struct {
	points []orb.Point
	lines  []orb.LineString
	polys  [][]orb.Ring // each entry's rings are filled together (non-zero)
	bound  orb.Bound
	meta   render.Meta
	empty  bool // nothing of it shows under this projection
}

// polygonClipper is a projection that shows part of the sphere (the globe):
// its polygons are cut at the edge of what it shows, as geo.Layer does.
type polygonClipper interface {
	ClipPolygon(poly orb.Polygon) []orb.Ring
}

// For returns the layer projected with p, drawn in the default style,
// projecting it on first use (one projection per family is kept, so a
// turning globe does not pile up copies). It may be called from any
// goroutine.
func (l *Layer) For(p geo.Projection) *Projected {
	family := geo.ProjectionFamily(p.Name())
	l.mu.Lock()
	pr, ok := l.projected[family]
	l.mu.Unlock()
	if ok && pr.Proj.Name() == p.Name() {
		return pr
	}
	pr = l.Project(p)
	l.mu.Lock()
	if l.projected == nil {
		l.projected = map[string]*Projected{}
	}
	l.projected[family] = pr
	l.mu.Unlock()
	return pr
}

// Project projects the layer with p, in the default style, without caching.
func (l *Layer) Project(p geo.Projection) *Projected {
	pr := &Projected{Proj: p, Style: DefaultStyle(), layer: l, id: "user-layer-" + l.Name, feats: make([]projFeature, len(l.Features))}
	clip, clips := p.(polygonClipper)
	first := true
	for i := range l.Features {
		f := &l.Features[i]
		pf := &pr.feats[i]
		for _, g := range f.Parts {
			switch g := g.(type) {
			case orb.Point:
				pf.addPoint(p, g)
			case orb.MultiPoint:
				for _, pt := range g {
					pf.addPoint(p, pt)
				}
			case orb.LineString:
				pf.addLine(p, g)
			case orb.MultiLineString:
				for _, ls := range g {
					pf.addLine(p, ls)
				}
			case orb.Polygon:
				pf.addPolygon(p, clip, clips, g)
			case orb.MultiPolygon:
				for _, poly := range g {
					pf.addPolygon(p, clip, clips, poly)
				}
			}
		}
		pf.bound, pf.empty = pf.projectedBound()
		if pf.empty {
			continue
		}
		if first {
			pr.bound, first = pf.bound, false
		} else {
			pr.bound = pr.bound.Union(pf.bound)
		}
		id := strconv.Itoa(i)
		pf.meta = render.Meta{Title: l.Title(i), Data: map[string]string{"feature": id}}
		for _, pt := range pf.points {
			pr.marks.AddPoint(geo.HitPlace, id, pt)
		}
		pr.marks.AddLine(geo.HitLink, id, pf.lines)
		for _, rings := range pf.polys {
			for _, r := range rings {
				pr.marks.AddLine(geo.HitCountry, id, []orb.LineString{orb.LineString(r)})
			}
		}
	}
	pr.marks.Index(geo.WorldBound(p))
	return pr
}

// addPoint projects a point, unless it is hidden.
func (pf *projFeature) addPoint(p geo.Projection, ll orb.Point) {
	if q := geo.Project(p, ll); finite(q) {
		pf.points = append(pf.points, q)
	}
}

// addLine cuts a lon/lat line where it crosses the ±180° meridian and
// projects its visible pieces.
func (pf *projFeature) addLine(p geo.Projection, ls orb.LineString) {
	for _, piece := range geo.SplitAntimeridian(ls) {
		for _, q := range geo.ProjectLines(p, densify(piece)) {
			if len(q) >= 2 {
				pf.lines = append(pf.lines, q)
			}
		}
	}
}

// addPolygon projects a polygon's rings (under the globe, its visible part).
func (pf *projFeature) addPolygon(p geo.Projection, clip polygonClipper, clips bool, poly orb.Polygon) {
	dense := make(orb.Polygon, len(poly))
	for i, r := range poly {
		dense[i] = orb.Ring(densify(orb.LineString(r)))
	}
	poly = dense
	if clips {
		if rings := clip.ClipPolygon(poly); len(rings) > 0 {
			pf.polys = append(pf.polys, rings)
		}
		return
	}
	rings := make([]orb.Ring, 0, len(poly))
	for _, r := range poly {
		out := make(orb.Ring, 0, len(r))
		for _, pt := range r {
			if q := geo.Project(p, pt); finite(q) {
				out = append(out, q)
			}
		}
		if len(out) >= 3 {
			rings = append(rings, out)
		}
	}
	if len(rings) > 0 {
		pf.polys = append(pf.polys, rings)
	}
}

// densifyStep is the longest step (degrees of longitude or latitude)
// between the positions of a line or ring as projected: GeoJSON's straight
// segments are straight in longitude and latitude (RFC 7946 §3.1.1), which
// most projections curve.
const densifyStep = 1.0

// densify returns ls with positions added along every segment longer than
// densifyStep, evenly in longitude and latitude; ls itself when none is.
func densify(ls orb.LineString) orb.LineString {
	var out orb.LineString
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		n := int(math.Ceil(math.Max(math.Abs(b[0]-a[0]), math.Abs(b[1]-a[1])) / densifyStep))
		if n <= 1 {
			if out != nil {
				out = append(out, b)
			}
			continue
		}
		if out == nil {
			out = append(make(orb.LineString, 0, len(ls)+n), ls[:i]...)
		}
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			out = append(out, orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t})
		}
	}
	if out == nil {
		return ls
	}
	return out
}

// projectedBound is the bound of everything the feature draws; empty is
// true when it draws nothing.
func (pf *projFeature) projectedBound() (b orb.Bound, empty bool) {
	empty = true
	extend := func(pt orb.Point) {
		if empty {
			b, empty = orb.Bound{Min: pt, Max: pt}, false
		} else {
			b = b.Extend(pt)
		}
	}
	for _, pt := range pf.points {
		extend(pt)
	}
	for _, ls := range pf.lines {
		for _, pt := range ls {
			extend(pt)
		}
	}
	for _, rings := range pf.polys {
		for _, r := range rings {
			for _, pt := range r {
				extend(pt)
			}
		}
	}
	return b, empty
}

func finite(p orb.Point) bool {
	return p[0]-p[0] == 0 && p[1]-p[1] == 0 // false for NaN and ±Inf
}

// ID implements render.Layer: "user-layer-" and the file's name.
func (pr *Projected) ID() string { return pr.id }

// Bound implements render.Layer.
func (pr *Projected) Bound() orb.Bound { return pr.bound }

// Draw implements render.Layer: polygons filled and outlined, then lines,
// then point markers on top, each feature with its title for vector output.
func (pr *Projected) Draw(p render.Painter, dc *render.DrawContext) {
	st := &pr.Style
	pen := render.Pen{Width: dc.Px(st.StrokeDp), Color: st.Stroke, Cap: render.CapRound}
	const minStep = 0.35 // px: closer points cannot change the picture
	visible := func(pf *projFeature) bool { return !pf.empty && pf.bound.Intersects(dc.Visible) }
	for i := range pr.feats {
		pf := &pr.feats[i]
		if !visible(pf) || len(pf.polys) == 0 {
			continue
		}
		for _, rings := range pf.polys {
			for _, r := range rings {
				p.Ring(dc.Project(r, minStep))
			}
			p.Fill(st.Fill, &pf.meta)
			for _, r := range rings {
				p.Ring(dc.Project(r, minStep))
			}
			p.Stroke(pen, nil)
		}
	}
	for i := range pr.feats {
		pf := &pr.feats[i]
		if !visible(pf) || len(pf.lines) == 0 {
			continue
		}
		for _, ls := range pf.lines {
			p.Line(dc.Project(ls, minStep))
		}
		p.Stroke(pen, &pf.meta)
	}
	rim := render.Pen{Width: dc.Px(st.StrokeDp * 0.75), Color: st.Stroke}
	for i := range pr.feats {
		pf := &pr.feats[i]
		if !visible(pf) {
			continue
		}
		for _, pt := range pf.points {
			p.Circle(dc.Point(pt), dc.Px(st.PointRadius), st.PointFill, rim, &pf.meta)
		}
	}
}

// HitTest returns the feature under the screen point at (dp) of view v
// (whose projection must be pr.Proj): a point marker or a line within
// geo.MarkToleranceDp, else the last-drawn polygon that contains the point.
// ok is false when there is none.
func (pr *Projected) HitTest(v geo.View, at orb.Point) (feature int, ok bool) {
	p := v.ScreenToProjected(at)
	if !finite(p) {
		return 0, false
	}
	if h, ok := pr.marks.Nearest(p, geo.MarkToleranceDp/v.Scale(), nil); ok {
		i, err := strconv.Atoi(h.ID)
		return i, err == nil
	}
	for i := len(pr.feats) - 1; i >= 0; i-- {
		pf := &pr.feats[i]
		if pf.empty || len(pf.polys) == 0 || !pf.bound.Contains(p) {
			continue
		}
		for _, rings := range pf.polys {
			inside := false
			for _, r := range rings {
				if planar.RingContains(r, p) {
					inside = !inside // even-odd: a hole's ring cancels its exterior's
				}
			}
			if inside {
				return i, true
			}
		}
	}
	return 0, false
}

// Title is the tooltip text of feature i (see Layer.Title).
func (pr *Projected) Title(i int) string { return pr.layer.Title(i) }

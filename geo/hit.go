// Hits: which mark of the map — a place, a trip, a corridor, an energy link or
// a country — lies under a point.

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// HitKind is what a hit found. The kinds are in order of priority: under a
// pointer, a place wins over a trip, a trip over a corridor, and so on.
type HitKind int

// The kinds of hit, highest priority first.
const (
	HitNone     HitKind = iota
	HitPlace            // a marker
	HitTrip             // a trip's arc
	HitCorridor         // a Belt and Road corridor or sea lane
	HitLink             // an energy link
	HitCountry          // a country's area
	// HitUser is a feature of a layer the reader opened; its ID is
	// "LAYER/FEATURE", both indexes from 0. Those layers are drawn on top,
	// so a hit-test looks at them first.
	HitUser
)

// Hit is the mark under a point: its kind and the id of what it shows (a
// place, trip or corridor id; an ISO3 code for a country; "LAYER/FEATURE"
// for a feature of an opened layer).
type Hit struct {
	Kind HitKind
	ID   string
}

// Marks is a set of projected point and line marks to hit-test, each with a
// kind and an id. Build it once per projection with AddPoint and AddLine,
// then Index it; it is then read-only and safe for concurrent use.
type Marks struct {
	points []markPoint
	lines  []markLine
	grid   markGrid
}

// markGrid buckets the marks' points and segments by cell of a uniform grid
// over the world, so a hit-test looks only at what is near the pointer.
type markGrid struct {
	bound  orb.Bound
	nx, ny int
	sx, sy float64
	cells  [][]markRef
}

// markRef is a point (seg < 0) or one segment (seg → seg+1) of a line.
type markRef struct {
	item int32 // index into points or lines
	seg  int32
}

type markPoint struct {
	kind HitKind
	id   string
	at   orb.Point
}

type markLine struct {
	kind  HitKind
	id    string
	piece orb.LineString
	bound orb.Bound
}

// AddPoint adds a point mark at the projected point at. A point off the map
// (NaN, as the globe gives for its far side) is left out: it cannot be hit.
func (m *Marks) AddPoint(kind HitKind, id string, at orb.Point) {
	if !finite(at) {
		return
	}
	m.points = append(m.points, markPoint{kind, id, at})
}

// AddLine adds a line mark made of projected pieces. Points off the map (NaN)
// split a piece; only its parts on the map can be hit.
func (m *Marks) AddLine(kind HitKind, id string, pieces []orb.LineString) {
	for _, p := range pieces {
		for len(p) > 0 {
			i := 0
			for i < len(p) && finite(p[i]) {
				i++
			}
			if i > 0 {
				m.lines = append(m.lines, markLine{kind, id, p[:i], p[:i].Bound()})
			}
			for i < len(p) && !finite(p[i]) {
				i++
			}
			p = p[i:]
		}
	}
}

// finite reports whether both coordinates of p are finite numbers.
func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// Index builds the spatial index over world (the projected bound of the
// sphere); call it after the last AddPoint or AddLine.
func (m *Marks) Index(world orb.Bound) {
	g := markGrid{bound: world, nx: gridNX, ny: gridNY}
	g.sx = float64(g.nx) / (world.Max[0] - world.Min[0])
	g.sy = float64(g.ny) / (world.Max[1] - world.Min[1])
	g.cells = make([][]markRef, g.nx*g.ny)
	for i, p := range m.points {
		x, y := g.index(p.at)
		g.cells[y*g.nx+x] = append(g.cells[y*g.nx+x], markRef{int32(i), -1})
	}
	for i, l := range m.lines {
		for j := 1; j < len(l.piece); j++ {
			b := orb.Bound{Min: l.piece[j-1], Max: l.piece[j-1]}.Extend(l.piece[j])
			x0, y0 := g.index(b.Min)
			x1, y1 := g.index(b.Max)
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					g.cells[y*g.nx+x] = append(g.cells[y*g.nx+x], markRef{int32(i), int32(j - 1)})
				}
			}
		}
	}
	m.grid = g
}

func (g *markGrid) index(p orb.Point) (int, int) {
	x := int((p[0] - g.bound.Min[0]) * g.sx)
	y := int((p[1] - g.bound.Min[1]) * g.sy)
	return max(0, min(x, g.nx-1)), max(0, min(y, g.ny-1))
}

// Nearest returns the mark within tol (projected units) of the projected
// point p whose kind has the highest priority, the nearest one among those;
// accept says which marks count (nil: all), e.g. those of the layers shown.
// ok is false when none is in reach.
func (m *Marks) Nearest(p orb.Point, tol float64, accept func(Hit) bool) (hit Hit, ok bool) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || !(tol > 0) {
		return Hit{}, false
	}
	best := math.Inf(1)
	consider := func(kind HitKind, id string, d2 float64) {
		if d2 > tol*tol || accept != nil && !accept(Hit{kind, id}) {
			return
		}
		if !ok || kind < hit.Kind || kind == hit.Kind && d2 < best {
			hit, best, ok = Hit{kind, id}, d2, true
		}
	}
	if m.grid.cells == nil {
		return Hit{}, false // not indexed
	}
	g := &m.grid
	x0, y0 := g.index(orb.Point{p[0] - tol, p[1] - tol})
	x1, y1 := g.index(orb.Point{p[0] + tol, p[1] + tol})
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, ref := range g.cells[y*g.nx+x] {
				if ref.seg < 0 {
					mp := &m.points[ref.item]
					dx, dy := mp.at[0]-p[0], mp.at[1]-p[1]
					consider(mp.kind, mp.id, dx*dx+dy*dy)
					continue
				}
				ml := &m.lines[ref.item]
				if ok && ml.kind > hit.Kind {
					continue
				}
				a, b := ml.piece[ref.seg], ml.piece[ref.seg+1]
				consider(ml.kind, ml.id, segmentDistance2(p, segment{a[0], a[1], b[0], b[1]}))
			}
		}
	}
	return hit, ok
}

// MarkToleranceDp is how far (dp) from a marker's centre or a line a pointer
// still picks it.
const MarkToleranceDp = 5.0

// HitTestMarks returns what lies under the screen point at (dp): the mark
// of marks within MarkToleranceDp with the highest priority that accept
// takes (nil: all), else the country of layer l under the point (or within
// HitToleranceDp of it), if accept takes countries. ok is false over open
// ocean, away from any mark.
func (v View) HitTestMarks(l *Layer, marks *Marks, accept func(Hit) bool, at orb.Point) (Hit, bool) {
	p := v.ScreenToProjected(at)
	if marks != nil {
		if h, ok := marks.Nearest(p, MarkToleranceDp/v.Scale(), accept); ok {
			return h, true
		}
	}
	if ci, ok := v.HitTest(l, at); ok {
		h := Hit{HitCountry, l.Countries.List[ci].ISO3}
		if accept == nil || accept(h) {
			return h, true
		}
	}
	return Hit{}, false
}

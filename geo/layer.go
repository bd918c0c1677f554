// Layer: a country set projected once, with a spatial index for hit-testing.

package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Poly is one projected polygon of a country: the exterior ring first, then holes.
type Poly struct {
	Country int // index into Layer.Countries.List
	// Rings are in projected plane units: the exterior (counter-clockwise)
	// first, then holes (clockwise). On the globe a polygon cut by the
	// horizon may have several exteriors; the rings are then filled together.
	Rings []orb.Ring
	// Dup marks, per ring, the segments (i-1 → i, indexed by i) that an
	// earlier polygon already has, run the other way: the shared half of a
	// border, which only needs stroking once.
	Dup [][]bool
	// Chunks holds, per ring, the projected bound of each run of ChunkSize
	// segments: chunk k covers points k·ChunkSize to min((k+1)·ChunkSize,
	// len−1). A run wholly beyond one side of the part of the map being drawn
	// can be drawn as its chord, which fills and strokes the same there.
	Chunks [][]orb.Bound
	Bound  orb.Bound // projected bound of Rings
	Area   float64   // projected area of the exterior minus holes (plane units²)
	bands  edgeBands
}

// Layer is a Countries set projected under one projection. It is built once per
// projection and level of detail, then drawn and hit-tested with any View.
// A Layer is read-only after NewLayer and safe for concurrent use.
type Layer struct {
	Proj      Projection
	Countries *Countries
	Polys     []Poly
	// ByCountry lists, per country index, the indexes of its polygons in Polys.
	ByCountry [][]int
	// FocusBound is, per country, the bound to fit when zooming to it: its main
	// polygons, without far-off small islands or the pieces cut at ±180°.
	FocusBound []orb.Bound
	World      orb.Bound // projected bound of the whole sphere
	Outline    orb.Ring  // projected edge of the map
	grid       polyGrid
	simple     *simplifyCache // see Simplified
}

// meridianStep is the latitude step (degrees) used to densify edges that run
// along the ±180° meridian, which is curved in most projections.
const meridianStep = 1.0

// NewLayer projects every ring of cs with p and indexes the result. Under a
// projection that shows part of the sphere (the globe) polygons are clipped to
// what it shows, and hidden ones are left out: a country on the far side has
// no polygons in the layer. cs is not modified.
func NewLayer(cs *Countries, p Projection) *Layer {
	l := &Layer{Proj: p, Countries: cs, World: WorldBound(p), Outline: Outline(p), simple: &simplifyCache{}}
	l.ByCountry = make([][]int, len(cs.List))
	l.FocusBound = make([]orb.Bound, len(cs.List))
	clip, clips := p.(clipper)
	for ci, c := range cs.List {
		for _, poly := range c.Shape {
			pp := Poly{Country: ci}
			if clips {
				// The visible part only: rings cut at the horizon and closed
				// along it, filled together; nothing for a hidden polygon.
				pp.Rings = clip.ClipPolygon(poly)
				if len(pp.Rings) == 0 {
					continue
				}
				pp.Bound = pp.Rings[0].Bound()
				signed := 0.0
				for _, r := range pp.Rings {
					pp.Bound = pp.Bound.Union(r.Bound())
					signed += ringArea(r) // exteriors counter-clockwise, holes clockwise
				}
				pp.Area = math.Abs(signed)
			} else {
				for _, ring := range poly {
					pp.Rings = append(pp.Rings, projectRing(p, ring))
				}
				pp.Bound = pp.Rings[0].Bound()
				pp.Area = math.Abs(ringArea(pp.Rings[0]))
				for _, h := range pp.Rings[1:] {
					pp.Area -= math.Abs(ringArea(h))
				}
			}
			for _, r := range pp.Rings {
				pp.Chunks = append(pp.Chunks, ChunkBounds(r))
			}
			pp.bands = newEdgeBands(pp.Rings, pp.Bound)
			l.ByCountry[ci] = append(l.ByCountry[ci], len(l.Polys))
			l.Polys = append(l.Polys, pp)
		}
		l.FocusBound[ci] = l.focusBound(ci)
	}
	l.grid = newPolyGrid(l.Polys, l.World)
	markSharedSegments(l.Polys)
	if o, globe := p.(Orthographic); globe {
		markSeams(l.Polys, o.onAntimeridian())
	}
	return l
}

// FocusBoundOf is the bound a layer of cs under p would give country i as
// its FocusBound, projecting that country alone: for fitting a view to a
// country under a projection not yet drawn (a globe turned to face it). It
// is the zero bound if none of the country shows.
func FocusBoundOf(cs *Countries, i int, p Projection) orb.Bound {
	one := &Countries{List: cs.List[i : i+1]}
	return NewLayer(one, p).FocusBound[0]
}

// ChunkSize is the number of segments in a chunk of a ring (see Poly.Chunks).
const ChunkSize = 16

// ChunkBounds returns the bounds of the chunks of ring r (see Poly.Chunks).
func ChunkBounds(r orb.Ring) []orb.Bound {
	var out []orb.Bound
	for i0 := 0; i0 < len(r)-1; i0 += ChunkSize {
		i1 := min(i0+ChunkSize, len(r)-1)
		out = append(out, orb.LineString(r[i0:i1+1]).Bound())
	}
	return out
}

// markSharedSegments fills the Dup of every polygon of polys. Neighbours
// share vertices exactly (the outlines come from one topology), so a border
// segment shows up once in each direction.
func markSharedSegments(polys []Poly) {
	type seg struct{ a, b orb.Point }
	n := 0
	for _, p := range polys {
		for _, r := range p.Rings {
			n += len(r)
		}
	}
	seen := make(map[seg]struct{}, n)
	for pi := range polys {
		p := &polys[pi]
		p.Dup = make([][]bool, len(p.Rings))
		for ri, r := range p.Rings {
			dup := make([]bool, len(r))
			for i := 1; i < len(r); i++ {
				if _, ok := seen[seg{r[i], r[i-1]}]; ok {
					dup[i] = true
				}
			}
			for i := 1; i < len(r); i++ {
				seen[seg{r[i-1], r[i]}] = struct{}{}
			}
			p.Dup[ri] = dup
		}
	}
}

// seamGrid is the grid (projected units) that markSeams rounds points to:
// far finer than a pixel at any zoom, far coarser than rounding.
const seamGrid = 1e-9

// markSeams marks in the Dup of polys, on a globe, the seams where a
// country's rings were cut at the ±180° meridian (Russia's Chukotka, Fiji,
// Antarctica down to the pole). In a flat map they lie on its edge; on the globe they cross
// the country and must not be stroked as borders. Both sides of a seam map to
// the same points, up to rounding, so a segment met the other way round in a
// ring of the same country is a seam, and neither side is stroked. onCut
// tells the points that may lie on the cut; only segments between two of
// them are looked at.
func markSeams(polys []Poly, onCut func(orb.Point) bool) {
	type key struct{ ax, ay, bx, by int64 }
	type at struct{ poly, ring, seg int }
	round := func(p orb.Point) (int64, int64) {
		return int64(math.Round(p[0] / seamGrid)), int64(math.Round(p[1] / seamGrid))
	}
	segs := map[key]at{}
	for pi := range polys {
		p := &polys[pi]
		for ri, r := range p.Rings {
			for i := 1; i < len(r); i++ {
				if !onCut(r[i]) || !onCut(r[i-1]) {
					continue
				}
				ax, ay := round(r[i-1])
				bx, by := round(r[i])
				if ax == bx && ay == by {
					continue
				}
				if o, ok := segs[key{bx, by, ax, ay}]; ok && polys[o.poly].Country == p.Country {
					polys[o.poly].Dup[o.ring][o.seg] = true
					p.Dup[ri][i] = true
					continue
				}
				segs[key{ax, ay, bx, by}] = at{pi, ri, i}
			}
		}
	}
}

// focusBound unions the bounds of the country's polygons whose area is at least
// 30% of its largest one.
func (l *Layer) focusBound(ci int) orb.Bound {
	largest := 0.0
	for _, pi := range l.ByCountry[ci] {
		largest = math.Max(largest, l.Polys[pi].Area)
	}
	var b orb.Bound
	first := true
	for _, pi := range l.ByCountry[ci] {
		if l.Polys[pi].Area < 0.3*largest {
			continue
		}
		if first {
			b, first = l.Polys[pi].Bound, false
		} else {
			b = b.Union(l.Polys[pi].Bound)
		}
	}
	return b
}

// projectRing projects a lon/lat ring, densifying edges that follow the ±180° meridian.
func projectRing(p Projection, ring orb.Ring) orb.Ring {
	out := make(orb.Ring, 0, len(ring))
	for i, pt := range ring {
		if i > 0 {
			prev := ring[i-1]
			if math.Abs(pt[0]) == 180 && prev[0] == pt[0] {
				n := int(math.Abs(pt[1]-prev[1]) / meridianStep)
				for k := 1; k < n; k++ {
					lat := prev[1] + (pt[1]-prev[1])*float64(k)/float64(n)
					out = append(out, Project(p, orb.Point{pt[0], lat}))
				}
			}
		}
		out = append(out, Project(p, pt))
	}
	return out
}

// ringArea is the signed shoelace area (positive for counter-clockwise rings).
func ringArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}

// HitTest returns the index of the country whose polygon contains the projected
// point pt, or ok=false over the ocean or off the map.
func (l *Layer) HitTest(pt orb.Point) (country int, ok bool) {
	if math.IsNaN(pt[0]) || math.IsNaN(pt[1]) {
		return 0, false
	}
	for _, pi := range l.grid.cell(pt) {
		p := &l.Polys[pi]
		if p.Bound.Contains(pt) && p.bands.contains(pt) {
			return p.Country, true
		}
	}
	return 0, false
}

// Nearest returns the country with an edge closest to the projected point pt,
// if one is within tol (projected units): it lets a pointer pick islands and
// coasts smaller than a fingertip.
func (l *Layer) Nearest(pt orb.Point, tol float64) (country int, ok bool) {
	if math.IsNaN(pt[0]) || math.IsNaN(pt[1]) || !(tol > 0) {
		return 0, false
	}
	best := tol * tol
	x0, y0 := l.grid.index(orb.Point{pt[0] - tol, pt[1] - tol})
	x1, y1 := l.grid.index(orb.Point{pt[0] + tol, pt[1] + tol})
	for gy := y0; gy <= y1; gy++ {
		for gx := x0; gx <= x1; gx++ {
			for _, pi := range l.grid.cells[gy*l.grid.nx+gx] {
				p := &l.Polys[pi]
				if !p.Bound.Pad(tol).Contains(pt) {
					continue
				}
				if d := p.bands.distance2(pt, tol); d < best {
					best, country, ok = d, p.Country, true
				}
			}
		}
	}
	return country, ok
}

// edgeBands buckets a polygon's edges by horizontal band so that a point-in-polygon
// test only crosses the edges of the band the point lies in.
type edgeBands struct {
	minY, invH float64
	bands      [][]segment
}

type segment struct{ x0, y0, x1, y1 float64 }

func newEdgeBands(rings []orb.Ring, b orb.Bound) edgeBands {
	edges := 0
	for _, r := range rings {
		edges += len(r)
	}
	n := edges / 8
	n = max(1, min(n, 256))
	h := (b.Max[1] - b.Min[1]) / float64(n)
	eb := edgeBands{minY: b.Min[1], bands: make([][]segment, n)}
	if h > 0 {
		eb.invH = 1 / h
	}
	for _, r := range rings {
		for i := 1; i < len(r); i++ {
			s := segment{r[i-1][0], r[i-1][1], r[i][0], r[i][1]}
			if s.y0 == s.y1 {
				continue // horizontal edges never cross a horizontal ray
			}
			lo, hi := eb.band(math.Min(s.y0, s.y1)), eb.band(math.Max(s.y0, s.y1))
			for k := lo; k <= hi; k++ {
				eb.bands[k] = append(eb.bands[k], s)
			}
		}
	}
	return eb
}

func (eb *edgeBands) band(y float64) int {
	k := int((y - eb.minY) * eb.invH)
	return max(0, min(k, len(eb.bands)-1))
}

// contains is the even-odd crossing test over every ring: inside the exterior and
// outside all holes.
func (eb *edgeBands) contains(pt orb.Point) bool {
	x, y := pt[0], pt[1]
	in := false
	for _, s := range eb.bands[eb.band(y)] {
		if (s.y0 > y) != (s.y1 > y) && x < s.x0+(y-s.y0)*(s.x1-s.x0)/(s.y1-s.y0) {
			in = !in
		}
	}
	return in
}

// distance2 is the squared distance from pt to the nearest edge in the bands
// within tol of pt's y (or tol² if none is nearer).
func (eb *edgeBands) distance2(pt orb.Point, tol float64) float64 {
	best := tol * tol
	for k := eb.band(pt[1] - tol); k <= eb.band(pt[1]+tol); k++ {
		for _, s := range eb.bands[k] {
			best = math.Min(best, segmentDistance2(pt, s))
		}
	}
	return best
}

// segmentDistance2 is the squared distance from p to the segment s.
func segmentDistance2(p orb.Point, s segment) float64 {
	dx, dy := s.x1-s.x0, s.y1-s.y0
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-s.x0)*dx+(p[1]-s.y0)*dy)/l2))
	}
	ex, ey := s.x0+t*dx-p[0], s.y0+t*dy-p[1]
	return ex*ex + ey*ey
}

// polyGrid is a uniform grid over the projected world; each cell lists the
// polygons whose bound overlaps it.
type polyGrid struct {
	bound  orb.Bound
	nx, ny int
	sx, sy float64
	cells  [][]int32
}

const gridNX, gridNY = 128, 64

func newPolyGrid(polys []Poly, world orb.Bound) polyGrid {
	g := polyGrid{bound: world, nx: gridNX, ny: gridNY}
	g.sx = float64(g.nx) / (world.Max[0] - world.Min[0])
	g.sy = float64(g.ny) / (world.Max[1] - world.Min[1])
	g.cells = make([][]int32, g.nx*g.ny)
	for i, p := range polys {
		x0, y0 := g.index(p.Bound.Min)
		x1, y1 := g.index(p.Bound.Max)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				g.cells[y*g.nx+x] = append(g.cells[y*g.nx+x], int32(i))
			}
		}
	}
	return g
}

func (g *polyGrid) index(p orb.Point) (int, int) {
	x := int((p[0] - g.bound.Min[0]) * g.sx)
	y := int((p[1] - g.bound.Min[1]) * g.sy)
	return max(0, min(x, g.nx-1)), max(0, min(y, g.ny-1))
}

func (g *polyGrid) cell(p orb.Point) []int32 {
	if !g.bound.Contains(p) {
		return nil
	}
	x, y := g.index(p)
	return g.cells[y*g.nx+x]
}

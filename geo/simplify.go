// Simplify: a Layer's polygons with the vertices removed that cannot show at
// a given scale, shared borders simplified once so neighbours stay sealed.

package geo

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// simplifyCache holds a Layer's simplified polygons per tolerance level.
type simplifyCache struct {
	mu     sync.Mutex
	nodes  map[orb.Point]bool // vertices where borders meet; built on first use
	levels map[int][]Poly     // per tolerance level k: 2^(k/levelsPerOctave)
}

// levelsPerOctave is how many levels of simplification share each doubling
// of the tolerance: a tolerance is rounded down to the level below it, so a
// drawing asking for at most t gets between 0.71 t and t (with one level per
// octave it would get as little as t/2, and up to a fifth more vertices
// than it needs at 1:50m), and zooming through an octave simplifies the
// outlines anew at most twice.
const levelsPerOctave = 2

// keepAllFraction: a level that would keep more than this fraction of the
// vertices is not worth its memory; Simplified returns Polys for it.
const keepAllFraction = 0.8

// Simplified returns the layer's polygons for drawing where a vertex may be
// off by at most tol projected units: the same polygons, in the same order
// and with the same Country, Bound and Area as Polys, whose rings keep only
// the vertices a Douglas-Peucker simplification with a tolerance of tol
// rounded down to its level (a power of √2, see levelsPerOctave) needs
// (every vertex removed lies within that tolerance of the segment replacing
// it). Dup and Chunks are those of the simplified rings. The polygons are
// for drawing only: hit-testing stays with the Layer's full detail.
//
// A stretch of border shared by several rings (two neighbours, a country and
// the hole of its enclave) is simplified the same way in each, from the
// same end, so all of them keep the same vertices there and no gap or
// overlap opens between them; the vertices where borders meet, and on a
// globe those on the ±180° cut, are always kept.
//
// Each level is computed on its first call and cached; the result must not
// be modified. For the 1:50m countries the first call on a layer takes about
// a tenth of a second (most of it finding where borders meet, once per
// layer), later levels less; the caller waits, and concurrent callers wait
// for the same result. Safe for concurrent use. A tol that is not positive
// and finite gives Polys.
func (l *Layer) Simplified(tol float64) []Poly {
	if l.simple == nil || !(tol > 0) || math.IsInf(tol, 0) {
		return l.Polys
	}
	level := toleranceLevel(tol)
	c := l.simple
	c.mu.Lock()
	defer c.mu.Unlock()
	if polys, ok := c.levels[level]; ok {
		return polys
	}
	if c.nodes == nil {
		c.nodes = l.borderNodes()
	}
	polys := l.simplify(levelTolerance(level), c.nodes)
	if c.levels == nil {
		c.levels = map[int][]Poly{}
	}
	c.levels[level] = polys
	return polys
}

// toleranceLevel is the level tol rounds down to: the k of the largest
// 2^(k/levelsPerOctave) not above tol.
func toleranceLevel(tol float64) int { return int(math.Floor(levelsPerOctave * math.Log2(tol))) }

// levelTolerance is the tolerance of level k (see toleranceLevel).
func levelTolerance(k int) float64 { return math.Exp2(float64(k) / levelsPerOctave) }

// Lines is a set of projected polylines (a graticule, the story's routes)
// with copies simplified for drawing at any scale, as Layer.Simplified
// does for polygons: a line sampled finely enough for the deepest zoom
// (a great-circle arc every 25 km, a meridian every degree) carries far
// more points than a world view can show. Safe for concurrent use; the
// lines must not be modified.
type Lines struct {
	Lines  []orb.LineString // full detail, projected
	mu     sync.Mutex
	levels map[int]SimplifiedLines
}

// SimplifiedLines is a Lines at one level of simplification: the lines in
// the same order, and the bounds of their chunks (see ChunkBounds).
type SimplifiedLines struct {
	Lines  []orb.LineString
	Chunks [][]orb.Bound
}

// NewLines returns the set of lines ls (projected; not copied).
func NewLines(ls []orb.LineString) *Lines { return &Lines{Lines: ls} }

// Simplified returns the lines for drawing where a point may be off by at
// most tol projected units: each line keeps its ends and the points a
// Douglas-Peucker simplification with tol rounded down to its level (see
// Layer.Simplified) needs. Each level is built on its first call (half a
// millisecond for the graticule's 3,800 points) and cached; callers must not
// modify the result. A tol that is not positive and finite gives the full
// lines.
func (l *Lines) Simplified(tol float64) SimplifiedLines {
	const full = math.MinInt // the level of the lines as they are
	level := full
	if tol > 0 && !math.IsInf(tol, 0) {
		level = toleranceLevel(tol)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if out, ok := l.levels[level]; ok {
		return out
	}
	var out SimplifiedLines
	var s simplifier
	if level != full {
		s.tol2 = levelTolerance(level) * levelTolerance(level)
	}
	for _, ls := range l.Lines {
		if level != full && len(ls) > 2 {
			s.arc = append(s.arc[:0], ls...)
			kept := s.simplifyArc(make([]orb.Point, 0, 8), s.arc)
			ls = append(kept, ls[len(ls)-1])
		}
		out.Lines = append(out.Lines, ls)
		out.Chunks = append(out.Chunks, ChunkBounds(orb.Ring(ls)))
	}
	if l.levels == nil {
		l.levels = map[int]SimplifiedLines{}
	}
	l.levels[level] = out
	return out
}

// borderNodes finds the vertices that must survive simplification: those
// with other than two distinct neighbours along all rings (where three
// countries meet, where a border reaches the coast, where a ring touches
// itself) and, on a globe, those on the ±180° cut.
func (l *Layer) borderNodes() map[orb.Point]bool {
	type adjacent struct {
		a, b orb.Point
		n    int // distinct neighbours seen, up to 3
	}
	n := 0
	for _, p := range l.Polys {
		for _, r := range p.Rings {
			n += len(r)
		}
	}
	adj := make(map[orb.Point]adjacent, n)
	add := func(p, q orb.Point) {
		v, seen := adj[p]
		switch {
		case !seen:
			adj[p] = adjacent{a: q, n: 1}
		case v.n >= 3 || q == v.a || (v.n == 2 && q == v.b):
		case v.n == 1:
			adj[p] = adjacent{a: v.a, b: q, n: 2}
		default:
			adj[p] = adjacent{n: 3}
		}
	}
	var onCut func(orb.Point) bool
	if o, globe := l.Proj.(Orthographic); globe {
		onCut = o.onAntimeridian()
	}
	nodes := map[orb.Point]bool{}
	for _, p := range l.Polys {
		for _, r := range p.Rings {
			m := openLen(r)
			for i := 0; i < m; i++ {
				add(r[i], r[(i+m-1)%m])
				add(r[i], r[(i+1)%m])
				if onCut != nil && onCut(r[i]) {
					nodes[r[i]] = true
				}
			}
		}
	}
	for p, v := range adj {
		if v.n != 2 {
			nodes[p] = true
		}
	}
	return nodes
}

// openLen is the number of distinct positions round ring r: its length
// without the closing point that repeats the first.
func openLen(r orb.Ring) int {
	if n := len(r); n > 1 && r[0] == r[n-1] {
		return n - 1
	}
	return len(r)
}

// simplify builds the polygons of one tolerance level (see Simplified), or
// returns l.Polys when it would remove too little to be worth keeping.
func (l *Layer) simplify(tol float64, nodes map[orb.Point]bool) []Poly {
	var s simplifier
	s.tol2 = tol * tol
	before, after := 0, 0
	polys := make([]Poly, len(l.Polys))
	for pi, p := range l.Polys {
		q := Poly{Country: p.Country, Bound: p.Bound, Area: p.Area, Rings: make([]orb.Ring, len(p.Rings))}
		for ri, r := range p.Rings {
			q.Rings[ri] = s.ring(r, nodes)
			q.Chunks = append(q.Chunks, ChunkBounds(q.Rings[ri]))
			before += len(r)
			after += len(q.Rings[ri])
		}
		polys[pi] = q
	}
	if float64(after) > keepAllFraction*float64(before) {
		return l.Polys
	}
	markSharedSegments(polys)
	if o, globe := l.Proj.(Orthographic); globe {
		markSeams(polys, o.onAntimeridian())
	}
	return polys
}

// simplifier holds one level's tolerance and scratch buffers.
type simplifier struct {
	tol2  float64 // squared tolerance, projected units²
	arc   []orb.Point
	keep  []bool
	stack [][2]int
}

// ring simplifies r: it cuts r into arcs at its nodes (or, if it has none, at
// its lowest vertex, so that every ring through the same points starts at
// the same one) and simplifies each arc on its own.
func (s *simplifier) ring(r orb.Ring, nodes map[orb.Point]bool) orb.Ring {
	m := openLen(r)
	if m < 3 {
		return append(orb.Ring(nil), r...)
	}
	var cuts []int
	for i := 0; i < m; i++ {
		if nodes[r[i]] {
			cuts = append(cuts, i)
		}
	}
	if len(cuts) == 0 {
		low := 0
		for i := 1; i < m; i++ {
			if less(r[i], r[low]) {
				low = i
			}
		}
		cuts = []int{low}
	}
	out := make(orb.Ring, 0, m/2+4)
	for k, from := range cuts {
		to := cuts[0] + m // round to the first cut
		if k+1 < len(cuts) {
			to = cuts[k+1]
		}
		s.arc = s.arc[:0]
		for i := from; i <= to; i++ {
			s.arc = append(s.arc, r[i%m])
		}
		out = s.simplifyArc(out, s.arc)
	}
	return append(out, out[0]) // close it
}

// simplifyArc appends to out the kept points of arc, all but its last.
// Both directions of the same arc keep the same points: the arc is
// simplified from its lower end (by less; a closed arc from the lower of
// its second and next-to-last points).
func (s *simplifier) simplifyArc(out []orb.Point, arc []orb.Point) []orb.Point {
	n := len(arc)
	reversed := less(arc[n-1], arc[0]) || (arc[0] == arc[n-1] && less(arc[n-2], arc[1]))
	if reversed {
		reverse(arc)
	}
	s.keep = append(s.keep[:0], make([]bool, n)...)
	s.keep[0], s.keep[n-1] = true, true
	s.stack = append(s.stack[:0], [2]int{0, n - 1})
	for len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		a, b := top[0], top[1]
		if b-a < 2 {
			continue
		}
		chord := segment{arc[a][0], arc[a][1], arc[b][0], arc[b][1]}
		far, farD := -1, s.tol2
		for i := a + 1; i < b; i++ {
			if d := segmentDistance2(arc[i], chord); d > farD {
				far, farD = i, d
			}
		}
		if far < 0 {
			continue
		}
		s.keep[far] = true
		s.stack = append(s.stack, [2]int{a, far}, [2]int{far, b})
	}
	if reversed {
		reverse(arc)
		reverseBools(s.keep)
	}
	for i := 0; i < n-1; i++ {
		if s.keep[i] {
			out = append(out, arc[i])
		}
	}
	return out
}

// less orders points by x, then y.
func less(p, q orb.Point) bool {
	return p[0] < q[0] || (p[0] == q[0] && p[1] < q[1])
}

func reverse(ps []orb.Point) {
	for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
		ps[i], ps[j] = ps[j], ps[i]
	}
}

func reverseBools(bs []bool) {
	for i, j := 0, len(bs)-1; i < j; i, j = i+1, j-1 {
		bs[i], bs[j] = bs[j], bs[i]
	}
}

// Marks: the story's layers — routes with arrowheads, markers, and labels
// placed without overlaps.
package render

import (
	"image/color"
	"math"
	"sort"
	"sync"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

var (
	_ Layer    = (*Routes)(nil)
	_ Layer    = (*Markers)(nil)
	_ Layer    = (*Labels)(nil)
	_ Preparer = (*Labels)(nil)
)

// Route is one projected line of a routes layer: a trip's arc, a corridor, a
// pipeline. Its pieces are the line cut at the map's edge (±180°); a route
// drawn again (a glow, a highlight) shares them, and with them their
// simplified copies.
type Route struct {
	Pieces  *geo.Lines // projected
	Color   color.NRGBA
	WidthDp float64
	DashDp  []float64   // drawn and skipped lengths in dp; nil for a solid line
	Casing  color.NRGBA // drawn under the line, casingDp wider, so it reads on any fill; zero for none
	Arrow   bool        // an arrowhead at the end of the last piece
	Meta    Meta
	bound   orb.Bound
}

// casingDp is how much wider than its line a route's casing is (dp).
const casingDp = 1.5

// lineTolerancePx is how far (device px) a drawn line (a route, the
// graticule) may stray from its full detail: a tenth of a pixel (rounded
// down to a level, see geo.Lines.Simplified), well within what a round
// join's chords may (arcStrayPx), so a smooth arc stays smooth.
const lineTolerancePx = 0.1

// Routes strokes lines with their own pens. Build it with NewRoutes.
type Routes struct {
	Name   string
	routes []Route
	bound  orb.Bound
}

// NewRoutes returns a layer named name drawing routes in order; it computes
// their bounds once.
func NewRoutes(name string, routes []Route) *Routes {
	l := &Routes{Name: name, routes: routes}
	for i := range l.routes {
		r := &l.routes[i]
		for j, p := range r.Pieces.Lines {
			if j == 0 {
				r.bound = p.Bound()
			} else {
				r.bound = r.bound.Union(p.Bound())
			}
		}
		if i == 0 {
			l.bound = r.bound
		} else {
			l.bound = l.bound.Union(r.bound)
		}
	}
	return l
}

func (l *Routes) ID() string       { return l.Name }
func (l *Routes) Bound() orb.Bound { return l.bound }
func (l *Routes) Draw(p Painter, dc *DrawContext) {
	var dash [8]float32
	for i := range l.routes {
		r := &l.routes[i]
		if !r.bound.Intersects(dc.Visible) {
			continue
		}
		pieces := dc.simplifiedLines(r.Pieces)
		pen := Pen{Width: dc.Px(r.WidthDp), Color: r.Color, Cap: CapRound}
		if n := min(len(r.DashDp), len(dash)); n > 0 {
			for k := 0; k < n; k++ {
				dash[k] = dc.Px(r.DashDp[k])
			}
			pen.Dash, pen.Cap = dash[:n], CapButt
		}
		if r.Casing.A > 0 {
			addPieces(p, dc, pieces, false)
			p.Stroke(Pen{Width: pen.Width + dc.Px(casingDp), Color: r.Casing, Cap: CapRound}, nil)
		}
		addPieces(p, dc, pieces, len(pen.Dash) > 0)
		p.Stroke(pen, &r.Meta)
		if n := len(pieces.Lines); r.Arrow && n > 0 {
			arrowhead(p, dc, pieces.Lines[n-1], pen.Width, r.Color, r.Casing)
		}
	}
}

// addPieces adds a route's pieces to p's path, in pixels: only the runs of
// them in sight of dc's band, unless dashed — a dash pattern runs on from
// the start of the line, so a dashed line is added whole.
func addPieces(p Painter, dc *DrawContext, pieces geo.SimplifiedLines, dashed bool) {
	for j, piece := range pieces.Lines {
		if dashed {
			p.Line(dc.Project(piece, 0.5))
		} else {
			dc.strokeRuns(p, piece, pieces.Chunks[j], nil, false)
		}
	}
}

// simplifiedLines is lines simplified for dc's scale (see lineTolerancePx).
func (dc *DrawContext) simplifiedLines(lines *geo.Lines) geo.SimplifiedLines {
	return lines.Simplified(lineTolerancePx / dc.T.S)
}

// lineBack is the point of line (projected) that is dist px from its last
// point, found walking back from there: the arrowhead points along the
// chord from it, which is the line's direction over the arrowhead's length
// however finely the line is sampled. It is the line's first point when the
// whole line lies within dist.
func lineBack(dc *DrawContext, line orb.LineString, dist float64) pt {
	tip := dc.Point(line[len(line)-1])
	near := tip
	for i := len(line) - 2; i >= 0; i-- {
		back := dc.Point(line[i])
		ex, ey := float64(near.x-tip.x), float64(near.y-tip.y)
		fx, fy := float64(back.x-near.x), float64(back.y-near.y)
		if bx, by := ex+fx, ey+fy; bx*bx+by*by >= dist*dist {
			// Where |e + t·f| = dist along near → back, 0 < t ≤ 1.
			ff, ef := fx*fx+fy*fy, ex*fx+ey*fy
			t := (-ef + math.Sqrt(max(0, ef*ef-ff*(ex*ex+ey*ey-dist*dist)))) / ff
			return pt{near.x + float32(t*fx), near.y + float32(t*fy)}
		}
		near = back
	}
	return near
}

// arrowhead fills a triangle at the end of line, pointing along its last
// stretch on screen; its size follows the line's width.
func arrowhead(p Painter, dc *DrawContext, line orb.LineString, width float32, col, casing color.NRGBA) {
	if len(line) < 2 {
		return
	}
	tip := dc.Point(line[len(line)-1])
	length := 3.5*width + dc.Px(4)
	back := lineBack(dc, line, float64(length))
	dx, dy := float64(tip.x-back.x), float64(tip.y-back.y)
	d := math.Hypot(dx, dy)
	if !(d > 0) {
		return
	}
	ux, uy := float32(dx/d), float32(dy/d)
	half := length * 0.45
	base := pt{tip.x - ux*length, tip.y - uy*length}
	tri := [3]pt{tip, {base.x - uy*half, base.y + ux*half}, {base.x + uy*half, base.y - ux*half}}
	if casing.A > 0 {
		p.Ring(tri[:])
		p.Stroke(Pen{Width: dc.Px(casingDp), Color: casing}, nil)
	}
	p.Ring(tri[:])
	p.Fill(col, nil)
}

// Marker is a round mark at a projected point.
type Marker struct {
	At       orb.Point // projected
	RadiusDp float64
	Fill     color.NRGBA
	Ring     color.NRGBA // outline colour; zero for none
	RingDp   float64
	Meta     Meta
}

// Markers draws round marks, in order.
type Markers struct {
	Name    string
	Markers []Marker
}

func (l *Markers) ID() string { return l.Name }
func (l *Markers) Bound() orb.Bound {
	if len(l.Markers) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}} // empty: never intersects
	}
	b := orb.Bound{Min: l.Markers[0].At, Max: l.Markers[0].At}
	for _, m := range l.Markers[1:] {
		b = b.Extend(m.At)
	}
	return b
}
func (l *Markers) Draw(p Painter, dc *DrawContext) {
	for i := range l.Markers {
		m := &l.Markers[i]
		if !dc.Visible.Contains(m.At) {
			continue
		}
		p.Circle(dc.Point(m.At), dc.Px(m.RadiusDp), m.Fill, Pen{Width: dc.Px(m.RingDp), Color: m.Ring}, &m.Meta)
	}
}

// Label is a text to place near a projected point.
type Label struct {
	Text     string
	At       orb.Point // projected anchor (a marker's centre)
	Priority int       // higher is placed first
	SizeDp   float64
	Bold     bool
	Color    color.NRGBA
	Halo     color.NRGBA
	// GapDp is the distance kept from the anchor (a marker's radius plus a gap).
	GapDp float64
	// MinScale hides the label while the map has fewer dp per projected unit:
	// minor names wait until the reader zooms in.
	MinScale float64
}

// Labels places texts without overlaps and draws them with a halo. Placement
// is greedy by priority (then input order), trying right of the anchor, then
// left, above and below (only right with RightOnly); a label that fits
// nowhere is dropped. It depends only on the map's scale, not on where the
// view is, so labels do not move while the map pans; it is computed once per
// scale, before the image is cut into bands.
type Labels struct {
	Name   string
	Labels []Label
	HaloDp float64
	// RightOnly places each label only right of its anchor, vertically
	// centred, and drops it if that spot is taken (Mapnik's point placement
	// with dx and no alternatives); false tries all four sides.
	RightOnly bool

	mu     sync.Mutex
	placed map[labelScale][]placedLabel // a few scales kept
	order  []labelScale
}

// labelScale is what a placement depends on: pixels per projected unit and
// per dp.
type labelScale struct{ s, px float64 }

// placedLabel is where a label goes: the left end of its baseline, as an
// offset in pixels from its anchor.
type placedLabel struct {
	index  int
	dx, dy float32
}

// labelCacheSize is how many scales' placements Labels keeps: the window's,
// an export's, a zoom preview's.
const labelCacheSize = 4

func (l *Labels) ID() string { return l.Name }

// Bound is "anywhere": labels reach past their anchors, so Draw culls them itself.
func (l *Labels) Bound() orb.Bound { return orb.Bound{} }

// Prepare places the labels for dc's scale, unless they already are.
func (l *Labels) Prepare(dc *DrawContext) {
	if dc.Fonts == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	key := labelScale{dc.T.S, dc.PxPerDp}
	if _, ok := l.placed[key]; ok {
		return
	}
	if l.placed == nil {
		l.placed = map[labelScale][]placedLabel{}
	}
	if len(l.order) >= labelCacheSize {
		delete(l.placed, l.order[0])
		l.order = l.order[1:]
	}
	l.placed[key] = l.place(dc)
	l.order = append(l.order, key)
}

// Placed returns the pixel boxes of the labels placed for dc's scale, for
// tests: [x0, y0, x1, y1] each, in dc's pixels.
func (l *Labels) Placed(dc *DrawContext) [][4]float32 {
	l.Prepare(dc)
	l.mu.Lock()
	defer l.mu.Unlock()
	var out [][4]float32
	for _, pl := range l.placed[labelScale{dc.T.S, dc.PxPerDp}] {
		lb := &l.Labels[pl.index]
		a := dc.Point(lb.At)
		m := dc.Fonts.For(lb.Bold).Measure(lb.Text, float64(dc.Px(lb.SizeDp)))
		out = append(out, [4]float32{a.x + pl.dx, a.y + pl.dy - float32(m.Ascent), a.x + pl.dx + float32(m.Width), a.y + pl.dy + float32(m.Descent)})
	}
	return out
}

// place runs the greedy placement in a frame of pixels that moves with the
// map: anchors at (S·x, −S·y), the transform without its offset.
func (l *Labels) place(dc *DrawContext) []placedLabel {
	s := dc.T.S
	idx := make([]int, len(l.Labels))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return l.Labels[idx[a]].Priority > l.Labels[idx[b]].Priority })
	type box struct{ x0, y0, x1, y1 float64 }
	var taken []box
	var out []placedLabel
	halo := float64(dc.Px(l.HaloDp))
	for _, i := range idx {
		lb := &l.Labels[i]
		if s/dc.PxPerDp < lb.MinScale {
			continue
		}
		ax, ay := lb.At[0]*s, -lb.At[1]*s
		if math.IsNaN(ax) || math.IsNaN(ay) {
			continue
		}
		size := float64(dc.Px(lb.SizeDp))
		m := dc.Fonts.For(lb.Bold).Measure(lb.Text, size)
		gap := float64(dc.Px(lb.GapDp))
		w, asc, desc := m.Width, m.Ascent, m.Descent
		mid := (asc - desc) / 2 // baseline offset that centres the text vertically
		// Baseline-left offsets from the anchor: right, left, above, below.
		cands := [4][2]float64{
			{gap, mid},
			{-gap - w, mid},
			{-w / 2, -gap - desc},
			{-w / 2, gap + asc},
		}
		tries := cands[:]
		if l.RightOnly {
			tries = cands[:1]
		}
		for _, c := range tries {
			b := box{ax + c[0] - halo, ay + c[1] - asc - halo, ax + c[0] + w + halo, ay + c[1] + desc + halo}
			free := true
			for _, t := range taken {
				if b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1 {
					free = false
					break
				}
			}
			if free {
				taken = append(taken, b)
				out = append(out, placedLabel{index: i, dx: float32(c[0]), dy: float32(c[1])})
				break
			}
		}
	}
	return out
}

func (l *Labels) Draw(p Painter, dc *DrawContext) {
	if dc.Fonts == nil {
		return
	}
	l.mu.Lock()
	placed := l.placed[labelScale{dc.T.S, dc.PxPerDp}]
	l.mu.Unlock()
	if placed == nil {
		return // not prepared for this scale
	}
	// Labels reach up to a few hundred pixels from their anchors.
	reach := orb.Bound{Min: dc.Visible.Min, Max: dc.Visible.Max}.Pad(300 / dc.T.S)
	for _, pl := range placed {
		lb := &l.Labels[pl.index]
		if !reach.Contains(lb.At) {
			continue
		}
		a := dc.Point(lb.At)
		p.Text(lb.Text, pt{a.x + pl.dx, a.y + pl.dy}, TextStyle{
			Size: dc.Px(lb.SizeDp), Color: lb.Color, Bold: lb.Bold, Halo: dc.Px(l.HaloDp), HaloColor: lb.Halo,
		}, nil)
	}
}

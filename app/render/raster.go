// Raster primitives: anti-aliased fills and strokes into an *image.RGBA by a
// sparse-cell scanline rasterizer. Each edge leaves signed area in the pixel
// cells it crosses; a sweep along each row turns the running sum into
// coverage, paints partial pixels one by one and covered runs as solid spans.
// The cost follows the length of the edges and the pixels painted, never a
// path's bounding box, so thin strokes and off-screen geometry cost little.
package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"math/big"
	"math/bits"
)

// pt is a point in device pixels.
type pt struct{ x, y float32 }

// cell is the signed area an edge leaves in one pixel of a row: the pixel's
// own coverage is acc+cover-area (acc: the covers of the cells to its left),
// and cover carries on to every pixel further right.
type cell struct {
	x           int32
	cover, area float32
}

// canvas draws paths into dst within clip. It keeps its buffers between paths,
// so drawing allocates nothing once warmed up. A canvas is not safe for
// concurrent use.
type canvas struct {
	dst     *image.RGBA
	clip    image.Rectangle // pixels that may be touched (inside dst.Rect)
	rows    [][]cell        // cells per row of clip, unsorted until the sweep
	touched []int32         // rows holding cells
	merged  []pixelCell     // the row being swept, summed per pixel
	row     rowSums         // scratch for summing long rows
	// rec, when set, notes which pixels each fill paints and how much (see
	// recorder); dst is then a whole base with its origin at (0, 0).
	rec *recorder
	// under, while pending, is the opaque colour the clip is yet to be
	// painted with before anything else is: the first opaque fill paints
	// it around itself in its own sweep (fillOnto), so that the pixels the
	// fill covers are written once; any other paint first paints the clip.
	under   color.NRGBA
	pending bool
}

// setTarget points the canvas at dst, drawing only inside clip.
func (c *canvas) setTarget(dst *image.RGBA, clip image.Rectangle) {
	c.dst, c.clip = dst, clip.Intersect(dst.Rect)
	c.pending = false
	c.beginPath()
	if h := c.clip.Dy(); cap(c.rows) < h {
		c.rows = make([][]cell, h)
	} else {
		c.rows = c.rows[:h]
	}
}

// paintLater makes the opaque colour under the clip's background, to be
// painted before the first paint (see canvas.under) or by paintUnder.
func (c *canvas) paintLater(under color.NRGBA) {
	c.under, c.pending = under, true
}

// paintUnder paints the clip with the pending background colour, if any.
func (c *canvas) paintUnder() {
	if c.pending {
		c.pending = false
		fillRect(c.dst, c.clip, c.under)
	}
}

// beginPath drops the current path.
func (c *canvas) beginPath() {
	for _, y := range c.touched {
		c.rows[y] = c.rows[y][:0]
	}
	c.touched = c.touched[:0]
}

// addRing adds a closed ring (device pixels) to the path.
func (c *canvas) addRing(r []pt) {
	if len(r) < 3 {
		return
	}
	prev := r[len(r)-1]
	for _, p := range r {
		c.line(prev, p)
		prev = p
	}
}

// addPoly adds the closed polygon ps to the path.
func (c *canvas) addPoly(ps ...pt) { c.addRing(ps) }

// addSegmentQuad adds a stroke segment a→b of width w (px) as a quad. All quads
// are wound the same way so overlaps saturate instead of cancelling.
func (c *canvas) addSegmentQuad(a, b pt, w float32) {
	dx, dy := b.x-a.x, b.y-a.y
	l := float32(math.Sqrt(float64(dx*dx + dy*dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.addPoly(pt{a.x + nx, a.y + ny}, pt{b.x + nx, b.y + ny}, pt{b.x - nx, b.y - ny}, pt{a.x - nx, a.y - ny})
}

// addJoin adds an octagon of diameter w (px) around p, wound like the quads,
// which rounds the joins of thick strokes.
func (c *canvas) addJoin(p pt, w float32) {
	r := w / 2
	const k = 0.70710677
	c.addPoly(pt{p.x + r, p.y}, pt{p.x + r*k, p.y - r*k}, pt{p.x, p.y - r}, pt{p.x - r*k, p.y - r*k},
		pt{p.x - r, p.y}, pt{p.x - r*k, p.y + r*k}, pt{p.x, p.y + r}, pt{p.x + r*k, p.y + r*k})
}

// strokeLine adds a polyline of width w (px) to the path: one quad per
// segment that can touch the clip, plus round joins on thick lines.
func (c *canvas) strokeLine(line []pt, w float32) {
	x0, y0 := float32(c.clip.Min.X)-w, float32(c.clip.Min.Y)-w
	x1, y1 := float32(c.clip.Max.X)+w, float32(c.clip.Max.Y)+w
	joins := w > 1.6
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		if (a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1) || (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1) {
			continue
		}
		c.addSegmentQuad(a, b, w)
		if joins {
			c.addJoin(b, w)
		}
	}
}

// line adds the edge a→b (device pixels) to the path.
func (c *canvas) line(a, b pt) {
	// Work in the clip's frame, in float64 so long edges stay exact.
	ox, oy := float64(c.clip.Min.X), float64(c.clip.Min.Y)
	x0, y0, x1, y1 := float64(a.x)-ox, float64(a.y)-oy, float64(b.x)-ox, float64(b.y)-oy
	if y0 == y1 || !finite(x0) || !finite(y0) || !finite(x1) || !finite(y1) {
		return
	}
	dir := 1.0
	if y0 > y1 {
		x0, y0, x1, y1, dir = x1, y1, x0, y0, -1
		a, b = b, a
	}
	h, w := float64(c.clip.Dy()), float64(c.clip.Dx())
	if y1 <= 0 || y0 >= h {
		return
	}
	if x0 >= 0 && x0 <= w && x1 >= 0 && x1 <= w {
		c.edge(x0, y0, x1, y1, dir, h) // within the columns, as most edges are
		return
	}
	// Cut at x = 0 and x = w. Left of the clip an edge still covers every pixel
	// to its right, so that part runs down x = 0; right of it, it covers nothing.
	// The cuts, like the walk, depend on the edge and the clip's columns only,
	// not on its rows: every band of an image walks an edge alike. They are
	// found in the image's frame, from the edge's own ends: an end far off
	// (10³⁵ px) loses the clip's offset when moved into its frame, which
	// would move the cut by as much.
	xs := [4]float64{x0, 0, 0, x1}
	ys := [4]float64{y0, 0, 0, y1}
	n := 1
	for _, edge := range [2]float64{0, w} {
		if (x0 < edge) != (x1 < edge) && x0 != x1 {
			xs[n], ys[n] = edge, crossAt(float64(a.x), float64(a.y), float64(b.x), float64(b.y), ox+edge)-oy
			n++
		}
	}
	xs[n], ys[n] = x1, y1
	if n == 3 && ys[1] > ys[2] { // the two cuts came out of order
		xs[1], xs[2], ys[1], ys[2] = xs[2], xs[1], ys[2], ys[1]
	}
	for i := 0; i < n; i++ {
		xa, ya, xb, yb := xs[i], ys[i], xs[i+1], ys[i+1]
		if yb <= ya {
			continue
		}
		switch mid := (xa + xb) / 2; {
		case mid <= 0:
			c.edge(0, ya, 0, yb, dir, h)
		case mid >= w:
			// covers only pixels right of the clip
		default:
			c.edge(fmax(0, fmin(w, xa)), ya, fmax(0, fmin(w, xb)), yb, dir, h)
		}
	}
}

// edge walks the rows of the clip (0 ≤ y < h) that the edge (ya < yb, inside
// the clip's columns) crosses, row by row. The x where the edge crosses a
// row's boundary is interpolated from its top end, whichever rows are
// walked, so that an image drawn in bands gets the same cells as one drawn
// whole; it is kept within [xa, xb] (and at the ends is xa and xb
// themselves): round-off must not carry it past the clip's side, where it
// would leave a cell outside the row.
func (c *canvas) edge(xa, ya, xb, yb, dir, h float64) {
	if ya >= 0 {
		if row := whole(ya); yb <= row+1 && yb <= h { // within one row, as short edges are
			c.rowEdge(int32(row), xa, ya-row, xb, yb-row, dir)
			return
		}
	}
	y0, y1 := fmax(ya, 0), fmin(yb, h)
	if y1 <= y0 {
		return
	}
	dxdy := (xb - xa) / (yb - ya)
	lo, hi := fmin(xa, xb), fmax(xa, xb)
	at := func(y float64) float64 {
		switch y {
		case ya:
			return xa
		case yb:
			return xb
		}
		return fmax(lo, fmin(hi, xa+(y-ya)*dxdy))
	}
	y, x := y0, at(y0)
	for y < y1 {
		row := whole(y)
		ny := fmin(row+1, y1)
		nx := at(ny)
		c.rowEdge(int32(row), x, y-row, nx, ny-row, dir)
		x, y = nx, ny
	}
}

// rowEdge adds the part of an edge inside one row, cell by cell; ya and yb
// are heights within the row (0 to 1), so the sums come out the same in
// whichever band of the image the row lies. xa and xb are within the clip's
// columns (0 to its width).
func (c *canvas) rowEdge(row int32, xa, ya, xb, yb, dir float64) {
	cells := c.rows[row]
	if len(cells) == 0 {
		c.touched = append(c.touched, row)
	}
	c.rows[row] = rowCells(cells, xa, ya, xb, yb, dir)
}

// rowCells is rowEdge on one row's cells: it returns them with the edge's
// added, from left to right (an edge running leftwards is walked from its
// other end, with its direction turned round), so that the cells of one
// edge come in order and a row's cells sort quickly.
func rowCells(cells []cell, xa, ya, xb, yb, dir float64) []cell {
	if xb < xa {
		xa, ya, xb, yb, dir = xb, yb, xa, ya, -dir
	}
	dy := (yb - ya) * dir
	if cx := whole(xa); xb <= cx+1 {
		return put(cells, int32(cx), dy, dy*((xa+xb)/2-cx))
	}
	// The edge crosses columns: split it at each vertical pixel boundary.
	dydx := (yb - ya) / (xb - xa)
	x, y := xa, ya
	for {
		cx := whole(x)
		bound, ny := cx+1, 0.0
		if bound >= xb {
			bound, ny = xb, yb
		} else {
			ny = ya + (bound-xa)*dydx
		}
		piece := (ny - y) * dir
		cells = put(cells, int32(cx), piece, piece*((x+bound)/2-cx))
		if bound == xb {
			return cells
		}
		x, y = bound, ny
	}
}

// whole is the whole part of x, for 0 ≤ x < 2³¹: the floor of the pixel
// coordinates of the edge walk, which are never negative.
func whole(x float64) float64 { return float64(int32(x)) }

// crossAt is the b coordinate where the segment (a0, b0)→(a1, b1) (a0 ≠ a1)
// reaches a = at. It interpolates from the endpoint nearer to at, so a point
// far off the canvas costs no precision where the segment crosses it. When
// both ends lie more than farPx from at, float64 would lose the crossing's
// pixels (at − a rounds to a multiple of a's spacing, far more than a
// pixel for a point 10³⁵ px off), so it is worked out in exact arithmetic.
func crossAt(a0, b0, a1, b1, at float64) float64 {
	d0, d1 := math.Abs(at-a0), math.Abs(at-a1)
	if d0 > farPx && d1 > farPx {
		return crossAtExact(a0, b0, a1, b1, at)
	}
	if d0 <= d1 {
		return b0 + (at-a0)*(b1-b0)/(a1-a0)
	}
	return b1 + (at-a1)*(b1-b0)/(a1-a0)
}

// farPx is how far (px) from a cut both ends of an edge may lie before
// crossAt turns to exact arithmetic: within it, the crossing strays from
// the edge by at most farPx·2⁻⁵³ px (2⁻²¹ px). A view's own outlines never
// reach it; a path of points scaled off to 10³⁵ px does.
const farPx = 1 << 32

// crossAtExact is crossAt worked out in 512-bit arithmetic, where the
// differences of float32 points are exact and what rounds, rounds far
// below a pixel.
func crossAtExact(a0, b0, a1, b1, at float64) float64 {
	f := func(v float64) *big.Float { return new(big.Float).SetPrec(512).SetFloat64(v) }
	num := f(0).Mul(f(0).Sub(f(at), f(a0)), f(0).Sub(f(b1), f(b0)))
	q := f(0).Quo(num, f(0).Sub(f(a1), f(a0)))
	v, _ := q.Add(q, f(b0)).Float64()
	return v
}

// finite reports whether f is neither NaN nor infinite.
func finite(f float64) bool { return f-f == 0 }

// floor, fmin and fmax are math.Floor, Min and Max for the finite values of
// the edge walk, without their NaN and infinity cases.
func floor(x float64) float64 {
	if x > 1<<52 || x < -(1<<52) {
		return math.Floor(x) // already whole; int64 would overflow
	}
	f := float64(int64(x))
	if f > x {
		f--
	}
	return f
}

func fmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// put accumulates a piece of an edge into the cell at x of a row's cells:
// into the last cell when that is the same pixel, as the pieces of one edge
// in one pixel are. Rows hold cells in [0, width] only: a piece left of the
// clip covers all of pixel 0 (its cover, no area), and the edge walk never
// leaves one further right than width. What a row holds depends only on
// the edges walked through it, in their order, so every band of an image
// gets the same cells.
func put(cells []cell, x int32, cover, area float64) []cell {
	if x < 0 {
		x, area = 0, 0
	}
	if n := len(cells); n > 0 && cells[n-1].x == x {
		cells[n-1].cover += float32(cover)
		cells[n-1].area += float32(area)
		return cells
	}
	return append(cells, cell{x, float32(cover), float32(area)})
}

// fill paints the path in col (non-zero winding: rings wound opposite to their
// exterior cut holes) and clears the path.
func (c *canvas) fill(col color.NRGBA) {
	if col.A == 0 {
		c.beginPath()
		return
	}
	if c.pending {
		if col.A == 255 && c.rec == nil {
			c.fillOnto(col)
			return
		}
		c.paintUnder()
	}
	w := int32(c.clip.Dx())
	ca := float32(col.A) / 255
	rb, ga := lanes(col) // for the edge pixels: blendAlpha, inlined
	for _, y := range c.touched {
		cells, pix := c.sweepRow(int(y))
		var acc float64
		for i, cl := range cells {
			x, cover, area := cl.x, cl.cover, cl.area
			if x >= w {
				break
			}
			p := pix[4*x : 4*x+4 : 4*x+4]
			if al := alpha8(coverage(acc+cover-area) * ca); al > 0 {
				if c.rec != nil {
					c.rec.pixel(c.clip.Min.X+int(x), c.clip.Min.Y+int(y), al, p)
				}
				// An alpha of 255 gives col exactly (see putBlended).
				putBlended(p, rb*al+roundLanes, ga*al+roundLanes, 255-al)
			}
			acc += cover
			next := w
			if i+1 < len(cells) {
				next = min(cells[i+1].x, w)
			}
			if x+1 < next {
				if a := coverage(acc) * ca; a > 0 {
					span := pix[4*(x+1) : 4*next]
					if al := alpha8(a); c.rec != nil && al > 0 {
						c.rec.span(c.clip.Min.X+int(x)+1, c.clip.Min.X+int(next), c.clip.Min.Y+int(y), al, span)
					}
					blendSpan(span, col, a)
				}
			}
		}
	}
	c.beginPath()
}

// pixelCell is the sum of a row's cells at one pixel: cover carries on to
// every pixel further right, cover-area is the pixel's own.
type pixelCell struct {
	x           int32
	cover, area float64
}

// sweepRow returns the cells of row y of the clip summed per pixel, in
// order of x, and the row's pixels in dst. The returned cells are valid
// until the next call.
//
// The sums are in float64, adding a pixel's cells in the order they were
// added to the row: a row crossed by thousands of edges (strokes piled on
// one pixel where a view meets the world's corner) would otherwise carry
// float32's rounding along the rest of the row as a faint wash, and a fixed
// order makes the bytes the same however the row was summed.
func (c *canvas) sweepRow(y int) ([]pixelCell, []uint8) {
	cells := c.rows[y]
	if len(cells) > shortRow {
		c.merged = c.row.sum(cells, c.clip.Dx(), c.merged[:0])
	} else {
		c.merged = sortedSums(cells, c.merged[:0])
	}
	off := c.dst.PixOffset(c.clip.Min.X, c.clip.Min.Y+y)
	n := 4 * c.clip.Dx()
	return c.merged, c.dst.Pix[off : off+n : off+n]
}

// shortRow is the most cells a row sums by sorting them: a longer row is
// summed in a dense row (rowSums), which costs its cells and its width / 64
// instead of a sort's cells²/4 or two passes of a radix sort.
const shortRow = 16

// sortedSums sorts a short row's cells by x (an insertion sort, which keeps
// the cells of one pixel in the order they were added; the cells of one edge
// come in order) and appends their sums per pixel to out.
func sortedSums(cs []cell, out []pixelCell) []pixelCell {
	for i := 1; i < len(cs); i++ {
		v := cs[i]
		j := i
		for ; j > 0 && cs[j-1].x > v.x; j-- {
			cs[j] = cs[j-1]
		}
		cs[j] = v
	}
	for i := 0; i < len(cs); {
		x := cs[i].x
		var cover, area float64
		for ; i < len(cs) && cs[i].x == x; i++ {
			cover += float64(cs[i].cover)
			area += float64(cs[i].area)
		}
		out = append(out, pixelCell{x, cover, area})
	}
	return out
}

// rowSums sums long rows per pixel: each cell is added into its pixel's
// slot of a dense row, a bit marks the pixels holding any, and a scan of
// the bits reads the sums back in order of x and clears them.
type rowSums struct {
	cover, area []float64
	used        []uint64 // bit x%64 of word x/64: pixel x holds cells
}

// sum appends the sums per pixel of cells (x in [0, width]) to out, in
// order of x, and leaves the dense row clear.
func (r *rowSums) sum(cells []cell, width int, out []pixelCell) []pixelCell {
	if n := width + 1; len(r.cover) < n {
		r.cover, r.area = make([]float64, n), make([]float64, n)
		r.used = make([]uint64, (n+63)/64)
	}
	lo, hi := cells[0].x, cells[0].x
	for _, cl := range cells {
		x := cl.x
		word, bit := x>>6, uint64(1)<<(x&63)
		if r.used[word]&bit == 0 {
			r.used[word] |= bit
			r.cover[x], r.area[x] = float64(cl.cover), float64(cl.area)
		} else {
			r.cover[x] += float64(cl.cover)
			r.area[x] += float64(cl.area)
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	for word := lo >> 6; word <= hi>>6; word++ {
		for b := r.used[word]; b != 0; b &= b - 1 {
			x := word<<6 | int32(bits.TrailingZeros64(b))
			out = append(out, pixelCell{x, r.cover[x], r.area[x]})
		}
		r.used[word] = 0
	}
	return out
}

// fillOnto is fill for an opaque colour while the clip is yet to be painted
// with c.under: one sweep over every row of the clip paints the path blended
// over the under colour and the rest of the row with it. The bytes are those
// of painting the clip and then filling, and the covered pixels are written
// once.
func (c *canvas) fillOnto(col color.NRGBA) {
	c.pending = false
	w := int32(c.clip.Dx())
	for y := range c.clip.Dy() {
		cells, pix := c.sweepRow(y)
		var acc float64
		x := int32(0) // the first pixel of the row not painted yet
		for _, cl := range cells {
			cx, cover, area := cl.x, cl.cover, cl.area
			if cx >= w {
				break
			}
			c.spanOnto(pix[4*x:4*cx], col, coverage(acc))
			c.spanOnto(pix[4*cx:4*cx+4], col, coverage(acc+cover-area))
			acc += cover
			x = cx + 1
		}
		c.spanOnto(pix[4*x:], col, coverage(acc))
	}
	c.beginPath()
}

// spanOnto paints a run of pixels with col at coverage a over c.under.
func (c *canvas) spanOnto(pix []uint8, col color.NRGBA, a float32) {
	if len(pix) < 4 {
		return
	}
	p := pix[:4:4]
	p[0], p[1], p[2], p[3] = c.under.R, c.under.G, c.under.B, 255
	blendPixel(p, col, a)
	repeatPixel(pix)
}

// coverage maps a winding sum to coverage in [0, 1] (non-zero rule).
func coverage(acc float64) float32 {
	if acc < 0 {
		acc = -acc
	}
	return float32(min(acc, 1))
}

// alpha8 is the alpha in [0, 255] that coverage a in [0, 1] blends with.
func alpha8(a float32) uint32 { return uint32(a*255 + 0.5) }

// blendPixel composites col over one RGBA pixel with alpha a in [0, 1].
func blendPixel(p []uint8, col color.NRGBA, a float32) { blendAlpha(p, col, alpha8(a)) }

// blendAlpha composites col over one RGBA pixel with alpha al in [0, 255].
func blendAlpha(p []uint8, col color.NRGBA, al uint32) {
	if al == 0 {
		return
	}
	if al >= 255 {
		p[0], p[1], p[2], p[3] = col.R, col.G, col.B, 255
		return
	}
	srb, sga := premul(col, al)
	putBlended(p, srb, sga, 255-al)
}

// lanes is col's channels two to a word, in 16-bit lanes: red and blue,
// then green and alpha (opaque).
func lanes(col color.NRGBA) (rb, ga uint32) {
	return uint32(col.R) | uint32(col.B)<<16, uint32(col.G) | 255<<16
}

// premul is col's channels times al, plus the rounding term, in the lanes
// of lanes.
func premul(col color.NRGBA, al uint32) (rb, ga uint32) {
	rb, ga = lanes(col)
	return rb*al + roundLanes, ga*al + roundLanes
}

// roundLanes is 127 in each 16-bit lane: the rounding term of a channel
// times an alpha, before the division by 255.
const roundLanes = 0x007f007f

// putBlended sets the pixel p to (src·al + p·inv + 127) / 255 per channel,
// given src's premultiplied lanes from premul: two channels per operation.
// (y + 1 + y>>8) >> 8 is y/255 exactly for every y the lanes hold (< 65535).
func putBlended(p []uint8, srb, sga, inv uint32) {
	v := binary.LittleEndian.Uint32(p) // one load: R, G, B, A from the low byte up
	rb := (v&0x00ff00ff)*inv + srb
	ga := ((v>>8)&0x00ff00ff)*inv + sga
	rb = (rb + 0x00010001 + (rb>>8)&0x00ff00ff) >> 8 & 0x00ff00ff
	ga = (ga + 0x00010001 + (ga>>8)&0x00ff00ff) >> 8 & 0x00ff00ff
	binary.LittleEndian.PutUint32(p, rb|ga<<8)
}

// blendSpan composites col over a run of RGBA pixels with one alpha.
func blendSpan(pix []uint8, col color.NRGBA, a float32) {
	al := alpha8(a)
	if al == 0 {
		return
	}
	if al >= 255 {
		fillPixels(pix, col)
		return
	}
	srb, sga := premul(col, al)
	inv := 255 - al
	for i := 0; i+3 < len(pix); i += 4 {
		putBlended(pix[i:i+4:i+4], srb, sga, inv)
	}
}

// fillPixels sets a run of RGBA pixels to an opaque colour: one pixel by hand,
// then repeatPixel.
func fillPixels(pix []uint8, col color.NRGBA) {
	if len(pix) < 4 {
		return
	}
	pix[0], pix[1], pix[2], pix[3] = col.R, col.G, col.B, 255
	repeatPixel(pix)
}

// repeatPixel copies the first pixel of a run over the rest of it: two
// pixels at a time up to 16, then by doubling copies, which run at memory
// speed (a short run is done before a copy would start).
func repeatPixel(pix []uint8) {
	if len(pix) < 8 {
		return
	}
	v := uint64(binary.LittleEndian.Uint32(pix))
	v |= v << 32
	binary.LittleEndian.PutUint32(pix[4:8], uint32(v))
	n := min(len(pix), 64) &^ 7 // the bytes done two pixels at a time
	for i := 8; i < n; i += 8 {
		binary.LittleEndian.PutUint64(pix[i:i+8], v)
	}
	if len(pix) <= 64 {
		if n < len(pix) {
			binary.LittleEndian.PutUint32(pix[n:n+4], uint32(v))
		}
		return
	}
	for ; n < len(pix); n *= 2 {
		copy(pix[n:], pix[:n])
	}
}

// fillRect paints the rectangle r of dst with an opaque colour.
func fillRect(dst *image.RGBA, r image.Rectangle, col color.NRGBA) {
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	n := 4 * r.Dx()
	row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):]
	fillPixels(row[:n], col)
	for y := 1; y < r.Dy(); y++ {
		off := dst.PixOffset(r.Min.X, r.Min.Y+y)
		copy(dst.Pix[off:off+n], row[:n])
	}
}

// hairlineMax is the widest stroke (px) drawn as a hairline: thin enough that
// its band crosses at most two pixels per column (or row).
const hairlineMax = 1.25

// stroke draws a polyline of width w (px) in col. Hairlines are composited
// straight away, column by column; thicker lines become quads and joins that
// are filled as a path. Any path under construction is filled with it.
func (c *canvas) stroke(line []pt, w float32, col color.NRGBA) {
	c.paintUnder()
	if w > hairlineMax {
		c.strokeLine(line, w)
		c.fill(col)
		return
	}
	// An image drawn in bands hands each band every segment near it: skip
	// those whose box, grown by the band's reach (under 2w), misses the clip.
	x0, y0 := float32(c.clip.Min.X)-2*w, float32(c.clip.Min.Y)-2*w
	x1, y1 := float32(c.clip.Max.X)+2*w, float32(c.clip.Max.Y)+2*w
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		if (a.y < y0 && b.y < y0) || (a.y > y1 && b.y > y1) || (a.x < x0 && b.x < x0) || (a.x > x1 && b.x > x1) {
			continue
		}
		c.hairSegment(a, b, w, col)
	}
}

// hairSegment blends the band of width w (px) around a→b into dst. Along the
// segment's major axis each pixel column (or row) gets the band's exact
// crossing length, split between the two pixels it overlaps; columns at the
// ends get the part of the column the segment spans, so consecutive segments
// share a vertex's column without drawing it twice.
func (c *canvas) hairSegment(a, b pt, w float32, col color.NRGBA) {
	ax, ay, bx, by := float64(a.x), float64(a.y), float64(b.x), float64(b.y)
	dx, dy := bx-ax, by-ay
	if !finite(dx) || !finite(dy) || (dx == 0 && dy == 0) {
		return
	}
	steep := math.Abs(dy) > math.Abs(dx)
	if steep { // walk rows instead of columns: swap the axes
		ax, ay, bx, by, dx, dy = ay, ax, by, bx, dy, dx
	}
	if ax > bx {
		ax, ay, bx, by = bx, by, ax, ay
	}
	lo, hi := c.clip.Min.X, c.clip.Max.X
	across0, across1 := float64(c.clip.Min.Y), float64(c.clip.Max.Y)
	if steep {
		lo, hi = c.clip.Min.Y, c.clip.Max.Y
		across0, across1 = float64(c.clip.Min.X), float64(c.clip.Max.X)
	}
	slope := dy / dx
	if float64(lo)-ax > farPx && bx-float64(hi) > farPx {
		// Both ends far beyond the clip's columns: the centre of a column,
		// from either end, would lose its pixels (see crossAt). Start and
		// end the segment just outside the columns instead.
		ay, by = crossAt(ax, ay, bx, by, float64(lo-1)), crossAt(ax, ay, bx, by, float64(hi+1))
		ax, bx = float64(lo-1), float64(hi+1)
	}
	// The band's thickness across the walk axis: w / cos θ.
	t := float64(w) * math.Sqrt(1+slope*slope)
	ca := float64(col.A) / 255
	x0 := fmax(floor(ax), float64(lo))
	x1 := fmin(floor(bx), float64(hi-1))
	// Steps through dst.Pix along the walk axis and across it.
	dst := c.dst
	stepAlong, stepAcross := 4, dst.Stride
	if steep {
		stepAlong, stepAcross = dst.Stride, 4
	}
	base := -dst.Rect.Min.Y*dst.Stride - dst.Rect.Min.X*4 // PixOffset(0, 0)
	pix := dst.Pix
	rb, ga := lanes(col) // once for all the segment's pixels
	ht := t / 2
	// The columns holding the ends: the segment spans part of them only.
	endA, endB := floor(ax), floor(bx)
	for x := x0; x <= x1; x++ {
		// The part of column [x, x+1) the segment spans, and the band's
		// centre there: all of it in the columns between the ends.
		span, xm := ca, x+0.5
		if x == endA || x == endB {
			s0, s1 := fmax(x, ax), fmin(x+1, bx)
			if s1 <= s0 {
				continue
			}
			span, xm = (s1-s0)*ca, (s0+s1)/2
		}
		// The centre, from the nearer end (a far-off end costs no precision here).
		yc := ay + (xm-ax)*slope
		if xm-ax > bx-xm {
			yc = by + (xm-bx)*slope
		}
		top, bot := yc-ht, yc+ht
		if bot <= across0 || top >= across1 {
			continue // the band misses the clip in this column
		}
		r := floor(top)
		if r >= across0 && bot <= r+2 && r+2 <= across1 {
			// Within two pixels of the clip, as a hairline's band mostly
			// is: the first gets from top to its bottom (or to bot), the
			// second the rest — the terms of the loop below.
			off := base + int(x)*stepAlong + int(r)*stepAcross
			al := alpha8(float32((fmin(bot, r+1) - top) * span))
			putBlended(pix[off:off+4:off+4], rb*al+roundLanes, ga*al+roundLanes, 255-al)
			if bot > r+1 {
				off += stepAcross
				al = alpha8(float32((bot - (r + 1)) * span))
				putBlended(pix[off:off+4:off+4], rb*al+roundLanes, ga*al+roundLanes, 255-al)
			}
			continue
		}
		r = fmax(r, across0)
		end := fmin(bot, across1)
		off := base + int(x)*stepAlong + int(r)*stepAcross
		for ; r < end; r, off = r+1, off+stepAcross {
			// At most 1: the band's part of one pixel times span ≤ 1.
			cov := (fmin(bot, r+1) - fmax(top, r)) * span
			if cov <= 0 {
				continue
			}
			// blendAlpha, with the lanes worked out once (it does not inline);
			// an alpha of 255 gives col exactly, one of 0 leaves the pixel.
			al := alpha8(float32(cov))
			putBlended(pix[off:off+4:off+4], rb*al+roundLanes, ga*al+roundLanes, 255-al)
		}
	}
}

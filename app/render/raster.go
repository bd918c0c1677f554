// Raster primitives: anti-aliased fills and strokes into an *image.RGBA through
// a reused coverage mask, compositing only the covered pixels.
package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// pt is a point in device pixels.
type pt struct{ x, y float32 }

// canvas draws paths into dst. It owns one rasterizer and one mask buffer that
// are reused for every path, so drawing allocates nothing once warmed up.
// A canvas is not safe for concurrent use.
type canvas struct {
	dst  *image.RGBA
	clip image.Rectangle // pixels that may be touched (dst.Bounds or smaller)
	z    vector.Rasterizer
	mask []uint8
	path [][]pt  // rings of the path under construction, reused
	tmp  [2][]pt // scratch for clipping
}

// margin is how far (px) outside the clip rectangle geometry is kept before
// being cut, so strokes at the edge keep their full width.
const margin = 8

// beginPath starts a new path, dropping the previous one.
func (c *canvas) beginPath() {
	for i := range c.path {
		c.path[i] = c.path[i][:0]
	}
	c.path = c.path[:0]
}

// addRing appends a closed ring (device pixels) to the path, cut to the clip
// rectangle (plus a margin) so off-screen geometry costs nothing.
func (c *canvas) addRing(r []pt) {
	if len(r) < 3 {
		return
	}
	if cap(c.path) > len(c.path) {
		c.path = c.path[:len(c.path)+1]
	} else {
		c.path = append(c.path, nil)
	}
	i := len(c.path) - 1
	c.path[i] = clipRing(c.path[i][:0], &c.tmp, r, c.clipF())
	if len(c.path[i]) < 3 {
		c.path = c.path[:i]
	}
}

// addSegmentQuad appends a stroke segment a→b of width w (px) as a quad. All
// quads are wound the same way so overlaps saturate instead of cancelling.
func (c *canvas) addSegmentQuad(a, b pt, w float32) {
	dx, dy := b.x-a.x, b.y-a.y
	l := float32(math.Sqrt(float64(dx*dx + dy*dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.addRaw(pt{a.x + nx, a.y + ny}, pt{b.x + nx, b.y + ny}, pt{b.x - nx, b.y - ny}, pt{a.x - nx, a.y - ny})
}

// addJoin appends an octagon of diameter w (px) around p, wound like the quads,
// which rounds the joins of thick strokes.
func (c *canvas) addJoin(p pt, w float32) {
	r := w / 2
	const k = 0.70710677
	c.addRaw(pt{p.x + r, p.y}, pt{p.x + r*k, p.y - r*k}, pt{p.x, p.y - r}, pt{p.x - r*k, p.y - r*k},
		pt{p.x - r, p.y}, pt{p.x - r*k, p.y + r*k}, pt{p.x, p.y + r}, pt{p.x + r*k, p.y + r*k})
}

func (c *canvas) addRaw(ps ...pt) {
	if cap(c.path) > len(c.path) {
		c.path = c.path[:len(c.path)+1]
	} else {
		c.path = append(c.path, nil)
	}
	i := len(c.path) - 1
	c.path[i] = append(c.path[i][:0], ps...)
}

// strokeLine adds a polyline of width w (px) to the path: one quad per visible
// segment, plus round joins when the line is thick enough for gaps to show.
func (c *canvas) strokeLine(line []pt, w float32) {
	cl := c.clipF()
	cl.x0, cl.y0, cl.x1, cl.y1 = cl.x0-w, cl.y0-w, cl.x1+w, cl.y1+w
	joins := w > 1.6
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		if (a.x < cl.x0 && b.x < cl.x0) || (a.x > cl.x1 && b.x > cl.x1) ||
			(a.y < cl.y0 && b.y < cl.y0) || (a.y > cl.y1 && b.y > cl.y1) {
			continue
		}
		a, b, ok := clipSegment(a, b, cl)
		if !ok {
			continue
		}
		c.addSegmentQuad(a, b, w)
		if joins {
			c.addJoin(b, w)
		}
	}
}

type rectF struct{ x0, y0, x1, y1 float32 }

func (c *canvas) clipF() rectF {
	return rectF{float32(c.clip.Min.X - margin), float32(c.clip.Min.Y - margin), float32(c.clip.Max.X + margin), float32(c.clip.Max.Y + margin)}
}

// fill rasterizes the path and composites col over dst where it is covered.
// Rings wound opposite to their exterior cut holes (non-zero winding, clamped).
func (c *canvas) fill(col color.NRGBA) {
	if len(c.path) == 0 || col.A == 0 {
		return
	}
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, r := range c.path {
		for _, p := range r {
			minX, maxX = min(minX, p.x), max(maxX, p.x)
			minY, maxY = min(minY, p.y), max(maxY, p.y)
		}
	}
	box := image.Rect(int(math.Floor(float64(minX))), int(math.Floor(float64(minY))),
		int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1).Intersect(c.clip)
	if box.Empty() {
		return
	}
	w, h := box.Dx(), box.Dy()
	c.z.Reset(w, h)
	c.z.DrawOp = draw.Src
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, r := range c.path {
		c.z.MoveTo(r[0].x-ox, r[0].y-oy)
		for _, p := range r[1:] {
			c.z.LineTo(p.x-ox, p.y-oy)
		}
		c.z.ClosePath()
	}
	if n := w * h; cap(c.mask) < n {
		c.mask = make([]uint8, n)
	}
	m := &image.Alpha{Pix: c.mask[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	c.z.Draw(m, m.Rect, image.Opaque, image.Point{})
	composite(c.dst, box, m.Pix, col)
}

// composite blends col over dst inside box, weighted by the coverage mask
// (one byte per pixel of box, row-major). Uncovered pixels are skipped.
func composite(dst *image.RGBA, box image.Rectangle, mask []uint8, col color.NRGBA) {
	w := box.Dx()
	ca := uint32(col.A)
	cr, cg, cb := uint32(col.R), uint32(col.G), uint32(col.B)
	for y := 0; y < box.Dy(); y++ {
		row := mask[y*w : y*w+w]
		off := dst.PixOffset(box.Min.X, box.Min.Y+y)
		pix := dst.Pix[off : off+4*w]
		for x, a := range row {
			if a == 0 {
				continue
			}
			al := uint32(a)
			if ca != 255 {
				al = (al*ca + 127) / 255
			}
			if al == 255 {
				pix[4*x], pix[4*x+1], pix[4*x+2], pix[4*x+3] = col.R, col.G, col.B, 255
				continue
			}
			inv := 255 - al
			p := pix[4*x : 4*x+4 : 4*x+4]
			p[0] = uint8((cr*al + uint32(p[0])*inv + 127) / 255)
			p[1] = uint8((cg*al + uint32(p[1])*inv + 127) / 255)
			p[2] = uint8((cb*al + uint32(p[2])*inv + 127) / 255)
			p[3] = uint8((255*al + uint32(p[3])*inv + 127) / 255)
		}
	}
}

// clipRing cuts a closed ring to the rectangle r (Sutherland–Hodgman, one edge
// at a time) and appends the result to out. tmp holds two scratch buffers.
func clipRing(out []pt, tmp *[2][]pt, ring []pt, r rectF) []pt {
	inside := true
	for _, p := range ring {
		if p.x < r.x0 || p.x > r.x1 || p.y < r.y0 || p.y > r.y1 {
			inside = false
			break
		}
	}
	if inside {
		return append(out, ring...)
	}
	src := append(tmp[0][:0], ring...)
	dst := tmp[1][:0]
	for e := 0; e < 4; e++ {
		dst = dst[:0]
		if len(src) == 0 {
			break
		}
		prev := src[len(src)-1]
		for _, p := range src {
			pin, qin := inEdge(e, p, r), inEdge(e, prev, r)
			if pin != qin {
				dst = append(dst, crossEdge(e, prev, p, r))
			}
			if pin {
				dst = append(dst, p)
			}
			prev = p
		}
		src, dst = dst, src
	}
	tmp[0], tmp[1] = src, dst
	return append(out, src...)
}

// inEdge reports whether p is on the inner side of edge e (0 left, 1 right, 2 top, 3 bottom) of r.
func inEdge(e int, p pt, r rectF) bool {
	switch e {
	case 0:
		return p.x >= r.x0
	case 1:
		return p.x <= r.x1
	case 2:
		return p.y >= r.y0
	default:
		return p.y <= r.y1
	}
}

// crossEdge is where the segment p→q crosses the line of edge e of r.
func crossEdge(e int, p, q pt, r rectF) pt {
	switch e {
	case 0:
		return pt{r.x0, p.y + (q.y-p.y)*(r.x0-p.x)/(q.x-p.x)}
	case 1:
		return pt{r.x1, p.y + (q.y-p.y)*(r.x1-p.x)/(q.x-p.x)}
	case 2:
		return pt{p.x + (q.x-p.x)*(r.y0-p.y)/(q.y-p.y), r.y0}
	default:
		return pt{p.x + (q.x-p.x)*(r.y1-p.y)/(q.y-p.y), r.y1}
	}
}

// clipSegment cuts the segment a→b to r (Liang–Barsky); ok is false if nothing is left.
func clipSegment(a, b pt, r rectF) (pt, pt, bool) {
	t0, t1 := float32(0), float32(1)
	dx, dy := b.x-a.x, b.y-a.y
	for _, e := range [4][2]float32{{-dx, a.x - r.x0}, {dx, r.x1 - a.x}, {-dy, a.y - r.y0}, {dy, r.y1 - a.y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return a, b, false
		}
	}
	return pt{a.x + t0*dx, a.y + t0*dy}, pt{a.x + t1*dx, a.y + t1*dy}, true
}

// fillRect paints the rectangle r of dst with an opaque colour.
func fillRect(dst *image.RGBA, r image.Rectangle, col color.NRGBA) {
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y):]
	for x := 0; x < r.Dx(); x++ {
		row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = col.R, col.G, col.B, 255
	}
	n := 4 * r.Dx()
	for y := 1; y < r.Dy(); y++ {
		off := dst.PixOffset(r.Min.X, r.Min.Y+y)
		copy(dst.Pix[off:off+n], row[:n])
	}
}

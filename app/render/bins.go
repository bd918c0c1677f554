// Band bins: which chunks of the countries' rings reach into each band of a
// frame, found once per frame so that drawing a band costs what lies in it.
package render

import (
	"image"
	"slices"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// chunkRef names one chunk (see geo.Poly.Chunks) of one ring of a polygon
// list.
type chunkRef struct{ poly, ring, chunk int32 }

// polyBins lists, for each band of a frame, the chunks of a polygon list
// whose rows reach into the band's visible bound (DrawContext.Visible),
// in the list's order: by polygon, ring, then chunk.
type polyBins struct {
	first *geo.Poly // the list binned: its first polygon and length
	n     int
	bands [][]chunkRef
}

// frame is what a Renderer knows of the image it is drawing: its bands,
// what each band's layers see, and the polygon lists binned by band. It is
// laid out and filled on one goroutine before the bands are drawn (see
// Renderer.prepare) and only read while they are.
type frame struct {
	bands []image.Rectangle
	vis   []orb.Bound // per band: its DrawContext.Visible
	all   orb.Bound   // the union of vis
	bins  []*polyBins // binned this frame
	spare []*polyBins // binned in earlier frames, kept for their buffers
	order []int       // the bands, busiest first (see busiestFirst)
	load  []int       // per band: the chunks binned under it
}

// reset lays the frame out in the bands of clip (see bandLayout), drawn
// through t at pxPerDp, and forgets the last frame's bins.
func (f *frame) reset(clip image.Rectangle, t geo.Transform, pxPerDp float64) {
	f.bands = bandLayout(clip, f.bands)
	f.vis = f.vis[:0]
	for i, b := range f.bands {
		v := visibleBound(t, pxPerDp, b)
		f.vis = append(f.vis, v)
		if i == 0 {
			f.all = v
		} else {
			f.all = f.all.Union(v)
		}
	}
	for _, b := range f.bins {
		b.first = nil // keep no polygons alive
	}
	f.spare = append(f.spare, f.bins...)
	clear(f.bins)
	f.bins = f.bins[:0]
}

// binsOf returns the bins of polys made this frame, or nil.
func (f *frame) binsOf(polys []geo.Poly) *polyBins {
	if f == nil || len(polys) == 0 {
		return nil
	}
	for _, b := range f.bins {
		if b.first == &polys[0] && b.n == len(polys) {
			return b
		}
	}
	return nil
}

// bin files every chunk of polys under the bands whose visible rows it
// reaches, unless polys are binned already. Only Prepare may call it: it
// changes the frame.
func (f *frame) bin(polys []geo.Poly, t geo.Transform) {
	if f == nil || len(polys) == 0 || len(f.bands) == 0 || f.binsOf(polys) != nil {
		return
	}
	var b *polyBins
	if n := len(f.spare); n > 0 {
		b, f.spare = f.spare[n-1], f.spare[:n-1]
	} else {
		b = &polyBins{}
	}
	b.first, b.n = &polys[0], len(polys)
	for len(b.bands) < len(f.bands) {
		b.bands = append(b.bands, nil)
	}
	b.bands = b.bands[:len(f.bands)]
	for i := range b.bands {
		b.bands[i] = b.bands[i][:0]
	}
	chunksIn(polys, f.all, func(r chunkRef, cb orb.Bound) {
		for bi := f.firstBand(cb.Max[1], t); bi < len(f.bands); bi++ {
			if v := f.vis[bi]; v.Max[1] < cb.Min[1] {
				break // this band and those below it lie beyond the chunk
			} else if cb.Min[1] <= v.Max[1] && cb.Max[1] >= v.Min[1] {
				b.bands[bi] = append(b.bands[bi], r)
			}
		}
	})
	f.bins = append(f.bins, b)
}

// busiestFirst returns the frame's bands ordered by the chunks binned under
// them this frame, most first (ties from the top). The bands are about the
// same size and the countries' chunks are most of what a band costs, so
// workers that take the dearest bands first finish closer together, as a
// scheduler giving the longest jobs out first would: drawn from the top, a
// frame of East Asia left one of two workers idle for a tenth of its time
// while the other drew the last band. The order changes no pixel: each band
// is drawn alone. Only Renderer.paint may call it, after the bins are made.
func (f *frame) busiestFirst() []int {
	f.order, f.load = f.order[:0], f.load[:0]
	for k := range f.bands {
		n := 0
		for _, b := range f.bins {
			n += len(b.bands[k])
		}
		f.order, f.load = append(f.order, k), append(f.load, n)
	}
	slices.SortStableFunc(f.order, func(a, b int) int { return f.load[b] - f.load[a] })
	return f.order
}

// firstBand is the first band (from the top) whose visible bound reaches
// down to the projected height y or below it: a guess from the rows, as the
// bands are about equal, then a step or two to the right one.
func (f *frame) firstBand(y float64, t geo.Transform) int {
	n := len(f.bands)
	top, h := f.bands[0].Min.Y, f.bands[n-1].Max.Y-f.bands[0].Min.Y
	k := 0
	if row := -y*t.S + t.Ty; h > 0 && row > float64(top) {
		k = min(int((row-float64(top))*float64(n)/float64(h)), n-1)
	}
	for k > 0 && f.vis[k-1].Min[1] <= y {
		k--
	}
	for k < n && f.vis[k].Min[1] > y {
		k++
	}
	return k
}

// visibleBound is the projected bound a layer drawing clip through t sees:
// clip padded by visiblePad px (times pxPerDp when above 1), so strokes and
// marks just outside still reach in.
func visibleBound(t geo.Transform, pxPerDp float64, clip image.Rectangle) orb.Bound {
	pad := visiblePad * max(pxPerDp, 1)
	return t.InvertBound(float64(clip.Min.X)-pad, float64(clip.Min.Y)-pad, float64(clip.Max.X)+pad, float64(clip.Max.Y)+pad)
}

// bandChunks returns the chunks of polys to draw in dc's band: those whose
// rows reach into dc.Visible, in order (see polyBins). They come from the
// frame's bins when Prepare binned polys; otherwise (an SVG, a test drawing
// one layer) they are found now, in a buffer of dc's valid until the next
// call. A run of a ring's chunks left out lies wholly above or wholly below
// the band (two neighbouring chunks share a point), so its chord does too:
// a fill may join the chunks either side of it straight.
func (dc *DrawContext) bandChunks(polys []geo.Poly) []chunkRef {
	if b := dc.frame.binsOf(polys); b != nil && dc.band < len(b.bands) {
		return b.bands[dc.band]
	}
	refs := dc.refs[:0]
	chunksIn(polys, dc.Visible, func(r chunkRef, _ orb.Bound) { refs = append(refs, r) })
	dc.refs = refs
	return refs
}

// chunksIn calls fn, in order, for every chunk of polys whose rows reach
// into vis's (whose projected y range meets vis's), but those of polygons
// whose bound misses vis.
func chunksIn(polys []geo.Poly, vis orb.Bound, fn func(r chunkRef, cb orb.Bound)) {
	for pi := range polys {
		p := &polys[pi]
		if outside(p.Bound, vis) {
			continue
		}
		for ri, chunks := range p.Chunks {
			for k, cb := range chunks {
				if cb.Max[1] >= vis.Min[1] && cb.Min[1] <= vis.Max[1] {
					fn(chunkRef{int32(pi), int32(ri), int32(k)}, cb)
				}
			}
		}
	}
}

// eachRing calls fn, in order, for each ring that refs (in the order of
// polyBins) have chunks of, with those chunks, but the rings of polygons
// whose bound misses vis.
func eachRing(shapes []geo.Poly, refs []chunkRef, vis orb.Bound, fn func(poly *geo.Poly, ring int32, refs []chunkRef)) {
	for i := 0; i < len(refs); {
		p, r := refs[i].poly, refs[i].ring
		j := i + 1
		for j < len(refs) && refs[j].poly == p && refs[j].ring == r {
			j++
		}
		if poly := &shapes[p]; !outside(poly.Bound, vis) {
			fn(poly, r, refs[i:j])
		}
		i = j
	}
}

// chunkSpan is the range of points of ring chunk k covers: i0 to i1.
func chunkSpan(ring []orb.Point, k int32) (i0, i1 int) {
	i0 = int(k) * geo.ChunkSize
	return i0, min(i0+geo.ChunkSize, len(ring)-1)
}

// projectRingChunks is the path, in pixels, that fills ring as it shows in
// dc's band, given the bounds of its chunks (see geo.Poly.Chunks) and those
// of them there (refs, from bandChunks; all of them when refs is nil):
// each chunk's points in turn, a chunk wholly beyond one side of
// dc.Visible by its chord, and the chunks left out by a straight line. For
// a fill a chord winds round every pixel in sight as the chunk did, so the
// picture is the same and geometry far off the band costs two points a
// chunk. A ring without chunks is projected whole. The slice is valid
// until the next call.
func (dc *DrawContext) projectRingChunks(ring orb.Ring, chunks []orb.Bound, refs []chunkRef) []pt {
	if len(chunks) == 0 {
		return dc.Project(ring, 0)
	}
	out := dc.buf[:0]
	vis := dc.Visible
	// A run of points all above the clip's rows (or all below) is drawn
	// as its first and last point: the edges between them, and the chord
	// that replaces them, leave nothing in the clip's rows.
	top, bot := float32(dc.Clip.Min.Y), float32(dc.Clip.Max.Y)
	side := func(q pt) int8 {
		switch {
		case q.y <= top:
			return -1
		case q.y >= bot:
			return 1
		}
		return 0
	}
	var s1, s2 int8 // the sides of the last two points added
	add := func(q pt) {
		s := side(q)
		if n := len(out); n >= 2 && s != 0 && s == s1 && s == s2 {
			out[n-1] = q
			return
		}
		out = append(out, q)
		s2, s1 = s1, s
	}
	count := len(chunks)
	if refs != nil {
		count = len(refs)
	}
	next := int32(-1) // the chunk that continues the path without a jump
	for i := 0; i < count; i++ {
		k := int32(i)
		if refs != nil {
			k = refs[i].chunk
		}
		i0, i1 := chunkSpan(ring, k)
		if k != next {
			add(dc.Point(ring[i0]))
		}
		if outside(chunks[k], vis) {
			add(dc.Point(ring[i1]))
		} else {
			for i := i0 + 1; i <= i1; i++ {
				add(dc.Point(ring[i]))
			}
		}
		next = k + 1
	}
	dc.buf = out
	return out
}

// strokeRuns adds to p's path, as open lines, the runs of line's
// consecutive chunks (refs; all of them when refs is nil) that are not
// wholly beyond one side of dc.Visible — nothing of a stroke shows from
// those — with every point. A run that reaches the end of a closed line (a
// ring) and one that starts at its beginning are one line through its first
// point. When every chunk is in sight, a ring is added closed.
//
// Each run starts at the first point of a chunk, and the raster painter
// always keeps every ChunkSize-th point of a line when it thins it (see
// rasterPainter.strokeSolid), so the points it keeps do not depend on the
// chunks a band leaves out: every band of an image strokes the same
// segments.
func (dc *DrawContext) strokeRuns(p Painter, line []orb.Point, chunks []orb.Bound, refs []chunkRef, closed bool) {
	if len(line) < 2 {
		return
	}
	if len(chunks) == 0 {
		if closed {
			p.Ring(dc.Project(line, 0))
		} else {
			p.Line(dc.Project(line, 0))
		}
		return
	}
	n := int32(len(chunks))
	count := len(chunks)
	if refs != nil {
		count = len(refs)
	}
	vis := dc.Visible
	// Runs of consecutive chunks in sight, as [first, last] chunk numbers.
	runs := dc.runs[:0]
	for i := 0; i < count; i++ {
		k := int32(i)
		if refs != nil {
			k = refs[i].chunk
		}
		if outside(chunks[k], vis) {
			continue
		}
		if m := len(runs); m > 0 && runs[m-1][1] == k-1 {
			runs[m-1][1] = k
		} else {
			runs = append(runs, [2]int32{k, k})
		}
	}
	dc.runs = runs
	if len(runs) == 0 {
		return
	}
	if closed && len(runs) == 1 && runs[0] == [2]int32{0, n - 1} {
		p.Ring(dc.projectChunks(line, 0, n-1, dc.buf[:0]))
		return
	}
	if m := len(runs); closed && m > 1 && runs[0][0] == 0 && runs[m-1][1] == n-1 {
		// Round the ring's first point: the last run, then the first. The
		// first point is repeated (the painter drops the repeats) so that
		// the first run's points keep their place among every
		// ChunkSize-th.
		out := dc.projectChunks(line, runs[m-1][0], n-1, dc.buf[:0])
		for (len(out)-1)%geo.ChunkSize != 0 {
			out = append(out, out[len(out)-1])
		}
		out = dc.projectChunks(line, 0, runs[0][1], out[:len(out)-1])
		p.Line(out)
		runs = runs[1 : m-1]
	}
	for _, r := range runs {
		p.Line(dc.projectChunks(line, r[0], r[1], dc.buf[:0]))
	}
}

// projectChunks appends to out the points of line's chunks k0 to k1 in
// pixels, and keeps the result as dc's buffer.
func (dc *DrawContext) projectChunks(line []orb.Point, k0, k1 int32, out []pt) []pt {
	i0, _ := chunkSpan(line, k0)
	_, i1 := chunkSpan(line, k1)
	for _, q := range line[i0 : i1+1] {
		out = append(out, dc.Point(q))
	}
	dc.buf = out
	return out
}

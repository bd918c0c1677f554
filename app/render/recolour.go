// Recolouring: when only the countries' fill colours change (a date step),
// Frames recomposes its base from what it kept of the last draw — per pixel,
// which countries cover it and how much, what lay under them and what the
// layers above them left — instead of drawing every layer again.
package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"slices"

	"articleatlas/geo"
)

// A pixel's record (fillRecords.rec) is one of:
//
//	0                                   no country paints the pixel
//	id+1 (below complexBit)             country id covers it wholly and no
//	                                    layer above the countries touches it
//	complexBit | w<<workerShift | k     pixel k of worker w's table
const (
	complexBit  = 1 << 31
	workerShift = 29
	indexMask   = 1<<workerShift - 1
	maxWorkers  = 1 << (31 - workerShift) // workers whose index fits a record
)

// coveredPixel is a pixel that takes more than one colour to recompose: a
// country's edge (its fills blend with what lay under them or with each
// other) or a pixel under a border, route or label.
type coveredPixel struct {
	under       [4]uint8 // the pixel before the countries were filled (used when no fill covered it wholly first)
	over        [4]uint8 // premultiplied: what the layers above the countries left, all zero for nothing
	first, last int32    // its fills in coverageTable.fills, in the order they were painted
}

// fillEntry is one fill of a pixel: the country and the alpha it was
// blended with (1–254; 255 for a wholly covering first fill).
type fillEntry struct {
	country int32
	alpha   uint8
	next    int32 // the pixel's next fill, or −1
}

// coverageTable is one worker's share of the records: the covered pixels of
// the bands it drew. Only that worker writes it while drawing; a recolour
// reads every table.
type coverageTable struct {
	pixels []coveredPixel
	fills  []fillEntry
	boxes  []image.Rectangle // per country: the pixels it painted in this worker's bands
}

// fillRecords is what Frames keeps of a base drawn by drawBaseRecorded. It
// holds for the base as drawn with its origin at (0, 0).
type fillRecords struct {
	rec    []uint32 // per pixel of the base, row-major
	width  int      // pixels per row of rec
	tables []coverageTable
	fills  []color.NRGBA     // the fill per country the base shows
	boxes  []image.Rectangle // per country: the pixels it paints
	valid  bool
}

// recorder notes, while the countries are filled, which country paints
// each pixel with what alpha. One recorder belongs to one worker.
type recorder struct {
	cov     *fillRecords
	table   *coverageTable
	worker  uint32
	country int32 // the country being filled
}

// addFill appends a fill entry to the table and returns its index.
func (t *coverageTable) addFill(country int32, alpha uint8) int32 {
	t.fills = append(t.fills, fillEntry{country: country, alpha: alpha, next: -1})
	return int32(len(t.fills) - 1)
}

// addPixel appends a covered pixel whose first fill is e and returns its
// record value for worker w.
func (t *coverageTable) addPixel(under [4]uint8, e int32, w uint32) uint32 {
	t.pixels = append(t.pixels, coveredPixel{under: under, first: e, last: e})
	return complexBit | w<<workerShift | uint32(len(t.pixels)-1)
}

// note widens the current country's box to the pixels x0 ≤ x < x1 of row y.
func (r *recorder) note(x0, x1, y int) {
	b := &r.table.boxes[r.country]
	if b.Empty() {
		*b = image.Rect(x0, y, x1, y+1)
		return
	}
	b.Min.X, b.Max.X = min(b.Min.X, x0), max(b.Max.X, x1)
	b.Min.Y, b.Max.Y = min(b.Min.Y, y), max(b.Max.Y, y+1)
}

// pixel notes that the current country is blended with alpha al (1–255)
// into pixel (x, y) of the base, whose value before the blend is before.
func (r *recorder) pixel(x, y int, al uint32, before []uint8) {
	r.note(x, x+1, y)
	r.set(y*r.cov.width+x, al, before)
}

// set records the blend of pixel i (see pixel).
func (r *recorder) set(i int, al uint32, before []uint8) {
	rec := r.cov.rec
	if al >= 255 {
		rec[i] = uint32(r.country) + 1
		return
	}
	t := r.table
	v := rec[i]
	e := t.addFill(r.country, uint8(al))
	switch {
	case v == 0:
		rec[i] = t.addPixel([4]uint8(before[:4]), e, r.worker)
	case v&complexBit == 0: // wholly covered by a country so far
		first := t.addFill(int32(v-1), 255)
		t.fills[first].next = e
		rec[i] = t.addPixel([4]uint8{}, first, r.worker)
		t.pixels[rec[i]&indexMask].last = e
	default: // this worker's own pixel: bands do not overlap
		p := &t.pixels[v&indexMask]
		t.fills[p.last].next = e
		p.last = e
	}
}

// span notes the pixels x0 ≤ x < x1 of row y blended with one alpha al;
// pix are their bytes before the blend.
func (r *recorder) span(x0, x1, y int, al uint32, pix []uint8) {
	r.note(x0, x1, y)
	i0, i1 := y*r.cov.width+x0, y*r.cov.width+x1
	if al >= 255 {
		v := uint32(r.country) + 1
		rec := r.cov.rec[i0:i1]
		for k := range rec {
			rec[k] = v
		}
		return
	}
	for i := i0; i < i1; i++ {
		k := 4 * (i - i0)
		r.set(i, al, pix[k:k+4])
	}
}

// countriesAt is the index of the Countries layer in layers, or −1.
func countriesAt(layers []Layer) int {
	for i, l := range layers {
		if _, ok := l.(*Countries); ok {
			return i
		}
	}
	return -1
}

// opaque reports whether every colour is opaque: a recorded alpha then
// holds whatever the colour, so a recolour repaints exactly.
func opaque(cs []color.NRGBA) bool {
	for _, c := range cs {
		if c.A != 255 {
			return false
		}
	}
	return true
}

// drawBaseRecorded draws the base of s into all of dst like DrawBase, in
// three parts — the layers under the Countries layer at index split, the
// countries, then the layers above them, drawn into scratch (same size as
// dst, cleared here) and composited over — and keeps in cov what a recolour
// needs. The picture equals a plain draw's up to rounding where the layers
// above the countries are translucent.
func (r *Renderer) drawBaseRecorded(dst, scratch *image.RGBA, cov *fillRecords, s *Scene, split int, t geo.Transform, pxPerDp float64) {
	countries := s.Base[split].(*Countries)
	full := dst.Rect
	n := full.Dx() * full.Dy()
	if cap(cov.rec) < n {
		cov.rec = make([]uint32, n)
	}
	cov.rec, cov.width = cov.rec[:n], full.Dx()
	clear(cov.rec)
	cov.fills = append(cov.fills[:0], countries.Fill...)
	for len(cov.tables) < maxWorkers {
		cov.tables = append(cov.tables, coverageTable{})
	}
	nc := len(countries.Fill)
	for i := range cov.tables {
		t := &cov.tables[i]
		t.pixels, t.fills = t.pixels[:0], t.fills[:0]
		t.boxes = slices.Grow(t.boxes[:0], nc)[:nc]
		clear(t.boxes)
	}
	r.prepare(s.Base, s.Fonts, t, pxPerDp, full, full)
	under, above := s.Base[:split], s.Base[split+1:]
	r.parallel(r.fr.bands, nil, func(w *worker, k int, band image.Rectangle) {
		dc := w.context(r, t, pxPerDp, k, s.Fonts)
		fillRect(dst, band, s.Background)
		w.p.setTarget(dst, band, s.Fonts)
		drawEach(&w.p, &dc, under)
		w.p.c.rec = &recorder{cov: cov, table: &cov.tables[w.index], worker: uint32(w.index)}
		drawEach(&w.p, &dc, s.Base[split:split+1])
		w.p.c.rec = nil
		clearRect(scratch, band)
		w.p.setTarget(scratch, band, s.Fonts)
		drawEach(&w.p, &dc, above)
		composeOver(dst, scratch, band, cov, &cov.tables[w.index], uint32(w.index))
		w.keep(&dc)
	})
	cov.boxes = slices.Grow(cov.boxes[:0], nc)[:nc]
	for c := range cov.boxes {
		b := image.Rectangle{}
		for i := range cov.tables {
			b = b.Union(cov.tables[i].boxes[c])
		}
		cov.boxes[c] = b
	}
	cov.valid = true
}

// clearRect makes the rectangle r of dst transparent.
func clearRect(dst *image.RGBA, r image.Rectangle) {
	r = r.Intersect(dst.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := dst.PixOffset(r.Min.X, y)
		clear(dst.Pix[off : off+4*r.Dx()])
	}
}

// composeOver composites the premultiplied pixels of over onto dst inside
// band and keeps, for each country pixel it touches, what it added there.
func composeOver(dst, over *image.RGBA, band image.Rectangle, cov *fillRecords, t *coverageTable, w uint32) {
	for y := band.Min.Y; y < band.Max.Y; y++ {
		src := over.Pix[over.PixOffset(band.Min.X, y):][:4*band.Dx()]
		out := dst.Pix[dst.PixOffset(band.Min.X, y):][:4*band.Dx()]
		row := cov.rec[y*cov.width+band.Min.X:][:band.Dx()]
		for x := range row {
			s := src[4*x : 4*x+4 : 4*x+4]
			if binary.LittleEndian.Uint32(s) == 0 {
				continue
			}
			putOver(out[4*x:4*x+4:4*x+4], s)
			switch v := row[x]; {
			case v == 0:
			case v&complexBit == 0:
				e := t.addFill(int32(v-1), 255)
				row[x] = t.addPixel([4]uint8{}, e, w)
				t.pixels[row[x]&indexMask].over = [4]uint8(s)
			default:
				t.pixels[v&indexMask].over = [4]uint8(s)
			}
		}
	}
}

// putOver composites the premultiplied pixel s over the pixel p.
func putOver(p, s []uint8) {
	inv := 255 - uint32(s[3])
	if inv == 0 {
		copy(p, s)
		return
	}
	// s is premultiplied: s·255 + p·inv never exceeds 255·255 in a lane.
	srb := (uint32(s[0])|uint32(s[2])<<16)*255 + 0x007f007f
	sga := (uint32(s[1])|uint32(s[3])<<16)*255 + 0x007f007f
	putBlended(p, srb, sga, inv)
}

// recolour repaints the countries of a base kept in cov with new fills (one
// per country, as cov.fills): only the pixels of countries whose colour
// changed, each recomposed from its record exactly as drawBaseRecorded
// painted it; only the boxes of those countries are looked at. dst must
// hold the base drawBaseRecorded drew (origin 0, 0). It returns the
// rectangle of dst that changed.
func (r *Renderer) recolour(dst *image.RGBA, cov *fillRecords, fills []color.NRGBA) image.Rectangle {
	changed := make([]bool, len(fills))
	var boxes []image.Rectangle
	var all image.Rectangle
	area := 0
	for i := range fills {
		if changed[i] = fills[i] != cov.fills[i]; changed[i] && !cov.boxes[i].Empty() {
			b := cov.boxes[i]
			boxes = append(boxes, b)
			all = all.Union(b)
			area += b.Dx() * b.Dy()
		}
	}
	if area > all.Dx()*all.Dy() {
		boxes = []image.Rectangle{all} // they overlap: look at each pixel once
	}
	// The new colour of each changed country as a pixel's bytes, 0 if unchanged.
	solid := make([]uint32, len(fills))
	for i, c := range fills {
		if changed[i] {
			solid[i] = uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 255<<24
		}
	}
	r.bands = bandLayout(all, r.bands)
	r.parallel(r.bands, nil, func(_ *worker, _ int, band image.Rectangle) {
		for _, box := range boxes {
			if box = box.Intersect(band); !box.Empty() {
				repaint(dst, box, cov, fills, changed, solid)
			}
		}
	})
	copy(cov.fills, fills)
	return all
}

// repaint recomposes the pixels of box whose countries changed colour;
// solid is the new colour of each changed country as a pixel's bytes, 0 for
// the others.
func repaint(dst *image.RGBA, box image.Rectangle, cov *fillRecords, fills []color.NRGBA, changed []bool, solid []uint32) {
	for y := box.Min.Y; y < box.Max.Y; y++ {
		out := dst.Pix[dst.PixOffset(box.Min.X, y):][:4*box.Dx()]
		row := cov.rec[y*cov.width+box.Min.X:][:box.Dx()]
		for x, v := range row {
			switch {
			case v == 0:
			case v&complexBit == 0:
				if c := solid[v-1]; c != 0 {
					binary.LittleEndian.PutUint32(out[4*x:4*x+4:4*x+4], c)
				}
			default:
				t := &cov.tables[v>>workerShift&(maxWorkers-1)]
				p := &t.pixels[v&indexMask]
				if t.touches(p, changed) {
					t.paint(out[4*x:4*x+4:4*x+4], p, fills)
				}
			}
		}
	}
}

// touches reports whether one of p's fills is of a changed country.
func (t *coverageTable) touches(p *coveredPixel, changed []bool) bool {
	for e := p.first; e >= 0; e = t.fills[e].next {
		if changed[t.fills[e].country] {
			return true
		}
	}
	return false
}

// paint recomposes the covered pixel p into out with fills: what lay under
// it, each fill blended in order, then what lay over it.
func (t *coverageTable) paint(out []uint8, p *coveredPixel, fills []color.NRGBA) {
	copy(out, p.under[:])
	for e := p.first; e >= 0; e = t.fills[e].next {
		f := &t.fills[e]
		blendAlpha(out, fills[f.country], uint32(f.alpha))
	}
	if p.over[3] != 0 {
		putOver(out, p.over[:])
	}
}

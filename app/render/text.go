// Text: a TrueType font measured in font units and drawn as glyph coverage
// masks. Outlines come from golang.org/x/image/font/sfnt, are flattened into
// rings and rasterized by this package's canvas (raster.go); the masks are
// cached per glyph, size, subpixel offset and halo, and blended into bands.
package render

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const (
	// maskMaxPx is the largest text size (px) drawn from cached masks. Larger
	// text is rasterized straight from the outlines on every call: it is
	// rare (titles), and its masks would crowd out the labels'.
	maskMaxPx = 128
	// maxHalo is the widest halo (px) drawn; wider ones are clamped.
	maxHalo = 64
	// maskCacheBytes bounds a font's mask cache; when a new mask would pass
	// it, the cache is emptied and refills with what is drawn next.
	maskCacheBytes = 16 << 20
	// flattenTol is how far (px) a flattened curve may stray from the true one.
	flattenTol = 0.1
	// maxCurveSteps bounds the chords per curve, whatever its size.
	maxCurveSteps = 256
	// lowRunes: runes below this get their glyph from a table filled by
	// NewFont (Latin, Greek, Cyrillic: the blocks up to U+07FF); others are
	// looked up once and cached.
	lowRunes = 0x800
)

// maskInk is what masks are rasterized in: opaque white on transparent, so
// the red channel of the scratch image is the coverage.
var maskInk = color.NRGBA{255, 255, 255, 255}

// Font is a parsed TrueType/OpenType font with caches for glyph metrics,
// kerning and rasterized glyphs. It is safe for concurrent use: several
// goroutines may measure and draw with one Font at once (the renderer draws
// horizontal bands in parallel). The caches only grow until they reach their
// bounds; a Font holds no other state.
//
// There is no shaping: one rune is one glyph, kerned pairwise (the font's
// GPOS pair kerning, or its 'kern' table), left to right, with no ligatures
// or mark positioning. That suits the precomposed Latin, Greek and Cyrillic
// of place names; complex scripts and right-to-left text are not supported.
type Font struct {
	sf              *sfnt.Font
	ppem            fixed.Int26_6 // unitsPerEm as a 26.6 value: sfnt then returns font units unscaled
	upem            float64
	ascent, descent float64 // the font's line ascent and descent, font units, both ≥ 0

	low    [lowRunes]uint16            // glyph of each rune below lowRunes
	runes  slotCache                   // rune → glyph, for other runes
	kern   slotCache                   // glyph pair → kerning (int16, font units)
	glyphs []atomic.Pointer[glyphInfo] // per glyph index, loaded on first use

	mu        sync.RWMutex
	masks     map[uint64]*glyphMask // by maskKey
	maskBytes int

	scratch sync.Pool // *textScratch, for cache misses and large text
}

// TextMetrics is the size of a string of text in px, as Font.Measure reports
// it for drawing at (x, y) with Font.Draw. Width is the advance width (kerning
// included): where text drawn after it would start. The box
// [x+Left, x+Right] × [y−Ascent, y+Descent] holds every glyph outline drawn
// (before anti-aliasing and halo, which add up to halo+1 px on each side).
type TextMetrics struct {
	Width float64
	// Ascent and Descent are the font's line ascent and descent, or more
	// where a glyph reaches higher or lower (stacked accents); both ≥ 0.
	Ascent, Descent float64
	// Left ≤ 0 and Right ≥ Width bound the outlines horizontally, relative
	// to x: a glyph may overhang the advance box, like the hook of a
	// leading "J" (about 0.08 em in Noto Sans).
	Left, Right float64
}

// glyphInfo is a glyph's advance and outline bounds, in font units with y
// growing downwards. An empty outline (a space) has x0 > x1.
type glyphInfo struct {
	adv            int32
	x0, y0, x1, y1 int32
}

func (g *glyphInfo) empty() bool { return g.x0 > g.x1 }

// glyphMask is the coverage of one glyph, as cached: w×h bytes (row-major)
// whose top left pixel is at (x0, y0) from the glyph's origin on the baseline.
type glyphMask struct {
	x0, y0, w, h int
	a            []uint8
}

// textScratch holds what a cache miss or a large glyph needs. It is used by
// one goroutine at a time (taken from and returned to Font.scratch).
type textScratch struct {
	buf  sfnt.Buffer
	c    canvas
	img  image.RGBA
	pix  []uint8
	pts  []pt  // flattened rings, each closed (its first point repeated)
	ends []int // end of each ring in pts
}

// NewFont parses a TrueType or OpenType font (e.g. assets.FontRegular). The
// font keeps ttf, which must not be modified afterwards.
func NewFont(ttf []byte) (*Font, error) {
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("render: parse font: %w", err)
	}
	n := sf.NumGlyphs()
	if n <= 0 || n > 1<<16 {
		return nil, fmt.Errorf("render: font has %d glyphs", n)
	}
	upem := sf.UnitsPerEm()
	if upem <= 0 {
		return nil, fmt.Errorf("render: font has %d units per em", upem)
	}
	f := &Font{
		sf:     sf,
		ppem:   fixed.Int26_6(upem),
		upem:   float64(upem),
		glyphs: make([]atomic.Pointer[glyphInfo], n),
		masks:  make(map[uint64]*glyphMask),
	}
	f.runes.init(12)
	f.kern.init(14)
	var buf sfnt.Buffer
	m, err := sf.Metrics(&buf, f.ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("render: font metrics: %w", err)
	}
	f.ascent, f.descent = math.Abs(float64(m.Ascent)), math.Abs(float64(m.Descent))
	for r := range f.low {
		if g, err := sf.GlyphIndex(&buf, rune(r)); err == nil && int(g) < n {
			f.low[r] = uint16(g)
		}
	}
	return f, nil
}

// Measure returns the size of s drawn at sizePx px (the em size). It is the
// one measurement of text: label placement and Draw both use it, and it scales
// linearly with sizePx (the font is not hinted). Invalid UTF-8 measures as
// U+FFFD; a size that is not finite and positive measures as zero.
func (f *Font) Measure(s string, sizePx float64) TextMetrics {
	if !(sizePx > 0) || math.IsInf(sizePx, 1) {
		return TextMetrics{}
	}
	asc, desc := f.ascent, f.descent
	var left, right int64
	p := pen{f: f, s: s}
	for {
		_, gi, x, ok := p.next()
		if !ok {
			break
		}
		if gi.empty() {
			continue
		}
		left = min(left, x+int64(gi.x0))
		right = max(right, x+int64(gi.x1))
		asc = max(asc, float64(-gi.y0))
		desc = max(desc, float64(gi.y1))
	}
	right = max(right, p.x)
	sc := sizePx / f.upem
	return TextMetrics{
		Width:   float64(p.x) * sc,
		Ascent:  asc * sc,
		Descent: desc * sc,
		Left:    float64(left) * sc,
		Right:   float64(right) * sc,
	}
}

// Draw draws s into dst with its baseline starting at (x, y) px, at sizePx px
// (the em size), in col. If halo > 0 it first draws a halo of that width (px,
// at most 64) in haloCol around every glyph, so the text reads on any
// background. Only pixels inside clip are touched; text cut by the edge of a
// band looks the same as text drawn whole. Glyphs are placed to 1/4 px across
// and to the nearest pixel row; the pen advances exactly as Measure says.
//
// Text up to 128 px comes from cached masks, and once they are cached Draw
// allocates nothing. Runes the font lacks draw as its .notdef glyph, invalid
// UTF-8 as U+FFFD; non-finite positions and sizes draw nothing. Draw is safe
// for concurrent use, as long as the goroutines draw into disjoint pixels.
func (f *Font) Draw(dst *image.RGBA, clip image.Rectangle, s string, x, y, sizePx float64, col color.NRGBA, halo float64, haloCol color.NRGBA) {
	if dst == nil || s == "" || !(sizePx > 0) || math.IsInf(sizePx, 1) ||
		!(math.Abs(x) < 1<<30) || !(math.Abs(y) < 1<<30) {
		return
	}
	clip = clip.Intersect(dst.Rect)
	if clip.Empty() {
		return
	}
	if !(halo > 0) || haloCol.A == 0 {
		halo = 0
	}
	halo = min(halo, maxHalo)
	if sizePx > maskMaxPx {
		f.drawOutlines(dst, clip, s, x, y, sizePx, col, halo, haloCol)
		return
	}
	size := uint64(sizePx*64 + 0.5)
	if size == 0 {
		return // under 1/128 px
	}
	iy := int(math.Floor(y + 0.5))
	sc := float64(size) / 64 / f.upem
	if h := uint64(halo*64 + 0.5); h > 0 {
		f.drawMasks(dst, clip, s, x, iy, sc, maskKey(0, 0, size, h), float64(h)/64, haloCol)
	}
	if col.A > 0 {
		f.drawMasks(dst, clip, s, x, iy, sc, maskKey(0, 0, size, 0), 0, col)
	}
}

// drawMasks blends the masks of s's glyphs into dst within clip. key holds
// the size and halo fields of the masks' key (see maskKey); sc is the masks'
// scale (px per font unit).
func (f *Font) drawMasks(dst *image.RGBA, clip image.Rectangle, s string, x float64, iy int, sc float64, key uint64, halo float64, col color.NRGBA) {
	// Glyphs whose outline, widened by the halo and 1 px, misses the clip
	// leave no ink in it (the 1 px also covers the snapping to 1/4 px).
	pad := halo + 1
	cx0, cx1 := float64(clip.Min.X)-pad, float64(clip.Max.X)+pad
	cy0, cy1 := float64(clip.Min.Y-iy)-pad, float64(clip.Max.Y-iy)+pad
	p := pen{f: f, s: s}
	for {
		g, gi, pu, ok := p.next()
		if !ok {
			return
		}
		if gi.empty() || float64(gi.y1)*sc < cy0 || float64(gi.y0)*sc > cy1 {
			continue
		}
		gx := x + float64(pu)*sc
		if !(math.Abs(gx) < 1<<30) || gx+float64(gi.x1)*sc < cx0 || gx+float64(gi.x0)*sc > cx1 {
			continue
		}
		ix := math.Floor(gx)
		q := uint64((gx-ix)*4 + 0.5)
		if q == 4 {
			ix, q = ix+1, 0
		}
		m := f.mask(key|maskKey(g, q, 0, 0), gi)
		blendMask(dst, clip, m, int(ix)+m.x0, iy+m.y0, col)
	}
}

// maskKey packs what a glyph mask depends on: the glyph index (bits 0–15),
// the subpixel x offset in 1/4 px (bits 16–17), the size in 1/64 px (bits
// 24–39) and the halo width in 1/64 px (bits 40–55).
func maskKey(g uint16, q, size, halo uint64) uint64 {
	return uint64(g) | q<<16 | size<<24 | halo<<40
}

// mask returns the cached mask for key, rasterizing it on a miss.
func (f *Font) mask(key uint64, gi *glyphInfo) *glyphMask {
	f.mu.RLock()
	m := f.masks[key]
	f.mu.RUnlock()
	if m != nil {
		return m
	}
	m = f.rasterize(key, gi)
	f.mu.Lock()
	defer f.mu.Unlock()
	if old := f.masks[key]; old != nil {
		return old // another goroutine made it first
	}
	const overhead = 96 // map entry and header, roughly
	if f.maskBytes+len(m.a)+overhead > maskCacheBytes {
		clear(f.masks)
		f.maskBytes = 0
	}
	f.masks[key] = m
	f.maskBytes += len(m.a) + overhead
	return m
}

// rasterize draws the mask for key: the glyph filled, and if the key has a
// halo, also stroked with width 2×halo (round joins), so the mask is the
// glyph grown by the halo.
func (f *Font) rasterize(key uint64, gi *glyphInfo) *glyphMask {
	g := uint16(key)
	dx := float64(key>>16&3) / 4
	sc := float64(key>>24&0xffff) / 64 / f.upem
	halo := float64(key>>40&0xffff) / 64
	pad := halo + 1
	x0 := int(math.Floor(float64(gi.x0)*sc + dx - pad))
	y0 := int(math.Floor(float64(gi.y0)*sc - pad))
	x1 := int(math.Ceil(float64(gi.x1)*sc + dx + pad))
	y1 := int(math.Ceil(float64(gi.y1)*sc + pad))
	m := &glyphMask{w: x1 - x0, h: y1 - y0}

	scr := f.getScratch()
	defer f.scratch.Put(scr)
	scr.outline(f, g, sc, dx-float64(x0), -float64(y0))
	if n := 4 * m.w * m.h; cap(scr.pix) < n {
		scr.pix = make([]uint8, n)
	}
	scr.img = image.RGBA{Pix: scr.pix[:4*m.w*m.h], Stride: 4 * m.w, Rect: image.Rect(0, 0, m.w, m.h)}
	clear(scr.img.Pix)
	c := &scr.c
	c.setTarget(&scr.img, scr.img.Rect)
	scr.fill(maskInk)
	if halo > 0 {
		scr.stroke(float32(2*halo), maskInk)
	}
	// Keep the rows and columns with ink: the margin left for the halo and
	// anti-aliasing is mostly empty, and Draw would walk it for nothing.
	ink := image.Rectangle{}
	for y := range m.h {
		row := scr.img.Pix[y*scr.img.Stride : (y+1)*scr.img.Stride]
		for x := range m.w {
			if row[4*x] != 0 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	m.x0, m.y0, m.w, m.h = x0+ink.Min.X, y0+ink.Min.Y, ink.Dx(), ink.Dy()
	m.a = make([]uint8, m.w*m.h)
	for y := range m.h {
		row := scr.img.Pix[(ink.Min.Y+y)*scr.img.Stride+4*ink.Min.X:]
		for x := range m.w {
			m.a[y*m.w+x] = row[4*x]
		}
	}
	return m
}

// drawOutlines draws text larger than maskMaxPx straight from its outlines:
// every glyph's halo, then every glyph.
func (f *Font) drawOutlines(dst *image.RGBA, clip image.Rectangle, s string, x, y, sizePx float64, col color.NRGBA, halo float64, haloCol color.NRGBA) {
	scr := f.getScratch()
	defer f.scratch.Put(scr)
	scr.c.setTarget(dst, clip)
	defer func() { scr.c.dst = nil }() // the pool must not keep dst alive
	sc := sizePx / f.upem
	pad := halo + 1
	cx0, cx1 := float64(clip.Min.X)-pad, float64(clip.Max.X)+pad
	cy0, cy1 := float64(clip.Min.Y)-y-pad, float64(clip.Max.Y)-y+pad
	for pass := range 2 {
		if (pass == 0 && halo == 0) || (pass == 1 && col.A == 0) {
			continue
		}
		p := pen{f: f, s: s}
		for {
			g, gi, pu, ok := p.next()
			if !ok {
				break
			}
			if gi.empty() || float64(gi.y1)*sc < cy0 || float64(gi.y0)*sc > cy1 {
				continue
			}
			gx := x + float64(pu)*sc
			if !(math.Abs(gx) < 1<<30) || gx+float64(gi.x1)*sc < cx0 || gx+float64(gi.x0)*sc > cx1 {
				continue
			}
			scr.outline(f, g, sc, gx, y)
			if pass == 0 {
				scr.fill(haloCol)
				scr.stroke(float32(2*halo), haloCol)
			} else {
				scr.fill(col)
			}
		}
	}
}

// blendMask composites col, scaled by the mask's coverage, over dst within
// clip, with the mask's top left pixel at (ox, oy). The result is exactly
// blendPixel's, (c·a + p·(255−a) + 127) / 255 per channel, computed two
// channels at a time in 16-bit lanes, with the division by 255 done as
// (t + t>>8) >> 8 on t = x + 128 (exact for x ≤ 255·255).
func blendMask(dst *image.RGBA, clip image.Rectangle, m *glyphMask, ox, oy int, col color.NRGBA) {
	r := image.Rect(ox, oy, ox+m.w, oy+m.h).Intersect(clip)
	if r.Empty() {
		return
	}
	const lanes, half = 0x00ff00ff, 0x00800080
	ca := uint32(col.A)
	crb := uint32(col.R) | uint32(col.B)<<16 // red and blue lanes
	cga := uint32(col.G) | 255<<16           // green and alpha lanes
	solid := uint32(col.R) | uint32(col.G)<<8 | uint32(col.B)<<16 | 255<<24
	n := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		i := (y-oy)*m.w + r.Min.X - ox
		src := m.a[i : i+n : i+n]
		off := dst.PixOffset(r.Min.X, y)
		pix := dst.Pix[off : off+4*n : off+4*n]
		for j, c := range src {
			if c == 0 {
				continue
			}
			p := pix[4*j : 4*j+4 : 4*j+4]
			al := uint32(c)
			if ca != 255 {
				al = (al*ca + 127) / 255
			}
			if al >= 255 {
				binary.LittleEndian.PutUint32(p, solid)
				continue
			}
			d := binary.LittleEndian.Uint32(p)
			inv := 255 - al
			rb := d&lanes*inv + crb*al + half
			ga := d>>8&lanes*inv + cga*al + half
			rb = (rb + rb>>8&lanes) >> 8 & lanes
			ga = (ga + ga>>8&lanes) &^ lanes
			binary.LittleEndian.PutUint32(p, rb|ga)
		}
	}
}

// pen lays out a string: it yields each glyph with its pen position, in font
// units from the start of the baseline, kerning included. After the last
// glyph, x is the advance width. Measure and Draw both lay text out with it,
// so the width measured is the width drawn.
type pen struct {
	f    *Font
	s    string
	i    int
	prev uint16
	x    int64
}

func (p *pen) next() (g uint16, gi *glyphInfo, x int64, ok bool) {
	if p.i >= len(p.s) {
		return 0, nil, p.x, false
	}
	r, n := utf8.DecodeRuneInString(p.s[p.i:])
	g = p.f.glyphOf(r)
	if p.i > 0 {
		p.x += int64(p.f.kerning(p.prev, g))
	}
	p.i += n
	gi = p.f.glyph(g)
	x = p.x
	p.x += int64(gi.adv)
	p.prev = g
	return g, gi, x, true
}

// glyphOf returns the glyph for r: 0 (.notdef) if the font lacks it.
func (f *Font) glyphOf(r rune) uint16 {
	if r >= 0 && r < lowRunes {
		return f.low[r]
	}
	if g, ok := f.runes.get(uint32(r)); ok {
		return g
	}
	scr := f.getScratch()
	g, err := f.sf.GlyphIndex(&scr.buf, r)
	f.scratch.Put(scr)
	if err != nil || int(g) >= len(f.glyphs) {
		g = 0
	}
	f.runes.put(uint32(r), uint16(g))
	return uint16(g)
}

// kerning returns the kerning between glyphs a and b in font units (0 where
// the font has none).
func (f *Font) kerning(a, b uint16) int32 {
	key := uint32(a)<<16 | uint32(b)
	if k, ok := f.kern.get(key); ok {
		return int32(int16(k))
	}
	scr := f.getScratch()
	k, err := f.sf.Kern(&scr.buf, sfnt.GlyphIndex(a), sfnt.GlyphIndex(b), f.ppem, font.HintingNone)
	f.scratch.Put(scr)
	if err != nil { // sfnt.ErrNotFound: no kerning for this pair
		k = 0
	}
	k = max(math.MinInt16, min(math.MaxInt16, k))
	f.kern.put(key, uint16(int16(k)))
	return int32(k)
}

// glyph returns g's metrics, loading them on first use.
func (f *Font) glyph(g uint16) *glyphInfo {
	if int(g) >= len(f.glyphs) {
		g = 0
	}
	slot := &f.glyphs[g]
	if gi := slot.Load(); gi != nil {
		return gi
	}
	gi := &glyphInfo{x0: 1} // empty unless the outline loads
	scr := f.getScratch()
	defer f.scratch.Put(scr)
	if adv, err := f.sf.GlyphAdvance(&scr.buf, sfnt.GlyphIndex(g), f.ppem, font.HintingNone); err == nil {
		gi.adv = int32(adv)
	}
	if segs, err := f.sf.LoadGlyph(&scr.buf, sfnt.GlyphIndex(g), f.ppem, nil); err == nil && len(segs) > 0 {
		b := segs.Bounds()
		gi.x0, gi.y0, gi.x1, gi.y1 = int32(b.Min.X), int32(b.Min.Y), int32(b.Max.X), int32(b.Max.Y)
	}
	slot.Store(gi)
	return gi
}

func (f *Font) getScratch() *textScratch {
	if scr, ok := f.scratch.Get().(*textScratch); ok {
		return scr
	}
	return new(textScratch)
}

// outline loads glyph g and flattens it into scr.pts and scr.ends, scaled by
// sc (px per font unit) and moved by (dx, dy) px. Curves become chords no
// further than flattenTol from them, their number set by each curve's bend.
func (scr *textScratch) outline(f *Font, g uint16, sc, dx, dy float64) {
	scr.pts, scr.ends = scr.pts[:0], scr.ends[:0]
	segs, err := f.sf.LoadGlyph(&scr.buf, sfnt.GlyphIndex(g), f.ppem, nil)
	if err != nil {
		return
	}
	at := func(p fixed.Point26_6) (float64, float64) {
		return float64(p.X)*sc + dx, float64(p.Y)*sc + dy
	}
	start := 0
	var cx, cy float64 // the current point
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			scr.closeRing(start)
			start = len(scr.pts)
			cx, cy = at(s.Args[0])
			scr.pts = append(scr.pts, pt{float32(cx), float32(cy)})
		case sfnt.SegmentOpLineTo:
			cx, cy = at(s.Args[0])
			scr.pts = append(scr.pts, pt{float32(cx), float32(cy)})
		case sfnt.SegmentOpQuadTo:
			x1, y1 := at(s.Args[0])
			x2, y2 := at(s.Args[1])
			// A chord over 1/n of the curve strays at most |B″|/(8n²) from
			// it, and B″ = 2(p0 − 2p1 + p2).
			n := curveSteps(math.Hypot(cx-2*x1+x2, cy-2*y1+y2) / 4)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				a, b, c := (1-t)*(1-t), 2*t*(1-t), t*t
				scr.pts = append(scr.pts, pt{float32(a*cx + b*x1 + c*x2), float32(a*cy + b*y1 + c*y2)})
			}
			cx, cy = x2, y2
		case sfnt.SegmentOpCubeTo:
			x1, y1 := at(s.Args[0])
			x2, y2 := at(s.Args[1])
			x3, y3 := at(s.Args[2])
			// |B″| ≤ 6·max(|p0 − 2p1 + p2|, |p1 − 2p2 + p3|).
			dd := max(math.Hypot(cx-2*x1+x2, cy-2*y1+y2), math.Hypot(x1-2*x2+x3, y1-2*y2+y3))
			n := curveSteps(dd * 6 / 8)
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, c, d := u*u*u, 3*t*u*u, 3*t*t*u, t*t*t
				scr.pts = append(scr.pts, pt{float32(a*cx + b*x1 + c*x2 + d*x3), float32(a*cy + b*y1 + c*y2 + d*y3)})
			}
			cx, cy = x3, y3
		}
	}
	scr.closeRing(start)
}

// curveSteps is the number of chords that keep a curve with deviation bound
// e (|B″|/8, px) within flattenTol: e/n² ≤ flattenTol.
func curveSteps(e float64) int {
	n := math.Ceil(math.Sqrt(e / flattenTol))
	if !(n >= 1) { // also NaN
		return 1
	}
	return int(min(n, maxCurveSteps))
}

// closeRing ends the ring that starts at pts[start]: it repeats the first
// point, so the ring strokes as a closed polyline, or drops a ring too short
// to enclose anything.
func (scr *textScratch) closeRing(start int) {
	if len(scr.pts)-start < 3 {
		scr.pts = scr.pts[:start]
		return
	}
	scr.pts = append(scr.pts, scr.pts[start])
	scr.ends = append(scr.ends, len(scr.pts))
}

// fill paints the flattened rings with the canvas (non-zero winding).
func (scr *textScratch) fill(col color.NRGBA) {
	start := 0
	for _, end := range scr.ends {
		scr.c.addRing(scr.pts[start:end])
		start = end
	}
	scr.c.fill(col)
}

// stroke outlines the flattened rings with width w (px). Thick strokes of all
// rings go into one path, so where they overlap they are painted once.
func (scr *textScratch) stroke(w float32, col color.NRGBA) {
	start := 0
	for _, end := range scr.ends {
		if w > hairlineMax {
			scr.c.strokeLine(scr.pts[start:end], w)
		} else {
			scr.c.stroke(scr.pts[start:end], w, col)
		}
		start = end
	}
	if w > hairlineMax {
		scr.c.fill(col)
	}
}

// slotCache maps 32-bit keys to 16-bit values without locks: a 4-way set
// associative table of atomic words, each packing key, value and a used bit.
// A full set loses a slot to the new entry: it is a cache, and every value
// can be computed again.
type slotCache struct {
	slots []atomic.Uint64
	shift uint
}

func (c *slotCache) init(bits uint) {
	c.slots = make([]atomic.Uint64, 1<<bits)
	c.shift = 32 - bits
}

func (c *slotCache) set(key uint32) int { return int((key * 0x9e3779b1) >> c.shift) }

func (c *slotCache) get(key uint32) (uint16, bool) {
	i, n := c.set(key), len(c.slots)-1
	for j := range 4 {
		if w := c.slots[(i+j)&n].Load(); w&1 != 0 && uint32(w>>32) == key {
			return uint16(w >> 16), true
		}
	}
	return 0, false
}

func (c *slotCache) put(key uint32, v uint16) {
	w := uint64(key)<<32 | uint64(v)<<16 | 1
	i, n := c.set(key), len(c.slots)-1
	for j := range 4 {
		if c.slots[(i+j)&n].CompareAndSwap(0, w) {
			return
		}
	}
	c.slots[(i+int(key&3))&n].Store(w)
}

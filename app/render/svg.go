// The SVG painter: the Painter that writes a true-vector SVG 1.1 document —
// one <g> per layer, one <path> per country with its code and a tooltip,
// text as <text>, dashes as stroke-dasharray — instead of pixels.
package render

import (
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"articleatlas/geo"
)

var _ Painter = (*SVGPainter)(nil)

// SVGDoc is what an SVG document says about itself besides the map.
type SVGDoc struct {
	Title string // the document's <title>: what a browser shows as its name
	Desc  string // the document's <desc>: the alt text
	// Metadata is raw text (such as the export's recipe) kept in <metadata>;
	// it is XML-escaped there, so any text comes back out unchanged.
	Metadata string
	// Fonts is the CSS font-family list of all the text, e.g.
	// "Noto Sans, sans-serif"; "" is defaultSVGFonts.
	Fonts string
}

// defaultSVGFonts is the font-family of the text when SVGDoc.Fonts is empty:
// the app's own face, then whatever sans-serif the viewer has.
const defaultSVGFonts = "Noto Sans, sans-serif"

// svgFlushAt is how many bytes the painter gathers before it writes them to
// its io.Writer.
const svgFlushAt = 64 << 10

// svgMaxCoord bounds the coordinates written (px): farther points are clamped
// there, so no number overflows and none is written in exponent form. It is
// a million times any image's side, so a clamped edge crossing the picture
// turns by under a millionth of a radian.
const svgMaxCoord = 1e9

// SVGPainter is the Painter that writes an SVG 1.1 document to an io.Writer.
// Coordinates are pixels of a width×height picture (y down), rounded to what
// that picture can show: 0.1 px, or 0.01 px when its larger side is under
// 1000 px. Paths use relative commands and repeat no command letter; points
// that round onto the one before are dropped.
//
// Output is buffered and goes to the writer in blocks of about 64 KiB; the
// first write error is kept, later output is dropped, and Close returns it.
// Like every Painter, an SVGPainter is used by one goroutine at a time.
type SVGPainter struct {
	w      io.Writer
	out    []byte // written but not yet passed to w
	err    error
	open   int                 // groups opened and not yet closed
	ids    map[string]struct{} // every id given so far, which no other element may take
	scale  float64             // rounding units per px: 10 or 100
	path                       // the path being built
	data   []byte              // scratch: the path data
	names  []byte              // scratch: data-* attribute names
	keys   []string            // scratch: the keys of a Meta's Data
	closed bool                // by Close
}

// NewSVG starts an SVG document of width×height px on w: it writes the root
// element with its <title>, <desc> and <metadata>. Paint layers into it (for
// example with PaintLayers) and then call Close.
func NewSVG(w io.Writer, width, height int, doc SVGDoc) *SVGPainter {
	p := &SVGPainter{w: w, ids: map[string]struct{}{}, scale: 10, out: make([]byte, 0, 4096)}
	if max(width, height) < 1000 {
		p.scale = 100
	}
	fonts := doc.Fonts
	if fonts == "" {
		fonts = defaultSVGFonts
	}
	b := append(p.out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`...)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(height), 10)
	b = append(b, `" viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(height), 10)
	// Styles every mark shares are inherited from here: non-zero fills, round
	// joins, the font.
	b = append(b, `" fill-rule="nonzero" stroke-linejoin="round" font-family="`...)
	b = appendEscaped(b, fonts, true)
	b = append(b, "\">\n<title>"...)
	b = appendEscaped(b, doc.Title, false)
	b = append(b, "</title>\n<desc>"...)
	b = appendEscaped(b, doc.Desc, false)
	b = append(b, "</desc>\n<metadata>"...)
	b = appendEscaped(b, doc.Metadata, false)
	b = append(b, "</metadata>\n"...)
	p.out = b
	return p
}

// WriteSVG writes scene s seen through view v at pxPerDp as a whole SVG
// document of width×height px: the background, then the base and overlay
// layers, each in its group. It returns the first error writing to w.
func WriteSVG(w io.Writer, s *Scene, v geo.View, pxPerDp float64, width, height int, doc SVGDoc) error {
	p := NewSVG(w, width, height, doc)
	if s != nil {
		full := image.Rect(0, 0, width, height)
		paintBackground(p, s.Background, full)
		t := v.Transform(pxPerDp)
		PaintLayers(p, s.Base, s.Fonts, t, pxPerDp, full)
		PaintLayers(p, s.Overlay, s.Fonts, t, pxPerDp, full)
	}
	return p.Close()
}

// paintBackground fills the rectangle r with col, in a group "background".
func paintBackground(p Painter, col color.NRGBA, r image.Rectangle) {
	x0, y0, x1, y1 := float32(r.Min.X), float32(r.Min.Y), float32(r.Max.X), float32(r.Max.Y)
	p.Group("background")
	p.Ring([]pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}})
	p.Fill(col, nil)
	p.EndGroup()
}

// Close closes the groups still open and the document, writes out what is
// buffered, and returns the first write error. The painter must not be used
// afterwards; a second Close only returns the error again.
func (p *SVGPainter) Close() error {
	if p.closed {
		return p.err
	}
	p.closed = true
	for p.open > 0 {
		p.EndGroup()
	}
	p.out = append(p.out, "</svg>\n"...)
	p.flush()
	return p.err
}

// flush passes the buffered output to the writer, unless a write failed.
func (p *SVGPainter) flush() {
	if p.err == nil && len(p.out) > 0 {
		_, p.err = p.w.Write(p.out)
	}
	p.out = p.out[:0]
}

// endElement finishes an element written into p.out and flushes when enough
// has gathered.
func (p *SVGPainter) endElement() {
	p.out = append(p.out, '\n')
	if len(p.out) >= svgFlushAt {
		p.flush()
	}
}

// Group opens <g id="…">; id is made a valid XML id, unique in the document.
func (p *SVGPainter) Group(id string) {
	p.out = append(p.out, `<g id="`...)
	p.out = p.appendID(p.out, id)
	p.out = append(p.out, `">`...)
	p.open++
	p.endElement()
}

// EndGroup closes the last group opened; with none open it does nothing.
func (p *SVGPainter) EndGroup() {
	if p.open == 0 {
		return
	}
	p.open--
	p.out = append(p.out, "</g>"...)
	p.endElement()
}

// Ring adds a closed ring (px) to the path; Fill or Stroke writes it.
func (p *SVGPainter) Ring(pts []pt) { p.add(pts, true) }

// Line adds an open polyline (px) to the path; Stroke writes it.
func (p *SVGPainter) Line(pts []pt) { p.add(pts, false) }

// Fill writes the path's rings as one <path> filled with col; open lines are
// ignored, as the raster painter ignores them.
func (p *SVGPainter) Fill(col color.NRGBA, m *Meta) {
	d := p.pathData(true)
	p.clear()
	if len(d) == 0 {
		return
	}
	b := append(p.out, "<path"...)
	b = p.appendMetaAttrs(b, m)
	b = append(b, ` d="`...)
	b = append(b, d...)
	b = append(b, '"')
	b = appendPaint(b, " fill", col)
	p.out = p.appendClose(b, "path", m)
	p.endElement()
}

// Stroke writes the path's rings and lines as one unfilled <path> stroked
// with pen. A pen that draws nothing (no width, transparent) writes nothing.
func (p *SVGPainter) Stroke(pen Pen, m *Meta) {
	d := p.pathData(false)
	p.clear()
	if len(d) == 0 || !penDraws(pen) {
		return
	}
	b := append(p.out, "<path"...)
	b = p.appendMetaAttrs(b, m)
	b = append(b, ` d="`...)
	b = append(b, d...)
	b = append(b, `" fill="none"`...)
	b = appendPen(b, pen)
	p.out = p.appendClose(b, "path", m)
	p.endElement()
}

// Circle writes a <circle>, filled with fill (none if transparent) and
// outlined with pen (none if it has no width or colour).
func (p *SVGPainter) Circle(c pt, r float32, fill color.NRGBA, pen Pen, m *Meta) {
	if !(r > 0) || !finite(float64(c.x)) || !finite(float64(c.y)) || !finite(float64(r)) {
		return
	}
	b := append(p.out, "<circle"...)
	b = p.appendMetaAttrs(b, m)
	b = appendNumberAttr(b, " cx", float64(c.x), int64(p.scale))
	b = appendNumberAttr(b, " cy", float64(c.y), int64(p.scale))
	b = appendNumberAttr(b, " r", float64(r), 100)
	if fill.A > 0 {
		b = appendPaint(b, " fill", fill)
	} else {
		b = append(b, ` fill="none"`...)
	}
	if penDraws(pen) {
		pen.Cap, pen.Dash = CapButt, nil // a closed outline: no ends to cap
		b = appendPen(b, pen)
	}
	p.out = p.appendClose(b, "circle", m)
	p.endElement()
}

// Text writes s as a <text> element with its baseline at at.y, anchored at
// at.x; a halo is the text's own stroke, painted under its fill
// (paint-order="stroke"), twice the halo wide so it reaches halo px out.
// Characters XML cannot carry are replaced by U+FFFD.
func (p *SVGPainter) Text(s string, at pt, ts TextStyle, m *Meta) {
	if s == "" || !(ts.Size > 0) || !finite(float64(ts.Size)) || !finite(float64(at.x)) || !finite(float64(at.y)) {
		return
	}
	b := append(p.out, "<text"...)
	b = p.appendMetaAttrs(b, m)
	b = appendNumberAttr(b, " x", float64(at.x), int64(p.scale))
	b = appendNumberAttr(b, " y", float64(at.y), int64(p.scale))
	b = appendNumberAttr(b, " font-size", float64(ts.Size), 100)
	if ts.Bold {
		b = append(b, ` font-weight="bold"`...)
	}
	switch ts.Anchor {
	case AnchorMiddle:
		b = append(b, ` text-anchor="middle"`...)
	case AnchorEnd:
		b = append(b, ` text-anchor="end"`...)
	}
	b = appendPaint(b, " fill", ts.Color)
	if ts.Halo > 0 && finite(float64(ts.Halo)) && ts.HaloColor.A > 0 {
		b = appendPaint(b, " stroke", ts.HaloColor)
		b = appendNumberAttr(b, " stroke-width", 2*float64(ts.Halo), 100)
		b = append(b, ` paint-order="stroke"`...)
	}
	if needsPreserve(s) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if m != nil && m.Title != "" {
		b = appendTitle(b, m.Title)
	}
	b = appendEscaped(b, s, false)
	p.out = append(b, "</text>"...)
	p.endElement()
}

// needsPreserve reports whether s has spaces that XML's default handling
// would collapse: at its ends, or two in a row.
func needsPreserve(s string) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 1; i < len(s); i++ {
		if s[i] == ' ' && s[i-1] == ' ' {
			return true
		}
	}
	return false
}

// pathData returns the SVG path data of the path built — only its rings if
// rings is set: each subpath an m to its first point, relative to where the
// last one left the pen, then relative line-tos without command letters, and
// z after a ring. Points are rounded to 1/p.scale px; a point equal to the
// one before after rounding is dropped, and so is a ring's last point when
// it repeats its first (z draws that side). Subpaths left with one point, or
// fills' rings with two, are dropped. The result lives in p.data until the
// next call.
func (p *SVGPainter) pathData(rings bool) []byte {
	d := p.data[:0]
	var penX, penY int64 // the pen, in rounding units
	for _, s := range p.subs {
		if rings && !s.closed {
			continue
		}
		undo := len(d)
		n := 0 // points written
		var firstX, firstY, lastX, lastY int64
		lastPair := 0 // where the last point's pair starts in d
		for _, q := range p.pts[s.start:s.end] {
			x, y, ok := p.round(q)
			if !ok || (n > 0 && x == lastX && y == lastY) {
				continue
			}
			lastPair = len(d)
			if n == 0 {
				d = append(d, 'm')
				d = p.appendPair(d, x-penX, y-penY)
				firstX, firstY = x, y
			} else {
				d = p.appendPair(d, x-lastX, y-lastY)
			}
			lastX, lastY = x, y
			n++
		}
		if s.closed && n > 1 && lastX == firstX && lastY == firstY {
			d = d[:lastPair]
			n--
		}
		minPoints := 2
		if rings {
			minPoints = 3
		}
		if n < minPoints {
			d = d[:undo]
			continue
		}
		if s.closed {
			d = append(d, 'z')
			penX, penY = firstX, firstY // z takes the pen back to the ring's start
		} else {
			penX, penY = lastX, lastY
		}
	}
	p.data = d
	return d
}

// round returns q in rounding units (1/p.scale px), clamped to ±svgMaxCoord
// px; ok is false for a point that is not a number.
func (p *SVGPainter) round(q pt) (x, y int64, ok bool) {
	fx, fy := float64(q.x), float64(q.y)
	if fx != fx || fy != fy {
		return 0, 0, false
	}
	lim := svgMaxCoord * p.scale
	return int64(math.Round(max(-lim, min(lim, fx*p.scale)))), int64(math.Round(max(-lim, min(lim, fy*p.scale)))), true
}

// appendPair appends two numbers in rounding units to path data.
func (p *SVGPainter) appendPair(d []byte, dx, dy int64) []byte {
	d = p.appendPathNumber(d, dx)
	return p.appendPathNumber(d, dy)
}

// appendPathNumber appends v (rounding units) to path data, with a space
// before it only where the number before would otherwise run on.
func (p *SVGPainter) appendPathNumber(d []byte, v int64) []byte {
	if n := len(d); v >= 0 && n > 0 && (d[n-1] >= '0' && d[n-1] <= '9' || d[n-1] == '.') {
		d = append(d, ' ')
	}
	return appendFixed(d, v, int64(p.scale))
}

// appendNumberAttr appends the attribute ` name="v"`, v rounded to 1/scale
// as appendDecimal does. Coordinates take the painter's scale, which rounds
// them like the paths' points; sizes take 100.
func appendNumberAttr(b []byte, name string, v float64, scale int64) []byte {
	b = append(b, name...)
	b = append(b, `="`...)
	b = appendDecimal(b, v, scale)
	return append(b, '"')
}

// appendDecimal appends v rounded to 1/scale (scale a power of ten), at most
// svgMaxCoord, in the shortest form: "2", ".5", "-1.25".
func appendDecimal(b []byte, v float64, scale int64) []byte {
	if v != v {
		v = 0
	}
	v = max(-svgMaxCoord, min(svgMaxCoord, v))
	return appendFixed(b, int64(math.Round(v*float64(scale))), scale)
}

// appendFixed appends v/scale (scale 10, 100 or 1000) without trailing
// zeros or a leading "0" before the point: 15 at scale 10 is "1.5", 5 is
// ".5", 20 is "2", −5 is "-.5". It writes the digits backwards into a small
// array: path data is mostly such numbers, so this is the painter's hot loop.
func appendFixed(b []byte, v, scale int64) []byte {
	var tmp [24]byte
	i := len(tmp)
	neg := v < 0
	if neg {
		v = -v
	}
	whole, frac := uint64(v/scale), uint64(v%scale)
	if frac != 0 {
		digits := 0
		for s := scale; s > 1; s /= 10 {
			digits++
		}
		for frac%10 == 0 { // trailing zeros
			frac /= 10
			digits--
		}
		for ; digits > 0; digits-- {
			i--
			tmp[i] = byte('0' + frac%10)
			frac /= 10
		}
		i--
		tmp[i] = '.'
	}
	if whole != 0 || i == len(tmp) {
		for {
			i--
			tmp[i] = byte('0' + whole%10)
			whole /= 10
			if whole == 0 {
				break
			}
		}
	}
	if neg {
		i--
		tmp[i] = '-'
	}
	return append(b, tmp[i:]...)
}

// appendPaint appends ` fill="#rrggbb"` (name is " fill" or " stroke") and,
// for a translucent colour, its opacity to three decimals.
func appendPaint(b []byte, name string, c color.NRGBA) []byte {
	const digits = "0123456789abcdef"
	b = append(b, name...)
	b = append(b, `="#`...)
	b = append(b, digits[c.R>>4], digits[c.R&15], digits[c.G>>4], digits[c.G&15], digits[c.B>>4], digits[c.B&15], '"')
	if c.A < 255 {
		b = append(b, name...)
		b = append(b, `-opacity="`...)
		b = appendFixed(b, int64(math.Round(float64(c.A)*1000/255)), 1000)
		b = append(b, '"')
	}
	return b
}

// appendPen appends the stroke attributes of pen: colour, width, a round cap
// (butt is SVG's default) and the dash array. Joins are round for the whole
// document (see NewSVG). Dash patterns the raster painter draws solid — no
// positive total, a negative or infinite length — are written solid too.
func appendPen(b []byte, pen Pen) []byte {
	b = appendPaint(b, " stroke", pen.Color)
	b = appendNumberAttr(b, " stroke-width", float64(pen.Width), 100)
	if pen.Cap == CapRound {
		b = append(b, ` stroke-linecap="round"`...)
	}
	if dashDraws(pen.Dash) {
		b = append(b, ` stroke-dasharray="`...)
		for i, d := range pen.Dash {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendDecimal(b, float64(d), 100)
		}
		b = append(b, '"')
	}
	return b
}

// dashDraws reports whether dash is a pattern SVG can draw: lengths finite
// and not negative, with a positive total.
func dashDraws(dash []float32) bool {
	var total float64
	for _, d := range dash {
		if !(d >= 0) || !finite(float64(d)) {
			return false
		}
		total += float64(d)
	}
	return total > 0
}

// appendMetaAttrs appends m's id and data-* attributes (sorted by name, so
// the same marks always give the same bytes).
func (p *SVGPainter) appendMetaAttrs(b []byte, m *Meta) []byte {
	if m == nil {
		return b
	}
	if m.ID != "" {
		b = append(b, ` id="`...)
		b = p.appendID(b, m.ID)
		b = append(b, '"')
	}
	if len(m.Data) == 0 {
		return b
	}
	keys := p.keys[:0]
	for k := range m.Data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	p.keys = keys
	names := p.names[:0]
	var seen [][2]int // each written name's span in names
	for _, k := range keys {
		start := len(names)
		names = appendDataName(names, k)
		if len(names) == start {
			continue
		}
		dup := false
		for _, s := range seen {
			if string(names[s[0]:s[1]]) == string(names[start:]) {
				dup = true // two keys that differ only in characters XML names cannot hold
				break
			}
		}
		if dup {
			names = names[:start]
			continue
		}
		seen = append(seen, [2]int{start, len(names)})
		b = append(b, " data-"...)
		b = append(b, names[start:]...)
		b = append(b, `="`...)
		b = appendEscaped(b, m.Data[k], true)
		b = append(b, '"')
	}
	p.names = names
	return b
}

// appendDataName appends key as the part of a data-* attribute name after
// "data-": ASCII letters in lower case, digits, '-', '_' and '.', every other
// character '_'.
func appendDataName(b []byte, key string) []byte {
	for _, r := range key {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b = append(b, byte(r))
		default:
			b = append(b, '_')
		}
	}
	return b
}

// appendID appends id made a valid XML id unique in the document: characters
// other than ASCII letters, digits, '-', '_' and '.' become '_', an id not
// starting with a letter or '_' gets a leading '_', and an id already given
// gets the first free suffix "-2", "-3"…
func (p *SVGPainter) appendID(b []byte, id string) []byte {
	start := len(b)
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z' || id[0] == '_') {
		b = append(b, '_')
	}
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			b = append(b, byte(r))
		} else {
			b = append(b, '_')
		}
	}
	if _, taken := p.ids[string(b[start:])]; taken {
		base := len(b)
		for k := int64(2); ; k++ {
			b = strconv.AppendInt(append(b[:base], '-'), k, 10)
			if _, taken := p.ids[string(b[start:])]; !taken {
				break
			}
		}
	}
	p.ids[string(b[start:])] = struct{}{}
	return b
}

// appendClose ends an element whose attributes are written: with m's
// tooltip as a <title> child, or as an empty element.
func (p *SVGPainter) appendClose(b []byte, elem string, m *Meta) []byte {
	if m == nil || m.Title == "" {
		return append(b, "/>"...)
	}
	b = append(b, '>')
	b = appendTitle(b, m.Title)
	b = append(b, "</"...)
	b = append(b, elem...)
	return append(b, '>')
}

// appendTitle appends a <title> element holding s.
func appendTitle(b []byte, s string) []byte {
	b = append(b, "<title>"...)
	b = appendEscaped(b, s, false)
	return append(b, "</title>"...)
}

// appendEscaped appends s as XML character data, or as an attribute value
// (in double quotes) if attr: markup characters become entities; in an
// attribute, tabs and line breaks become character references so they
// survive; a character XML 1.0 cannot carry at all (most control
// characters, U+FFFE, U+FFFF) and any invalid UTF-8 become U+FFFD, so the
// document is well-formed whatever s holds.
func appendEscaped(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"' && attr:
				b = append(b, "&quot;"...)
			case c == '\r', attr && (c == '\n' || c == '\t'):
				// XML turns raw CRs into LFs, and line breaks and tabs in
				// attributes into spaces; references keep them.
				b = append(b, "&#"...)
				b = strconv.AppendInt(b, int64(c), 10)
				b = append(b, ';')
			case c < 0x20 && c != '\n' && c != '\t':
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

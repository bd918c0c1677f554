// Painter: what layers draw with — paths, strokes, markers and text — so the
// same walk of a scene can make pixels or vector output.
package render

import "image/color"

// Cap is how a stroke ends.
type Cap uint8

// The stroke caps.
const (
	CapButt  Cap = iota // the line stops at its end point
	CapRound            // a half-disc beyond the end point
)

// Pen describes a stroke. Widths and dash lengths are in pixels of the output.
type Pen struct {
	Width float32
	Color color.NRGBA
	Cap   Cap
	// Dash alternates drawn and skipped lengths (px); nil draws a solid line.
	// Joins are always round.
	Dash []float32
}

// penDraws reports whether a stroke with pen leaves any mark.
func penDraws(pen Pen) bool {
	return pen.Width > 0 && finite(float64(pen.Width)) && pen.Color.A > 0
}

// Anchor is which point of a text its position names, horizontally.
type Anchor uint8

// The text anchors.
const (
	AnchorStart  Anchor = iota // the position is the start of the baseline
	AnchorMiddle               // the middle of the baseline
	AnchorEnd                  // the end of the baseline
)

// TextStyle describes a run of text. Sizes are in pixels of the output.
type TextStyle struct {
	Size      float32
	Color     color.NRGBA
	Bold      bool
	Halo      float32 // width of the halo around the glyphs; 0 for none
	HaloColor color.NRGBA
	Anchor    Anchor
}

// Meta names what a path or mark shows, for outputs that keep it (an SVG
// path's id, data attributes and tooltip); the raster output ignores it.
type Meta struct {
	ID    string            // unique within the output, or ""
	Title string            // a tooltip: "China — Not a party"
	Data  map[string]string // data-* attributes, e.g. {"iso-a3": "CHN"}
}

// Painter receives what layers draw, in output pixels (y grows downwards).
// A path is built with Ring and Line, then painted once by Fill or Stroke,
// which clear it. Implementations: the raster painter of this package (an
// *image.RGBA, one horizontal band at a time) and the SVG writer. A Painter is
// used by one goroutine at a time; the slices passed in may be reused by the
// caller as soon as the call returns.
type Painter interface {
	// Group opens a named group of marks (an SVG <g>); groups nest.
	Group(id string)
	// EndGroup closes the last group opened.
	EndGroup()
	// Ring adds a closed ring to the path.
	Ring(pts []pt)
	// Line adds an open polyline to the path.
	Line(pts []pt)
	// Fill paints the inside of the path's rings (non-zero winding: a ring
	// wound against its exterior cuts a hole) and clears the path.
	Fill(col color.NRGBA, m *Meta)
	// Stroke draws the path's rings and lines with pen and clears the path.
	Stroke(pen Pen, m *Meta)
	// Circle draws a disc of radius r px at c, filled with fill and outlined
	// with pen (a zero pen width draws no outline).
	Circle(c pt, r float32, fill color.NRGBA, pen Pen, m *Meta)
	// Text draws s with its baseline at y = at.y, anchored at at.x.
	Text(s string, at pt, ts TextStyle, m *Meta)
}

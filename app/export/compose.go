// Composition: the one picture every export makes — the map, then a title,
// the legend with the date, the source line and the membership chart over it
// — drawn through render.Painter, so the PNG and the SVG are the same picture.
package export

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strings"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/userlayer"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// SourceLine credits the data every export draws (see data/README.md).
const SourceLine = "Natural Earth; ICC membership: UN Treaty Collection; article: Putin in Beijing for the Belt and Road Forum, 17 October 2023"

// The frame's measures, in dp: they are multiplied by the export's scale.
const (
	frameMargin    = 12 // from the image's edge to a panel
	framePad       = 8  // inside a panel, around its text
	titleDp        = 20 // the title's size, shrunk to fit the width
	minTitleDp     = 8  // the title shrinks no further; longer titles are cut by the edge
	headingDp      = 12 // the date line above the legend
	legendDp       = 11 // a legend row's text
	legendRowDp    = 17 // from one legend row's baseline to the next
	swatchDp       = 12 // a legend swatch's side
	sourceDp       = 9  // the source line
	chartWidthDp   = 220
	chartHeightDp  = 110
	panelOutlineDp = 0.5
)

// The frame's colours: fixed, whatever the window's theme, so that the same
// recipe gives the same bytes everywhere.
var (
	panelFill    = color.NRGBA{0xff, 0xff, 0xff, 0xe6}
	panelOutline = color.NRGBA{0x87, 0x96, 0xa3, 0xff}
	frameText    = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	mutedText    = color.NRGBA{0x44, 0x44, 0x44, 0xff}
	swatchEdge   = color.NRGBA{0x55, 0x55, 0x55, 0xff}
)

// Snapshot is a job made ready to draw: the map's scene and view, and the
// frame around it (title, legend, date, source, chart) as layers in output
// pixels. It is read-only once made, so it can be drawn from any goroutine,
// and drawn several times (a PNG and an SVG) with the same result.
type Snapshot struct {
	Job    Job    // the job as the recipe gives it back
	Recipe Recipe // what the files carry
	Alt    string // the description the files carry
	Atlas  *scene.Atlas
	Scene  *render.Scene
	View   geo.View // in dp: Width/Scale × Height/Scale
	Frame  []render.Layer
	// Chart is the membership chart inset, drawn over the frame with its
	// top-left corner at pixel ChartAt; nil without one.
	Chart   *scene.Chart
	ChartAt image.Point
}

// Compose makes the snapshot of job j, the one composition behind every
// export: the window's, the menu's and the command line's. The job is
// turned into its recipe first and drawn from that (ComposeRecipe), so that
// a replay of the recipe — which knows the view only as lon/lat and zoom —
// draws exactly the same. It loads the atlas when j has none; call it off
// the Fyne UI goroutine.
func Compose(j Job) (*Snapshot, error) {
	atlas, err := j.atlas()
	if err != nil {
		return nil, err
	}
	return ComposeRecipe(j.Recipe(), atlas, j.User...)
}

// ComposeRecipe makes the snapshot recipe rec describes, drawn with atlas
// and the opened layers user over the story; the snapshot carries rec
// unchanged, so a replay writes the same bytes. It fails, with one line, on
// a recipe with a value out of range.
func ComposeRecipe(rec Recipe, atlas *scene.Atlas, user ...*userlayer.Layer) (*Snapshot, error) {
	j, err := rec.Job(atlas.World, atlas)
	if err != nil {
		return nil, err
	}
	j.User = user
	v, o := mapView(j)
	s := &Snapshot{Job: j, Recipe: rec, Atlas: atlas, View: v}
	s.Scene = atlas.Scene(v, j.Scale, o)
	var chartRect image.Rectangle
	s.Frame, chartRect = frameLayers(atlas, j, rec.Title)
	if j.Chart {
		s.Chart = atlas.Chart(chartRect.Size(), j.Scale, j.Date, j.ChartEnd, render.LightStyle())
		s.ChartAt = chartRect.Min
	}
	s.Alt = AltText(atlas, j, v)
	return s, nil
}

// mapView is the view and scene options of a job with its defaults filled in.
func mapView(j Job) (geo.View, scene.Options) {
	scale := j.Scale
	if scale <= 0 {
		scale = 1
	}
	wDp, hDp := float64(j.Width)/scale, float64(j.Height)/scale
	var v geo.View
	if j.View != nil {
		v = *j.View
		v.Resize(wDp, hDp)
	} else {
		p := j.Projection
		if p == nil {
			p = geo.EqualEarth{}
		}
		v = geo.NewView(p, wDp, hDp)
	}
	o := scene.Options{Date: j.Date, Selected: j.Selected, Layers: j.Layers, Level: j.Level, Style: render.LightStyle(), User: j.User}
	if o.Layers == 0 {
		o.Layers = scene.AllLayers
	}
	if j.Style != nil {
		o.Style = *j.Style
	}
	return v, o
}

// stripRows is how many rows of a raster export are drawn between two
// checks for cancellation and progress reports. It is fixed, so the pieces
// and thus the pixels do not depend on the machine.
const stripRows = 512

// Raster draws the snapshot into a new image, in strips of stripRows rows;
// between strips it stops with ctx's error if ctx is done, and reports the
// fraction drawn (0…1) to progress, if not nil, on the calling goroutine.
func (s *Snapshot) Raster(ctx context.Context, progress func(done float64)) (*image.RGBA, error) {
	w, h := s.Job.Width, s.Job.Height
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var r render.Renderer
	for y := 0; y < h; y += stripRows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		strip := image.Rect(0, y, w, min(h, y+stripRows))
		r.DrawBase(img, strip, s.Scene, s.View, s.Job.Scale)
		r.DrawOverlay(img, strip, s.Scene, s.View, s.Job.Scale)
		if progress != nil {
			progress(0.9 * float64(strip.Max.Y) / float64(h))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.DrawLayers(img, s.Frame, s.Scene.Fonts, pixelTransform, s.Job.Scale)
	if s.Chart != nil {
		r.DrawLayers(img, s.Chart.Layers(), s.Scene.Fonts, s.Chart.Transform(s.ChartAt), s.Job.Scale)
	}
	return img, nil
}

// pixelTransform maps the frame's points, given as (x, −y) in output
// pixels, to themselves: see at.
var pixelTransform = geo.Transform{S: 1}

// at is the point the frame's layers give for output pixel (x, y) with
// pixelTransform, whose y axis points up as projected coordinates do.
func at(x, y float64) orb.Point { return orb.Point{x, -y} }

// Paint draws the snapshot through p: the background, the map's layers, then
// the frame's, each in its group. The SVG export paints this way.
func (s *Snapshot) Paint(p render.Painter) {
	w, h := float64(s.Job.Width), float64(s.Job.Height)
	full := image.Rect(0, 0, s.Job.Width, s.Job.Height)
	bg := &panel{id: "background", rects: []rect{{0, 0, w, h, s.Scene.Background, render.Pen{}}}}
	render.PaintLayers(p, []render.Layer{bg}, nil, pixelTransform, 1, full)
	t := s.View.Transform(s.Job.Scale)
	render.PaintLayers(p, s.Scene.Base, s.Scene.Fonts, t, s.Job.Scale, full)
	render.PaintLayers(p, s.Scene.Overlay, s.Scene.Fonts, t, s.Job.Scale, full)
	render.PaintLayers(p, s.Frame, s.Scene.Fonts, pixelTransform, s.Job.Scale, full)
	if s.Chart != nil {
		p.Group("chart")
		s.Chart.Paint(p, s.ChartAt)
		p.EndGroup()
	}
}

// WritePNG draws the snapshot and writes it to w as a PNG carrying the alt
// text (an iTXt chunk "Description") and the recipe (iTXt RecipeKeyword).
// It stops with ctx's error if ctx is done before the last strip is drawn or
// while the bytes are written.
func (s *Snapshot) WritePNG(ctx context.Context, w io.Writer, progress func(done float64)) error {
	img, err := s.Raster(ctx, progress)
	if err != nil {
		return err
	}
	chunks := []TextChunk{{Keyword: "Description", Text: s.Alt}, {Keyword: RecipeKeyword, Text: string(s.Recipe.Marshal())}}
	if err := render.EncodePNG(withPNGText(ctxWriter{ctx, w}, chunks), img); err != nil {
		return err
	}
	if progress != nil {
		progress(1)
	}
	return nil
}

// WriteSVG writes the snapshot to w as an SVG document whose <title> is the
// export's title, <desc> its alt text and <metadata> its recipe. It stops
// with ctx's error if ctx is done while the bytes are written.
func (s *Snapshot) WriteSVG(ctx context.Context, w io.Writer) error {
	title := s.Recipe.Title
	if title == "" {
		title = DefaultTitle(s.Job.Date, s.Job.Layers)
	}
	p := render.NewSVG(ctxWriter{ctx, w}, s.Job.Width, s.Job.Height,
		render.SVGDoc{Title: title, Desc: s.Alt, Metadata: string(s.Recipe.Marshal())})
	s.Paint(p)
	return p.Close()
}

// Write writes the snapshot to w in its job's format.
func (s *Snapshot) Write(ctx context.Context, w io.Writer, progress func(done float64)) error {
	if s.Job.Format == SVG {
		return s.WriteSVG(ctx, w)
	}
	return s.WritePNG(ctx, w, progress)
}

// WriteFile writes the snapshot to path in its job's format, atomically (see
// WriteFile, the function).
func (s *Snapshot) WriteFile(ctx context.Context, path string, progress func(done float64)) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return s.Write(ctx, w, progress) })
}

// ctxWriter fails every write once its context is done, so a cancelled
// export stops writing and the atomic write leaves nothing.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}

// StatusCounts returns how many states are in each ICC class on day:
// parties, signatories and former parties are counted over every recorded
// state; non-parties over the countries drawn on the map (1:50m). The
// window's legend shows the same counts.
func StatusCounts(a *scene.Atlas, day icc.Date) map[icc.Status]int {
	n := map[icc.Status]int{}
	for _, s := range []icc.Status{icc.Party, icc.Signatory, icc.Withdrawn} {
		n[s] = a.ICC.Count(s, day)
	}
	cs, _ := a.World.Countries(geo.Fine)
	for _, c := range cs.List {
		if a.ICC.StatusOn(c.ISO3, day).Status == icc.NonParty {
			n[icc.NonParty]++
		}
	}
	return n
}

// LegendText is a legend row's words for n states of class s: "State party
// (123)", "Not a party (61 on the map)".
func LegendText(s icc.Status, n int) string {
	if s == icc.NonParty {
		return fmt.Sprintf("%s (%d on the map)", s.Label(), n)
	}
	return fmt.Sprintf("%s (%d)", s.Label(), n)
}

// DateLine is the line that dates an export: "ICC membership on 17 October 2023".
func DateLine(d icc.Date) string { return "ICC membership on " + icc.FormatDate(d) }

// DefaultTitle is the title an export gets unless one is given: the date and
// what the story's layers show, e.g. "ICC membership on 17 October 2023 —
// Putin's trips and the Belt and Road".
func DefaultTitle(d icc.Date, l scene.Layers) string {
	if l == 0 {
		l = scene.AllLayers
	}
	var parts []string
	switch {
	case l&scene.Trips != 0:
		parts = append(parts, "Putin's trips")
	case l&scene.XiVisit != 0:
		parts = append(parts, "Xi's visit to Moscow")
	}
	if l&(scene.Corridors|scene.Maritime) != 0 {
		parts = append(parts, "the Belt and Road")
	}
	if l&scene.Energy != 0 {
		parts = append(parts, "Russia–China energy links")
	}
	head := DateLine(d)
	if l&scene.ICC == 0 {
		head = icc.FormatDate(d)
	}
	if len(parts) == 0 {
		return head
	}
	tail := parts[len(parts)-1]
	if len(parts) > 1 {
		tail = strings.Join(parts[:len(parts)-1], ", ") + " and " + tail
	}
	return head + " — " + tail
}

// rect is a rectangle of the frame in output pixels, filled and outlined.
type rect struct {
	x0, y0, x1, y1 float64
	fill           color.NRGBA
	outline        render.Pen // a zero width draws no outline
}

// text is a line of the frame's text, its baseline starting at (x, y) px.
type text struct {
	s     string
	x, y  float64
	style render.TextStyle
	meta  *render.Meta
}

// panel is one part of the frame (the title, the legend…): rectangles, then
// text, in output pixels. It is a render.Layer drawn with pixelTransform.
type panel struct {
	id    string
	rects []rect
	texts []text
}

func (l *panel) ID() string       { return l.id }
func (l *panel) Bound() orb.Bound { return orb.Bound{} }

// Draw paints the panel's rectangles and text; dc must use pixelTransform.
func (l *panel) Draw(p render.Painter, dc *render.DrawContext) {
	for _, r := range l.rects {
		corners := []orb.Point{at(r.x0, r.y0), at(r.x1, r.y0), at(r.x1, r.y1), at(r.x0, r.y1)}
		if r.fill.A > 0 {
			p.Ring(dc.Project(corners, 0))
			p.Fill(r.fill, nil)
		}
		if r.outline.Width > 0 {
			p.Ring(dc.Project(corners, 0))
			p.Stroke(r.outline, nil)
		}
	}
	for _, t := range l.texts {
		p.Text(t.s, dc.Point(at(t.x, t.y)), t.style, t.meta)
	}
}

// frameLayers lays out the frame of job j (whose defaults are filled in)
// with the given title: a panel per part, in output pixels, and the pixel
// rectangle of the chart inset. Each part has a fixed corner — the title top
// left, the legend and date bottom left, the source line bottom right with
// the chart above it — so the parts never overlap on an image of a sensible
// size.
func frameLayers(a *scene.Atlas, j Job, title string) ([]render.Layer, image.Rectangle) {
	px := func(dp float64) float64 { return dp * j.Scale }
	w, h := float64(j.Width), float64(j.Height)
	m, pad := px(frameMargin), px(framePad)
	outline := render.Pen{Width: float32(px(panelOutlineDp)), Color: panelOutline}
	box := func(x0, y0, x1, y1 float64) rect { return rect{x0, y0, x1, y1, panelFill, outline} }
	style := func(sizeDp float64, bold bool, col color.NRGBA) render.TextStyle {
		return render.TextStyle{Size: float32(px(sizeDp)), Bold: bold, Color: col}
	}
	measure := func(s string, ts render.TextStyle) render.TextMetrics {
		return a.Fonts.For(ts.Bold).Measure(s, float64(ts.Size))
	}
	var out []render.Layer

	if !j.NoTitle && title != "" {
		ts := style(titleDp, true, frameText)
		if room := w - 2*m - 2*pad; measure(title, ts).Width > room {
			// Shrink to fit, down to a size that still reads.
			size := max(float64(ts.Size)*room/measure(title, ts).Width, px(minTitleDp))
			ts.Size = float32(math.Floor(size*4) / 4)
		}
		mt := measure(title, ts)
		top := m
		base := top + pad + mt.Ascent
		out = append(out, &panel{id: "title",
			rects: []rect{box(m, top, m+2*pad+mt.Width, base+mt.Descent+pad)},
			texts: []text{{s: title, x: m + pad, y: base, style: ts}}})
	}

	if !j.NoLegend || !j.NoDate {
		var texts []text
		var rects []rect
		heading := style(headingDp, true, frameText)
		row := style(legendDp, false, frameText)
		width := 0.0
		rows := 0 // lines of text
		if !j.NoDate {
			width = measure(DateLine(j.Date), heading).Width
			rows++
		}
		var counts map[icc.Status]int
		if !j.NoLegend {
			counts = StatusCounts(a, j.Date)
			for _, s := range icc.Statuses {
				width = max(width, px(swatchDp)+px(6)+measure(LegendText(s, counts[s]), row).Width)
			}
			rows += len(icc.Statuses)
		}
		// The first baseline is a heading's size below the padding, the last
		// row's descent (under a third of its size) above it.
		x0, y1 := m, h-m
		y0 := y1 - 2*pad - px(headingDp) - float64(rows-1)*px(legendRowDp) - px(legendDp)/3
		rects = append(rects, box(x0, y0, x0+width+2*pad, y1))
		base := y0 + pad + px(headingDp)
		if !j.NoDate {
			texts = append(texts, text{s: DateLine(j.Date), x: x0 + pad, y: base, style: heading})
			base += px(legendRowDp)
		}
		if !j.NoLegend {
			st := render.LightStyle()
			for _, s := range icc.Statuses {
				sy := base - px(swatchDp) + px(1.5) // the swatch sits on the baseline, a little below it
				rects = append(rects, rect{x0 + pad, sy, x0 + pad + px(swatchDp), sy + px(swatchDp), st.Fill[s],
					render.Pen{Width: float32(px(0.5)), Color: swatchEdge}})
				label := LegendText(s, counts[s])
				texts = append(texts, text{s: label, x: x0 + pad + px(swatchDp) + px(6), y: base, style: row,
					meta: &render.Meta{ID: "legend-" + s.String(), Data: map[string]string{"status": s.String(), "count": fmt.Sprint(counts[s])}}})
				base += px(legendRowDp)
			}
		}
		id := "legend"
		if j.NoLegend {
			id = "date"
		}
		out = append(out, &panel{id: id, rects: rects, texts: texts})
	}

	bottom := h - m // the top of the source line's panel, for the chart above it
	if !j.NoSource {
		ts := style(sourceDp, false, mutedText)
		ts.Anchor = render.AnchorEnd
		mt := measure(SourceLine, ts)
		y0 := h - m - 2*pad - mt.Ascent - mt.Descent
		base := y0 + pad + mt.Ascent
		out = append(out, &panel{id: "source",
			rects: []rect{box(w-m-2*pad-mt.Width, y0, w-m, h-m)},
			texts: []text{{s: SourceLine, x: w - m - pad, y: base, style: ts}}})
		bottom = y0 - px(frameMargin)/2
	}

	cw, ch := px(chartWidthDp), px(chartHeightDp)
	chart := image.Rect(int(math.Round(w-m-cw)), int(math.Round(bottom-ch)), int(math.Round(w-m)), int(math.Round(bottom)))
	if j.Chart {
		out = append(out, &panel{id: "chart-panel", rects: []rect{box(float64(chart.Min.X), float64(chart.Min.Y), float64(chart.Max.X), float64(chart.Max.Y))}})
		chart = chart.Inset(int(math.Round(pad / 2)))
	}
	return out, chart
}

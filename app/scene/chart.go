// The membership chart: the number of states parties to the Rome Statute
// from its adoption to today, as a step line, with the article's date, the
// withdrawals and the last accessions marked and a cursor at the date shown.
// It is drawn through render.Painter like the map, so the window shows it as
// an image and an export can paint it as an inset, raster or SVG.
package scene

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"time"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// StatuteAdopted is the day the Rome Statute was adopted, 17 July 1998: where
// the chart and the time bar begin.
var StatuteAdopted = time.Date(1998, 7, 17, 0, 0, 0, 0, time.UTC)

// Step is one step of the chart: the number of states parties from a day
// until the next step.
type Step struct {
	From    icc.Date
	Parties int
}

// PartySteps is the number of states parties (territories not counted) on
// every day from `from` to `to`: a first step at from, then one at each day
// the Statute entered into force for a state or a withdrawal took effect.
// It adds and subtracts those events from the count on `from`, rather than
// counting every day afresh.
func (a *Atlas) PartySteps(from, to icc.Date) []Step {
	delta := map[icc.Date]int{}
	for i := range a.ICC.States {
		m := &a.ICC.States[i]
		if m.TerritoryOf != "" {
			continue
		}
		if d := m.InForce; d.After(from) && !d.After(to) {
			delta[d]++
		}
		if d := m.WithdrawalEffective; d.After(from) && !d.After(to) {
			delta[d]--
		}
	}
	days := make([]icc.Date, 0, len(delta))
	for d, n := range delta {
		if n != 0 {
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	steps := []Step{{From: from, Parties: a.ICC.Count(icc.Party, from)}}
	for _, d := range days {
		steps = append(steps, Step{From: d, Parties: steps[len(steps)-1].Parties + delta[d]})
	}
	return steps
}

// Chart is the membership chart laid out for one size, pixel density, date
// and style. Its coordinates are pixels of its own image, (0, 0) at the top
// left. It is read-only once made and safe for concurrent use.
type Chart struct {
	Size        image.Point // pixels
	PxPerDp     float64
	Start       icc.Date // the first day drawn: StatuteAdopted
	Today       icc.Date // the last day drawn
	Shown       icc.Date // where the cursor is, within [Start, Today]
	Steps       []Step   // from Start to Today
	Annotations []ChartNote

	fonts          *render.Fonts
	style          render.Style   // the colours it was made with
	x0, x1, y0, y1 float64        // the plot's pixel rectangle: dates along x, counts up y (y0 at the top)
	yMax           int            // the count at the plot's top
	static         []render.Layer // every layer but the cursor's
	countTick      int            // the spacing of the count gridlines
	layers         []render.Layer
}

// ChartNote is an event the chart names: a withdrawal taking effect or one of
// the last accessions.
type ChartNote struct {
	Date      icc.Date
	ISO3      string
	Name      string
	Withdrawn bool // a withdrawal; false for an accession
}

// chartLastAccessions is how many of the latest accessions the chart names.
const chartLastAccessions = 3

// Chart lays out the membership chart at size pixels and pxPerDp pixels per
// dp, from StatuteAdopted to today, with its cursor on shown (clamped to that
// range) and its colours from st. today is a parameter, not the clock, so the
// same arguments always draw the same chart.
func (a *Atlas) Chart(size image.Point, pxPerDp float64, shown, today icc.Date, st render.Style) *Chart {
	if pxPerDp <= 0 {
		pxPerDp = 1
	}
	c := &Chart{Size: size, PxPerDp: pxPerDp, Start: StatuteAdopted, Today: today, fonts: a.Fonts, style: st}
	if c.Today.Before(c.Start) {
		c.Today = c.Start
	}
	c.Shown = clampDate(shown, c.Start, c.Today)
	c.Steps = a.PartySteps(c.Start, c.Today)
	c.Annotations = a.chartNotes(c.Start, c.Today)
	c.layout()
	c.layers = c.build(st)
	return c
}

// chartNotes lists the withdrawals that took effect in [from, to] and the
// last chartLastAccessions accessions, by date.
func (a *Atlas) chartNotes(from, to icc.Date) []ChartNote {
	var withdrawals, accessions []ChartNote
	within := func(d icc.Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }
	for i := range a.ICC.States {
		m := &a.ICC.States[i]
		if m.TerritoryOf != "" {
			continue
		}
		if within(m.WithdrawalEffective) {
			withdrawals = append(withdrawals, ChartNote{Date: m.WithdrawalEffective, ISO3: m.ISO3, Name: m.Name, Withdrawn: true})
		}
		if within(m.InForce) {
			accessions = append(accessions, ChartNote{Date: m.InForce, ISO3: m.ISO3, Name: m.Name})
		}
	}
	byDate := func(ns []ChartNote) {
		sort.SliceStable(ns, func(i, j int) bool {
			if !ns[i].Date.Equal(ns[j].Date) {
				return ns[i].Date.Before(ns[j].Date)
			}
			return ns[i].ISO3 < ns[j].ISO3
		})
	}
	byDate(accessions)
	if len(accessions) > chartLastAccessions {
		accessions = accessions[len(accessions)-chartLastAccessions:]
	}
	out := append(withdrawals, accessions...)
	byDate(out)
	return out
}

// At is the chart with its cursor on shown instead (clamped as Chart clamps
// it): the same layout and static layers, a new cursor. c is unchanged, so
// a widget may keep one chart per size and move the cursor as the date
// changes.
func (c *Chart) At(shown icc.Date) *Chart {
	d := *c
	d.Shown = clampDate(shown, c.Start, c.Today)
	d.layers = append(d.static[:len(d.static):len(d.static)], d.cursorLayer(c.style))
	return &d
}

// Layers are the chart's layers, back to front: background, grid and axes,
// the step line, the article's date, the notes and the cursor. They draw
// through Transform(at) with PxPerDp (see Paint).
func (c *Chart) Layers() []render.Layer { return c.layers }

// StaticLayers are Layers without the cursor's: they are the same for every
// date shown, so a widget may draw them once and the cursor over a copy.
func (c *Chart) StaticLayers() []render.Layer { return c.static }

// CursorLayer is the last of Layers: the cursor and its label.
func (c *Chart) CursorLayer() render.Layer { return c.layers[len(c.layers)-1] }

// Transform maps the chart's coordinates to an image where its top-left
// corner is at pixel at: (0, 0) for an image of its own, the inset's corner
// in an export.
func (c *Chart) Transform(at image.Point) geo.Transform {
	return geo.Transform{S: 1, Tx: float64(at.X), Ty: float64(at.Y)}
}

// Paint draws the chart through p with its top-left corner at pixel at — an
// inset in an export's SVG or raster image.
func (c *Chart) Paint(p render.Painter, at image.Point) {
	render.PaintLayers(p, c.layers, c.fonts, c.Transform(at), c.PxPerDp, image.Rectangle{Min: at, Max: at.Add(c.Size)})
}

// Draw renders the chart into dst, its top-left corner at dst's origin.
// It allocates a renderer; the caller owns dst.
func (c *Chart) Draw(dst *image.RGBA) {
	var r render.Renderer
	c.DrawLayers(&r, dst, c.layers)
}

// DrawLayers renders some of the chart's layers (StaticLayers, or the
// CursorLayer over a copy of them) into dst with r, the chart's top-left
// corner at dst's origin.
func (c *Chart) DrawLayers(r *render.Renderer, dst *image.RGBA, layers []render.Layer) {
	r.DrawLayers(dst, layers, c.fonts, c.Transform(dst.Rect.Min), c.PxPerDp)
}

// XAt is the pixel column of day d (clamped to the chart's days).
func (c *Chart) XAt(d icc.Date) float64 {
	d = clampDate(d, c.Start, c.Today)
	total := daysBetween(c.Start, c.Today)
	if total == 0 {
		return c.x0
	}
	return c.x0 + (c.x1-c.x0)*float64(daysBetween(c.Start, d))/float64(total)
}

// YAt is the pixel row of a count of parties.
func (c *Chart) YAt(parties int) float64 {
	return c.y1 - (c.y1-c.y0)*float64(parties)/float64(c.yMax)
}

// DateAt is the day under pixel column x, the inverse of XAt to the nearest
// day: left of the plot is Start, right of it Today.
func (c *Chart) DateAt(x float64) icc.Date {
	total := daysBetween(c.Start, c.Today)
	if c.x1 <= c.x0 || total == 0 {
		return c.Start
	}
	f := math.Max(0, math.Min(1, (x-c.x0)/(c.x1-c.x0)))
	return c.Start.AddDate(0, 0, int(math.Round(f*float64(total))))
}

// PartiesOn is the chart's count of states parties on day d.
func (c *Chart) PartiesOn(d icc.Date) int {
	n := 0
	for _, s := range c.Steps {
		if s.From.After(d) {
			break
		}
		n = s.Parties
	}
	return n
}

// The chart's type sizes and margins, in dp.
const (
	chartTextDp   = 10 // axis labels and notes
	chartPadDp    = 6  // around the plot
	chartTopDp    = 17 // above the plot: room for the cursor's label
	chartTickDp   = 3  // year ticks below the axis
	chartMinGapDp = 8  // least space between two axis labels
)

// layout places the plot inside the chart and picks the count scale.
func (c *Chart) layout() {
	px := c.PxPerDp
	text := chartTextDp * px
	maxParties := 0
	for _, s := range c.Steps {
		maxParties = max(maxParties, s.Parties)
	}
	labelW := c.fonts.Regular.Measure(fmt.Sprint(maxParties+50), text).Width
	c.x0 = (chartPadDp+4)*px + labelW
	c.x1 = float64(c.Size.X) - chartPadDp*px*2
	c.y0 = chartTopDp * px
	c.y1 = float64(c.Size.Y) - (chartPadDp+chartTickDp+2)*px - text
	c.countTick = c.countStep(maxParties)
	// Headroom above the highest step for a line of notes: the top gridline
	// is the first one at least a line of text above it.
	room := (chartTextDp*1.4 + 4) * px
	c.yMax = (maxParties/c.countTick + 1) * c.countTick
	for k := 0; k < 4 && (c.y1-c.y0)*float64(c.yMax-maxParties)/float64(c.yMax) < room; k++ {
		c.yMax += c.countTick
	}
}

// countStep is the spacing of the count gridlines: the smallest of 25, 50
// and 100 that leaves room for a label at each.
func (c *Chart) countStep(maxParties int) int {
	h := c.y1 - c.y0
	for _, s := range []int{25, 50, 100} {
		n := float64(maxParties/s + 1)
		if h/n >= (chartTextDp+2)*c.PxPerDp {
			return s
		}
	}
	return 100
}

// build makes the chart's layers in style st.
func (c *Chart) build(st render.Style) []render.Layer {
	px := c.PxPerDp
	pt := func(x, y float64) orb.Point { return orb.Point{x, -y} } // pixels → the layers' frame (y up)
	textStyle := func(col color.NRGBA, bold bool, anchor render.Anchor) chartText {
		return chartText{sizeDp: chartTextDp, col: col, halo: st.Halo, bold: bold, anchor: anchor}
	}

	bg := &chartLayer{name: "chart-background"}
	w, h := float64(c.Size.X), float64(c.Size.Y)
	bg.fill([]orb.Point{pt(0, 0), pt(w, 0), pt(w, h), pt(0, h)}, st.Background)

	// Count gridlines and labels; the date axis with a tick each 1 January
	// and a year label wherever there is room.
	grid := &chartLayer{name: "chart-axes"}
	for n := 0; n <= c.yMax; n += c.countTick {
		y := c.YAt(n)
		grid.stroke([]orb.Point{pt(c.x0, y), pt(c.x1, y)}, st.Graticule, 0.5, nil)
		t := textStyle(st.Label, false, render.AnchorEnd)
		t.s, t.at = fmt.Sprint(n), pt(c.x0-4*px, y+chartTextDp*px*0.35)
		grid.texts = append(grid.texts, t)
	}
	grid.stroke([]orb.Point{pt(c.x0, c.y1), pt(c.x1, c.y1)}, st.Outline, 1, nil)
	every := c.yearLabelEvery()
	for y := c.Start.Year() + 1; y <= c.Today.Year(); y++ {
		x := c.XAt(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		grid.stroke([]orb.Point{pt(x, c.y1), pt(x, c.y1+chartTickDp*px)}, st.Outline, 1, nil)
		if y%every != 0 {
			continue
		}
		t := textStyle(st.Label, false, render.AnchorMiddle)
		t.s, t.at = fmt.Sprint(y), pt(x, c.y1+(chartTickDp+2+chartTextDp*0.8)*px)
		if half := c.fonts.Regular.Measure(t.s, chartTextDp*px).Width / 2; x-half >= 0 && x+half <= w {
			grid.texts = append(grid.texts, t)
		}
	}

	// The step line over a light area.
	steps := &chartLayer{name: "chart-steps"}
	line := []orb.Point{}
	for i, s := range c.Steps {
		x := c.XAt(s.From)
		if i > 0 {
			line = append(line, pt(x, c.YAt(c.Steps[i-1].Parties)))
		}
		line = append(line, pt(x, c.YAt(s.Parties)))
	}
	line = append(line, pt(c.x1, c.YAt(c.Steps[len(c.Steps)-1].Parties)))
	area := append(append([]orb.Point{}, line...), pt(c.x1, c.y1), pt(c.x0, c.y1))
	shade := st.Fill[icc.Party]
	shade.A = 0x55
	steps.fill(area, shade)
	steps.stroke(line, st.Fill[icc.Party], 1.6, nil)

	// The article's date and the notes, placed so no two texts overlap.
	// They keep out of the top margin, where the cursor's label goes, so
	// they do not depend on the date shown.
	var taken []textBox
	article := &chartLayer{name: "chart-article"}
	xa := c.XAt(icc.ArticleDate)
	if !icc.ArticleDate.Before(c.Start) && !icc.ArticleDate.After(c.Today) {
		article.stroke([]orb.Point{pt(xa, c.y0), pt(xa, c.y1)}, st.PutinTrip, 1.2, []float64{3, 2})
		t := textStyle(st.PutinTrip, true, render.AnchorStart)
		t.s = "Article"
		if b, ok := c.place(t.s, true, xa, c.y1-3*px, []placement{{-3, -1}, {3, 0}}, taken); ok {
			t.at = pt(b.x0, b.base)
			article.texts = append(article.texts, t)
			taken = append(taken, b)
		}
	}

	// Withdrawals are named first, then accessions from the latest back:
	// on a small chart the later ones lose their names.
	notes := &chartLayer{name: "chart-notes"}
	order := make([]ChartNote, 0, len(c.Annotations))
	for _, n := range c.Annotations {
		if n.Withdrawn {
			order = append(order, n)
		}
	}
	for i := len(c.Annotations) - 1; i >= 0; i-- {
		if !c.Annotations[i].Withdrawn {
			order = append(order, c.Annotations[i])
		}
	}
	for _, n := range order {
		x, y := c.XAt(n.Date), c.YAt(c.PartiesOn(n.Date))
		col, sign := st.Fill[icc.Party], "+"
		if n.Withdrawn {
			col, sign = st.Fill[icc.Withdrawn], "–" // an en dash: the fonts have no minus sign
		}
		notes.dots = append(notes.dots, chartDot{at: pt(x, y), rDp: 2.5, fill: col, ring: st.Halo})
		t := textStyle(st.Label, false, render.AnchorStart)
		// Above the line, left or right of the mark, then higher up; by
		// its code ("–PHL") where the name does not fit.
		for _, name := range []string{n.Name, n.ISO3} {
			t.s = sign + name
			if b, ok := c.place(t.s, false, x, y-4*px, []placement{{-3, 0}, {3, 0}, {-3, -1}, {3, -1}, {-3, -2}, {3, -2}}, taken); ok {
				t.at = pt(b.x0, b.base)
				notes.texts = append(notes.texts, t)
				taken = append(taken, b)
				break
			}
		}
	}
	c.static = []render.Layer{bg, grid, steps, article, notes}
	return append(c.static[:len(c.static):len(c.static)], c.cursorLayer(st))
}

// cursorLayer is the cursor at the date shown: a line across the plot, a
// dot on the step and the day with its count above.
func (c *Chart) cursorLayer(st render.Style) render.Layer {
	px := c.PxPerDp
	pt := func(x, y float64) orb.Point { return orb.Point{x, -y} }
	cursor := &chartLayer{name: "chart-cursor"}
	xs := c.XAt(c.Shown)
	cursor.stroke([]orb.Point{pt(xs, c.y0-2*px), pt(xs, c.y1)}, st.Selected, 1.5, nil)
	cursor.dots = append(cursor.dots, chartDot{at: pt(xs, c.YAt(c.PartiesOn(c.Shown))), rDp: 3, fill: st.Selected, ring: st.Halo})
	label := chartText{sizeDp: chartTextDp, col: st.Selected, halo: st.Halo, bold: true, anchor: render.AnchorStart}
	label.s, label.at = c.cursorLabel(xs)
	cursor.texts = append(cursor.texts, label)
	return cursor
}

// cursorLabel is the text over the cursor at pixel column xs — the day and
// its count, shortened when the plot is narrow — and the left end of its
// baseline, in the layers' frame: right of the cursor, else left of it, else
// as near as the plot allows.
func (c *Chart) cursorLabel(xs float64) (string, orb.Point) {
	px := c.PxPerDp
	n := c.PartiesOn(c.Shown)
	s := fmt.Sprintf("%s: %d states parties", c.Shown.Format("2 Jan 2006"), n)
	w := c.fonts.Bold.Measure(s, chartTextDp*px).Width
	if w > 0.6*(c.x1-c.x0) {
		s = fmt.Sprintf("%s: %d", c.Shown.Format("2 Jan 2006"), n)
		w = c.fonts.Bold.Measure(s, chartTextDp*px).Width
	}
	left := xs + 4*px
	if left+w > c.x1 {
		left = xs - 4*px - w
	}
	left = math.Max(c.x0, math.Min(left, c.x1-w))
	base := c.y0 - 2*px - c.fonts.Bold.Measure(s, chartTextDp*px).Descent
	return s, orb.Point{left, -base}
}

// yearLabelEvery is every how many years the date axis is labelled: 1, 2, 5
// or 10, the first that keeps labels chartMinGapDp apart.
func (c *Chart) yearLabelEvery() int {
	yearPx := (c.x1 - c.x0) * 365.25 / math.Max(1, float64(daysBetween(c.Start, c.Today)))
	need := c.fonts.Regular.Measure("2000", chartTextDp*c.PxPerDp).Width + chartMinGapDp*c.PxPerDp
	for _, n := range []int{1, 2, 5, 10} {
		if float64(n)*yearPx >= need {
			return n
		}
	}
	return 25
}

// placement is where a text may go from its anchor: dx in dp (a positive dx
// starts the text right of the anchor, a negative one ends it left of it),
// dy in lines of text (negative is up).
type placement struct{ dx, dy float64 }

// textBox is a placed text's pixel box and the left end of its baseline.
type textBox struct{ x0, y0, x1, y1, base float64 }

// place finds the first of tries where text s, anchored at (x, baseline y),
// lies inside the plot (or its top margin, for the article's label and the
// notes above the line) and clear of taken; ok is false if none does.
func (c *Chart) place(s string, bold bool, x, y float64, tries []placement, taken []textBox) (textBox, bool) {
	px := c.PxPerDp
	m := c.fonts.For(bold).Measure(s, chartTextDp*px)
	line := m.Ascent + m.Descent + px
	for _, p := range tries {
		left := x + p.dx*px
		if p.dx < 0 {
			left -= m.Width
		}
		b := c.box(s, bold, left, y+p.dy*line)
		if b.x0 < c.x0 || b.x1 > c.x1 || b.y0 < c.y0 || b.y1 > c.y1 {
			continue
		}
		free := true
		for _, t := range taken {
			if b.x0 < t.x1+2*px && t.x0 < b.x1+2*px && b.y0 < t.y1 && t.y0 < b.y1 {
				free = false
				break
			}
		}
		if free {
			return b, true
		}
	}
	return textBox{}, false
}

// box is the pixel box of text s with its baseline starting at (left, base).
func (c *Chart) box(s string, bold bool, left, base float64) textBox {
	m := c.fonts.For(bold).Measure(s, chartTextDp*c.PxPerDp)
	return textBox{x0: left, y0: base - m.Ascent, x1: left + m.Width, y1: base + m.Descent, base: base}
}

// chartLayer is one layer of the chart: filled shapes, then strokes, dots
// and texts, in the chart's frame (pixels, y up). Widths and sizes are in dp.
type chartLayer struct {
	name    string
	fills   []chartShape
	strokes []chartShape
	dots    []chartDot
	texts   []chartText
}

type chartShape struct {
	pts     []orb.Point
	col     color.NRGBA
	widthDp float64
	dashDp  []float64
}

type chartDot struct {
	at         orb.Point
	rDp        float64
	fill, ring color.NRGBA
}

type chartText struct {
	s         string
	at        orb.Point // the baseline's anchor
	sizeDp    float64
	col, halo color.NRGBA
	bold      bool
	anchor    render.Anchor
}

func (l *chartLayer) fill(pts []orb.Point, col color.NRGBA) {
	l.fills = append(l.fills, chartShape{pts: pts, col: col})
}

func (l *chartLayer) stroke(pts []orb.Point, col color.NRGBA, widthDp float64, dashDp []float64) {
	l.strokes = append(l.strokes, chartShape{pts: pts, col: col, widthDp: widthDp, dashDp: dashDp})
}

func (l *chartLayer) ID() string { return l.name }

// Bound is "anywhere": the chart is small and always drawn whole.
func (l *chartLayer) Bound() orb.Bound { return orb.Bound{} }

func (l *chartLayer) Draw(p render.Painter, dc *render.DrawContext) {
	for _, f := range l.fills {
		p.Ring(dc.Project(f.pts, 0))
		p.Fill(f.col, nil)
	}
	for _, s := range l.strokes {
		pen := render.Pen{Width: dc.Px(s.widthDp), Color: s.col, Cap: render.CapButt}
		for _, d := range s.dashDp {
			pen.Dash = append(pen.Dash, dc.Px(d))
		}
		p.Line(dc.Project(s.pts, 0))
		p.Stroke(pen, nil)
	}
	for _, d := range l.dots {
		p.Circle(dc.Point(d.at), dc.Px(d.rDp), d.fill, render.Pen{Width: dc.Px(1), Color: d.ring}, nil)
	}
	for _, t := range l.texts {
		p.Text(t.s, dc.Point(t.at), render.TextStyle{Size: dc.Px(t.sizeDp), Color: t.col, Bold: t.bold,
			Halo: dc.Px(1.5), HaloColor: t.halo, Anchor: t.anchor}, nil)
	}
}

// daysBetween is the number of whole days from a to b (negative if b is earlier).
func daysBetween(a, b icc.Date) int { return int(math.Round(b.Sub(a).Hours() / 24)) }

// clampDate is d limited to [lo, hi].
func clampDate(d, lo, hi icc.Date) icc.Date {
	if d.Before(lo) {
		return lo
	}
	if d.After(hi) {
		return hi
	}
	return d
}

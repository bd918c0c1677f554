// Package mapview is the interactive map widget: it draws the atlas with the
// shared renderer and turns pointer and key events into view changes,
// hover and selection.
package mapview

import (
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/app/userlayer"
	"articleatlas/geo"
)

var (
	_ fyne.Widget         = (*Map)(nil)
	_ fyne.Tappable       = (*Map)(nil)
	_ fyne.DoubleTappable = (*Map)(nil)
	_ fyne.Draggable      = (*Map)(nil)
	_ fyne.Scrollable     = (*Map)(nil)
	_ fyne.Focusable      = (*Map)(nil)
	_ desktop.Hoverable   = (*Map)(nil)
	_ desktop.Keyable     = (*Map)(nil)
)

// Keyboard steps.
const (
	keyPanFraction = 0.125     // arrow keys pan by this part of the view's size
	keyZoomStep    = 0.5       // +/− change the zoom by this much (2^0.5 ≈ 1.41×)
	wheelZoomPerDp = 1.0 / 100 // zoom change per dp of wheel scroll (one notch ≈ 0.25)
	fitPad         = 24.0      // dp left around a country when zooming to it
)

// Map is the atlas map widget. Set the callbacks before showing it; they are
// called on the Fyne goroutine.
type Map struct {
	widget.BaseWidget

	// OnSelect is called with the ISO3 code of a country the user selected,
	// or "" when the selection was cleared (a tap on the ocean, Escape) or is
	// not a country.
	OnSelect func(iso3 string)
	// OnSelectMark is called with whatever the user selected — a country,
	// place, trip, corridor or energy link — or a zero Hit when cleared.
	OnSelectMark func(h geo.Hit)
	// OnViewChanged is called after the view moved or zoomed.
	OnViewChanged func(v geo.View)

	atlas   *scene.Atlas
	world   *geo.World
	view    geo.View
	opts    scene.Options // date, selection, hover, layers; the style is set per frame
	focused bool

	hoverPos fyne.Position // pointer position while hovering (dp)
	hover    geo.Hit       // the mark under the pointer

	frames   render.Frames
	img      *image.RGBA // the last frame handed out (sharp, or a zoom preview)
	raster   *canvas.Raster
	tip      *tooltip
	lastPx   float64 // pixel scale of the last frame
	dirty    bool    // the map changed since the last frame
	dragging bool    // a drag is under way: frames may be up to half a pixel off

	grab    orb.Point // lon/lat held by a drag of the globe
	grabbed bool      // grab is set: a drag of the globe is under way
	shift   bool      // a Shift key is down (desktop.Keyable)

	ring        *canvas.Rectangle // focus ring, shown while the keys move the map
	zoomPreview bool              // show the last frame scaled until the sharp one is drawn
	sharpTimer  *time.Timer       // draws the sharp frame once the wheel rests

	flight  int           // counts flights; a step of an older one does nothing
	flyStop chan struct{} // closed to stop the flight under way, or nil
	turning bool          // a flight is turning the globe
}

// sharpDelay is how long the wheel must rest before a zoom's sharp frame is
// drawn; until then each wheel event shows the last frame scaled, at once.
const sharpDelay = 60 * time.Millisecond

// New returns a map of atlas a's world showing ICC status on date d, in the
// default projection, with every layer shown.
func New(a *scene.Atlas, d icc.Date) *Map {
	m := &Map{atlas: a, world: a.World, view: geo.NewView(geo.Projections[0], 800, 500)}
	m.opts.Layers = scene.AllLayers
	m.SetDate(d)
	m.ExtendBaseWidget(m)
	return m
}

// View returns the current view.
func (m *Map) View() geo.View { return m.view }

// SetView replaces the view (for example a remembered one) and redraws.
func (m *Map) SetView(v geo.View) {
	m.stopFlight()
	v.Resize(m.view.Width, m.view.Height)
	m.view = v
	m.changed()
}

// Selected returns the ISO3 code of the selected country, or "".
func (m *Map) Selected() string { return m.opts.Selected }

// Hovered returns the ISO3 code of the country under the pointer, or "".
func (m *Map) Hovered() string { return m.opts.Hover }

// Date returns the date whose ICC status the map shows.
func (m *Map) Date() icc.Date { return m.opts.Date }

// SetDate shows the map on date d: ICC status, trips and events. The mark
// under the pointer and its tooltip are found again, since a trip may have
// appeared or vanished there and a country's status changed.
func (m *Map) SetDate(d icc.Date) {
	m.opts.Date = d
	if m.hover.Kind != geo.HitNone {
		m.updateHover(m.hoverPos, true)
	}
	m.changed()
}

// Layers returns the layers shown.
func (m *Map) Layers() scene.Layers { return m.opts.Layers }

// SetLayers chooses the layers shown.
func (m *Map) SetLayers(l scene.Layers) {
	m.opts.Layers = l
	m.changed()
}

// UserLayers returns the layers the reader opened, drawn over the story.
func (m *Map) UserLayers() []*userlayer.Layer { return m.opts.User }

// SetUserLayers sets the opened layers to draw over the story, in order (the
// last on top), and redraws; a selection in a layer no longer there is
// cleared.
func (m *Map) SetUserLayers(ls []*userlayer.Layer) {
	m.opts.User = append([]*userlayer.Layer(nil), ls...)
	if _, _, ok := scene.UserFeature(m.opts.User, m.opts.SelectedMark); m.opts.SelectedMark.Kind == geo.HitUser && !ok {
		m.opts.SelectedMark = geo.Hit{}
	}
	m.hover, m.opts.HoverMark = geo.Hit{}, geo.Hit{}
	m.changed()
}

// SetProjection switches the projection, keeping the centre of the view.
// Switching to the globe while zoomed in turns the globe to face what is at
// the centre, so the view stays where it was.
func (m *Map) SetProjection(p geo.Projection) {
	m.stopFlight()
	if _, globe := p.(geo.Orthographic); globe && m.view.Zoom > 0 {
		if ll, ok := m.view.FromScreen(orb.Point{m.view.Width / 2, m.view.Height / 2}); ok {
			p = geo.Orthographic{Lon0: ll[0], Lat0: ll[1]}
		}
	}
	m.view.SetProjection(p)
	m.changed()
}

// Select selects the country iso3 ("" clears) without calling OnSelect.
func (m *Map) Select(iso3 string) {
	if m.opts.Selected == iso3 && m.opts.SelectedMark.Kind == geo.HitNone {
		return
	}
	m.opts.Selected, m.opts.SelectedMark = iso3, geo.Hit{}
	m.changed()
}

// SelectMark selects h — a country, place, trip, corridor or link; a zero
// Hit clears — without calling the callbacks. A place also selects its country.
func (m *Map) SelectMark(h geo.Hit) {
	switch h.Kind {
	case geo.HitNone:
		m.opts.Selected, m.opts.SelectedMark = "", geo.Hit{}
	case geo.HitCountry:
		m.opts.Selected, m.opts.SelectedMark = h.ID, geo.Hit{}
	case geo.HitPlace:
		m.opts.Selected, m.opts.SelectedMark = "", h
		if p := m.atlas.Story.Place(h.ID); p != nil {
			m.opts.Selected = p.ISO3
		}
	default:
		m.opts.Selected, m.opts.SelectedMark = "", h
	}
	m.changed()
}

// SelectedMark returns what is selected: a country (Kind geo.HitCountry), a
// place, trip, corridor or link, or a zero Hit.
func (m *Map) SelectedMark() geo.Hit {
	if m.opts.SelectedMark.Kind != geo.HitNone {
		return m.opts.SelectedMark
	}
	if m.opts.Selected != "" {
		return geo.Hit{Kind: geo.HitCountry, ID: m.opts.Selected}
	}
	return geo.Hit{}
}

// HoveredMark returns the mark under the pointer, or a zero Hit.
func (m *Map) HoveredMark() geo.Hit { return m.hover }

// ZoomToCountry flies the view (see FlyTo) to the main part of country iso3.
// On the globe the flight first turns the globe to face the country.
func (m *Map) ZoomToCountry(iso3 string) {
	l := m.layer()
	ci, ok := l.Countries.Index(iso3)
	if !ok {
		return
	}
	if _, globe := m.view.Proj.(geo.Orthographic); globe {
		c := l.Countries.Centre(ci)
		v := m.view
		v.Proj, v.Center = geo.Orthographic{Lon0: c[0], Lat0: c[1]}, orb.Point{0, 0}
		if b := geo.FocusBoundOf(l.Countries, ci, v.Proj); !b.IsZero() {
			v.Fit(b, fitPad)
		}
		m.FlyTo(v)
		return
	}
	m.FlyToBound(l.FocusBound[ci])
}

// bringIntoView flies the view to country iso3 if its centre is off screen,
// keeping the zoom when the country fits at it: on a flat map by moving the
// centre, on the globe by turning it to face the country.
func (m *Map) bringIntoView(iso3 string) {
	l := m.layer()
	ci, ok := l.Countries.Index(iso3)
	if !ok {
		return
	}
	screen := orb.Bound{Max: orb.Point{m.view.Width, m.view.Height}}
	if _, globe := m.view.Proj.(geo.Orthographic); globe {
		c := l.Countries.Centre(ci)
		if at := m.view.ToScreen(c); screen.Contains(at) {
			return
		}
		v := m.view
		v.Proj, v.Center = geo.Orthographic{Lon0: c[0], Lat0: c[1]}, orb.Point{0, 0}
		m.FlyTo(v)
		return
	}
	b := l.FocusBound[ci]
	if screen.Contains(m.view.ProjectedToScreen(b.Center())) {
		return
	}
	v := m.view
	v.Center = b.Center()
	if w, h := (b.Max[0]-b.Min[0])*v.Scale(), (b.Max[1]-b.Min[1])*v.Scale(); w > v.Width-2*fitPad || h > v.Height-2*fitPad {
		v.Fit(b, fitPad)
	}
	m.FlyTo(v)
}

// FlyToPoints flies the view (see FlyTo) to fit the lon/lat points a and b
// — a trip's two ends. On the globe it first turns the globe to face the
// great-circle midpoint between them, so both ends are on the near side.
func (m *Map) FlyToPoints(a, b orb.Point) {
	v := m.view
	if _, globe := v.Proj.(geo.Orthographic); globe {
		c := geo.Midpoint(a, b)
		v.Proj, v.Center = geo.Orthographic{Lon0: c[0], Lat0: c[1]}, orb.Point{0, 0}
	}
	var mp orb.MultiPoint
	for _, p := range []orb.Point{a, b} {
		if q := geo.Project(v.Proj, p); !math.IsNaN(q[0]) && !math.IsNaN(q[1]) {
			mp = append(mp, q)
		}
	}
	if len(mp) > 0 {
		v.Fit(mp.Bound(), fitPad)
	}
	m.FlyTo(v)
}

// FlyToBound flies the view (see FlyTo) to fit the projected bound b, with
// a margin on every side.
func (m *Map) FlyToBound(b orb.Bound) {
	v := m.view
	v.Fit(b, fitPad)
	m.FlyTo(v)
}

// FlyDuration is how long FlyTo takes. Zero or less makes it jump at once,
// which tests use to see the end of a flight without waiting.
var FlyDuration = 400 * time.Millisecond

// flySteps is how many frames a flight draws.
const flySteps = 24

// FlyTo moves and zooms the view to v (kept at the map's size) in a short
// animation of FlyDuration, easing in and out, and stops any flight still
// under way. It returns at once; the steps are applied on the Fyne
// goroutine, and the last one sets the view to v exactly. Between two globes
// the flight turns the globe (drawn at 1:110m until it lands). A change of
// projection, or a FlyDuration of zero, jumps. Call it on the Fyne goroutine.
func (m *Map) FlyTo(v geo.View) {
	m.stopFlight()
	v.Resize(m.view.Width, m.view.Height)
	from := m.view
	if FlyDuration <= 0 || geo.ProjectionFamily(from.Proj.Name()) != geo.ProjectionFamily(v.Proj.Name()) {
		m.view = v
		m.viewChanged()
		return
	}
	id, stop := m.flight, make(chan struct{})
	m.flyStop = stop
	m.turning = from.Proj != v.Proj
	step := func(t float64) {
		if m.flight != id {
			return // a newer flight or a user's move took over
		}
		w := v
		if t < 1 {
			w = flyStep(from, v, t)
		} else {
			m.turning = false
		}
		w.Width, w.Height = m.view.Width, m.view.Height
		m.view = w
		m.viewChanged()
	}
	tick := time.NewTicker(FlyDuration / flySteps)
	go func() {
		defer tick.Stop()
		for i := 1; i <= flySteps; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			t := float64(i) / flySteps
			fyne.Do(func() { step(t) })
		}
	}()
}

// stopFlight stops the flight under way, if any: its remaining steps do nothing.
func (m *Map) stopFlight() {
	m.flight++
	if m.turning {
		m.turning = false
		m.changed() // the fine outlines again
	}
	if m.flyStop != nil {
		close(m.flyStop)
		m.flyStop = nil
	}
}

// flyStep is the view a fraction t (0…1) of the way through a flight from a
// to b. The zoom is eased in and out; the centre moves with the scale, so the
// flight looks like a zoom about one fixed point plus as little sliding as
// the ends allow.
func flyStep(a, b geo.View, t float64) geo.View {
	e := t * t * (3 - 2*t) // smoothstep: eases in and out
	v := b
	v.Zoom = a.Zoom + (b.Zoom-a.Zoom)*e
	f := e
	if math.Abs(b.Zoom-a.Zoom) > 1e-6 {
		// 1/scale runs linearly from one end to the other.
		wa, wb, w := math.Exp2(-a.Zoom), math.Exp2(-b.Zoom), math.Exp2(-v.Zoom)
		f = (w - wa) / (wb - wa)
	}
	v.Center = orb.Point{a.Center[0] + (b.Center[0]-a.Center[0])*f, a.Center[1] + (b.Center[1]-a.Center[1])*f}
	ga, okA := a.Proj.(geo.Orthographic)
	gb, okB := b.Proj.(geo.Orthographic)
	if okA && okB && ga != gb {
		// The globe turns along the great circle between the two centres.
		c := geo.GreatCircleAt(orb.Point{ga.Lon0, ga.Lat0}, orb.Point{gb.Lon0, gb.Lat0}, e)
		v.Proj = geo.Orthographic{Lon0: c[0], Lat0: c[1]}
	}
	return v
}

// ZoomBy zooms by dz about the centre of the map.
func (m *Map) ZoomBy(dz float64) {
	m.stopFlight()
	m.view.ZoomAround(orb.Point{m.view.Width / 2, m.view.Height / 2}, dz)
	m.viewChanged()
}

// PanBy moves the map content by (dx, dy) dp. On the globe it turns the
// globe instead, so that the point at the middle of the map moves by
// (dx, dy).
func (m *Map) PanBy(dx, dy float64) {
	m.stopFlight()
	mid := orb.Point{m.view.Width / 2, m.view.Height / 2}
	if ll, ok := m.view.Grab(mid); !ok || !m.view.Turn(ll, orb.Point{mid[0] + dx, mid[1] + dy}) {
		m.view.PanBy(dx, dy)
	}
	m.viewChanged()
}

// ResetView shows the whole world.
func (m *Map) ResetView() {
	m.stopFlight()
	m.view.Reset()
	m.viewChanged()
}

// Options returns what the map shows besides the view, with the style of its
// theme: with View, what an export needs to draw exactly what is on screen.
func (m *Map) Options() scene.Options {
	o := m.drawOptions()
	o.Style = m.style()
	return o
}

// drawOptions is m.opts as the map draws and hit-tests now: while the globe
// turns (a drag, a flight) at the 1:110m level, as its layer is built anew
// for every centre and that takes a few milliseconds at 1:110m.
func (m *Map) drawOptions() scene.Options {
	o := m.opts
	if m.grabbed || m.turning {
		coarse := geo.Coarse
		o.Level = &coarse
	}
	return o
}

// Scene returns the scene the map draws at pxPerDp.
func (m *Map) Scene(pxPerDp float64) *render.Scene {
	return m.atlas.Scene(m.view, pxPerDp, m.Options())
}

// layer is the layer drawn at the last frame's pixel scale, also used for hit-testing.
func (m *Map) layer() *geo.Layer {
	px := m.lastPx
	if px <= 0 {
		px = 1
	}
	return m.world.Layer(m.view.Proj, m.atlas.Level(m.view, px, m.drawOptions()))
}

// MarkAt returns what lies at pos (dp) among the layers shown: a place, trip,
// corridor or link, else a country; ok is false over open ocean.
func (m *Map) MarkAt(pos fyne.Position) (geo.Hit, bool) {
	px := m.lastPx
	if px <= 0 {
		px = 1
	}
	return m.atlas.HitTest(m.view, px, m.drawOptions(), orb.Point{float64(pos.X), float64(pos.Y)})
}

// CountryAt returns the ISO3 code of the country at pos (dp), or "" over the ocean.
func (m *Map) CountryAt(pos fyne.Position) string {
	l := m.layer()
	if ci, ok := m.view.HitTest(l, orb.Point{float64(pos.X), float64(pos.Y)}); ok {
		return l.Countries.List[ci].ISO3
	}
	return ""
}

// CreateRenderer implements fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer {
	m.raster = canvas.NewRaster(m.generate)
	m.raster.ScaleMode = canvas.ImageScalePixels
	m.tip = newTooltip()
	m.ring = canvas.NewRectangle(color.Transparent)
	m.ring.StrokeWidth = 2
	m.showFocus()
	return &mapRenderer{m: m}
}

// generate is the raster's generator: it draws the map at w×h device pixels.
// It reuses the image while the size is unchanged and does no I/O.
func (m *Map) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	size := m.Size()
	px := 1.0
	if size.Width > 0 {
		px = float64(w) / float64(size.Width)
	}
	if m.img != nil && m.img.Rect.Dx() == w && m.img.Rect.Dy() == h && !m.dirty && px == m.lastPx {
		return m.img // the last frame handed out, sharp or preview
	}
	m.lastPx = px
	v := m.view
	v.Resize(float64(w)/px, float64(h)/px)
	if m.zoomPreview {
		if img, ok := m.frames.Preview(v, px); ok {
			m.img, m.dirty = img, false
			return img
		}
	}
	m.img, _ = m.frames.Draw(m.atlas.Scene(v, px, m.Options()), v, px, !m.dragging)
	m.dirty = false
	return m.img
}

// style is the map style for the widget's theme.
func (m *Map) style() render.Style { return ThemeStyle(m.Theme()) }

// ThemeStyle picks the light or dark map style from a theme's background
// colour, so the map, legend and panel swatches match the app's theme.
func ThemeStyle(th fyne.Theme) render.Style {
	bg := th.Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant())
	r, g, b, _ := bg.RGBA()
	if (r+g+b)/3 < 0x8000 {
		return render.DarkStyle()
	}
	return render.LightStyle()
}

// changed marks the map for redrawing.
func (m *Map) changed() {
	m.dirty = true
	if m.raster != nil {
		m.raster.Refresh()
	}
}

func (m *Map) viewChanged() {
	m.changed()
	m.updateHover(m.hoverPos, m.opts.Hover != "")
	if m.OnViewChanged != nil {
		m.OnViewChanged(m.view)
	}
}

// Tapped selects what is under the pointer — a place, trip, corridor, link
// or country — or clears the selection over the ocean.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	m.requestFocus()
	h, _ := m.MarkAt(ev.Position)
	m.SelectMark(h)
	m.notifySelect()
}

// notifySelect calls the selection callbacks with the current selection.
func (m *Map) notifySelect() {
	if m.OnSelect != nil {
		iso := ""
		if m.opts.SelectedMark.Kind == geo.HitNone {
			iso = m.opts.Selected
		}
		m.OnSelect(iso)
	}
	if m.OnSelectMark != nil {
		m.OnSelectMark(m.SelectedMark())
	}
}

// DoubleTapped zooms to the country under the pointer, or zooms in over the
// ocean; like a tap it gives the map the keyboard focus.
func (m *Map) DoubleTapped(ev *fyne.PointEvent) {
	m.requestFocus()
	iso := m.CountryAt(ev.Position)
	if iso == "" {
		m.stopFlight()
		m.view.ZoomAround(orb.Point{float64(ev.Position.X), float64(ev.Position.Y)}, 1)
		m.viewChanged()
		return
	}
	m.Select(iso)
	m.notifySelect()
	m.ZoomToCountry(iso)
}

// Dragged pans the map with the pointer. While dragging, frames shift the
// last one by whole pixels and draw only what came into view. On the globe
// it turns the globe instead, so that the point first grabbed stays under
// the pointer (as near as a turn with north up allows), drawn at 1:110m until
// the drag ends.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	m.stopFlight()
	at := orb.Point{float64(ev.Position.X), float64(ev.Position.Y)}
	if _, globe := m.view.Proj.(geo.Orthographic); globe {
		if !m.grabbed {
			start := orb.Point{at[0] - float64(ev.Dragged.DX), at[1] - float64(ev.Dragged.DY)}
			m.grab, m.grabbed = m.view.Grab(start)
		}
		if m.grabbed {
			m.view.Turn(m.grab, at)
		}
	} else {
		m.view.PanBy(float64(ev.Dragged.DX), float64(ev.Dragged.DY))
	}
	m.dragging = true
	m.hoverPos = ev.Position
	m.viewChanged()
}

// DragEnd redraws the map at the exact position the drag ended at, and at
// the level of detail of the view after turning the globe.
func (m *Map) DragEnd() {
	m.dragging, m.grabbed = false, false
	m.changed()
}

// Scrolled zooms about the pointer: up (or a pinch out on a trackpad) zooms in.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	m.stopFlight()
	dz := float64(ev.Scrolled.DY) * wheelZoomPerDp
	if dz == 0 {
		return
	}
	m.view.ZoomAround(orb.Point{float64(ev.Position.X), float64(ev.Position.Y)}, dz)
	m.hoverPos = ev.Position
	m.showZoomPreview()
	m.viewChanged()
}

// showZoomPreview makes the next frames scaled copies of the last sharp one
// and draws the sharp frame when the wheel has rested for sharpDelay.
func (m *Map) showZoomPreview() {
	m.zoomPreview = true
	if m.sharpTimer != nil {
		m.sharpTimer.Stop()
	}
	m.sharpTimer = time.AfterFunc(sharpDelay, func() {
		fyne.Do(func() {
			m.zoomPreview = false
			m.changed()
		})
	})
}

// MouseIn implements desktop.Hoverable.
func (m *Map) MouseIn(ev *desktop.MouseEvent) { m.updateHover(ev.Position, true) }

// MouseMoved updates the hovered country and the tooltip; the map is redrawn
// only when the hovered country changes.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) { m.updateHover(ev.Position, true) }

// MouseOut clears the hover.
func (m *Map) MouseOut() { m.updateHover(fyne.Position{}, false) }

func (m *Map) updateHover(pos fyne.Position, inside bool) {
	m.hoverPos = pos
	var h geo.Hit
	if inside {
		h, _ = m.MarkAt(pos)
	}
	if h != m.hover {
		m.hover = h
		m.opts.Hover, m.opts.HoverMark = "", geo.Hit{}
		if h.Kind == geo.HitCountry {
			m.opts.Hover = h.ID
		} else {
			m.opts.HoverMark = h
		}
		m.changed()
	}
	if m.tip == nil {
		return
	}
	if h.Kind == geo.HitNone {
		m.tip.hide()
		return
	}
	text := m.atlas.Tooltip(h, m.opts.Date)
	if l, f, ok := scene.UserFeature(m.opts.User, h); ok {
		text = l.Title(f) + "\n" + l.Name
	}
	m.tip.show(text, pos, m.Size())
}

func (m *Map) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
}

// FocusGained shows the focus ring: the keys now move the map.
func (m *Map) FocusGained() {
	m.focused = true
	m.showFocus()
}

// FocusLost hides the focus ring.
func (m *Map) FocusLost() {
	m.focused, m.shift = false, false
	m.showFocus()
}

// KeyDown implements desktop.Keyable: it notes when Shift goes down, so the
// arrow keys pan rather than move the selection.
func (m *Map) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		m.shift = true
	}
}

// KeyUp implements desktop.Keyable: it notes when Shift comes up.
func (m *Map) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		m.shift = false
	}
}

// Focused reports whether the map has the keyboard focus.
func (m *Map) Focused() bool { return m.focused }

func (m *Map) showFocus() {
	if m.ring == nil {
		return
	}
	m.ring.StrokeColor = m.Theme().Color(theme.ColorNameFocus, fyne.CurrentApp().Settings().ThemeVariant())
	if m.focused {
		m.ring.Show()
	} else {
		m.ring.Hide()
	}
	m.ring.Refresh()
}

// TypedRune handles + and − (zoom) and 0 (reset view).
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomBy(keyZoomStep)
	case '-', '_':
		m.ZoomBy(-keyZoomStep)
	case '0':
		m.ResetView()
	}
}

// arrows gives each arrow key its compass bearing (for moving the selection)
// and the way it pans the map content (in steps of keyPanFraction).
var arrows = map[fyne.KeyName]struct{ bearing, panX, panY float64 }{
	fyne.KeyUp:    {geo.North, 0, 1},
	fyne.KeyRight: {geo.East, -1, 0},
	fyne.KeyDown:  {geo.South, 0, -1},
	fyne.KeyLeft:  {geo.West, 1, 0},
}

// TypedKey handles the arrow keys, Enter (zoom to the selection) and Escape
// (clear the selection). With a country selected an arrow moves the
// selection to the neighbouring country that way (see MoveSelection);
// Shift+arrow, or an arrow with nothing selected, pans (on the globe: turns).
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	if a, ok := arrows[ev.Name]; ok {
		if m.opts.Selected != "" && !m.shiftDown() {
			m.MoveSelection(a.bearing)
			return
		}
		m.PanBy(a.panX*keyPanFraction*m.view.Width, a.panY*keyPanFraction*m.view.Height)
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.opts.Selected != "" {
			m.ZoomToCountry(m.opts.Selected)
		}
	case fyne.KeyEscape:
		m.SelectMark(geo.Hit{})
		m.notifySelect()
	}
}

// shiftDown reports whether a Shift key is held, as KeyDown saw it or as the
// desktop driver reports it.
func (m *Map) shiftDown() bool {
	if m.shift {
		return true
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// MoveSelection moves the selection from the selected country to the
// neighbouring country in the compass direction bearing (degrees clockwise
// from north; see geo.Countries.Toward), tells the listeners as a tap would
// (OnSelect, OnSelectMark), and brings the new country into view if it is
// off screen. It reports false, changing nothing, when no country is
// selected or none lies that way. Call it on the Fyne goroutine.
func (m *Map) MoveSelection(bearing float64) bool {
	cs := m.layer().Countries
	i, ok := cs.Index(m.opts.Selected)
	if !ok {
		return false
	}
	j, ok := cs.Toward(i, bearing)
	if !ok {
		return false
	}
	iso := cs.List[j].ISO3
	m.SelectMark(geo.Hit{Kind: geo.HitCountry, ID: iso})
	m.notifySelect()
	m.bringIntoView(iso)
	return true
}

// mapRenderer lays out the raster and the tooltip over it.
type mapRenderer struct{ m *Map }

func (r *mapRenderer) Layout(size fyne.Size) {
	m := r.m
	m.raster.Resize(size)
	m.raster.Move(fyne.NewPos(0, 0))
	m.ring.Resize(size)
	if float64(size.Width) != m.view.Width || float64(size.Height) != m.view.Height {
		m.view.Resize(float64(size.Width), float64(size.Height))
		m.dirty = true
	}
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 120) }

func (r *mapRenderer) Refresh() {
	r.m.dirty = true
	r.m.raster.Refresh()
	r.m.tip.refreshTheme()
	r.m.showFocus()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.m.raster, r.m.ring}, r.m.tip.objects()...)
}

func (r *mapRenderer) Destroy() {}

// tooltip is a small label of one or two lines that follows the pointer.
type tooltip struct {
	bg    *canvas.Rectangle
	lines [2]*canvas.Text
}

func newTooltip() *tooltip {
	t := &tooltip{bg: canvas.NewRectangle(color.Black)}
	for i := range t.lines {
		t.lines[i] = canvas.NewText("", color.White)
		t.lines[i].TextSize = theme.CaptionTextSize() + 1
	}
	t.lines[0].TextStyle.Bold = false
	t.bg.CornerRadius = 4
	t.refreshTheme()
	t.hide()
	return t
}

// objects are the tooltip's canvas objects, back to front.
func (t *tooltip) objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{t.bg, t.lines[0], t.lines[1]}
}

func (t *tooltip) refreshTheme() {
	t.bg.FillColor = color.NRGBA{0x20, 0x24, 0x28, 0xe8}
	t.lines[0].Color = color.White
	t.lines[1].Color = color.NRGBA{0xd0, 0xd4, 0xd8, 0xff}
}

func (t *tooltip) hide() {
	for _, o := range t.objects() {
		o.Hide()
	}
}

// Text is the tooltip's text, lines joined by a newline.
func (t *tooltip) Text() string {
	if t.lines[1].Text == "" {
		return t.lines[0].Text
	}
	return t.lines[0].Text + "\n" + t.lines[1].Text
}

// show places the tooltip with text s (one line, or two split at a newline)
// below-right of the pointer at pos, kept inside size.
func (t *tooltip) show(s string, pos fyne.Position, size fyne.Size) {
	first, second, _ := strings.Cut(s, "\n")
	t.lines[0].Text, t.lines[1].Text = first, second
	const padX, padY = 6, 3
	s0, s1 := t.lines[0].MinSize(), t.lines[1].MinSize()
	w, h := s0.Width, s0.Height
	if second != "" {
		w, h = max(w, s1.Width), h+s1.Height
	}
	w, h = w+2*padX, h+2*padY
	x, y := pos.X+14, pos.Y+18
	if x+w > size.Width {
		x = pos.X - w - 6
	}
	if y+h > size.Height {
		y = pos.Y - h - 6
	}
	x, y = float32(math.Max(0, float64(x))), float32(math.Max(0, float64(y)))
	t.bg.Resize(fyne.NewSize(w, h))
	t.bg.Move(fyne.NewPos(x, y))
	t.lines[0].Resize(s0)
	t.lines[0].Move(fyne.NewPos(x+padX, y+padY))
	t.lines[1].Resize(s1)
	t.lines[1].Move(fyne.NewPos(x+padX, y+padY+s0.Height))
	t.bg.Show()
	t.lines[0].Show()
	if second != "" {
		t.lines[1].Show()
	} else {
		t.lines[1].Hide()
	}
	for _, o := range t.objects() {
		o.Refresh()
	}
}

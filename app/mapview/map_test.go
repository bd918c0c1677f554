package mapview

import (
	"image"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

// inChina is a point of China's interior (Qinghai) clear of the story's
// marks, so the pointer there is over the country itself.
var inChina = orb.Point{95, 35}

// beijing is the Beijing place marker.
var beijing = orb.Point{116.4074, 39.9042}

var testAtlas *scene.Atlas

// atlas is the scene maker of the embedded world, loaded once for all tests.
func atlas(t testing.TB) *scene.Atlas {
	t.Helper()
	if testAtlas == nil {
		w, err := geo.LoadWorldSync()
		if err != nil {
			t.Fatal(err)
		}
		if testAtlas, err = scene.New(w); err != nil {
			t.Fatal(err)
		}
	}
	return testAtlas
}

// newTestMap shows a map in a test window of 800×500 and returns it with its
// canvas and the map's top-left corner on the canvas.
func newTestMap(t *testing.T) (*Map, fyne.Canvas, fyne.Position) {
	test.NewTempApp(t)
	m := New(atlas(t), icc.ArticleDate)
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 500))
	w.Canvas().Capture() // first frame
	// The test driver's AbsolutePositionForObject subtracts the canvas's
	// interactive-area inset, which its pointer events do not: add it back.
	inset, _ := w.Canvas().InteractiveArea()
	return m, w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(m).Add(inset)
}

// at converts a lon/lat to a canvas position through the map's current view.
func at(m *Map, origin fyne.Position, ll orb.Point) fyne.Position {
	s := m.View().ToScreen(ll)
	return fyne.NewPos(origin.X+float32(s[0]), origin.Y+float32(s[1]))
}

func TestTapSelectsCountry(t *testing.T) {
	m, c, origin := newTestMap(t)
	var got []string
	m.OnSelect = func(iso string) { got = append(got, iso) }

	test.TapCanvas(c, at(m, origin, inChina))
	test.TapCanvas(c, at(m, origin, orb.Point{-140, 10})) // the Pacific
	if strings.Join(got, ",") != "CHN," {
		t.Errorf("OnSelect calls = %q, want CHN then \"\"", got)
	}
	if m.Selected() != "" {
		t.Errorf("selection after tapping the ocean = %q, want none", m.Selected())
	}
}

func TestDragPans(t *testing.T) {
	m, c, origin := newTestMap(t)
	m.ZoomBy(1) // zoomed in, so the view can move both ways
	before := m.View().ToScreen(beijing)
	test.Drag(c, at(m, origin, orb.Point{0, 0}), -120, 40)
	after := m.View().ToScreen(beijing)
	if math.Abs(after[0]-before[0]+120) > 0.01 || math.Abs(after[1]-before[1]-40) > 0.01 {
		t.Errorf("dragging by (-120, 40) moved Beijing from %v to %v", before, after)
	}
}

func TestScrollZoomsAboutPointer(t *testing.T) {
	m, c, origin := newTestMap(t)
	pos := at(m, origin, beijing)
	z0 := m.View().Zoom
	// test.Scroll leaves the event's position empty, so the event is built here
	// as the desktop driver sends it: position relative to the widget.
	scroll := func(dy float32) {
		m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos.Subtract(origin), AbsolutePosition: pos}, Scrolled: fyne.Delta{DY: dy}})
	}
	test.Scroll(c, pos, 0, 50) // reaches the map: it is the scrollable under the pointer
	if m.View().Zoom <= z0 {
		t.Fatalf("test.Scroll did not reach the map")
	}
	m.ResetView()
	scroll(50)
	v := m.View()
	if v.Zoom <= z0 {
		t.Fatalf("zoom after scrolling up = %v, want more than %v", v.Zoom, z0)
	}
	s := v.ToScreen(beijing)
	if math.Abs(float64(origin.X)+s[0]-float64(pos.X)) > 0.01 || math.Abs(float64(origin.Y)+s[1]-float64(pos.Y)) > 0.01 {
		t.Errorf("Beijing moved from under the pointer: %v → %v", pos, s)
	}
	scroll(-5000)
	if m.View().Zoom != geo.MinZoom {
		t.Errorf("zoom after a long scroll down = %v, want the limit %v", m.View().Zoom, geo.MinZoom)
	}
}

func TestHoverShowsTooltip(t *testing.T) {
	m, c, origin := newTestMap(t)
	test.MoveMouse(c, at(m, origin, inChina))
	if m.Hovered() != "CHN" {
		t.Fatalf("hovered = %q, want CHN", m.Hovered())
	}
	if !m.tip.bg.Visible() || m.tip.Text() != "China — Not a party" {
		t.Errorf("tooltip = %q (visible %v), want \"China — Not a party\"", m.tip.Text(), m.tip.bg.Visible())
	}
	test.MoveMouse(c, at(m, origin, beijing))
	if h := m.HoveredMark(); h != (geo.Hit{Kind: geo.HitPlace, ID: "beijing"}) || m.tip.Text() != "Beijing, China" {
		t.Errorf("over Beijing: hovered %+v, tooltip %q, want the place and \"Beijing, China\"", h, m.tip.Text())
	}
	test.MoveMouse(c, at(m, origin, orb.Point{-140, 10}))
	if m.Hovered() != "" || m.tip.bg.Visible() {
		t.Errorf("over the ocean: hovered %q, tooltip visible %v", m.Hovered(), m.tip.bg.Visible())
	}
}

func TestKeys(t *testing.T) {
	m, c, _ := newTestMap(t)
	if m.ring.Visible() {
		t.Error("focus ring shown before the map has focus")
	}
	c.Focus(m)
	if !m.Focused() || !m.ring.Visible() {
		t.Error("no focus ring after the map took focus")
	}
	test.Type(m, "+")
	if got := m.View().Zoom; math.Abs(got-keyZoomStep) > 1e-9 {
		t.Errorf("zoom after + = %v, want %v", got, keyZoomStep)
	}
	x0 := m.View().Center[0]
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if m.View().Center[0] <= x0 {
		t.Errorf("Right arrow did not move the view east: %v → %v", x0, m.View().Center[0])
	}
	test.Type(m, "0")
	if m.View().Zoom != 0 {
		t.Errorf("zoom after 0 = %v, want the whole world", m.View().Zoom)
	}
	m.Select("CHN")
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if m.View().Zoom < 1 {
		t.Errorf("Enter on China zoomed to %v, want a close view", m.View().Zoom)
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Selected() != "" {
		t.Errorf("Escape left %q selected", m.Selected())
	}
}

func TestDoubleTapZoomsToCountry(t *testing.T) {
	m, c, _ := newTestMap(t)
	p := m.View().ToScreen(beijing)
	m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(float32(p[0]), float32(p[1]))})
	v := m.View()
	if m.Selected() != "CHN" || v.Zoom < 1 {
		t.Fatalf("after double-tap on Beijing: selected %q, zoom %v", m.Selected(), v.Zoom)
	}
	if c.Focused() != m {
		t.Error("after a double-tap the keys do not go to the map")
	}
	s := v.ToScreen(beijing)
	if s[0] < 0 || s[0] > v.Width || s[1] < 0 || s[1] > v.Height {
		t.Errorf("Beijing is off screen after zooming to China: %v", s)
	}
}

// TestWindowMatchesRenderer: what the window shows is what render.Draw makes.
func TestWindowMatchesRenderer(t *testing.T) {
	for _, scale := range []float32{1, 2} {
		test.NewTempApp(t)
		m := New(atlas(t), icc.ArticleDate)
		m.Select("CHN")
		w := test.NewTempWindow(t, m)
		w.SetPadded(false)
		w.Canvas().(test.WindowlessCanvas).SetScale(scale)
		w.Resize(fyne.NewSize(400, 250))
		shot := w.Canvas().Capture()

		b := shot.Bounds()
		want := image.NewRGBA(b)
		var r render.Renderer
		v := m.View()
		v.Resize(float64(b.Dx())/float64(scale), float64(b.Dy())/float64(scale))
		r.Draw(want, atlas(t).Scene(v, float64(scale), m.Options()), v, float64(scale))

		diff := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				gr, gg, gb, _ := shot.At(x, y).RGBA()
				wc := want.RGBAAt(x, y)
				if d(gr>>8, wc.R) > 4 || d(gg>>8, wc.G) > 4 || d(gb>>8, wc.B) > 4 {
					diff++
				}
			}
		}
		// The window adds nothing over the map at rest (the tooltip is hidden);
		// allow 0.5% for the painter's own rounding.
		if diff > b.Dx()*b.Dy()/200 {
			t.Errorf("scale %v: %d of %d pixels differ from render.Draw", scale, diff, b.Dx()*b.Dy())
		}
	}
}

func d(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

// TestWheelZoomPreviewThenSharp: a wheel zoom first shows the last frame
// scaled, then the sharp frame once the wheel rests.
func TestWheelZoomPreviewThenSharp(t *testing.T) {
	m, c, origin := newTestMap(t)
	pos := at(m, origin, beijing)
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos.Subtract(origin)}, Scrolled: fyne.Delta{DY: 60}})
	if !m.zoomPreview {
		t.Fatal("no preview after a wheel zoom")
	}
	c.Capture()
	deadline := time.Now().Add(2 * time.Second)
	for m.zoomPreview && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if m.zoomPreview {
		t.Fatal("the sharp frame never followed the preview")
	}
	img := c.Capture()
	px := float64(c.Scale())
	want, _ := m.frames.Draw(m.Scene(px), m.View(), px, true)
	if img.Bounds() != want.Rect {
		t.Fatalf("capture %v, frame %v", img.Bounds(), want.Rect)
	}
}

// TestMain makes flights (FlyTo, ZoomToCountry) jump, so the tests see where
// they end at once; TestFlyTo animates one itself.
func TestMain(m *testing.M) {
	FlyDuration = 0
	os.Exit(m.Run())
}

// TestFlyTo: a flight of 0.2 s passes through views between its ends and
// ends exactly at the target.
func TestFlyTo(t *testing.T) {
	m, _, _ := newTestMap(t)
	FlyDuration = 200 * time.Millisecond
	defer func() { FlyDuration = 0 }()
	from := m.View()
	to := from
	l := m.world.Layer(to.Proj, geo.Coarse)
	ci, ok := l.Countries.Index("KGZ")
	if !ok {
		t.Fatal("no Kyrgyzstan")
	}
	to.Fit(l.FocusBound[ci], fitPad)
	// The steps run on a goroutine under the test driver: watch them
	// through OnViewChanged, never by reading the view while they run.
	views := make(chan geo.View, 4*flySteps)
	m.OnViewChanged = func(v geo.View) { views <- v }
	m.FlyTo(to)
	same := func(a, b geo.View) bool { return a.Center == b.Center && a.Zoom == b.Zoom }
	between, steps := false, 0
	timeout := time.After(2 * time.Second)
	for done := false; !done; {
		select {
		case v := <-views:
			steps++
			if !same(v, from) && !same(v, to) {
				between = true
			}
			done = same(v, to)
		case <-timeout:
			t.Fatalf("after 2 s and %d steps the view is not the target", steps)
		}
	}
	if !between {
		t.Errorf("no view between the ends in %d steps", steps)
	}
	if steps < 2 {
		t.Errorf("the flight took %d steps", steps)
	}
	if v := m.View(); !same(v, to) {
		t.Errorf("the flight ended at centre %v zoom %v, want %v zoom %v", v.Center, v.Zoom, to.Center, to.Zoom)
	}
}

// globeMap is a test map showing the globe facing the story.
func globeMap(t *testing.T) (*Map, fyne.Canvas, fyne.Position) {
	m, c, origin := newTestMap(t)
	m.SetProjection(geo.DefaultGlobe)
	c.Capture()
	return m, c, origin
}

// TestDragTurnsGlobe: dragging the globe turns it, the point grabbed staying
// under the pointer, rather than panning; it draws at 1:110m while the drag
// lasts and at the view's own level after.
func TestDragTurnsGlobe(t *testing.T) {
	m, c, origin := globeMap(t)
	start := at(m, origin, beijing)
	// A drag in several moves, as a pointer makes it.
	pos := start
	for _, d := range []fyne.Delta{{DX: -30, DY: 10}, {DX: -40, DY: 15}, {DX: -50, DY: 20}} {
		pos = pos.Add(d)
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos.Subtract(origin)}, Dragged: d})
		if got := at(m, origin, beijing); math.Hypot(float64(got.X-pos.X), float64(got.Y-pos.Y)) > 0.5 {
			t.Fatalf("Beijing at %v after dragging it to %v", got, pos)
		}
		if o := m.Options(); o.Level == nil || *o.Level != geo.Coarse {
			t.Fatal("a drag of the globe should draw at 1:110m")
		}
	}
	m.DragEnd()
	if o := m.Options(); o.Level != nil {
		t.Errorf("after the drag the level is still forced to %v", *o.Level)
	}
	v := m.View()
	g, ok := v.Proj.(geo.Orthographic)
	if !ok || g == geo.DefaultGlobe {
		t.Fatalf("after the drag the projection is %v, want a turned globe", v.Proj.Name())
	}
	if v.Center != (orb.Point{0, 0}) || v.Zoom != 0 {
		t.Errorf("the drag panned or zoomed: centre %v zoom %v", v.Center, v.Zoom)
	}
	// Dragging west turned the globe east: its centre moved east.
	if g.Lon0 <= geo.DefaultGlobe.Lon0 {
		t.Errorf("after dragging west the globe faces %v°E, want east of %v°E", g.Lon0, geo.DefaultGlobe.Lon0)
	}
	// The driver's drag: the pointer ends where it is, the point under it
	// where the drag started.
	end := fyne.NewPos(origin.X+400, origin.Y+250)
	grabbed, _ := m.View().FromScreen(orb.Point{400 - 60, 250 + 30})
	test.Drag(c, end, 60, -30)
	if got := at(m, origin, grabbed); math.Hypot(float64(got.X-end.X), float64(got.Y-end.Y)) > 0.5 {
		t.Errorf("the point grabbed is at %v, want under the pointer at %v", got, end)
	}
	// The wheel still zooms.
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(400, 250)}, Scrolled: fyne.Delta{DY: 100}})
	if m.View().Zoom < 0.9 {
		t.Errorf("the wheel zoomed the globe to %v, want about 1", m.View().Zoom)
	}
	c.Capture()
}

// TestGlobeHitTest: on the globe a tap picks the country under the pointer
// on the near side; beyond the horizon there is nothing to pick.
func TestGlobeHitTest(t *testing.T) {
	m, c, origin := globeMap(t)
	var got []string
	m.OnSelect = func(iso string) { got = append(got, iso) }
	test.TapCanvas(c, at(m, origin, inChina))
	test.TapCanvas(c, fyne.NewPos(origin.X+3, origin.Y+3)) // a corner, off the globe
	if strings.Join(got, ",") != "CHN," {
		t.Errorf("OnSelect calls = %q, want CHN then \"\"", got)
	}
	// South America is on the far side: no point of the screen shows it.
	for x := float32(0); x < 800; x += 10 {
		for y := float32(0); y < 500; y += 10 {
			if iso := m.CountryAt(fyne.NewPos(x, y)); iso == "BRA" || iso == "ARG" {
				t.Fatalf("%s at (%v, %v), on the far side of the globe", iso, x, y)
			}
		}
	}
	// Zooming to a country on the far side turns the globe to face it.
	m.ZoomToCountry("BRA")
	if iso := m.CountryAt(fyne.NewPos(400, 250)); iso != "BRA" {
		t.Errorf("after zooming to Brazil the middle of the map shows %q", iso)
	}
}

// sendKey types key into the canvas's focused object, as the window does.
func sendKey(t *testing.T, c fyne.Canvas, key fyne.KeyName) {
	t.Helper()
	f := c.Focused()
	if f == nil {
		t.Fatal("nothing has the focus")
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// TestArrowsMoveSelection: with a country selected the arrow keys select its
// neighbour that way and tell the listeners as a tap does; Shift+arrows pan
// and keep the selection; with nothing selected, arrows pan.
func TestArrowsMoveSelection(t *testing.T) {
	m, c, origin := newTestMap(t)
	var isos []string
	var marks []geo.Hit
	m.OnSelect = func(iso string) { isos = append(isos, iso) }
	m.OnSelectMark = func(h geo.Hit) { marks = append(marks, h) }
	test.TapCanvas(c, at(m, origin, inChina)) // selects and focuses
	if c.Focused() != m || m.Selected() != "CHN" {
		t.Fatalf("after a tap on China: focus %v, selected %q", c.Focused(), m.Selected())
	}
	steps := []struct {
		key  fyne.KeyName
		want []string
	}{
		{fyne.KeyUp, []string{"MNG", "RUS"}},
		{fyne.KeyDown, []string{"CHN"}},
		{fyne.KeyLeft, []string{"KAZ", "KGZ", "TJK", "AFG", "PAK", "IND", "NPL"}},
	}
	for i, s := range steps {
		sendKey(t, c, s.key)
		got := m.Selected()
		if !slices.Contains(s.want, got) {
			t.Fatalf("%s: selected %q, want one of %v", s.key, got, s.want)
		}
		if len(isos) != i+2 || isos[i+1] != got || marks[i+1] != (geo.Hit{Kind: geo.HitCountry, ID: got}) {
			t.Fatalf("%s: listeners told %v / %v, want %s last", s.key, isos, marks, got)
		}
	}
	selected := m.Selected()
	// Shift+arrow pans and keeps the selection.
	m.ZoomBy(1)
	x0 := m.View().Center[0]
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	c.Focused().(desktop.Keyable).KeyDown(shift)
	sendKey(t, c, fyne.KeyRight)
	c.Focused().(desktop.Keyable).KeyUp(shift)
	if m.Selected() != selected || m.View().Center[0] <= x0 {
		t.Errorf("Shift+Right: selected %q (want %q), centre x %v → %v (want east)", m.Selected(), selected, x0, m.View().Center[0])
	}
	// Nothing selected: arrows pan.
	sendKey(t, c, fyne.KeyEscape)
	x0 = m.View().Center[0]
	sendKey(t, c, fyne.KeyLeft)
	if m.Selected() != "" || m.View().Center[0] >= x0 {
		t.Errorf("Left with nothing selected: selected %q, centre x %v → %v (want west)", m.Selected(), x0, m.View().Center[0])
	}
}

// TestArrowBringsNeighbourIntoView: moving the selection to a country whose
// middle is off screen flies the map there.
func TestArrowBringsNeighbourIntoView(t *testing.T) {
	m, c, _ := newTestMap(t)
	c.Focus(m)
	m.SelectMark(geo.Hit{Kind: geo.HitCountry, ID: "FRA"})
	// Close in on Paris: no neighbour's middle is on screen.
	v := m.View()
	v.Center, v.Zoom = geo.Project(v.Proj, orb.Point{2.35, 48.86}), 6
	m.SetView(v)
	onScreen := func(ll orb.Point) bool {
		s := m.View().ToScreen(ll)
		return s[0] >= 0 && s[0] <= 800 && s[1] >= 0 && s[1] <= 500
	}
	sendKey(t, c, fyne.KeyRight)
	got := m.Selected()
	if got != "DEU" && got != "CHE" && got != "ITA" {
		t.Fatalf("Right from France selected %q, want a neighbour east", got)
	}
	cs := m.layer().Countries
	i, _ := cs.Index(got)
	if !onScreen(cs.Centre(i)) {
		t.Errorf("the middle of %s (%v) is off screen after moving the selection there", got, cs.Centre(i))
	}
	if m.View().Zoom != 6 {
		t.Errorf("the zoom changed to %v, want 6 kept", m.View().Zoom)
	}
}

// TestGlobeKeys: on the globe the arrows move the selection as on a flat
// map, and Shift+arrows turn the globe instead of panning.
func TestGlobeKeys(t *testing.T) {
	m, c, origin := globeMap(t)
	test.TapCanvas(c, at(m, origin, inChina))
	sendKey(t, c, fyne.KeyUp)
	if got := m.Selected(); got != "MNG" && got != "RUS" {
		t.Errorf("Up from China on the globe selected %q", got)
	}
	before := m.View()
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftRight}
	m.KeyDown(shift)
	sendKey(t, c, fyne.KeyLeft)
	m.KeyUp(shift)
	after := m.View()
	g0, g1 := before.Proj.(geo.Orthographic), after.Proj.(geo.Orthographic)
	if after.Center != before.Center || g1.Lon0 >= g0.Lon0 {
		t.Errorf("Shift+Left on the globe: centre %v → %v, facing %v → %v; want it turned west", before.Center, after.Center, g0, g1)
	}
}

// TestFlyStepTurnsGlobe: a flight between two globes turns the globe along
// the great circle between their centres.
func TestFlyStepTurnsGlobe(t *testing.T) {
	a := geo.NewView(geo.Orthographic{Lon0: 90, Lat0: 35}, 800, 500)
	b := a
	b.Proj = geo.Orthographic{Lon0: -50, Lat0: -10}
	mid := flyStep(a, b, 0.5).Proj.(geo.Orthographic)
	want := geo.GreatCircleAt(orb.Point{90, 35}, orb.Point{-50, -10}, 0.5)
	if math.Abs(mid.Lon0-want[0]) > 1e-9 || math.Abs(mid.Lat0-want[1]) > 1e-9 {
		t.Errorf("half way the globe faces %v, want %v", mid, want)
	}
	if end := flyStep(a, b, 1).Proj.(geo.Orthographic); geo.DistanceKm(orb.Point{end.Lon0, end.Lat0}, orb.Point{-50, -10}) > 1e-6 {
		t.Errorf("at the end the globe faces %v, want (-50, -10)", end)
	}
}

// TestFlyToPointsOnGlobe: flying to a trip whose ends are on the far side
// of the globe turns the globe so both ends show, and fits them.
func TestFlyToPointsOnGlobe(t *testing.T) {
	m, _, _ := globeMap(t)
	moscow, beijing := orb.Point{37.6175, 55.7504}, orb.Point{116.4074, 39.9042}
	v := m.View()
	v.Proj = geo.Orthographic{Lon0: -100, Lat0: -20} // South America: both ends hidden
	m.SetView(v)
	m.FlyToPoints(moscow, beijing)
	screen := orb.Bound{Max: orb.Point{m.View().Width, m.View().Height}}
	for _, p := range []orb.Point{moscow, beijing} {
		if s := m.View().ToScreen(p); !screen.Contains(s) {
			t.Errorf("%v is at %v, off the %v map", p, s, screen.Max)
		}
	}
	if m.View().Zoom <= 0 {
		t.Errorf("zoom %v: the flight did not fit the trip", m.View().Zoom)
	}
}

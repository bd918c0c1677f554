package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"articleatlas/app/scene"
	"articleatlas/geo"
)

func newTestUI(t *testing.T) (*UI, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	world, err := geo.LoadWorldSync()
	if err != nil {
		t.Fatal(err)
	}
	a, err := scene.New(world)
	if err != nil {
		t.Fatal(err)
	}
	u := New(a, geo.ArticleDate)
	w := test.NewTempWindow(t, u.Content)
	w.Resize(fyne.NewSize(1200, 760))
	w.Canvas().Capture()
	return u, w
}

// canvasPos is where ll is drawn on the canvas. The test driver's
// AbsolutePositionForObject subtracts the canvas's interactive-area inset,
// which its pointer events do not, so the inset is added back.
func (u *UI) canvasPos(ll orb.Point) fyne.Position {
	c := fyne.CurrentApp().Driver().CanvasForObject(u.Map)
	inset, _ := c.InteractiveArea()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.Map).Add(inset)
	s := u.Map.View().ToScreen(ll)
	return fyne.NewPos(origin.X+float32(s[0]), origin.Y+float32(s[1]))
}

func TestTapBeijingShowsChina(t *testing.T) {
	u, w := newTestUI(t)
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{116.40, 39.90}))
	if got := u.Details.Name.Text; got != "China" {
		t.Errorf("details name = %q, want China", got)
	}
	if got := u.Details.Status.Text; got != "Not a party" {
		t.Errorf("details status = %q, want \"Not a party\"", got)
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{4.30, 52.08})) // The Hague
	if got := u.Details.Status.Text; got != "State party since 1 July 2002" {
		t.Errorf("Netherlands status = %q (name %q)", got, u.Details.Name.Text)
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{-140, 10}))
	if got := u.Details.Name.Text; got != "No country selected" {
		t.Errorf("after tapping the ocean the panel says %q", got)
	}
}

func TestLegendCounts(t *testing.T) {
	u, _ := newTestUI(t)
	if got := u.Legend.Labels[geo.Party].Text; got != "State party (123)" {
		t.Errorf("party legend = %q, want \"State party (123)\"", got)
	}
	u.Legend.Update(geo.StatuteInForce.AddDate(23, 6, 0)) // 1 January 2026
	if got := u.Legend.Labels[geo.Party].Text; !strings.HasPrefix(got, "State party (125)") {
		t.Errorf("party legend on 1 Jan 2026 = %q, want 125", got)
	}
}

func TestButtons(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(u.ZoomIn)
	if u.Map.View().Zoom != 1 {
		t.Errorf("zoom after the zoom-in button = %v, want 1", u.Map.View().Zoom)
	}
	test.Tap(u.Reset)
	if u.Map.View().Zoom != 0 {
		t.Errorf("zoom after Reset view = %v, want 0", u.Map.View().Zoom)
	}
	u.Projection.SetSelected("Equirectangular")
	if u.Map.View().Proj.Name() != "equirectangular" {
		t.Errorf("projection = %s after choosing Equirectangular", u.Map.View().Proj.Name())
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"articleatlas/app/icc"
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
	u := New(a, icc.ArticleDate)
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

func TestTapShowsDetails(t *testing.T) {
	u, w := newTestUI(t)
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{95, 35})) // inside China, clear of the story's marks
	if got := u.Details.Name.Text; got != "China" {
		t.Errorf("details name = %q, want China", got)
	}
	if got := u.Details.Status.Text; got != "Not a party" {
		t.Errorf("details status = %q, want \"Not a party\"", got)
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{-4, 40})) // Spain
	if got := u.Details.Status.Text; got != "State party since 1 July 2002" {
		t.Errorf("Spain's status = %q (name %q)", got, u.Details.Name.Text)
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{116.4074, 39.9042})) // the Beijing marker
	if got := u.Details.Name.Text; got != "Beijing" {
		t.Errorf("after tapping the Beijing marker the panel says %q, want Beijing", got)
	}
	if got := u.Details.Status.Text; got != "China — Not a party" {
		t.Errorf("Beijing's subtitle = %q", got)
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{-140, 10}))
	if got := u.Details.Name.Text; got != "No country selected" {
		t.Errorf("after tapping the ocean the panel says %q", got)
	}
}

// TestTapTripAndToggleLayers: tapping the middle of the Bishkek trip's arc
// shows the trip, with whether it lands in a state party (F20); switching
// Putin's trips off in the layers control makes the same tap miss it.
func TestTapTripAndToggleLayers(t *testing.T) {
	u, w := newTestUI(t)
	i := -1
	for k := range u.Atlas.Story.Trips {
		if u.Atlas.Story.Trips[k].ID == "putin-2023-bishkek" {
			i = k
		}
	}
	mid := u.Atlas.Lines.TripMid[i]
	test.TapCanvas(w.Canvas(), u.canvasPos(mid))
	if h := u.Map.SelectedMark(); h != (geo.Hit{Kind: geo.HitTrip, ID: "putin-2023-bishkek"}) {
		t.Fatalf("selected %+v after tapping the Bishkek arc", h)
	}
	if got := u.Details.Name.Text; got != "Putin: Moscow → Bishkek" {
		t.Errorf("trip title = %q", got)
	}
	if got := u.Details.Note.Text; !strings.Contains(got, "Bishkek, Kyrgyzstan — not an ICC state party on 12 Oct 2023") {
		t.Errorf("trip details %q do not say where it lands", got)
	}
	test.Tap(u.Layers.Checks[scene.Trips]) // off
	if u.Map.Layers()&scene.Trips != 0 {
		t.Fatal("the Putin's trips switch did not hide the layer")
	}
	test.TapCanvas(w.Canvas(), u.canvasPos(mid))
	if h := u.Map.SelectedMark(); h.Kind == geo.HitTrip {
		t.Errorf("trips hidden, yet the tap selected %+v", h)
	}
	test.Tap(u.Layers.Checks[scene.Trips]) // on again
	if u.Map.Layers()&scene.Trips == 0 {
		t.Error("the switch did not show the trips again")
	}
}

func TestLegendCounts(t *testing.T) {
	u, _ := newTestUI(t)
	if got := u.Legend.Labels[icc.Party].Text; got != "State party (123)" {
		t.Errorf("party legend = %q, want \"State party (123)\"", got)
	}
	u.Legend.Update(icc.StatuteInForce.AddDate(23, 6, 0)) // 1 January 2026
	if got := u.Legend.Labels[icc.Party].Text; !strings.HasPrefix(got, "State party (125)") {
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

// TestLongNamesDoNotWidenWindow: the details of the mark with the longest
// name wrap in the panel instead of raising the window's minimum width,
// which would make the window grow and the map shrink.
func TestLongNamesDoNotWidenWindow(t *testing.T) {
	u, _ := newTestUI(t)
	before := u.Content.MinSize().Width
	for _, h := range []geo.Hit{
		{Kind: geo.HitCorridor, ID: "bangladesh-china-india-myanmar"},
		{Kind: geo.HitTrip, ID: "putin-2019-beijing"},
		{Kind: geo.HitPlace, ID: "the-hague"},
		{Kind: geo.HitCountry, ID: "COD"},
	} {
		u.Details.ShowMark(h, icc.ArticleDate)
		if got := u.Content.MinSize().Width; got > before+1 {
			t.Errorf("%+v: the window's minimum width grew from %v to %v", h, before, got)
		}
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
		{Kind: geo.HitCountry, ID: "CHN"},
		{Kind: geo.HitCountry, ID: "RUS"},
		{Kind: geo.HitCountry, ID: "KGZ"},
	} {
		u.Details.ShowMark(h, icc.ArticleDate)
		if got := u.Content.MinSize().Width; got > before+1 {
			t.Errorf("%+v: the window's minimum width grew from %v to %v", h, before, got)
		}
	}
}

// TestCountryArticleAndStory: tapping China shows the article's paragraphs
// that mention it with the mentions in bold, its roles, and Putin's trip to
// Beijing as a link that selects the trip on the map and shows it.
func TestCountryArticleAndStory(t *testing.T) {
	u, w := newTestUI(t)
	test.TapCanvas(w.Canvas(), u.canvasPos(orb.Point{95, 35})) // inside China
	d := u.Details
	if d.Name.Text != "China" {
		t.Fatalf("details name = %q, want China", d.Name.Text)
	}
	if len(d.Paragraphs) == 0 {
		t.Fatal("no paragraphs of the article for China")
	}
	for _, p := range d.Paragraphs {
		if p.Wrapping != fyne.TextWrapWord {
			t.Error("a paragraph does not wrap")
		}
		for _, s := range p.Segments {
			ts, ok := s.(*widget.TextSegment)
			if !ok {
				t.Fatalf("segment %T, want *widget.TextSegment", s)
			}
			if ts.Style.TextStyle.Bold && ts.Style != widget.RichTextStyleStrong {
				t.Errorf("segment %q is bold but not RichTextStyleStrong", ts.Text)
			}
		}
	}
	if !hasStrong(d.Paragraphs, "China") && !hasStrong(d.Paragraphs, "Beijing") {
		t.Error("no paragraph has China or Beijing in bold")
	}
	if !strings.Contains(d.Roles.Text, "Host of the Belt and Road Forum") {
		t.Errorf("China's roles = %q", d.Roles.Text)
	}
	if d.NoMention.Text != "" {
		t.Errorf("China: %q", d.NoMention.Text)
	}

	const title = "Putin: Moscow → Beijing, 17–18 Oct 2023"
	var link *widget.Hyperlink
	for _, l := range d.Trips {
		if l.Text == title {
			link = l
		}
	}
	if link == nil {
		t.Fatalf("no trip link %q among %d", title, len(d.Trips))
	}
	var selected []geo.Hit
	u.OnSelectMark = func(h geo.Hit) { selected = append(selected, h) }
	w.Canvas().Capture() // lay the new links out, so a tap lands on the text
	test.TapAt(link, fyne.NewPos(link.Size().Width/4, link.Size().Height/2))
	want := geo.Hit{Kind: geo.HitTrip, ID: "putin-2023-beijing"}
	if tr := u.Atlas.Story.Trip(want.ID); tr == nil || scene.TripTitle(tr) != title {
		t.Fatalf("trip %s is not %q", want.ID, title)
	}
	if h := u.Map.SelectedMark(); h != want {
		t.Errorf("after tapping the trip link the map selects %+v, want %+v", h, want)
	}
	if len(selected) != 1 || selected[0] != want {
		t.Errorf("OnSelectMark got %+v, want one call with %+v", selected, want)
	}
	if got := d.Name.Text; got != "Putin: Moscow → Beijing" {
		t.Errorf("after tapping the trip link the panel says %q", got)
	}
	if got := d.Status.Text; got != "17–18 Oct 2023" {
		t.Errorf("trip subtitle = %q", got)
	}
	if len(d.Paragraphs)+len(d.Trips)+len(d.Routes) != 0 || d.Roles.Text != "" {
		t.Error("the country's part of the panel stays for a trip")
	}
}

func hasStrong(ps []*widget.RichText, text string) bool {
	for _, p := range ps {
		for _, s := range p.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Text == text && ts.Style == widget.RichTextStyleStrong {
				return true
			}
		}
	}
	return false
}

func TestCountryNotInArticle(t *testing.T) {
	u, _ := newTestUI(t)
	u.Details.ShowMark(geo.Hit{Kind: geo.HitCountry, ID: "BRA"}, icc.ArticleDate)
	d := u.Details
	if got := d.NoMention.Text; got != "The article does not mention Brazil." {
		t.Errorf("Brazil: %q", got)
	}
	if len(d.Paragraphs) != 0 {
		t.Errorf("Brazil has %d paragraphs", len(d.Paragraphs))
	}
	if d.Status.Text == "" || d.Status.Hidden {
		t.Error("Brazil's status is not shown")
	}
	if got := d.Roles.Text; got != "No role in the story." {
		t.Errorf("Brazil's roles = %q", got)
	}
}

// TestCountryRoutes: Kyrgyzstan lists the corridor through it, and tapping
// the link selects the corridor.
func TestCountryRoutes(t *testing.T) {
	u, w := newTestUI(t)
	u.Details.ShowMark(geo.Hit{Kind: geo.HitCountry, ID: "KGZ"}, icc.ArticleDate)
	const name = "China–Central Asia–West Asia Economic Corridor"
	var link *widget.Hyperlink
	for _, l := range u.Details.Routes {
		if l.Text == name {
			link = l
		}
	}
	if link == nil {
		t.Fatalf("Kyrgyzstan does not list %q", name)
	}
	w.Canvas().Capture()
	test.TapAt(link, fyne.NewPos(link.Size().Width/4, link.Size().Height/2))
	if h := u.Map.SelectedMark(); h.Kind != geo.HitCorridor {
		t.Errorf("after tapping the corridor link the map selects %+v", h)
	}
	if got := u.Details.Name.Text; got != name {
		t.Errorf("after tapping the corridor link the panel says %q", got)
	}
}

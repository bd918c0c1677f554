package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"articleatlas/app/article"
	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/render"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

func newTestUI(t *testing.T) (*UI, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	mapview.FlyDuration = 0 // flights jump: the tests see where they end at once
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
	// A country's status follows its swatch.
	w.Canvas().Capture()
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if name, sub := abs(u.Details.Name), abs(u.Details.Status); sub.X < name.X+14 {
		t.Errorf("China's status starts at x = %v, its name at %v: no room for the swatch", sub.X, name.X)
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
	w.Canvas().Capture()
	if name, sub := abs(u.Details.Name), abs(u.Details.Status); sub.X != name.X {
		t.Errorf("after a country, a place's subtitle starts at x = %v, its title at %v", sub.X, name.X)
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
	// No status swatch for a trip: its subtitle lines up with its title.
	w.Canvas().Capture()
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if name, sub := abs(u.Details.Name), abs(u.Details.Status); sub.X != name.X {
		t.Errorf("the trip's subtitle starts at x = %v, its title at %v", sub.X, name.X)
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

// articleMention is the paragraph of the article pane holding the first
// link whose text is text, its index and the link's mark.
func articleMention(p *ArticlePane, text string) (*LinkText, int, geo.Hit) {
	for i, rt := range p.Paragraphs {
		for _, r := range rt.Runs() {
			if r.Link.Kind != geo.HitNone && r.Text == text {
				return rt, i, r.Link
			}
		}
	}
	return nil, -1, geo.Hit{}
}

// TestArticlePane: the Article tab holds the app's line then the article's
// 18 paragraphs, word-wrapped, each mention a link; tapping Kyrgyzstan
// selects KGZ, flies the map to it, marks the paragraphs that mention it and
// scrolls to the first.
func TestArticlePane(t *testing.T) {
	u, w := newTestUI(t)
	p := u.Article
	if len(u.Tabs.Items) != 2 || u.Tabs.Items[0].Text != "Details" || u.Tabs.Items[1].Text != "Article" {
		t.Fatalf("side panel tabs: %d", len(u.Tabs.Items))
	}
	if got := len(p.Paragraphs); got != 18 {
		t.Fatalf("the Article tab has %d paragraphs, want 18", got)
	}
	if !strings.HasPrefix(p.Intro.Text, "Events reported on 17 October 2023") || !p.Intro.TextStyle.Italic {
		t.Errorf("intro %q (italic %v)", p.Intro.Text, p.Intro.TextStyle.Italic)
	}
	art, err := article.Default()
	if err != nil {
		t.Fatal(err)
	}
	links := 0
	for i, rt := range p.Paragraphs {
		want := fmt.Sprintf("¶%d  %s", i+1, art.Paragraphs[i].Text)
		if got := rt.String(); got != want {
			t.Errorf("paragraph %d reads %q, want %q", i+1, got, want)
		}
		for _, r := range rt.Runs() {
			if r.Link.Kind != geo.HitNone {
				links++
			}
		}
	}
	want := 0
	for _, m := range art.Mentions() {
		if m.ISO3 != "" {
			want++
		}
	}
	if links != want {
		t.Errorf("%d links in the article, want one per mention (%d)", links, want)
	}
	u.Tabs.SelectIndex(1)
	w.Canvas().Capture()
	rt, para, h := articleMention(p, "Kyrgyzstan")
	if rt == nil || h != (geo.Hit{Kind: geo.HitCountry, ID: "KGZ"}) {
		t.Fatalf("no Kyrgyzstan link in the article (%+v)", h)
	}
	at, ok := rt.LinkPosition(h)
	if !ok {
		t.Fatal("the Kyrgyzstan link is not laid out")
	}
	test.TapAt(rt, at)
	if got := u.Map.Selected(); got != "KGZ" {
		t.Fatalf("after tapping Kyrgyzstan the map selects %q", got)
	}
	if got := u.Details.Name.Text; got != "Kyrgyzstan" {
		t.Errorf("the details panel says %q", got)
	}
	v := u.Map.View()
	l := u.World.Layer(v.Proj, geo.Fine)
	ci, ok := l.Countries.Index("KGZ")
	if !ok {
		t.Fatal("no KGZ in the layer")
	}
	if b := l.FocusBound[ci]; !b.Contains(v.Center) || v.Zoom < 1 {
		t.Errorf("view centre %v zoom %v, want inside Kyrgyzstan's %v", v.Center, v.Zoom, b)
	}
	if p.Highlighted() != "KGZ" || !p.Marked(para) {
		t.Errorf("highlighted %q, paragraph %d marked %v", p.Highlighted(), para+1, p.Marked(para))
	}
	first := -1
	for i := range p.Paragraphs {
		if p.Marked(i) && first < 0 {
			first = i
		}
	}
	if first > 0 && p.Scroll.Offset.Y == 0 {
		t.Errorf("the pane did not scroll to paragraph %d", first+1)
	}
	if !p.Paragraphs[first].Marked() {
		t.Errorf("paragraph %d has no mark", first+1)
	}
	u.selectMark(geo.Hit{})
	if p.Marked(para) {
		t.Error("clearing the selection leaves the mark")
	}
}

// TestArticleEvents: the dated events are in date order, and tapping the
// 17 Oct 2023 trip selects it on the map and fits both its ends.
func TestArticleEvents(t *testing.T) {
	u, _ := newTestUI(t)
	p := u.Article
	if len(p.Events) != len(u.Atlas.Story.Trips)+len(u.Atlas.Story.Events) {
		t.Fatalf("%d dated events", len(p.Events))
	}
	want := geo.Hit{Kind: geo.HitTrip, ID: "putin-2023-beijing"}
	tr := u.Atlas.Story.Trip(want.ID)
	if tr == nil || !tr.Start.Equal(icc.ArticleDate) {
		t.Fatalf("trip %s does not start on the article's day", want.ID)
	}
	title := scene.DateRange(tr.Start, tr.End) + " — Putin: Moscow → Beijing"
	var link *widget.Hyperlink
	for i, l := range p.Events {
		if l.Text == title {
			link = l
			if p.EventHits[i] != want {
				t.Errorf("%q selects %+v", title, p.EventHits[i])
			}
		}
	}
	if link == nil {
		t.Fatalf("no event %q", title)
	}
	link.OnTapped()
	if h := u.Map.SelectedMark(); h != want {
		t.Errorf("after tapping %q the map selects %+v", title, h)
	}
	v := u.Map.View()
	for _, ll := range []orb.Point{tr.From.Point, tr.To.Point} {
		if s := v.ToScreen(ll); s[0] < 0 || s[0] > v.Width || s[1] < 0 || s[1] > v.Height {
			t.Errorf("%v is off screen after flying to the trip: %v", ll, s)
		}
	}
	if v.Zoom < 0.5 {
		t.Errorf("zoom %v after flying to the trip", v.Zoom)
	}
	// Date order.
	var hits []geo.Hit
	hits = append(hits, p.EventHits...)
	day := func(h geo.Hit) icc.Date {
		if h.Kind == geo.HitTrip {
			return u.Atlas.Story.Trip(h.ID).Start
		}
		return icc.Date{}
	}
	var last icc.Date
	for _, h := range hits {
		if d := day(h); !d.IsZero() {
			if d.Before(last) {
				t.Errorf("trip %s out of date order", h.ID)
			}
			last = d
		}
	}
}

// TestThemeSwitchRestyles: switching the app's theme while it runs recolours
// the legend's and the layers control's swatches at once, as the map does.
func TestThemeSwitchRestyles(t *testing.T) {
	u, _ := newTestUI(t)
	for _, c := range []struct {
		th   fyne.Theme
		want render.Style
	}{{&variantTheme{theme.DefaultTheme(), theme.VariantDark}, render.DarkStyle()}, {&variantTheme{theme.DefaultTheme(), theme.VariantLight}, render.LightStyle()}} {
		fyne.CurrentApp().Settings().SetTheme(c.th)
		for _, s := range icc.Statuses {
			if got := u.Legend.Swatches[s].FillColor; got != c.want.Fill[s] {
				t.Errorf("%s legend swatch %v, want %v", s.Label(), got, c.want.Fill[s])
			}
		}
	}
	if render.DarkStyle().Fill[icc.Party] == render.LightStyle().Fill[icc.Party] {
		t.Fatal("the light and dark party colours are the same: the test proves nothing")
	}
}

// TestDetailsCopy: the details panel's Copy button puts its text — the
// name, the status and the quoted paragraphs — on the clipboard.
func TestDetailsCopy(t *testing.T) {
	u, w := newTestUI(t)
	u.selectMark(geo.Hit{Kind: geo.HitCountry, ID: "KGZ"})
	w.Canvas().Capture()
	test.Tap(u.Details.Copy)
	got := fyne.CurrentApp().Clipboard().Content()
	for _, want := range []string{"Kyrgyzstan", u.Details.Status.Text, "In the article:", u.Details.Paragraphs[0].String(), u.Details.Roles.Text} {
		if !strings.Contains(got, want) {
			t.Errorf("the copied text lacks %q:\n%s", want, got)
		}
	}
}

// TestArticleTabScrollsToSelection: a country selected while the Details
// tab shows has its first paragraph in view when the Article tab opens.
func TestArticleTabScrollsToSelection(t *testing.T) {
	u, w := newTestUI(t)
	w.Resize(fyne.NewSize(1280, 800))
	u.Tabs.SelectIndex(0)
	u.selectMark(geo.Hit{Kind: geo.HitCountry, ID: "KGZ"})
	u.Tabs.SelectIndex(1)
	w.Canvas().Capture()
	p := u.Article
	first := -1
	for i := range p.Paragraphs {
		if p.Marked(i) {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatal("no paragraph is marked for Kyrgyzstan")
	}
	top := p.Paragraphs[first].Position().Y - p.Scroll.Offset.Y
	if top < 0 || top > p.Scroll.Size().Height/2 {
		t.Errorf("paragraph %d starts %v dp into a %v dp pane, want near its top", first+1, top, p.Scroll.Size().Height)
	}
}

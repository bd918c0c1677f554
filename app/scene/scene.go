// Package scene assembles what the atlas draws — the ordered layers of a
// render.Scene — from the world, the date and what the reader chose to show.
// It is the one place where scenes are made: the window, the command line,
// the exports and the tests all call it, so they cannot drift apart. It
// never imports Fyne.
package scene

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"sync"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/story"
	"articleatlas/app/userlayer"
	"articleatlas/assets"
	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Layers is a set of switchable layers.
type Layers uint32

// The switchable layers, in drawing order.
const (
	ICC       Layers = 1 << iota // countries shaded by ICC status (else all alike)
	Graticule                    // the 30° grid
	Corridors                    // the six Belt and Road land corridors
	Maritime                     // the Maritime Silk Road's sea lanes
	Energy                       // oil and gas links Russia → China
	XiVisit                      // Xi's visit to Moscow, March 2023
	Trips                        // Putin's trips
	Places                       // markers of the story's places
	Labels                       // names of the places
	// AllLayers is every layer.
	AllLayers = ICC | Graticule | Corridors | Maritime | Energy | XiVisit | Trips | Places | Labels
)

// layerNames are the command line's names for the layers; some name two.
var layerNames = []struct {
	name string
	l    Layers
}{
	{"icc", ICC},
	{"graticule", Graticule},
	{"trips", Trips | XiVisit},
	{"putin", Trips},
	{"xi", XiVisit},
	{"corridors", Corridors | Maritime},
	{"land", Corridors},
	{"maritime", Maritime},
	{"energy", Energy},
	{"places", Places},
	{"labels", Labels},
	{"all", AllLayers},
}

// ParseLayers reads a comma-separated list of layer names ("icc,graticule"),
// in any case.
func ParseLayers(s string) (Layers, error) {
	var out Layers
	for _, part := range strings.Split(strings.ToLower(s), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		found := false
		for _, n := range layerNames {
			if n.name == part {
				out |= n.l
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("scene: unknown layer %q (want %s)", part, LayerNames())
		}
	}
	return out, nil
}

// LayerNames lists the layer names ParseLayers accepts, comma-separated.
func LayerNames() string {
	s := ""
	for i, n := range layerNames {
		if i > 0 {
			s += ","
		}
		s += n.name
	}
	return s
}

// Options is what a scene shows besides the view.
type Options struct {
	Date     icc.Date
	Selected string // ISO3 of the selected country, or ""
	Hover    string // ISO3 of the country under the pointer, or ""
	// SelectedMark and HoverMark are the selected and hovered trip,
	// corridor, link or place (Kind geo.HitNone for none), drawn highlighted.
	SelectedMark, HoverMark geo.Hit
	Layers                  Layers
	Style                   render.Style
	// Level forces a level of detail; nil picks it from the view (see Level).
	Level *geo.Level
	// User are the layers the reader opened (File → Open layer…), drawn
	// over the story in order and hit-tested before it, last first.
	User []*userlayer.Layer
}

// Atlas makes scenes of one world and story. It keeps what scenes share —
// fonts, projected graticules and story geometry, the base layers of the
// last scene — so making a scene for a hover or a pan costs almost nothing.
// It is safe for concurrent use.
type Atlas struct {
	World *geo.World
	ICC   *icc.ICC // the Rome Statute membership table
	Story *story.Story
	Lines *Lines // the story's lines in lon/lat, as drawn
	Fonts *render.Fonts

	mu         sync.Mutex
	grat       map[string]*geo.Lines // projected graticule per projection, with its simplified copies
	story      map[string]*storyGeom // projected story per projection
	storyDates []icc.Date            // every date of the story, sorted (see storyEpoch)
	lastKey    baseKey
	lastBase   []render.Layer // the base layers of lastKey, its Countries layer at lastAt
	lastAt     int
	lastFill   fillKey
	lastFilled []render.Layer // lastBase with the countries filled for lastFill
	metaCache  map[metaKey][]render.Meta
}

// New returns an Atlas for world w, with the embedded ICC table, story and fonts.
func New(w *geo.World) (*Atlas, error) {
	members, err := icc.LoadICC(data.ICC)
	if err != nil {
		return nil, err
	}
	st, err := story.Load(data.Story)
	if err != nil {
		return nil, err
	}
	regular, err := render.NewFont(assets.FontRegular)
	if err != nil {
		return nil, err
	}
	bold, err := render.NewFont(assets.FontBold)
	if err != nil {
		return nil, err
	}
	return &Atlas{World: w, ICC: members, Story: st, Lines: StoryLines(st), Fonts: &render.Fonts{Regular: regular, Bold: bold},
		grat: map[string]*geo.Lines{}, story: map[string]*storyGeom{}, storyDates: storyDates(st)}, nil
}

// baseKey is everything the base layers depend on but the countries' fill
// colours (see fillKey); it is the scenes' Key, so a date step that changes
// only the fills is a recolour for render.Frames.
type baseKey struct {
	proj     string
	level    geo.Level
	layers   Layers
	selected string
	mark     geo.Hit
	style    render.Style
	// story is where the date falls among the story's dates (storyEpoch):
	// the story's layers may change with the date only where it does.
	story [2]int
	user  string // the opened layers, by identity (userKey)
}

// fillKey is everything the countries' fills and their tooltips depend on.
type fillKey struct {
	date     string // YYYY-MM-DD
	icc      bool   // the ICC layer is on
	selected string
	style    render.Style
}

// storyDates lists every date of story s — the first and last day of each
// trip, the day of each event — sorted, without repeats.
func storyDates(s *story.Story) []icc.Date {
	var out []icc.Date
	for _, t := range s.Trips {
		out = append(out, t.Start, t.End)
	}
	for _, e := range s.Events {
		out = append(out, e.Date)
	}
	slices.SortFunc(out, func(a, b icc.Date) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b icc.Date) bool { return a.Equal(b) })
}

// storyEpoch is where d falls among the story's dates: how many come
// before it and how many on or before it. Whatever the story's layers show
// on a date (a trip once it started, an event once it happened) is decided
// by comparing it with the story's dates, so it is the same on two dates of
// the same epoch, and the scene's Key need not change between them.
func (a *Atlas) storyEpoch(d icc.Date) [2]int {
	before, _ := slices.BinarySearchFunc(a.storyDates, d, func(x, t icc.Date) int { return x.Compare(t) })
	onOrBefore := before
	if before < len(a.storyDates) && a.storyDates[before].Equal(d) {
		onOrBefore++
	}
	return [2]int{before, onOrBefore}
}

// Level is the level of detail a scene of view v at pxPerDp draws with: the
// forced one, else the one the view's scale asks for — but never a level
// that lacks the selected country (Andorra has no 1:110m outline), so a
// selection always shows.
func (a *Atlas) Level(v geo.View, pxPerDp float64, o Options) geo.Level {
	if o.Level != nil {
		return *o.Level
	}
	l := geo.LevelFor(v, pxPerDp)
	if l == geo.Coarse && o.Selected != "" {
		if cs, _ := a.World.Countries(geo.Coarse); cs.ByISO(o.Selected) == nil {
			l = geo.Fine
		}
	}
	return l
}

// Scene assembles the scene for view v at pxPerDp device pixels per dp.
func (a *Atlas) Scene(v geo.View, pxPerDp float64, o Options) *render.Scene {
	level := a.Level(v, pxPerDp, o)
	ly := a.World.Layer(v.Proj, level)
	key := baseKey{proj: v.Proj.Name(), level: level, layers: o.Layers, selected: o.Selected, mark: o.SelectedMark,
		style: o.Style, story: a.storyEpoch(o.Date), user: userKey(o.User)}
	st := &o.Style
	return &render.Scene{
		Background: st.Background,
		Base:       a.base(key, ly, o),
		Overlay:    a.overlay(ly, o),
		Fonts:      a.Fonts,
		Key:        key,
		OverlayKey: overlayKey{key: key, hover: o.Hover, hoverMark: o.HoverMark},
	}
}

// overlayKey is everything the overlay layers depend on.
type overlayKey struct {
	key       baseKey
	hover     string
	hoverMark geo.Hit
}

// base returns the base layers for key, with the countries filled for o's
// date, reusing the last ones when the keys are the same: a date step
// within a story epoch only fills the countries anew.
func (a *Atlas) base(key baseKey, ly *geo.Layer, o Options) []render.Layer {
	a.mu.Lock()
	defer a.mu.Unlock()
	fk := fillKey{date: o.Date.Format(icc.DateLayout), icc: o.Layers&ICC != 0, selected: o.Selected, style: o.Style}
	if a.lastBase == nil || a.lastKey != key {
		a.lastBase, a.lastAt = a.geometryLayers(ly, o)
		a.lastKey, a.lastFilled = key, nil
	} else if a.lastFilled != nil && a.lastFill == fk {
		return a.lastFilled
	}
	filled := slices.Clone(a.lastBase)
	statuses := a.statuses(ly, o)
	filled[a.lastAt] = &render.Countries{Layer: ly, Fill: a.fills(ly, statuses, o), Meta: a.metas(ly, statuses)}
	a.lastFill, a.lastFilled = fk, filled
	return filled
}

// geometryLayers makes the base layers of o but the countries' fills: the
// Countries layer, at index at, has none yet. The caller holds a.mu.
func (a *Atlas) geometryLayers(ly *geo.Layer, o Options) (layers []render.Layer, at int) {
	st := &o.Style
	layers = []render.Layer{render.NewSphere(ly.Outline, st.Ocean)}
	if o.Layers&Graticule != 0 {
		layers = append(layers, render.NewLines("graticule", a.graticule(ly.Proj), st.Graticule, st.GraticuleWidth))
	}
	at = len(layers)
	layers = append(layers,
		&render.Countries{Layer: ly},
		&render.Borders{Layer: ly, Color: st.Border, WidthDp: st.BorderWidth},
		render.NewLines("outline", geo.NewLines([]orb.LineString{orb.LineString(ly.Outline)}), st.Outline, st.OutlineWidth),
	)
	// The selection goes under the story's marks and labels, so its tint
	// never covers them; it changes on a click, not on every pointer move.
	if ci, ok := ly.Countries.Index(o.Selected); ok && o.Selected != "" {
		layers = append(layers, &render.CountryOutline{Name: "selection", Layer: ly, Country: ci, Color: st.Selected, WidthDp: st.SelectedWidth})
	}
	g := a.storyGeom(ly.Proj)
	story := a.storyLayers(g, o)
	if hl := a.highlight("selected-mark", g, o.SelectedMark, st.Selected, o); hl != nil {
		// Over the routes, under the markers and names.
		at := len(story)
		for i, l := range story {
			if id := l.ID(); id == "places" || id == "labels" {
				at = i
				break
			}
		}
		story = append(story[:at:at], append([]render.Layer{hl}, story[at:]...)...)
	}
	layers = append(layers, story...)
	for _, l := range o.User {
		layers = append(layers, l.For(ly.Proj))
	}
	return layers, at
}

// HitTest returns what lies under the screen point at (dp) of view v drawn
// at pxPerDp with options o: a place, trip, corridor or energy link shown
// by o's layers on o's date, else a country. ok is false over open ocean.
func (a *Atlas) HitTest(v geo.View, pxPerDp float64, o Options, at orb.Point) (geo.Hit, bool) {
	a.mu.Lock()
	g := a.storyGeom(v.Proj)
	a.mu.Unlock()
	ly := a.World.Layer(v.Proj, a.Level(v, pxPerDp, o))
	for i := len(o.User) - 1; i >= 0; i-- {
		if f, ok := o.User[i].For(v.Proj).HitTest(v, at); ok {
			return geo.Hit{Kind: geo.HitUser, ID: fmt.Sprintf("%d/%d", i, f)}, true
		}
	}
	return v.HitTestMarks(ly, &g.marks, func(h geo.Hit) bool { return a.Shows(h, o.Layers) && a.ShownOn(h, o.Date) }, at)
}

// userKey names the opened layers by identity, for the base layers' key.
func userKey(user []*userlayer.Layer) string {
	k := ""
	for _, l := range user {
		k += fmt.Sprintf("%p ", l)
	}
	return k
}

// UserFeature is the opened layer and feature index that hit h names in
// user; ok is false when h is not such a hit or names none of them.
func UserFeature(user []*userlayer.Layer, h geo.Hit) (l *userlayer.Layer, feature int, ok bool) {
	var li int
	if h.Kind != geo.HitUser {
		return nil, 0, false
	}
	if _, err := fmt.Sscanf(h.ID, "%d/%d", &li, &feature); err != nil || li < 0 || li >= len(user) ||
		feature < 0 || feature >= len(user[li].Features) {
		return nil, 0, false
	}
	return user[li], feature, true
}

// Shows reports whether the mark h is on the map when the layers on are shown.
func (a *Atlas) Shows(h geo.Hit, on Layers) bool {
	switch h.Kind {
	case geo.HitPlace:
		return on&Places != 0
	case geo.HitTrip:
		if t := a.Story.Trip(h.ID); t != nil && t.Traveller == story.Xi {
			return on&XiVisit != 0
		}
		return on&Trips != 0
	case geo.HitCorridor:
		if c := a.Story.Corridor(h.ID); c != nil && c.Kind == story.Maritime {
			return on&Maritime != 0
		}
		return on&Corridors != 0
	case geo.HitLink:
		return on&Energy != 0
	}
	return true
}

// overlay returns the hover layers: what changes as the pointer moves.
func (a *Atlas) overlay(ly *geo.Layer, o Options) []render.Layer {
	st := &o.Style
	var out []render.Layer
	if o.HoverMark.Kind != geo.HitNone && o.HoverMark != o.SelectedMark {
		a.mu.Lock()
		g := a.storyGeom(ly.Proj)
		a.mu.Unlock()
		if hl := a.highlight("hover-mark", g, o.HoverMark, st.Hover, o); hl != nil {
			out = append(out, hl)
		}
	}
	if ci, ok := ly.Countries.Index(o.Hover); ok && o.Hover != "" && o.Hover != o.Selected {
		out = append(out, &render.CountryOutline{Name: "hover", Layer: ly, Country: ci, Color: st.Hover, WidthDp: st.HoverWidth})
	}
	return out
}

// statuses is each country's ICC status on o's date.
func (a *Atlas) statuses(ly *geo.Layer, o Options) []icc.Status {
	out := make([]icc.Status, len(ly.Countries.List))
	for i, c := range ly.Countries.List {
		out[i] = a.ICC.StatusOn(c.ISO3, o.Date).Status
	}
	return out
}

// fills is each country's colour: its status (from statuses), or the
// non-party colour for all when the ICC layer is off; the selected country
// tinted.
func (a *Atlas) fills(ly *geo.Layer, statuses []icc.Status, o Options) []color.NRGBA {
	out := make([]color.NRGBA, len(ly.Countries.List))
	for i, c := range ly.Countries.List {
		s := icc.NonParty
		if o.Layers&ICC != 0 {
			s = statuses[i]
		}
		out[i] = o.Style.Fill[s]
		if c.ISO3 == o.Selected {
			// The selection's tint, blended in here rather than painted over.
			out[i] = render.Over(o.Style.SelectTint, out[i])
		}
	}
	return out
}

// metaCacheSize bounds how many sets of country tooltips are kept: one per
// distinct set of statuses met while scrubbing, which repeat.
const metaCacheSize = 32

// metas names each country for vector output: its code and a tooltip with
// its name and status (from statuses). They are kept per level and set of
// statuses, so a date step rarely makes them anew. The caller holds a.mu.
func (a *Atlas) metas(ly *geo.Layer, statuses []icc.Status) []render.Meta {
	b := make([]byte, len(statuses))
	for i, s := range statuses {
		b[i] = byte(s)
	}
	key := metaKey{ly.Countries, string(b)}
	if m, ok := a.metaCache[key]; ok {
		return m
	}
	out := make([]render.Meta, len(ly.Countries.List))
	for i, c := range ly.Countries.List {
		out[i] = render.Meta{
			ID:    "country-" + c.ISO3,
			Title: a.Name(c.ISO3) + " — " + statuses[i].Label(),
			Data:  map[string]string{"iso-a3": c.ISO3},
		}
	}
	if len(a.metaCache) >= metaCacheSize {
		clear(a.metaCache)
	}
	if a.metaCache == nil {
		a.metaCache = map[metaKey][]render.Meta{}
	}
	a.metaCache[key] = out
	return out
}

// metaKey names a set of country tooltips: the countries of a level and
// their statuses, a byte each.
type metaKey struct {
	countries *geo.Countries
	statuses  string
}

// graticule returns the projected 30° graticule for p, computed once per
// projection (and simplified once per level of zoom, see geo.Lines).
func (a *Atlas) graticule(p geo.Projection) *geo.Lines {
	if g, ok := a.grat[p.Name()]; ok {
		return g
	}
	g := geo.NewLines(geo.Graticule(p, 30))
	forgetFamily(a.grat, p.Name())
	a.grat[p.Name()] = g
	return g
}

// Name is the display name of a country: the full name from the ICC table when
// the state or territory has a record there ("Democratic Republic of the
// Congo"), else the outline's shorter Natural Earth name ("Dem. Rep. Congo"
// has a record; "China" does not), else the code itself.
func (a *Atlas) Name(iso3 string) string {
	if m := a.ICC.Lookup(iso3); m != nil && m.Name != "" {
		return m.Name
	}
	return a.World.Name(iso3)
}

// The story's layers: trips, corridors, sea lanes, energy links, places,
// events and their labels, projected once per projection. Trips and events
// follow the scene's date: those still to come are not drawn.
package scene

import (
	"fmt"
	"image/color"
	"math"

	"articleatlas/app/icc"
	"articleatlas/app/render"
	"articleatlas/app/story"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// arcStepKm is the spacing of the points of great-circle arcs: smooth at
// every zoom the map allows (under 2 px at the deepest zoom of a 4K export).
const arcStepKm = 25

// Lines is the story's geometry in lon/lat degrees, as drawn: each trip's
// arc and each corridor's route as pieces cut at ±180° (every longitude in
// [−180, 180]). It is computed once and read-only.
type Lines struct {
	Trips     []orb.MultiLineString // per story.Trips index
	Corridors []orb.MultiLineString // per story.Corridors index
	TripMid   []orb.Point           // the middle of each trip's arc
}

// StoryLines computes the lon/lat lines of story s, as every projection draws them.
func StoryLines(s *story.Story) *Lines {
	l := &Lines{}
	bows := tripBows(s.Trips)
	for i, t := range s.Trips {
		arc := geo.BowedArc(t.From.Point, t.To.Point, bows[i], arcStepKm)
		l.Trips = append(l.Trips, geo.SplitAntimeridian(arc))
		mid := arc[len(arc)/2]
		mid[0] -= 360 * math.Round(mid[0]/360)
		l.TripMid = append(l.TripMid, mid)
	}
	for _, c := range s.Corridors {
		l.Corridors = append(l.Corridors, geo.SplitAntimeridian(geo.Densify(c.Route, arcStepKm)))
	}
	return l
}

// storyGeom is the story projected under one projection: each trip's arc and
// each corridor's route, as pieces cut at ±180°, and each place's point.
type storyGeom struct {
	trips     []*geo.Lines // per story.Trips index: the arc's pieces
	corridors []*geo.Lines // per story.Corridors index: the route's pieces
	places    []orb.Point  // per story.Places index
	tripMid   []orb.Point  // projected midpoint of each trip's arc, for its date label
	world     orb.Bound    // projected bound of the sphere
	marks     geo.Marks    // places, trips, corridors and links, for hit-testing
}

// minorLabelsWorldDp is how wide (dp) the world must be drawn before the
// corridors' cities are named: at the world view they would crowd the
// article's own places.
const minorLabelsWorldDp = 3000

// projectStory projects the story s, whose lon/lat lines are ll, under p.
func projectStory(s *story.Story, ll *Lines, p geo.Projection) *storyGeom {
	g := &storyGeom{world: geo.WorldBound(p)}
	for i := range s.Trips {
		g.trips = append(g.trips, geo.NewLines(projectPieces(p, ll.Trips[i])))
		g.tripMid = append(g.tripMid, geo.Project(p, ll.TripMid[i]))
	}
	for i := range s.Corridors {
		g.corridors = append(g.corridors, geo.NewLines(projectPieces(p, ll.Corridors[i])))
	}
	for _, pl := range s.Places {
		g.places = append(g.places, geo.Project(p, pl.Point))
	}
	for i := range s.Places {
		g.marks.AddPoint(geo.HitPlace, s.Places[i].ID, g.places[i])
	}
	for i := range s.Trips {
		g.marks.AddLine(geo.HitTrip, s.Trips[i].ID, g.trips[i].Lines)
	}
	for i := range s.Corridors {
		kind := geo.HitCorridor
		if s.Corridors[i].IsLink() {
			kind = geo.HitLink
		}
		g.marks.AddLine(kind, s.Corridors[i].ID, g.corridors[i].Lines)
	}
	g.marks.Index(g.world)
	return g
}

// tripBowStep is how far apart (as a fraction of their length) the arcs of
// trips between the same two places are pushed, so each stays visible.
const tripBowStep = 0.055

// tripBows gives each trip's arc its bow (see geo.BowedArc): the trips
// between one pair of places, in either direction, are spread to both sides
// of the great circle in turn — one step to one side, one to the other, two
// to the first… — so none strays far from the straight route.
func tripBows(trips []story.Trip) []float64 {
	out := make([]float64, len(trips))
	total := map[[2]string]int{}
	key := func(t *story.Trip) [2]string {
		k := [2]string{t.From.ID, t.To.ID}
		if k[0] > k[1] {
			k[0], k[1] = k[1], k[0]
		}
		return k
	}
	for i := range trips {
		total[key(&trips[i])]++
	}
	seen := map[[2]string]int{}
	for i := range trips {
		t := &trips[i]
		k := key(t)
		if total[k] < 2 {
			continue // a pair travelled once needs no bow
		}
		n := seen[k]
		seen[k]++
		bow := tripBowStep * float64(n/2+1)
		if n%2 == 1 {
			bow = -bow
		}
		if t.From.ID != k[0] { // BowedArc pushes right of travel: flip for the way back
			bow = -bow
		}
		out[i] = bow
	}
	return out
}

// projectPieces projects the pieces of a line cut at ±180°; on the globe,
// only their visible parts, cut at the horizon.
func projectPieces(p geo.Projection, pieces orb.MultiLineString) []orb.LineString {
	var out []orb.LineString
	for _, piece := range pieces {
		if len(piece) >= 2 {
			out = append(out, geo.ProjectLines(p, piece)...)
		}
	}
	return out
}

// storyGeom returns the story projected under p, computed once per projection.
// The caller holds a.mu.
func (a *Atlas) storyGeom(p geo.Projection) *storyGeom {
	if g, ok := a.story[p.Name()]; ok {
		return g
	}
	g := projectStory(a.Story, a.Lines, p)
	forgetFamily(a.story, p.Name())
	a.story[p.Name()] = g
	return g
}

// TripLabel is the short date shown beside a trip's arc, its month:
// "Oct 2023". The days are in its tooltip and the details panel.
func TripLabel(t *story.Trip) string {
	return t.Start.Format("Jan 2006")
}

// TripTitle is a trip's one-line description: "Putin: Moscow → Beijing, 17–18 Oct 2023".
func TripTitle(t *story.Trip) string {
	return fmt.Sprintf("%s: %s → %s, %s", t.Traveller.Name(), t.From.Name, t.To.Name, DateRange(t.Start, t.End))
}

// DateRange formats a range of days compactly: "4 Feb 2022", "17–18 Oct 2023",
// "30 Apr – 2 May 2019", "30 Dec 2019 – 2 Jan 2020".
func DateRange(start, end icc.Date) string {
	switch {
	case start.Equal(end):
		return start.Format("2 Jan 2006")
	case start.Year() != end.Year():
		return start.Format("2 Jan 2006") + " – " + end.Format("2 Jan 2006")
	case start.Month() != end.Month():
		return start.Format("2 Jan") + " – " + end.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d–%s", start.Day(), end.Format("2 Jan 2006"))
}

// storyLayers returns the story's base layers shown in o, drawn with g.
func (a *Atlas) storyLayers(g *storyGeom, o Options) []render.Layer {
	st := &o.Style
	s := a.Story
	var out []render.Layer

	// Corridors and lanes first, energy links over them, trips on top.
	var land, sea, energy []render.Route
	landIndex := 0
	for i := range s.Corridors {
		c := &s.Corridors[i]
		r := render.Route{Pieces: g.corridors[i], Casing: st.Casing, Meta: render.Meta{ID: "corridor-" + c.ID, Title: c.Name,
			Data: map[string]string{"kind": string(c.Kind), "status": string(c.Status)}}}
		if c.Status != story.Operating {
			r.DashDp = []float64{6, 4}
		}
		switch c.Kind {
		case story.Land:
			r.Color, r.WidthDp = st.Corridor[landIndex%len(st.Corridor)], st.CorridorWidth
			landIndex++
			land = append(land, r)
		case story.Maritime:
			r.Color, r.WidthDp = st.Maritime, st.CorridorWidth
			r.DashDp = []float64{1.5, 3}
			sea = append(sea, r)
		case story.Oil, story.Gas:
			r.Color, r.WidthDp = st.Oil, st.LinkWidth
			if c.Kind == story.Gas {
				r.Color = st.Gas
			}
			energy = append(energy, r)
		}
	}
	if o.Layers&Corridors != 0 && len(land) > 0 {
		out = append(out, render.NewRoutes("corridors", land))
	}
	if o.Layers&Maritime != 0 && len(sea) > 0 {
		out = append(out, render.NewRoutes("maritime", sea))
	}
	if o.Layers&Energy != 0 && len(energy) > 0 {
		out = append(out, render.NewRoutes("energy", energy))
	}

	// Trips made by the scene's date; the latest of them glows under its line.
	var trips []render.Route
	var labels []render.Label
	latest := a.latestTrip(o)
	for i := range s.Trips {
		t := &s.Trips[i]
		if !a.tripDrawn(t, o) {
			continue
		}
		r := render.Route{Pieces: g.trips[i], Color: st.PutinTrip, WidthDp: st.TripWidth, Casing: st.Casing, Arrow: true,
			Meta: render.Meta{ID: "trip-" + t.ID, Title: TripTitle(t)}}
		if t.Traveller == story.Xi {
			r.Color, r.DashDp = st.XiTrip, []float64{5, 3}
		}
		prio := 300
		if i == latest {
			glow := r.Color
			glow.A = latestGlowAlpha
			trips = append([]render.Route{{Pieces: r.Pieces, Color: glow, WidthDp: st.TripWidth + latestGlowDp}}, trips...)
			prio = 320 // the latest trip's month wins a crowded spot
		}
		trips = append(trips, r)
		labels = append(labels, render.Label{Text: TripLabel(t), At: g.tripMid[i], Priority: prio, SizeDp: 10, Bold: true,
			Color: r.Color, Halo: st.Halo, GapDp: 2})
	}
	if len(trips) > 0 {
		out = append(out, render.NewRoutes("trips", trips))
	}

	// Minor places are named once the world is this many dp wide.
	minorScale := minorLabelsWorldDp / (g.world.Max[0] - g.world.Min[0])
	if o.Layers&Places != 0 {
		var marks []render.Marker
		for i := range s.Places {
			p := &s.Places[i]
			m := render.Marker{At: g.places[i], RadiusDp: 2.2, Fill: st.MinorPlace, Ring: st.Casing, RingDp: 1,
				Meta: render.Meta{ID: "place-" + p.ID, Title: p.Name + " — " + p.Role, Data: map[string]string{"iso-a3": p.ISO3}}}
			prio := 10
			if p.InArticle {
				m.RadiusDp, m.Fill, prio = 3.5, st.Place, 400 // above the trips' dates
			}
			marks = append(marks, m)
			if o.Layers&Labels != 0 {
				size := 10.0
				if p.InArticle {
					size = 12
				}
				lb := render.Label{Text: p.Name, At: g.places[i], Priority: prio, SizeDp: size, Bold: p.InArticle,
					Color: st.Label, Halo: st.Halo, GapDp: m.RadiusDp + 2}
				if !p.InArticle {
					lb.MinScale = minorScale
				}
				labels = append(labels, lb)
			}
		}
		out = append(out, &render.Markers{Name: "places", Markers: marks})
		if ev, lb := a.eventMarks(g, o); len(ev) > 0 {
			out = append(out, &render.Markers{Name: "events", Markers: ev})
			if o.Layers&Labels != 0 && lb.Text != "" {
				labels = append(labels, lb)
			}
		}
	}
	if len(labels) > 0 {
		out = append(out, &render.Labels{Name: "labels", Labels: labels, HaloDp: 1.5})
	}
	return out
}

// The story on a date. Trips and events still to come on the shown date are
// hidden rather than faded: they had not happened, a faded arc would still
// take the pointer and the tooltip, and around Beijing, where five arcs
// already run side by side, it would only add clutter. What is to come is in
// the membership chart and the Article tab.

// latestGlowDp is how much wider (dp) than the line the glow under the
// latest trip is, and latestGlowAlpha its opacity (of the trip's colour).
const (
	latestGlowDp    = 5
	latestGlowAlpha = 0x60
)

// tripOn reports whether trip t has begun by day d (inclusive): from its
// first day it is on the map.
func tripOn(t *story.Trip, d icc.Date) bool { return !t.Start.After(d) }

// tripDrawn reports whether the scene o draws trip t: its traveller's layer
// is on and the trip has begun by o's date.
func (a *Atlas) tripDrawn(t *story.Trip, o Options) bool {
	if t.Traveller == story.Xi && o.Layers&XiVisit == 0 || t.Traveller == story.Putin && o.Layers&Trips == 0 {
		return false
	}
	return tripOn(t, o.Date)
}

// latestTrip is the index in a.Story.Trips of the trip drawn in o that began
// last (the later in the data on a tie), or −1 when none is drawn.
func (a *Atlas) latestTrip(o Options) int {
	latest := -1
	for i := range a.Story.Trips {
		t := &a.Story.Trips[i]
		if a.tripDrawn(t, o) && (latest < 0 || !t.Start.Before(a.Story.Trips[latest].Start)) {
			latest = i
		}
	}
	return latest
}

// eventMarks returns a ring around the place of each of the story's events
// that happened by o's date, the latest one's ring drawn heavier, and the
// label that dates the latest ("17 Mar 2023"). It returns no rings when no
// event happened yet.
func (a *Atlas) eventMarks(g *storyGeom, o Options) ([]render.Marker, render.Label) {
	st := &o.Style
	s := a.Story
	latest := -1
	for i := range s.Events {
		if e := &s.Events[i]; !e.Date.After(o.Date) && (latest < 0 || !e.Date.Before(s.Events[latest].Date)) {
			latest = i
		}
	}
	var marks []render.Marker
	var label render.Label
	for i := range s.Events {
		e := &s.Events[i]
		at, ok := g.placeAt(s, e.Place)
		if !ok || e.Date.After(o.Date) {
			continue
		}
		m := render.Marker{At: at, RadiusDp: eventRingDp, Ring: st.Label, RingDp: 1,
			Meta: render.Meta{ID: "event-" + e.ID, Title: e.Title + ", " + icc.FormatDate(e.Date)}}
		if i == latest {
			m.RingDp = 2
			label = render.Label{Text: e.Date.Format("2 Jan 2006"), At: at, Priority: 310, SizeDp: 10, Bold: true,
				Color: st.Label, Halo: st.Halo, GapDp: eventRingDp + 2}
		}
		marks = append(marks, m)
	}
	return marks, label
}

// eventRingDp is the radius (dp) of the ring that marks an event's place:
// clear of the largest place marker.
const eventRingDp = 6

// placeAt is the projected point of place p of story s, and whether it has one.
func (g *storyGeom) placeAt(s *story.Story, p *story.Place) (orb.Point, bool) {
	if p == nil {
		return orb.Point{}, false
	}
	for i := range s.Places {
		if s.Places[i].ID == p.ID {
			return g.places[i], true
		}
	}
	return orb.Point{}, false
}

// ShownOn reports whether mark h is on the map on day d, whatever the
// layers: a trip only from its first day; every other mark always. Hit-tests
// combine it with Shows, so a trip still to come cannot be hovered or picked.
func (a *Atlas) ShownOn(h geo.Hit, d icc.Date) bool {
	if h.Kind == geo.HitTrip {
		if t := a.Story.Trip(h.ID); t != nil {
			return tripOn(t, d)
		}
	}
	return true
}

// StoryAsOf is the date of the story's last trip or event on or before d
// (the zero date before the first). The story's layers are the same on any
// two dates with the same StoryAsOf, so a scene cache may key them by it
// rather than by the date.
func (a *Atlas) StoryAsOf(d icc.Date) icc.Date {
	var last icc.Date
	for i := range a.Story.Trips {
		if t := a.Story.Trips[i].Start; !t.After(d) && t.After(last) {
			last = t
		}
	}
	for i := range a.Story.Events {
		if t := a.Story.Events[i].Date; !t.After(d) && t.After(last) {
			last = t
		}
	}
	return last
}

// corridorColor is the colour a corridor or link is drawn in, for legends.
func corridorColor(st *render.Style, s *story.Story, id string) color.NRGBA {
	land := 0
	for i := range s.Corridors {
		c := &s.Corridors[i]
		if c.ID == id {
			switch c.Kind {
			case story.Land:
				return st.Corridor[land%len(st.Corridor)]
			case story.Maritime:
				return st.Maritime
			case story.Oil:
				return st.Oil
			}
			return st.Gas
		}
		if c.Kind == story.Land {
			land++
		}
	}
	return color.NRGBA{}
}

// highlight returns a layer that draws mark h (a trip, corridor, link or
// place) again over the map with a halo in col, or nil for anything else.
func (a *Atlas) highlight(name string, g *storyGeom, h geo.Hit, col color.NRGBA, o Options) render.Layer {
	st := &o.Style
	halo := col
	halo.A = 0x90
	switch h.Kind {
	case geo.HitTrip, geo.HitCorridor, geo.HitLink:
		var pieces *geo.Lines
		line, width, arrow := color.NRGBA{}, 0.0, false
		if h.Kind == geo.HitTrip {
			if !a.ShownOn(h, o.Date) {
				return nil // a trip still to come is not drawn, nor its highlight
			}
			for i := range a.Story.Trips {
				if t := &a.Story.Trips[i]; t.ID == h.ID {
					pieces, line, width, arrow = g.trips[i], st.PutinTrip, st.TripWidth, true
					if t.Traveller == story.Xi {
						line = st.XiTrip
					}
				}
			}
		} else {
			for i := range a.Story.Corridors {
				if a.Story.Corridors[i].ID == h.ID {
					pieces, line, width = g.corridors[i], corridorColor(st, a.Story, h.ID), st.CorridorWidth
				}
			}
		}
		if pieces == nil {
			return nil
		}
		return render.NewRoutes(name, []render.Route{
			{Pieces: pieces, Color: halo, WidthDp: width + 5},
			{Pieces: pieces, Color: line, WidthDp: width + 0.8, Arrow: arrow},
		})
	case geo.HitPlace:
		for i := range a.Story.Places {
			if a.Story.Places[i].ID == h.ID {
				return &render.Markers{Name: name, Markers: []render.Marker{{At: g.places[i], RadiusDp: 6, Fill: halo, Ring: col, RingDp: 1.5}}}
			}
		}
	}
	return nil
}

// forgetFamily deletes from cache the entries of name's projection family
// (see geo.ProjectionFamily): a turning globe keeps one entry, its latest
// centre's, rather than one per centre it passed through.
func forgetFamily[V any](cache map[string]V, name string) {
	family := geo.ProjectionFamily(name)
	for k := range cache {
		if geo.ProjectionFamily(k) == family {
			delete(cache, k)
		}
	}
}

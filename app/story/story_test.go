package story_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/data"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func load(t testing.TB) *story.Story {
	t.Helper()
	s, err := story.Load(data.Story)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEmbeddedStory checks what Load cannot: that the story has something in
// every array, and what it must hold everywhere.
func TestEmbeddedStory(t *testing.T) {
	s := load(t)
	for name, n := range map[string]int{"places": len(s.Places), "trips": len(s.Trips), "events": len(s.Events), "corridors": len(s.Corridors)} {
		if n == 0 {
			t.Errorf("no %s", name)
		}
	}
	checkStory(t, s)
	kinds := map[story.Kind]int{}
	for _, c := range s.Corridors {
		kinds[c.Kind]++
	}
	for _, k := range []story.Kind{story.Land, story.Maritime, story.Oil, story.Gas} {
		if kinds[k] == 0 {
			t.Errorf("no %s corridor or link", k)
		}
	}
}

// checkStory checks the invariants of a loaded story: ids unique across all
// arrays, references resolved, trips that end on or after their start,
// routes of two or more points on the globe.
func checkStory(t testing.TB, s *story.Story) {
	t.Helper()
	ids := map[string]bool{}
	unique := func(id string) {
		if id == "" || ids[id] {
			t.Errorf("id %q is empty or used twice", id)
		}
		ids[id] = true
	}
	for i := range s.Places {
		p := &s.Places[i]
		unique(p.ID)
		if s.Place(p.ID) != p {
			t.Errorf("Place(%q) does not return place %d", p.ID, i)
		}
	}
	for i := range s.Trips {
		tr := &s.Trips[i]
		unique(tr.ID)
		if tr.End.Before(tr.Start) {
			t.Errorf("trip %s ends (%v) before it starts (%v)", tr.ID, tr.End, tr.Start)
		}
		if tr.From == nil || tr.To == nil || s.Place(tr.From.ID) != tr.From || s.Place(tr.To.ID) != tr.To {
			t.Errorf("trip %s: places not resolved", tr.ID)
		}
		if s.Trip(tr.ID) != tr {
			t.Errorf("Trip(%q) does not return trip %d", tr.ID, i)
		}
	}
	for _, e := range s.Events {
		unique(e.ID)
		if e.Place == nil || s.Place(e.Place.ID) != e.Place {
			t.Errorf("event %s: place not resolved", e.ID)
		}
	}
	for i := range s.Corridors {
		c := &s.Corridors[i]
		unique(c.ID)
		if len(c.Route) < 2 {
			t.Errorf("corridor %s: %d route points", c.ID, len(c.Route))
		}
		for _, p := range c.Route {
			if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
				t.Errorf("corridor %s: waypoint %v off the globe", c.ID, p)
			}
		}
		for _, p := range c.Via {
			if p == nil || s.Place(p.ID) != p {
				t.Errorf("corridor %s: a place is not resolved", c.ID)
			}
		}
		if s.Corridor(c.ID) != c {
			t.Errorf("Corridor(%q) does not return corridor %d", c.ID, i)
		}
	}
}

// TestArticleTrips: the trips the article names, with the dates sourced in
// data/README.md ("Trips" table).
func TestArticleTrips(t *testing.T) {
	s := load(t)
	cases := []struct {
		id         string
		traveller  story.Traveller
		from, to   string
		start, end string
	}{
		{"putin-2017-beijing", story.Putin, "moscow", "beijing", "2017-05-14", "2017-05-15"},
		{"putin-2019-beijing", story.Putin, "vladivostok", "beijing", "2019-04-25", "2019-04-27"},
		{"putin-2022-beijing", story.Putin, "moscow", "beijing", "2022-02-04", "2022-02-04"},
		{"xi-2023-moscow", story.Xi, "beijing", "moscow", "2023-03-20", "2023-03-22"},
		{"putin-2023-bishkek", story.Putin, "moscow", "bishkek", "2023-10-12", "2023-10-13"},
		{"putin-2023-beijing", story.Putin, "moscow", "beijing", "2023-10-17", "2023-10-18"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			tr := s.Trip(c.id)
			if tr == nil {
				t.Fatal("no such trip")
			}
			got := fmt.Sprintf("%s %s→%s %s..%s", tr.Traveller, tr.From.ID, tr.To.ID, tr.Start.Format(icc.DateLayout), tr.End.Format(icc.DateLayout))
			if want := fmt.Sprintf("%s %s→%s %s..%s", c.traveller, c.from, c.to, c.start, c.end); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

// TestArticleEvents: the dated events, as in data/README.md ("Events" table).
func TestArticleEvents(t *testing.T) {
	s := load(t)
	want := map[string]string{
		"rome-statute-in-force": "2002-07-01 the-hague",
		"astana-speech":         "2013-09-07 astana",
		"jakarta-speech":        "2013-10-03 jakarta",
		"vision-and-actions":    "2015-03-28 boao",
		"ukraine-invasion":      "2022-02-24 kyiv",
		"icc-warrant":           "2023-03-17 the-hague",
	}
	for _, e := range s.Events {
		got := e.Date.Format(icc.DateLayout) + " " + e.Place.ID
		if w, ok := want[e.ID]; ok && got != w {
			t.Errorf("event %s: %s, want %s", e.ID, got, w)
		}
		delete(want, e.ID)
	}
	for id := range want {
		t.Errorf("no event %s", id)
	}
}

// loadWorld loads the world with both levels of outlines, once.
var loadWorld = sync.OnceValues(geo.LoadWorldSync)

func world(t testing.TB) *geo.World {
	t.Helper()
	w, err := loadWorld()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestPlacesInTheirCountries: every place lies inside its own country's
// outline at both levels of detail, so a click on it selects that country.
func TestPlacesInTheirCountries(t *testing.T) {
	s := load(t)
	w := world(t)
	for _, level := range []geo.Level{geo.Fine, geo.Coarse} {
		t.Run(level.String(), func(t *testing.T) {
			cs, got := w.Countries(level)
			if got != level {
				t.Fatalf("%v outlines not loaded", level)
			}
			for _, p := range s.Places {
				c := cs.ByISO(p.ISO3)
				switch {
				case c == nil:
					t.Errorf("%s: no %s outline at %v", p.ID, p.ISO3, level)
				case !planar.MultiPolygonContains(c.Shape, p.Point):
					t.Errorf("%s %v lies outside %s (%s) at %v", p.ID, p.Point, p.ISO3, c.Name, level)
				}
			}
		})
	}
}

// Maritime lanes are checked against the 1:50m land with these allowances
// (data/README.md, "Rules"):
const (
	// A lane's first and last legs may cross the coast this near its end
	// ports: a port city's point lies a few km inland.
	portKm = 30
	// Samples are at most this far apart along the drawn line.
	sampleKm = 10
)

// suezCanal is the one stretch where a lane lies inside a country: Egypt's
// 1:50m outline is closed across the canal, so the transit from Suez to Port
// Said (waypoints 29.97–31.27 °N, 32.30–32.55 °E) runs over "land". The box
// is the one data/README.md states.
var suezCanal = orb.Bound{Min: orb.Point{32.20, 29.85}, Max: orb.Point{32.65, 31.35}}

// TestMaritimeLanesOffLand samples every sea lane, as drawn (Atlas.Lines), every
// 10 km and fails where a sample lies inside a country at 1:50m, except near
// its end ports and in the Suez Canal.
func TestMaritimeLanesOffLand(t *testing.T) {
	w := world(t)
	a, err := scene.New(w)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := w.Countries(geo.Fine)
	inCountry := func(p orb.Point) *geo.Country {
		for i := range cs.List {
			if c := &cs.List[i]; c.Bound.Contains(p) && planar.MultiPolygonContains(c.Shape, p) {
				return c
			}
		}
		return nil
	}
	lanes, suez := 0, 0
	for i := range a.Story.Corridors {
		lane := &a.Story.Corridors[i]
		if lane.Kind != story.Maritime {
			continue
		}
		lanes++
		first, last := lane.Via[0], lane.Via[len(lane.Via)-1]
		bad := 0
		for _, piece := range a.Lines.Corridors[i] {
			for _, p := range geo.Densify(piece, sampleKm) {
				c := inCountry(p)
				switch {
				case c == nil:
				case geo.DistanceKm(p, first.Point) <= portKm || geo.DistanceKm(p, last.Point) <= portKm:
				case c.ISO3 == "EGY" && suezCanal.Contains(p):
					suez++
				default:
					if bad++; bad <= 5 {
						t.Errorf("%s: %v lies in %s (%s), %.0f km from %s and %.0f km from %s", lane.ID, p, c.ISO3, c.Name,
							geo.DistanceKm(p, first.Point), first.Name, geo.DistanceKm(p, last.Point), last.Name)
					}
				}
			}
		}
		if bad > 5 {
			t.Errorf("%s: %d more samples on land", lane.ID, bad-5)
		}
	}
	if lanes == 0 {
		t.Fatal("no maritime lane")
	}
	if suez == 0 {
		t.Error("no lane crosses Egypt in the Suez box: drop the exemption if the outline or the lanes changed")
	}
}

// base is a small valid story that the cases of TestLoadRejects break.
const base = `{
"places": [{"id":"a","name":"A","iso_a3":"AAA","lon":1,"lat":2,"kind":"city"},
           {"id":"b","name":"B","iso_a3":"BBB","lon":3,"lat":4,"kind":"port"}],
"trips": [{"id":"t","traveller":"putin","from":"a","to":"b","start":"2023-10-17","end":"2023-10-18"}],
"events": [{"id":"e","date":"2023-03-17","title":"E","place":"a"}],
"corridors": [{"id":"c","name":"C","kind":"land","status":"operating","via":["a","b"],"countries":["AAA","BBB"]}]
}`

func TestLoadRejects(t *testing.T) {
	s, err := story.Load([]byte(base))
	if err != nil {
		t.Fatalf("the valid base fails: %v", err)
	}
	checkStory(t, s)

	cases := []struct {
		name     string
		old, new string // replace old by new in base
		want     string
	}{
		{"not JSON", `{`, `[`, "story: invalid character"},
		{"duplicate place id", `"id":"b","name":"B"`, `"id":"a","name":"B"`, `story: id "a" is used twice`},
		{"trip id of a place", `"id":"t"`, `"id":"b"`, `story: id "b" is used twice`},
		{"no id", `"id":"e"`, `"id":""`, "story: an entry has no id"},
		{"trip to unknown place", `"to":"b"`, `"to":"x"`, `story: trip t names the unknown place "x"`},
		{"event at unknown place", `"place":"a"`, `"place":"x"`, `story: event e names the unknown place "x"`},
		{"corridor via unknown place", `"via":["a","b"]`, `"via":["a","x"]`, `story: corridor c names the unknown place "x"`},
		{"end before start", `"end":"2023-10-18"`, `"end":"2023-10-16"`, `story: trip "t": ends (2023-10-16) before it starts (2023-10-17)`},
		{"bad trip date", `"start":"2023-10-17"`, `"start":"17/10/2023"`, `story: trip "t": `},
		{"bad event date", `"date":"2023-03-17"`, `"date":"2023-02-30"`, `story: event "e": `},
		{"unknown traveller", `"traveller":"putin"`, `"traveller":"lavrov"`, `story: trip "t": unknown traveller "lavrov"`},
		{"bad kind", `"kind":"land"`, `"kind":"rail"`, `story: corridor "c": unknown kind "rail"`},
		{"bad status", `"status":"operating"`, `"status":"abandoned"`, `story: corridor "c": unknown status "abandoned"`},
		{"place off the globe", `"lon":3,"lat":4`, `"lon":181,"lat":4`, `story: place "b" at (181, 4) is not on the globe`},
		{"place without country", `"iso_a3":"AAA"`, `"iso_a3":""`, `story: place "a" needs a name and an ISO alpha-3 country`},
		{"waypoint off the globe", `"via":["a","b"]`, `"via":["a","b"],"path":[[1,2],[3,95]]`, `story: corridor "c": waypoint (3, 95) is not on the globe`},
		{"corridor of one place", `"via":["a","b"]`, `"via":["a"]`, `story: corridor "c" needs at least two places or waypoints`},
		{"wrong type", `"lon":1`, `"lon":"1"`, "story: json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(base, c.old, c.new, 1)
			if in == base {
				t.Fatalf("%q is not in the base", c.old)
			}
			s, err := story.Load([]byte(in))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got story %v, error %v; want an error starting %q", s != nil, err, c.want)
			}
		})
	}
}

// maxFuzzBytes guards the fuzzer against inputs far larger than a story file
// (data/story.json is about 30 KB), as x/image's tiff/fuzz.go does.
const maxFuzzBytes = 1 << 20

// FuzzLoad: Load never panics, every error starts with "story: ", and a story
// it accepts holds its invariants (checkStory).
func FuzzLoad(f *testing.F) {
	// Small seeds: the fuzzer minimises each new input by trying to cut every
	// range of its bytes, which takes it a minute for a few kilobytes.
	f.Add([]byte(`{"places":[{"id":"a","name":"A","iso_a3":"AAA","lon":1,"lat":2},{"id":"b","name":"B","iso_a3":"BBB","lon":3,"lat":4}],` +
		`"trips":[{"id":"t","traveller":"xi","from":"a","to":"b","start":"2023-10-17","end":"2023-10-18"}],` +
		`"events":[{"id":"e","date":"2023-03-17","place":"a"}],` +
		`"corridors":[{"id":"c","kind":"gas","status":"planned","via":["a","b"],"path":[[1,2],[3,4]]}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"places":[{"id":"a","name":"A","iso_a3":"AAA","lon":"NaN"}]}`))
	f.Add([]byte(`{"corridors":[{"id":"c","kind":"gas","status":"planned","path":[[1],[2,3,4],[-180,90]]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzBytes {
			t.Skip("larger than a story file")
		}
		s, err := story.Load(b)
		if err != nil {
			if s != nil || !strings.HasPrefix(err.Error(), "story: ") {
				t.Fatalf("story %v, error %q; want nil and an error starting \"story: \"", s != nil, err)
			}
			return
		}
		checkStory(t, s)
	})
}

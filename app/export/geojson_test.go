package export

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var (
	atlasOnce sync.Once
	atlasVal  *scene.Atlas
	atlasErr  error
)

// storyAtlas is the embedded story's atlas, made once (the 1:110m world is
// enough: the GeoJSON needs the ICC table, not the outlines).
func storyAtlas(t testing.TB) *scene.Atlas {
	t.Helper()
	atlasOnce.Do(func() {
		var w *geo.World
		if w, atlasErr = geo.LoadWorld(); atlasErr == nil {
			atlasVal, atlasErr = scene.New(w)
		}
	})
	if atlasErr != nil {
		t.Fatal(atlasErr)
	}
	return atlasVal
}

// decode checks that b is valid JSON and a GeoJSON FeatureCollection that orb
// reads, and returns it.
func decode(t *testing.T, b []byte) *geojson.FeatureCollection {
	t.Helper()
	if !json.Valid(b) {
		t.Fatalf("not valid JSON:\n%.500s", b)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("orb cannot read it: %v", err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("type %q, want FeatureCollection", fc.Type)
	}
	return fc
}

// columnsOf is the columns each layer's features carry after "layer".
var columnsOf = map[string][]string{"trip": TripColumns, "corridor": CorridorColumns, "place": PlaceColumns, "event": EventColumns}

func TestStoryGeoJSON(t *testing.T) {
	a := storyAtlas(t)
	b, err := StoryGeoJSON(a, 0)
	if err != nil {
		t.Fatal(err)
	}
	fc := decode(t, b)

	s := a.Story
	want := map[string]int{"trip": len(s.Trips), "corridor": len(s.Corridors), "place": len(s.Places), "event": len(s.Events)}
	got := map[string]int{}
	ids := map[string]bool{}
	for _, f := range fc.Features {
		layer := f.Properties.MustString("layer", "")
		got[layer]++
		id, _ := f.ID.(string)
		if !strings.HasPrefix(id, layer+"-") || ids[id] {
			t.Errorf("feature id %q: want a unique id starting %q", id, layer+"-")
		}
		ids[id] = true
		wantType := map[string]string{"trip": "MultiLineString", "corridor": "MultiLineString", "place": "Point", "event": "Point"}[layer]
		if f.Geometry == nil || f.Geometry.GeoJSONType() != wantType {
			t.Errorf("%s: geometry %v, want a %s", id, f.Geometry, wantType)
			continue
		}
		if ml, ok := f.Geometry.(orb.MultiLineString); ok {
			if len(ml) == 0 {
				t.Errorf("%s: no line", id)
			}
			for _, ls := range ml {
				if len(ls) < 2 {
					t.Errorf("%s: a piece of %d points; RFC 7946 wants at least 2", id, len(ls))
				}
			}
		}
		checkCoords(t, id, f.Geometry)
		// The properties are the layer's CSV row, column for column.
		cols := columnsOf[layer]
		if len(f.Properties) != len(cols)+1 {
			t.Errorf("%s: %d properties, want layer and %v", id, len(f.Properties), cols)
		}
		row := featureRow(t, a, layer, strings.TrimPrefix(id, layer+"-"))
		for i, c := range cols {
			if g := propertyText(f.Properties[c]); g != row[i] {
				t.Errorf("%s: property %s = %q, want %q as in the CSV", id, c, g, row[i])
			}
		}
	}
	for layer, n := range want {
		if n == 0 || got[layer] != n {
			t.Errorf("%d %s features, want %d (one per item of the story)", got[layer], layer, n)
		}
	}
	if n := StoryFeatureCount(a, 0); n != len(fc.Features) {
		t.Errorf("StoryFeatureCount = %d, want %d", n, len(fc.Features))
	}
}

// checkCoords fails if a position of g is off the globe or has more than 5
// decimals.
func checkCoords(t *testing.T, id string, g orb.Geometry) {
	t.Helper()
	var pts []orb.Point
	switch g := g.(type) {
	case orb.Point:
		pts = []orb.Point{g}
	case orb.MultiLineString:
		for _, ls := range g {
			pts = append(pts, ls...)
		}
	}
	for _, p := range pts {
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
			t.Errorf("%s: position %v is off the globe", id, p)
			return
		}
		if round5(p[0]) != p[0] || round5(p[1]) != p[1] {
			t.Errorf("%s: position %v has more than 5 decimals", id, p)
			return
		}
	}
}

// featureRow is the CSV row of the story item layer/id.
func featureRow(t *testing.T, a *scene.Atlas, layer, id string) []string {
	t.Helper()
	s := a.Story
	switch layer {
	case "trip":
		return CSVRecord(TripRow(s.Trip(id), a.ICC))
	case "corridor":
		return CSVRecord(CorridorRow(s.Corridor(id)))
	case "place":
		return CSVRecord(PlaceRow(s.Place(id)))
	case "event":
		for i := range s.Events {
			if s.Events[i].ID == id {
				return CSVRecord(EventRow(&s.Events[i]))
			}
		}
	}
	t.Fatalf("no %s %q in the story", layer, id)
	return nil
}

// propertyText formats a decoded property as CSVRecord formats its value.
func propertyText(v any) string {
	if f, ok := v.(float64); ok {
		return CSVRecord([]any{f})[0]
	}
	return CSVRecord([]any{v})[0]
}

// TestStoryGeoJSONKeyOrder reads the first feature's keys in file order:
// type, id, geometry, properties, and the properties as the CSV's columns.
func TestStoryGeoJSONKeyOrder(t *testing.T) {
	b, err := StoryGeoJSON(storyAtlas(t), scene.Trips)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) < 3 || string(lines[0]) != `{"type":"FeatureCollection","features":[` {
		t.Fatalf("want the collection's head on a line of its own, then one feature per line:\n%.300s", b)
	}
	first := bytes.TrimSuffix(lines[1], []byte(","))
	var f struct {
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(first, &f); err != nil {
		t.Fatal(err)
	}
	if got, want := objectKeys(t, first), []string{"type", "id", "geometry", "properties"}; !slices.Equal(got, want) {
		t.Errorf("feature keys %v, want %v", got, want)
	}
	if got, want := objectKeys(t, f.Properties), append([]string{"layer"}, TripColumns...); !slices.Equal(got, want) {
		t.Errorf("property keys %v, want %v", got, want)
	}
}

// objectKeys returns the keys of the JSON object b in the order written.
func objectKeys(t *testing.T, b []byte) []string {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	if _, err := d.Token(); err != nil { // {
		t.Fatal(err)
	}
	var keys []string
	for d.More() {
		k, err := d.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestStoryGeoJSONTripEnds: each trip's line runs from its start to its end,
// as drawn; Moscow→Beijing in particular.
func TestStoryGeoJSONTripEnds(t *testing.T) {
	a := storyAtlas(t)
	b, err := StoryGeoJSON(a, scene.Trips|scene.XiVisit)
	if err != nil {
		t.Fatal(err)
	}
	fc := decode(t, b)
	moscowBeijing := 0
	for _, f := range fc.Features {
		tr := a.Story.Trip(f.Properties.MustString("id", ""))
		ml := f.Geometry.(orb.MultiLineString)
		start, end := ml[0][0], ml[len(ml)-1][len(ml[len(ml)-1])-1]
		from := orb.Point{round5(tr.From.Point[0]), round5(tr.From.Point[1])}
		to := orb.Point{round5(tr.To.Point[0]), round5(tr.To.Point[1])}
		if start != from || end != to {
			t.Errorf("%s: line runs %v → %v, want %s %v → %s %v", tr.ID, start, end, tr.From.Name, from, tr.To.Name, to)
		}
		if tr.From.ID == "moscow" && tr.To.ID == "beijing" {
			moscowBeijing++
		}
		// Its length is about the great circle's. Trips that join the same
		// places are bowed apart: the fourth between Moscow and Beijing bows
		// out by a fifth of its length, which makes it about 8% longer.
		var km float64
		for _, ls := range ml {
			for i := 1; i < len(ls); i++ {
				km += geo.DistanceKm(ls[i-1], ls[i])
			}
		}
		if gc := geo.DistanceKm(tr.From.Point, tr.To.Point); km < gc-1 || km > gc*1.15 {
			t.Errorf("%s: line is %.0f km long, the great circle %.0f km", tr.ID, km, gc)
		}
	}
	if moscowBeijing == 0 {
		t.Error("no Moscow → Beijing trip in the GeoJSON")
	}
}

// TestStoryGeoJSONLayers: --layers picks the features as the map shows them.
func TestStoryGeoJSONLayers(t *testing.T) {
	a := storyAtlas(t)
	s := a.Story
	count := func(keep func(layer string, props geojson.Properties) bool) int {
		n := 0
		b, _ := StoryGeoJSON(a, scene.AllLayers)
		for _, f := range decode(t, b).Features {
			if keep(f.Properties.MustString("layer", ""), f.Properties) {
				n++
			}
		}
		return n
	}
	kind := func(k ...story.Kind) func(string, geojson.Properties) bool {
		return func(layer string, p geojson.Properties) bool {
			return layer == "corridor" && slices.Contains(k, story.Kind(p.MustString("kind", "")))
		}
	}
	traveller := func(tr story.Traveller) func(string, geojson.Properties) bool {
		return func(layer string, p geojson.Properties) bool {
			return layer == "trip" && p.MustString("traveller", "") == string(tr)
		}
	}
	cases := []struct {
		name   string
		layers scene.Layers
		want   int
	}{
		{"putin", scene.Trips, count(traveller(story.Putin))},
		{"xi", scene.XiVisit, count(traveller(story.Xi))},
		{"land", scene.Corridors, count(kind(story.Land))},
		{"maritime", scene.Maritime, count(kind(story.Maritime))},
		{"energy", scene.Energy, count(kind(story.Oil, story.Gas))},
		{"places and events", scene.Places, len(s.Places) + len(s.Events)},
		{"all", scene.AllLayers, len(s.Trips) + len(s.Corridors) + len(s.Places) + len(s.Events)},
		{"0 means all", 0, len(s.Trips) + len(s.Corridors) + len(s.Places) + len(s.Events)},
		{"no story layer", scene.ICC | scene.Labels | scene.Graticule, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.want == 0 && c.layers&GeoJSONLayers != 0 {
				t.Fatalf("the story has no %s to export", c.name)
			}
			b, err := StoryGeoJSON(a, c.layers)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(decode(t, b).Features); got != c.want {
				t.Errorf("%d features, want %d", got, c.want)
			}
			if got := StoryFeatureCount(a, c.layers); got != c.want {
				t.Errorf("StoryFeatureCount = %d, want %d", got, c.want)
			}
		})
	}
}

// TestStoryGeoJSONDeterministic: the same story gives the same bytes, from the
// same atlas and from another.
func TestStoryGeoJSONDeterministic(t *testing.T) {
	a := storyAtlas(t)
	first, err := StoryGeoJSON(a, 0)
	if err != nil {
		t.Fatal(err)
	}
	w, err := geo.LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	other, err := scene.New(w)
	if err != nil {
		t.Fatal(err)
	}
	for i, at := range []*scene.Atlas{a, other, a} {
		b, err := StoryGeoJSON(at, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, first) {
			t.Fatalf("run %d wrote other bytes than the first", i+2)
		}
	}
}

// TestStoryGeoJSONAntimeridian exports a trip that crosses ±180° (Tokyo →
// Los Angeles): two pieces that meet on the meridian, every longitude in
// [−180, 180].
func TestStoryGeoJSONAntimeridian(t *testing.T) {
	const data = `{"places":[
		{"id":"tokyo","name":"Tokyo","iso_a3":"JPN","lon":139.6917,"lat":35.6895},
		{"id":"la","name":"Los Angeles","iso_a3":"USA","lon":-118.2437,"lat":34.0522}],
	"trips":[{"id":"pacific","traveller":"xi","from":"tokyo","to":"la","start":"2023-11-14","end":"2023-11-17"}]}`
	st, err := story.Load([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	a := &scene.Atlas{World: storyAtlas(t).World, ICC: storyAtlas(t).ICC, Story: st, Lines: scene.StoryLines(st)}
	b, err := StoryGeoJSON(a, 0)
	if err != nil {
		t.Fatal(err)
	}
	fc := decode(t, b)
	if len(fc.Features) != 3 {
		t.Fatalf("%d features, want a trip and two places", len(fc.Features))
	}
	ml := fc.Features[0].Geometry.(orb.MultiLineString)
	checkCoords(t, "pacific", ml)
	if len(ml) != 2 {
		t.Fatalf("%d pieces, want 2 (cut at 180°)", len(ml))
	}
	end, start := ml[0][len(ml[0])-1], ml[1][0]
	if end[0] != 180 || start[0] != -180 || end[1] != start[1] {
		t.Errorf("pieces meet at %v and %v, want (180, φ) and (−180, φ)", end, start)
	}
	if p := fc.Features[0].Properties; p.MustString("destination_icc_status", "") != "non-party" {
		t.Errorf("destination status %v, want non-party (USA)", p["destination_icc_status"])
	}
}

// TestStoryGeoJSONRefusesBadInput: NaN coordinates and a missing world are
// errors, not a file that does not parse.
func TestStoryGeoJSONRefusesBadInput(t *testing.T) {
	a := storyAtlas(t)
	lines := *a.Lines
	lines.Trips = slices.Clone(lines.Trips)
	lines.Trips[0] = orb.MultiLineString{{{0, 0}, {math.NaN(), 1}}}
	bad := &scene.Atlas{World: a.World, Story: a.Story, Lines: &lines}
	if _, err := StoryGeoJSON(bad, 0); err == nil || !strings.HasPrefix(err.Error(), "export: ") {
		t.Errorf("NaN coordinate: error %v, want one starting \"export: \"", err)
	}
	if _, err := StoryGeoJSON(&scene.Atlas{Story: a.Story, Lines: a.Lines}, 0); err == nil {
		t.Error("no world: no error")
	}
	if _, err := StoryGeoJSON(nil, 0); err == nil {
		t.Error("nil atlas: no error")
	}
}

func TestRound5(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{37.6175, "37.6175"},
		{38.017263, "38.01726"},
		{-0.000001, "0"}, // not "-0"
		{0.00001, "0.00001"},
		{179.999996, "180"},
		{-179.999996, "-180"},
		{1e-300, "0"},
	}
	for _, c := range cases {
		if got := string(appendNumber(nil, round5(c.in))); got != c.want {
			t.Errorf("round5(%g) writes %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCSVRecord(t *testing.T) {
	got := CSVRecord([]any{"a,b", 131.9333, -6.1667, true, false, 0.00001})
	want := []string{"a,b", "131.9333", "-6.1667", "true", "false", "0.00001"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The story as data: its trips, corridors and links, places and events as
// rows (what `atlas list --layer` prints) and as one GeoJSON FeatureCollection
// (RFC 7946) whose features carry the same rows as properties.
package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/app/story"

	"github.com/paulmach/orb"
)

// The columns of the story's rows, in order: the CSV header of
// `atlas list --layer trips` (places, corridors, events) and the properties of
// the GeoJSON features, after "layer". A row holds one value per column: a
// string, a float64 (degrees, rounded to 5 decimals) or a bool. Read-only.
var (
	TripColumns = []string{"id", "traveller", "from_place", "to_place", "from_lon", "from_lat", "to_lon", "to_lat",
		"start", "end", "destination_iso_a3", "destination_icc_status", "purpose"}
	PlaceColumns    = []string{"id", "name", "iso_a3", "lon", "lat", "kind", "role", "in_article"}
	CorridorColumns = []string{"id", "name", "kind", "status", "countries"}
	EventColumns    = []string{"id", "date", "title", "place", "iso_a3", "lon", "lat"}
)

// TripRow is trip t as a row of TripColumns. Places are named by id; the
// destination's ICC status is the one on the trip's first day, from members:
// it tells whether the trip lands in a state party on its date.
func TripRow(t *story.Trip, members *icc.ICC) []any {
	return []any{t.ID, string(t.Traveller), t.From.ID, t.To.ID,
		round5(t.From.Point[0]), round5(t.From.Point[1]), round5(t.To.Point[0]), round5(t.To.Point[1]),
		t.Start.Format(icc.DateLayout), t.End.Format(icc.DateLayout),
		t.To.ISO3, members.StatusOn(t.To.ISO3, t.Start).Status.String(), t.Purpose}
}

// PlaceRow is place p as a row of PlaceColumns.
func PlaceRow(p *story.Place) []any {
	return []any{p.ID, p.Name, p.ISO3, round5(p.Point[0]), round5(p.Point[1]), p.Kind, p.Role, p.InArticle}
}

// CorridorRow is corridor or link c as a row of CorridorColumns: its
// countries are ISO alpha-3 codes in route order, separated by spaces.
func CorridorRow(c *story.Corridor) []any {
	return []any{c.ID, c.Name, string(c.Kind), string(c.Status), strings.Join(c.Countries, " ")}
}

// EventRow is event e as a row of EventColumns, at its place (named by id).
func EventRow(e *story.Event) []any {
	return []any{e.ID, e.Date.Format(icc.DateLayout), e.Title, e.Place.ID, e.Place.ISO3,
		round5(e.Place.Point[0]), round5(e.Place.Point[1])}
}

// CSVRecord formats a row for encoding/csv: numbers in plain decimal
// ("37.6175"), booleans as true or false.
func CSVRecord(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		switch v := v.(type) {
		case string:
			out[i] = v
		case float64:
			out[i] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			out[i] = strconv.FormatBool(v)
		default:
			out[i] = fmt.Sprint(v)
		}
	}
	return out
}

// GeoJSONLayers are the layers the GeoJSON export can hold: the others
// (ICC shading, graticule, labels) have no features of their own.
const GeoJSONLayers = scene.Trips | scene.XiVisit | scene.Corridors | scene.Maritime | scene.Energy | scene.Places

// picked is what a GeoJSON export of the story holds: indexes into the
// story's Trips, Corridors, Places and Events.
type picked struct {
	trips, corridors, places, events []int
}

// pick chooses the story's features shown by layers, as the map shows them:
// Putin's trips with Trips, Xi's with XiVisit; land corridors with Corridors,
// sea lanes with Maritime, oil and gas links with Energy; places with Places,
// and the events, which are points at places, with them.
func pick(s *story.Story, layers scene.Layers) picked {
	var p picked
	for i := range s.Trips {
		if t := &s.Trips[i]; t.Traveller == story.Xi && layers&scene.XiVisit != 0 || t.Traveller != story.Xi && layers&scene.Trips != 0 {
			p.trips = append(p.trips, i)
		}
	}
	for i := range s.Corridors {
		on := scene.Corridors
		switch s.Corridors[i].Kind {
		case story.Maritime:
			on = scene.Maritime
		case story.Oil, story.Gas:
			on = scene.Energy
		}
		if layers&on != 0 {
			p.corridors = append(p.corridors, i)
		}
	}
	if layers&scene.Places != 0 {
		for i := range s.Places {
			p.places = append(p.places, i)
		}
		for i := range s.Events {
			p.events = append(p.events, i)
		}
	}
	return p
}

// StoryFeatureCount is how many features StoryGeoJSON writes for layers.
func StoryFeatureCount(a *scene.Atlas, layers scene.Layers) int {
	if layers == 0 {
		layers = scene.AllLayers
	}
	p := pick(a.Story, layers)
	return len(p.trips) + len(p.corridors) + len(p.places) + len(p.events)
}

// StoryGeoJSON returns the story's features shown by layers (0 means all; see
// GeoJSONLayers) as one GeoJSON FeatureCollection (RFC 7946), for QGIS or
// kepler.gl:
//
//   - each trip as a MultiLineString: its arc as the map draws it
//     (a.Lines.Trips, great circles bowed apart where trips join the same
//     places), from its start to its end, cut at ±180°;
//   - each corridor, sea lane and energy link as a MultiLineString: its
//     route as drawn (a.Lines.Corridors), cut at ±180°;
//   - each place as a Point, and each event as a Point at its place.
//
// A feature's id is "trip-…", "corridor-…", "place-…" or "event-…" (as in
// SVG exports); its properties are "layer" (trip, corridor, place or event)
// and then the layer's row (TripRow, CorridorRow, PlaceRow, EventRow), in
// column order. Coordinates are rounded to 5 decimals (about 1 m), so every
// longitude is in [−180, 180]. The output is the same bytes on every run and
// machine: keys in a fixed order, one feature per line. a.World supplies the
// trips' ICC statuses. Safe to call from any goroutine.
func StoryGeoJSON(a *scene.Atlas, layers scene.Layers) ([]byte, error) {
	if a == nil || a.World == nil || a.ICC == nil || a.Story == nil || a.Lines == nil {
		return nil, errors.New("export: the atlas has no world or story to export")
	}
	if layers == 0 {
		layers = scene.AllLayers
	}
	s := a.Story
	p := pick(s, layers)
	e := &encoder{}
	e.buf.WriteString(`{"type":"FeatureCollection","features":[`)
	for _, i := range p.trips {
		e.feature("trip", s.Trips[i].ID, TripColumns, TripRow(&s.Trips[i], a.ICC), multiLine(a.Lines.Trips[i]))
	}
	for _, i := range p.corridors {
		e.feature("corridor", s.Corridors[i].ID, CorridorColumns, CorridorRow(&s.Corridors[i]), multiLine(a.Lines.Corridors[i]))
	}
	for _, i := range p.places {
		e.feature("place", s.Places[i].ID, PlaceColumns, PlaceRow(&s.Places[i]), point(s.Places[i].Point))
	}
	for _, i := range p.events {
		ev := &s.Events[i]
		e.feature("event", ev.ID, EventColumns, EventRow(ev), point(ev.Place.Point))
	}
	if e.n > 0 {
		e.buf.WriteByte('\n')
	}
	e.buf.WriteString("]}\n")
	if e.err != nil {
		return nil, e.err
	}
	return e.buf.Bytes(), nil
}

// round5 rounds a coordinate to 5 decimals (about 1 m on the ground); the
// + 0 turns −0 into 0, which JSON would otherwise spell "-0".
func round5(v float64) float64 {
	return math.Round(v*1e5)/1e5 + 0
}

// geometry is a GeoJSON geometry: its type and its coordinates, written as
// JSON; finite is false if a coordinate is NaN or infinite.
type geometry struct {
	typ    string
	coords []byte
	finite bool
}

// point is p as a GeoJSON Point.
func point(p orb.Point) geometry {
	return geometry{"Point", appendPosition(nil, p), finite(p)}
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// multiLine is the pieces of a line (lon/lat) as a GeoJSON MultiLineString,
// rounded; points that rounding makes equal to the one before are dropped,
// and so are pieces left with fewer than two points (RFC 7946 §3.1.4).
func multiLine(pieces orb.MultiLineString) geometry {
	b := []byte{'['}
	n := 0
	ok := true
	for _, piece := range pieces {
		var line []orb.Point
		for _, pt := range piece {
			ok = ok && finite(pt)
			r := orb.Point{round5(pt[0]), round5(pt[1])}
			if len(line) == 0 || r != line[len(line)-1] {
				line = append(line, r)
			}
		}
		if len(line) < 2 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, '[')
		for j, pt := range line {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendPosition(b, pt)
		}
		b = append(b, ']')
	}
	return geometry{"MultiLineString", append(b, ']'), ok}
}

// appendPosition appends p as a GeoJSON position [lon,lat], rounded to 5
// decimals, in plain decimal notation. A non-finite value is written as null
// (geometry.finite tells the encoder to refuse it).
func appendPosition(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = appendNumber(b, round5(p[0]))
	b = append(b, ',')
	b = appendNumber(b, round5(p[1]))
	return append(b, ']')
}

func appendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// encoder writes features with their keys in a fixed order. It keeps the
// first error.
type encoder struct {
	buf bytes.Buffer
	n   int // features written
	err error
}

// feature writes one feature: {"type","id","geometry","properties"}, with
// "layer" first among the properties and then columns in order.
func (e *encoder) feature(layer, id string, columns []string, row []any, g geometry) {
	if e.err != nil {
		return
	}
	if !g.finite {
		e.err = fmt.Errorf("export: %s %q has a coordinate that is not a number", layer, id)
		return
	}
	if e.n > 0 {
		e.buf.WriteByte(',')
	}
	e.n++
	e.buf.WriteString("\n{\"type\":\"Feature\",\"id\":")
	e.string(layer + "-" + id)
	e.buf.WriteString(`,"geometry":{"type":"`)
	e.buf.WriteString(g.typ)
	e.buf.WriteString(`","coordinates":`)
	e.buf.Write(g.coords)
	e.buf.WriteString(`},"properties":{"layer":`)
	e.string(layer)
	for i, c := range columns {
		e.buf.WriteByte(',')
		e.string(c)
		e.buf.WriteByte(':')
		switch v := row[i].(type) {
		case string:
			e.string(v)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				e.err = fmt.Errorf("export: %s %q: %s is not a number", layer, id, c)
				return
			}
			e.buf.Write(appendNumber(nil, v))
		case bool:
			e.buf.WriteString(strconv.FormatBool(v))
		default:
			e.err = fmt.Errorf("export: %s %q: %s has a value of type %T", layer, id, c, v)
			return
		}
	}
	e.buf.WriteString("}}")
}

// string writes s as a JSON string, with <, > and & as themselves (they are
// safe outside HTML) and invalid UTF-8 replaced, as encoding/json does.
func (e *encoder) string(s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil { // cannot fail for a string
		e.err = err
		return
	}
	e.buf.Write(bytes.TrimSuffix(b.Bytes(), []byte{'\n'}))
}

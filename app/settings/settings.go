// Package settings is what the window remembers between launches — its size,
// the view (projection, centre, zoom), the layers shown and the date — read
// from and written to a key/value store (Fyne's preferences in the app, a
// map in tests). Every value read is checked: one that is missing takes its
// default silently; one that is corrupt or out of range (garbage text, NaN,
// a zoom of 1e9, an unknown projection or layer, a date outside the map's
// range, a negative size) takes its default with exactly one log line, so
// the app always starts. It never imports Fyne.
package settings

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Store is where settings persist; fyne.Preferences satisfies it. Every
// value is kept as text.
type Store interface {
	StringWithFallback(key, fallback string) string
	SetString(key, value string)
}

// The store's keys.
const (
	KeyWindowWidth  = "window.width"    // dp, decimal
	KeyWindowHeight = "window.height"   // dp, decimal
	KeyProjection   = "view.projection" // a geo.Projection name
	KeyCenterX      = "view.x"          // projected units, decimal
	KeyCenterY      = "view.y"          // projected units, decimal
	KeyZoom         = "view.zoom"       // geo.View zoom, decimal
	KeyLayers       = "layers"          // JSON array of layer names, e.g. ["icc","trips"]
	KeyDate         = "date"            // YYYY-MM-DD
)

// Limits on what a stored value may be.
const (
	MinWindowDp = 200.0    // smallest window side (dp) restored
	MaxWindowDp = 20_000.0 // largest window side (dp) restored: more is a corrupt value
)

// FirstDate and LastDate bound the date restored: the Rome Statute was
// adopted on 17 July 1998, and the membership table records nothing past
// 2030.
var (
	FirstDate = time.Date(1998, 7, 17, 0, 0, 0, 0, time.UTC)
	LastDate  = time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Settings is what persists.
type Settings struct {
	WindowWidth, WindowHeight float64 // dp
	Projection                string  // a geo.Projection name
	// Center is the projected point at the middle of the map (units of
	// Projection's plane); Zoom the geo.View zoom.
	Center orb.Point
	Zoom   float64
	Layers []string // layer names scene.ParseLayers reads; empty shows none
	Date   icc.Date
}

// Defaults is what a first launch shows: a 1280×800 dp window, the whole
// world in Equal Earth, every layer, on the day of the article.
func Defaults() Settings {
	p := geo.Projections[0]
	return Settings{
		WindowWidth: 1280, WindowHeight: 800,
		Projection: p.Name(), Center: geo.WorldBound(p).Center(), Zoom: 0,
		Layers: LayerNames(scene.AllLayers),
		Date:   icc.ArticleDate,
	}
}

// Logf is where a corrupt value is reported, as log.Printf does.
type Logf func(format string, args ...any)

// Load reads the settings from st, replacing each missing value by its
// default and each corrupt one by its default with one line to logf (nil:
// no log). It may be called from any goroutine that may use st.
func Load(st Store, logf Logf) Settings {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	r := reader{st: st, logf: logf}
	s := Defaults()
	s.WindowWidth = r.float(KeyWindowWidth, s.WindowWidth, MinWindowDp, MaxWindowDp)
	s.WindowHeight = r.float(KeyWindowHeight, s.WindowHeight, MinWindowDp, MaxWindowDp)

	proj := geo.Projections[0]
	if name, ok := r.text(KeyProjection); ok {
		if p, err := geo.ProjectionByName(name); err != nil {
			r.bad(KeyProjection, name, "an unknown projection")
		} else {
			proj = p
		}
	}
	s.Projection = proj.Name()
	world := geo.WorldBound(proj)
	s.Center = world.Center()
	s.Center[0] = r.float(KeyCenterX, s.Center[0], world.Min[0], world.Max[0])
	s.Center[1] = r.float(KeyCenterY, s.Center[1], world.Min[1], world.Max[1])
	s.Zoom = r.float(KeyZoom, s.Zoom, geo.MinZoom, geo.MaxZoom)

	if raw, ok := r.text(KeyLayers); ok {
		var names []string
		if err := json.Unmarshal([]byte(raw), &names); err != nil {
			r.bad(KeyLayers, raw, "not a JSON list of names")
		} else if _, err := scene.ParseLayers(strings.Join(names, ",")); err != nil {
			r.bad(KeyLayers, raw, "an unknown layer")
		} else {
			s.Layers = names
		}
	}
	if raw, ok := r.text(KeyDate); ok {
		if d, err := icc.ParseDate(raw); err != nil {
			r.bad(KeyDate, raw, "not a date like 2023-10-17")
		} else if d.Before(FirstDate) || d.After(LastDate) {
			r.bad(KeyDate, raw, "outside "+FirstDate.Format(icc.DateLayout)+" to "+LastDate.Format(icc.DateLayout))
		} else {
			s.Date = d
		}
	}
	return s
}

// reader reads and checks the store's values.
type reader struct {
	st   Store
	logf Logf
}

// missing is the fallback that tells a value absent from the store; no
// stored value starts with a NUL.
const missing = "\x00missing"

// text returns the value of key, ok false when it is missing.
func (r reader) text(key string) (string, bool) {
	v := r.st.StringWithFallback(key, missing)
	return v, v != missing
}

// float returns the value of key as a finite number within [lo, hi], else
// def (logging why, unless the value is missing).
func (r reader) float(key string, def, lo, hi float64) float64 {
	raw, ok := r.text(key)
	if !ok {
		return def
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	switch {
	case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		r.bad(key, raw, "not a finite number")
	case f < lo || f > hi:
		r.bad(key, raw, "outside "+formatFloat(lo)+" to "+formatFloat(hi))
	default:
		return f
	}
	return def
}

// bad logs that the stored value of key was replaced by its default.
func (r reader) bad(key, raw, why string) {
	const maxShown = 60 // bytes of the quoted value shown: a corrupt one may be long
	shown := strconv.Quote(raw)
	if len(shown) > maxShown {
		shown = shown[:maxShown] + "…"
	}
	r.logf("settings: %s = %s is %s; using the default", key, shown, why)
}

// Save writes s to st. It may be called from any goroutine that may use st.
func Save(st Store, s Settings) {
	st.SetString(KeyWindowWidth, formatFloat(s.WindowWidth))
	st.SetString(KeyWindowHeight, formatFloat(s.WindowHeight))
	st.SetString(KeyProjection, s.Projection)
	st.SetString(KeyCenterX, formatFloat(s.Center[0]))
	st.SetString(KeyCenterY, formatFloat(s.Center[1]))
	st.SetString(KeyZoom, formatFloat(s.Zoom))
	layers, _ := json.Marshal(append([]string{}, s.Layers...)) // a nil list is stored as []
	st.SetString(KeyLayers, string(layers))
	st.SetString(KeyDate, s.Date.Format(icc.DateLayout))
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// View is the geo.View the settings describe on a w×h dp map. The
// projection is looked up by name (an unknown one gives the default).
func (s Settings) View(w, h float64) geo.View {
	p, err := geo.ProjectionByName(s.Projection)
	if err != nil {
		p = geo.Projections[0]
	}
	v := geo.NewView(p, w, h)
	v.Center, v.Zoom = s.Center, s.Zoom
	return v
}

// SetView records v's projection, centre and zoom.
func (s *Settings) SetView(v geo.View) {
	s.Projection, s.Center, s.Zoom = v.Proj.Name(), v.Center, v.Zoom
}

// SceneLayers is the layer set the names describe.
func (s Settings) SceneLayers() scene.Layers {
	l, _ := scene.ParseLayers(strings.Join(s.Layers, ","))
	return l
}

// singleLayers are the names of scene's one-layer switches, in drawing order.
var singleLayers = []string{"icc", "graticule", "land", "maritime", "energy", "xi", "putin", "places", "labels"}

// LayerNames lists the names of the layers of l, one per switch.
func LayerNames(l scene.Layers) []string {
	out := []string{}
	for _, name := range singleLayers {
		if bit, err := scene.ParseLayers(name); err == nil && l&bit != 0 {
			out = append(out, name)
		}
	}
	return out
}

package settings

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"articleatlas/app/scene"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// memStore is a Store in memory.
type memStore map[string]string

func (m memStore) StringWithFallback(key, fallback string) string {
	if v, ok := m[key]; ok {
		return v
	}
	return fallback
}

func (m memStore) SetString(key, value string) { m[key] = value }

// logLines collects what Load logs.
type logLines []string

func (l *logLines) logf(format string, args ...any) { *l = append(*l, fmt.Sprintf(format, args...)) }

func TestEmptyStoreGivesDefaultsSilently(t *testing.T) {
	var log logLines
	got := Load(memStore{}, log.logf)
	if !reflect.DeepEqual(got, Defaults()) {
		t.Errorf("got %+v, want %+v", got, Defaults())
	}
	if len(log) != 0 {
		t.Errorf("logged %q", log)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	want := Settings{
		WindowWidth: 1000.5, WindowHeight: 700, Projection: "equirectangular",
		Center: orb.Point{1.25, -0.5}, Zoom: 3.75,
		Layers: []string{"icc", "putin"}, Date: time.Date(2016, 11, 16, 0, 0, 0, 0, time.UTC),
	}
	st := memStore{}
	Save(st, want)
	var log logLines
	got := Load(st, log.logf)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if len(log) != 0 {
		t.Errorf("logged %q", log)
	}
	if l := got.SceneLayers(); l != scene.ICC|scene.Trips {
		t.Errorf("scene layers %b", l)
	}
}

func TestNoLayersRoundTrips(t *testing.T) {
	st := memStore{}
	s := Defaults()
	s.Layers = nil
	Save(st, s)
	if got := Load(st, nil); len(got.Layers) != 0 || got.SceneLayers() != 0 {
		t.Errorf("layers %q", got.Layers)
	}
}

// TestCorruptValues stores one bad value at a time: each falls back to its
// field's default with exactly one log line naming the key, and leaves the
// other fields alone.
func TestCorruptValues(t *testing.T) {
	good := Settings{
		WindowWidth: 900, WindowHeight: 600, Projection: "equirectangular",
		Center: orb.Point{0.5, 0.25}, Zoom: 2, Layers: []string{"icc"},
		Date: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC),
	}
	def := Defaults()
	eqWorld := geo.WorldBound(geo.Projections[0])
	for _, c := range []struct {
		key, value string
		check      func(s Settings) bool
	}{
		{KeyWindowWidth, "-640", func(s Settings) bool { return s.WindowWidth == def.WindowWidth }},
		{KeyWindowWidth, "NaN", func(s Settings) bool { return s.WindowWidth == def.WindowWidth }},
		{KeyWindowHeight, "+Inf", func(s Settings) bool { return s.WindowHeight == def.WindowHeight }},
		{KeyWindowHeight, "1e300", func(s Settings) bool { return s.WindowHeight == def.WindowHeight }},
		{KeyWindowHeight, "tall", func(s Settings) bool { return s.WindowHeight == def.WindowHeight }},
		{KeyZoom, "1e9", func(s Settings) bool { return s.Zoom == def.Zoom }},
		{KeyZoom, "-1", func(s Settings) bool { return s.Zoom == def.Zoom }},
		{KeyZoom, "{\"zoom\":", func(s Settings) bool { return s.Zoom == def.Zoom }},
		{KeyCenterX, "NaN", func(s Settings) bool { return s.Center[0] == 0 && s.Center[1] == 0.25 }},
		{KeyCenterY, "99", func(s Settings) bool { return s.Center[1] == 0 && s.Center[0] == 0.5 }},
		{KeyProjection, "mercator-of-doom", func(s Settings) bool {
			// The centre is checked against the default projection's world.
			return s.Projection == def.Projection && eqWorld.Contains(s.Center)
		}},
		{KeyLayers, "[\"icc\",", func(s Settings) bool { return reflect.DeepEqual(s.Layers, def.Layers) }},
		{KeyLayers, "{\"a\":1}", func(s Settings) bool { return reflect.DeepEqual(s.Layers, def.Layers) }},
		{KeyLayers, "[\"icc\",\"dragons\"]", func(s Settings) bool { return reflect.DeepEqual(s.Layers, def.Layers) }},
		{KeyDate, "1066-10-14", func(s Settings) bool { return s.Date.Equal(def.Date) }},
		{KeyDate, "2999-01-01", func(s Settings) bool { return s.Date.Equal(def.Date) }},
		{KeyDate, "yesterday", func(s Settings) bool { return s.Date.Equal(def.Date) }},
		{KeyDate, strings.Repeat("\xff", 500), func(s Settings) bool { return s.Date.Equal(def.Date) }},
	} {
		st := memStore{}
		Save(st, good)
		st[c.key] = c.value
		var log logLines
		s := Load(st, log.logf)
		if !c.check(s) {
			t.Errorf("%s = %q: not replaced by the default: %+v", c.key, c.value, s)
		}
		if len(log) != 1 || !strings.Contains(log[0], c.key) {
			t.Errorf("%s = %q: want one log line naming the key, got %q", c.key, c.value, log)
		}
		if len(log) == 1 && len(log[0]) > 200 {
			t.Errorf("%s: log line of %d bytes", c.key, len(log[0]))
		}
		// The fields not corrupted keep their stored values.
		if c.key != KeyDate && !s.Date.Equal(good.Date) {
			t.Errorf("%s: date changed to %v", c.key, s.Date)
		}
		if c.key != KeyWindowWidth && s.WindowWidth != good.WindowWidth {
			t.Errorf("%s: width changed to %v", c.key, s.WindowWidth)
		}
	}
}

func TestEveryValueCorrupt(t *testing.T) {
	st := memStore{}
	for _, k := range []string{KeyWindowWidth, KeyWindowHeight, KeyProjection, KeyCenterX, KeyCenterY, KeyZoom, KeyLayers, KeyDate} {
		st[k] = "\x00garbage"
	}
	var log logLines
	got := Load(st, log.logf)
	if !reflect.DeepEqual(got, Defaults()) {
		t.Errorf("got %+v, want the defaults", got)
	}
	if len(log) != 8 {
		t.Errorf("want 8 log lines, got %d: %q", len(log), log)
	}
}

func TestView(t *testing.T) {
	s := Defaults()
	s.Projection, s.Center, s.Zoom = "equirectangular", orb.Point{0.3, 0.2}, 1.5
	v := s.View(800, 600)
	if v.Proj.Name() != "equirectangular" || v.Center != s.Center || v.Zoom != 1.5 || v.Width != 800 {
		t.Errorf("view %+v", v)
	}
	var back Settings
	back.SetView(v)
	if back.Projection != s.Projection || back.Center != s.Center || back.Zoom != s.Zoom {
		t.Errorf("SetView: %+v", back)
	}
}

func TestLayerNamesCoverEveryLayer(t *testing.T) {
	names := LayerNames(scene.AllLayers)
	l, err := scene.ParseLayers(strings.Join(names, ","))
	if err != nil || l != scene.AllLayers {
		t.Errorf("%q parses to %b (%v), want %b", names, l, err, scene.AllLayers)
	}
	if got := LayerNames(scene.Places | scene.XiVisit); !reflect.DeepEqual(got, []string{"xi", "places"}) {
		t.Errorf("got %q", got)
	}
}

package scene

import (
	"strings"
	"testing"

	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// TestLandingOnTripDate: F20 — each of Putin's trips says whether it lands in
// an ICC state party on its own first day.
func TestLandingOnTripDate(t *testing.T) {
	a := loadAtlas(t)
	cases := []struct{ trip, want string }{
		{"putin-2023-beijing", "Beijing, China — not an ICC state party on 17 Oct 2023"},
		{"putin-2023-bishkek", "Bishkek, Kyrgyzstan — not an ICC state party on 12 Oct 2023"},
	}
	for _, c := range cases {
		t.Run(c.trip, func(t *testing.T) {
			tr := a.Story.Trip(c.trip)
			if tr == nil {
				t.Fatalf("no trip %q", c.trip)
			}
			if got := a.Landing(tr); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestTripCountries: Moscow → Bishkek flies over Russia and Kazakhstan into Kyrgyzstan.
func TestTripCountries(t *testing.T) {
	a := loadAtlas(t)
	got := strings.Join(a.TripCountries(a.Story.Trip("putin-2023-bishkek")), " ")
	if !strings.HasPrefix(got, "RUS") || !strings.Contains(got, "KAZ") || !strings.HasSuffix(got, "KGZ") {
		t.Errorf("got %q, want RUS … KAZ … KGZ", got)
	}
}

// TestHitTestEachKind: a point on each kind of mark finds it, with places
// before trips before corridors before countries; layers switched off are
// not hit.
func TestHitTestEachKind(t *testing.T) {
	a := loadAtlas(t)
	v := geo.NewView(geo.EqualEarth{}, 1600, 900)
	v.Fit(orb.Bound{Min: geo.Project(v.Proj, orb.Point{20, 5}), Max: geo.Project(v.Proj, orb.Point{140, 65})}, 10)
	o := articleOptions()
	screen := func(ll orb.Point) orb.Point { return v.ToScreen(ll) }
	at := func(ll orb.Point) geo.Hit {
		h, _ := a.HitTest(v, 1, o, screen(ll))
		return h
	}
	beijing := a.Story.Place("beijing").Point
	if h := at(beijing); h != (geo.Hit{Kind: geo.HitPlace, ID: "beijing"}) {
		t.Errorf("at Beijing: got %+v, want the place", h)
	}
	// The middle of the Bishkek trip's arc.
	mid := a.Lines.TripMid[indexOfTrip(a, "putin-2023-bishkek")]
	if h := at(mid); h.Kind != geo.HitTrip || h.ID != "putin-2023-bishkek" {
		t.Errorf("on the Bishkek arc: got %+v, want the trip", h)
	}
	// A point on the China–Pakistan corridor, between two of its cities.
	if h := at(awayFromPlaces(t, a, a.Lines.Corridors[indexOfCorridor(a, "china-pakistan")][0])); h.Kind != geo.HitCorridor || h.ID != "china-pakistan" {
		t.Errorf("on CPEC: got %+v, want the corridor", h)
	}
	if h := at(awayFromPlaces(t, a, a.Lines.Corridors[indexOfCorridor(a, "power-of-siberia")][0])); h.Kind != geo.HitLink {
		t.Errorf("on Power of Siberia: got %+v, want an energy link", h)
	}
	if h := at(orb.Point{100, 35}); h != (geo.Hit{Kind: geo.HitCountry, ID: "CHN"}) {
		t.Errorf("inside China, away from marks: got %+v, want CHN", h)
	}
	o.Layers &^= Places
	if h := at(beijing); h.Kind == geo.HitPlace {
		t.Errorf("places hidden, yet the place was hit: %+v", h)
	}
}

func indexOfTrip(a *Atlas, id string) int {
	for i := range a.Story.Trips {
		if a.Story.Trips[i].ID == id {
			return i
		}
	}
	return -1
}

func indexOfCorridor(a *Atlas, id string) int {
	for i := range a.Story.Corridors {
		if a.Story.Corridors[i].ID == id {
			return i
		}
	}
	return -1
}

// awayFromPlaces is the first point of line more than 150 km from every place
// of the story and every other corridor's route point, so a hit there can
// only be the line itself.
func awayFromPlaces(t *testing.T, a *Atlas, line orb.LineString) orb.Point {
	t.Helper()
	for _, p := range line {
		clear := true
		for _, pl := range a.Story.Places {
			if geo.DistanceKm(p, pl.Point) < 150 {
				clear = false
				break
			}
		}
		if clear {
			return p
		}
	}
	t.Fatal("no point of the line is 150 km from every place")
	return orb.Point{}
}

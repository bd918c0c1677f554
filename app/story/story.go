// Package story is the article's story as data: the places it names, Putin's
// and Xi's trips, the dated events, and the Belt and Road corridors and
// energy links (data/story.json, sourced in data/README.md). It holds facts,
// not geometry, and never imports Fyne.
package story

import (
	"articleatlas/app/icc"
	"encoding/json"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Place is a city, port or seat the story names or a corridor runs through.
type Place struct {
	ID        string
	Name      string
	ISO3      string    // the country it lies in
	Point     orb.Point // lon/lat degrees
	Kind      string    // capital, city, port or court
	Role      string    // what it is in the story, one line
	InArticle bool      // the article names it, or its country's leader meeting Putin
}

// Traveller is who made a trip.
type Traveller string

// The travellers.
const (
	Putin Traveller = "putin"
	Xi    Traveller = "xi"
)

// Name is the traveller's name for display.
func (t Traveller) Name() string {
	switch t {
	case Putin:
		return "Putin"
	case Xi:
		return "Xi Jinping"
	}
	return string(t)
}

// Trip is one journey: from a place to another over a range of days.
type Trip struct {
	ID         string
	Traveller  Traveller
	From, To   *Place
	Start, End icc.Date // first and last day, inclusive
	Purpose    string
	Article    string // the article's own words about it, or ""
	Source     string // the first source of its facts (all are in data/README.md)
}

// Event is a dated event of the story that is not a trip.
type Event struct {
	ID     string
	Date   icc.Date
	Title  string
	Place  *Place
	Source string
}

// Kind is what a corridor carries.
type Kind string

// The corridor kinds.
const (
	Land     Kind = "land"     // a Belt and Road economic corridor
	Maritime Kind = "maritime" // a lane of the 21st-Century Maritime Silk Road
	Oil      Kind = "oil"      // an oil pipeline
	Gas      Kind = "gas"      // a gas pipeline
)

// Status is whether a corridor or link exists yet.
type Status string

// The statuses.
const (
	Operating         Status = "operating"
	Planned           Status = "planned"
	UnderConstruction Status = "under-construction"
)

// Corridor is a Belt and Road corridor, a sea lane or an energy link.
type Corridor struct {
	ID        string
	Name      string
	Kind      Kind
	Status    Status
	Via       []*Place    // the main places on it, in route order
	Route     []orb.Point // lon/lat waypoints from end to end (the sea lanes' and pipelines' own; else the places')
	Countries []string    // ISO3 codes in route order
	Source    string      // the first source of its route (all are in data/README.md)
}

// IsLink reports whether c is an energy link rather than a Belt and Road route.
func (c *Corridor) IsLink() bool { return c.Kind == Oil || c.Kind == Gas }

// Story is the whole story. It is read-only after Load and safe for
// concurrent use.
type Story struct {
	Places    []Place
	Trips     []Trip
	Events    []Event
	Corridors []Corridor
	places    map[string]*Place
}

// Place returns the place with id, or nil.
func (s *Story) Place(id string) *Place { return s.places[id] }

// Trip returns the trip with id, or nil.
func (s *Story) Trip(id string) *Trip {
	for i := range s.Trips {
		if s.Trips[i].ID == id {
			return &s.Trips[i]
		}
	}
	return nil
}

// Corridor returns the corridor or link with id, or nil.
func (s *Story) Corridor(id string) *Corridor {
	for i := range s.Corridors {
		if s.Corridors[i].ID == id {
			return &s.Corridors[i]
		}
	}
	return nil
}

type file struct {
	Places []struct {
		ID        string  `json:"id"`
		Name      string  `json:"name"`
		ISO3      string  `json:"iso_a3"`
		Lon       float64 `json:"lon"`
		Lat       float64 `json:"lat"`
		Kind      string  `json:"kind"`
		Role      string  `json:"role"`
		InArticle bool    `json:"in_article"`
	} `json:"places"`
	Trips []struct {
		ID        string `json:"id"`
		Traveller string `json:"traveller"`
		From      string `json:"from"`
		To        string `json:"to"`
		Start     string `json:"start"`
		End       string `json:"end"`
		Purpose   string `json:"purpose"`
		Article   string `json:"article"`
		Source    string `json:"source"`
	} `json:"trips"`
	Events []struct {
		ID     string `json:"id"`
		Date   string `json:"date"`
		Title  string `json:"title"`
		Place  string `json:"place"`
		Source string `json:"source"`
	} `json:"events"`
	Corridors []struct {
		ID        string       `json:"id"`
		Name      string       `json:"name"`
		Kind      string       `json:"kind"`
		Status    string       `json:"status"`
		Via       []string     `json:"via"`
		Path      [][2]float64 `json:"path"`
		Countries []string     `json:"countries"`
		Source    string       `json:"source"`
	} `json:"corridors"`
}

// Load decodes and checks the story file: unique ids, references that
// resolve, dates that parse and run forwards, coordinates on the globe, known
// kinds and statuses.
func Load(data []byte) (*Story, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("story: %w", err)
	}
	s := &Story{places: map[string]*Place{}}
	ids := map[string]bool{}
	unique := func(id string) error {
		if id == "" {
			return fmt.Errorf("story: an entry has no id")
		}
		if ids[id] {
			return fmt.Errorf("story: id %q is used twice", id)
		}
		ids[id] = true
		return nil
	}
	for _, p := range f.Places {
		if err := unique(p.ID); err != nil {
			return nil, err
		}
		if !onGlobe(p.Lon, p.Lat) {
			return nil, fmt.Errorf("story: place %q at (%g, %g) is not on the globe", p.ID, p.Lon, p.Lat)
		}
		if len(p.ISO3) != 3 || p.Name == "" {
			return nil, fmt.Errorf("story: place %q needs a name and an ISO alpha-3 country", p.ID)
		}
		s.Places = append(s.Places, Place{ID: p.ID, Name: p.Name, ISO3: p.ISO3, Point: orb.Point{p.Lon, p.Lat},
			Kind: p.Kind, Role: p.Role, InArticle: p.InArticle})
	}
	for i := range s.Places {
		s.places[s.Places[i].ID] = &s.Places[i]
	}
	place := func(owner, id string) (*Place, error) {
		if p := s.places[id]; p != nil {
			return p, nil
		}
		return nil, fmt.Errorf("story: %s names the unknown place %q", owner, id)
	}
	for _, t := range f.Trips {
		if err := unique(t.ID); err != nil {
			return nil, err
		}
		tr := Trip{ID: t.ID, Traveller: Traveller(t.Traveller), Purpose: t.Purpose, Article: t.Article, Source: t.Source}
		if tr.Traveller != Putin && tr.Traveller != Xi {
			return nil, fmt.Errorf("story: trip %q: unknown traveller %q", t.ID, t.Traveller)
		}
		var err error
		if tr.From, err = place("trip "+t.ID, t.From); err != nil {
			return nil, err
		}
		if tr.To, err = place("trip "+t.ID, t.To); err != nil {
			return nil, err
		}
		if tr.Start, tr.End, err = dateRange(t.Start, t.End); err != nil {
			return nil, fmt.Errorf("story: trip %q: %w", t.ID, err)
		}
		s.Trips = append(s.Trips, tr)
	}
	for _, e := range f.Events {
		if err := unique(e.ID); err != nil {
			return nil, err
		}
		d, err := icc.ParseDate(e.Date)
		if err != nil {
			return nil, fmt.Errorf("story: event %q: %w", e.ID, err)
		}
		p, err := place("event "+e.ID, e.Place)
		if err != nil {
			return nil, err
		}
		s.Events = append(s.Events, Event{ID: e.ID, Date: d, Title: e.Title, Place: p, Source: e.Source})
	}
	for _, c := range f.Corridors {
		if err := unique(c.ID); err != nil {
			return nil, err
		}
		co := Corridor{ID: c.ID, Name: c.Name, Kind: Kind(c.Kind), Status: Status(c.Status), Countries: c.Countries, Source: c.Source}
		switch co.Kind {
		case Land, Maritime, Oil, Gas:
		default:
			return nil, fmt.Errorf("story: corridor %q: unknown kind %q", c.ID, c.Kind)
		}
		switch co.Status {
		case Operating, Planned, UnderConstruction:
		default:
			return nil, fmt.Errorf("story: corridor %q: unknown status %q", c.ID, c.Status)
		}
		for _, id := range c.Via {
			p, err := place("corridor "+c.ID, id)
			if err != nil {
				return nil, err
			}
			co.Via = append(co.Via, p)
		}
		for _, w := range c.Path {
			if !onGlobe(w[0], w[1]) {
				return nil, fmt.Errorf("story: corridor %q: waypoint (%g, %g) is not on the globe", c.ID, w[0], w[1])
			}
			co.Route = append(co.Route, orb.Point{w[0], w[1]})
		}
		if len(co.Route) == 0 {
			for _, p := range co.Via {
				co.Route = append(co.Route, p.Point)
			}
		}
		if len(co.Route) < 2 {
			return nil, fmt.Errorf("story: corridor %q needs at least two places or waypoints", c.ID)
		}
		s.Corridors = append(s.Corridors, co)
	}
	return s, nil
}

func onGlobe(lon, lat float64) bool {
	return !math.IsNaN(lon) && !math.IsNaN(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

func dateRange(start, end string) (icc.Date, icc.Date, error) {
	s, err := icc.ParseDate(start)
	if err != nil {
		return s, s, err
	}
	e, err := icc.ParseDate(end)
	if err != nil {
		return s, e, err
	}
	if e.Before(s) {
		return s, e, fmt.Errorf("ends (%s) before it starts (%s)", end, start)
	}
	return s, e, nil
}

// Words for the marks of the map: tooltips and the details panel's lines for
// trips, corridors, links and places.
package scene

import (
	"fmt"
	"strings"

	"articleatlas/app/icc"
	"articleatlas/app/story"
	"articleatlas/app/userlayer"
	"articleatlas/geo"

	"github.com/paulmach/orb"
)

// Landing says whether trip t lands in a state party of the ICC on its first
// day — the states bound to arrest Putin — as one line: "Beijing, China — not
// an ICC state party on 17 Oct 2023".
func (a *Atlas) Landing(t *story.Trip) string {
	to := t.To
	si := a.ICC.StatusOn(to.ISO3, t.Start)
	day := t.Start.Format("2 Jan 2006")
	if si.Status == icc.Party {
		return fmt.Sprintf("%s, %s — an ICC state party on %s, bound to arrest him", to.Name, a.Name(to.ISO3), day)
	}
	return fmt.Sprintf("%s, %s — not an ICC state party on %s", to.Name, a.Name(to.ISO3), day)
}

// Tooltip is the one-line text shown under the pointer for mark h on date d.
func (a *Atlas) Tooltip(h geo.Hit, d icc.Date) string {
	switch h.Kind {
	case geo.HitCountry:
		return a.Name(h.ID) + " — " + a.ICC.StatusOn(h.ID, d).Status.Label()
	case geo.HitTrip:
		if t := a.Story.Trip(h.ID); t != nil {
			if t.Traveller == story.Putin {
				return TripTitle(t) + "\n" + a.Landing(t)
			}
			return TripTitle(t)
		}
	case geo.HitCorridor, geo.HitLink:
		if c := a.Story.Corridor(h.ID); c != nil {
			return c.Name + " — " + corridorKindLabel(c)
		}
	case geo.HitPlace:
		if p := a.Story.Place(h.ID); p != nil {
			return p.Name + ", " + a.Name(p.ISO3)
		}
	}
	return ""
}

// UserDetails describes the feature of an opened layer that hit h names in
// user: its title, the layer's file, and its properties one a line. ok is
// false when h names none.
func UserDetails(user []*userlayer.Layer, h geo.Hit) (Details, bool) {
	l, f, ok := UserFeature(user, h)
	if !ok {
		return Details{}, false
	}
	lines := l.Features[f].PropertyLines()
	if len(lines) == 0 {
		lines = []string{"No properties."}
	}
	return Details{Title: l.Title(f), Subtitle: fmt.Sprintf("Feature %d of %s", f+1, l.Name), Lines: lines}, true
}

// Details is what the side panel shows for a trip, corridor, link or place.
type Details struct {
	Title    string
	Subtitle string
	Lines    []string // paragraphs, in order
}

// Details describes mark h (not a country: the panel has its own view of
// those) on date d; ok is false for an unknown mark.
func (a *Atlas) Details(h geo.Hit, d icc.Date) (Details, bool) {
	switch h.Kind {
	case geo.HitTrip:
		t := a.Story.Trip(h.ID)
		if t == nil {
			break
		}
		out := Details{Title: fmt.Sprintf("%s: %s → %s", t.Traveller.Name(), t.From.Name, t.To.Name), Subtitle: DateRange(t.Start, t.End)}
		out.Lines = append(out.Lines, t.Purpose)
		if t.Traveller == story.Putin {
			out.Lines = append(out.Lines, "Lands in: "+a.Landing(t)+".")
		}
		out.Lines = append(out.Lines, "Flies over: "+a.countryNames(a.TripCountries(t))+".")
		if t.Article != "" {
			out.Lines = append(out.Lines, "The article: “"+t.Article+"”")
		}
		if t.Source != "" {
			out.Lines = append(out.Lines, "Source: "+t.Source)
		}
		return out, true
	case geo.HitCorridor, geo.HitLink:
		c := a.Story.Corridor(h.ID)
		if c == nil {
			break
		}
		out := Details{Title: c.Name, Subtitle: corridorKindLabel(c)}
		var via []string
		for _, p := range c.Via {
			via = append(via, p.Name)
		}
		out.Lines = append(out.Lines, "Through: "+strings.Join(via, " – ")+".")
		out.Lines = append(out.Lines, "Countries: "+a.countryNames(c.Countries)+".")
		if c.Source != "" {
			out.Lines = append(out.Lines, "Source: "+c.Source)
		}
		return out, true
	case geo.HitPlace:
		p := a.Story.Place(h.ID)
		if p == nil {
			break
		}
		si := a.ICC.StatusOn(p.ISO3, d)
		out := Details{Title: p.Name, Subtitle: a.Name(p.ISO3) + " — " + si.Status.Label()}
		out.Lines = append(out.Lines, p.Role+".")
		for i := range a.Story.Trips {
			if t := &a.Story.Trips[i]; t.To == p {
				out.Lines = append(out.Lines, "Trip here: "+TripTitle(t)+".")
			}
		}
		return out, true
	}
	return Details{}, false
}

// corridorKindLabel says what a corridor is and whether it runs yet.
func corridorKindLabel(c *story.Corridor) string {
	kind := map[story.Kind]string{story.Land: "Belt and Road economic corridor", story.Maritime: "Maritime Silk Road sea lane",
		story.Oil: "oil pipeline", story.Gas: "gas pipeline"}[c.Kind]
	switch c.Status {
	case story.Planned:
		return kind + ", planned"
	case story.UnderConstruction:
		return kind + ", under construction"
	}
	if c.IsLink() {
		return kind + ", operating"
	}
	return kind
}

// countryNames lists the names of ISO3 codes: "Russia, Kazakhstan, China".
func (a *Atlas) countryNames(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = a.Name(c)
	}
	return strings.Join(names, ", ")
}

// TripCountries lists the countries trip t's arc passes over at 1:50m, in
// order, each once per crossing (consecutive repeats merged).
func (a *Atlas) TripCountries(t *story.Trip) []string {
	idx := -1
	for i := range a.Story.Trips {
		if &a.Story.Trips[i] == t {
			idx = i
		}
	}
	if idx < 0 {
		return nil
	}
	p := geo.Equirectangular{}
	ly := a.World.Layer(p, geo.Fine)
	var out []string
	for _, piece := range a.Lines.Trips[idx] {
		for _, ll := range piece {
			ci, ok := ly.HitTest(geo.Project(p, orb.Point{ll[0], ll[1]}))
			if !ok {
				continue
			}
			if iso := ly.Countries.List[ci].ISO3; len(out) == 0 || out[len(out)-1] != iso {
				out = append(out, iso)
			}
		}
	}
	return out
}

// A country's roles in the story, derived from data/story.json and the article.

package article

import (
	"slices"
	"strings"

	"articleatlas/app/story"
)

// Roles lists what country iso3 is in the story, in a fixed order, each
// once. Every role follows from the data by one of these rules, none names a
// country:
//
//   - "Host of the Belt and Road Forum": the destination country of a trip
//     whose purpose mentions the Belt and Road Forum (any case).
//   - "Visited by <traveller>": the destination country of any trip of that
//     traveller ("Visited by Putin", "Visited by Xi Jinping").
//   - "<traveller>'s home country": the country a trip of that traveller
//     starts from ("Putin's home country", "Xi Jinping's home country").
//   - "Leader met Putin at the forum": the country of a place that is in the
//     article and whose role says its leader "met Putin at" the forum — when
//     a is given, only if the article also names the country (it is the
//     article that reports those meetings).
//   - "Seat of the ICC": the country of a place of kind "court".
//   - "Invaded by Russia": the country of the place of the event
//     "ukraine-invasion".
//
// a may be nil. The result is nil for a country with no role.
func Roles(iso3 string, st *story.Story, a *Article) []string {
	var out []string
	add := func(role string) {
		if !slices.Contains(out, role) {
			out = append(out, role)
		}
	}
	for _, t := range st.Trips {
		if t.To.ISO3 == iso3 && strings.Contains(strings.ToLower(t.Purpose), "belt and road forum") {
			add("Host of the Belt and Road Forum")
		}
	}
	for _, t := range st.Trips {
		if t.To.ISO3 == iso3 && t.From.ISO3 != iso3 {
			add("Visited by " + t.Traveller.Name())
		}
	}
	for _, t := range st.Trips {
		if t.From.ISO3 == iso3 && t.To.ISO3 != iso3 {
			add(t.Traveller.Name() + "'s home country")
		}
	}
	for _, p := range st.Places {
		if p.ISO3 == iso3 && p.InArticle && strings.Contains(p.Role, "met Putin at") && (a == nil || len(a.ByCountry(iso3)) > 0) {
			add("Leader met Putin at the forum")
		}
	}
	for _, p := range st.Places {
		if p.ISO3 == iso3 && p.Kind == "court" {
			add("Seat of the ICC")
		}
	}
	for _, e := range st.Events {
		if e.ID == "ukraine-invasion" && e.Place.ISO3 == iso3 {
			add("Invaded by Russia")
		}
	}
	return out
}

// Package search finds countries and the story's places by what a reader
// types: a country's name as the map or the ICC table spells it, a common
// alias ("Holland", "Ivory Coast", "Burma"), an ISO 3166-1 code, or a
// place's name. Matching ignores case, accents and punctuation; results are
// ranked exact match first, then prefix, then the start of a later word,
// then anywhere. It never imports Fyne.
package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/geo"
)

// Kind is what a result points at.
type Kind int

// The kinds of result.
const (
	Country Kind = iota // a country of the map; Target is its ISO3 code
	Place               // a place of the story; Target is its id
)

// Rank is how well a result matched, best first.
type Rank int

// The ranks, best first.
const (
	Exact      Rank = iota // the query is the whole name or code
	Prefix                 // the name starts with the query
	WordPrefix             // a later word of the name starts with the query
	Substring              // the query is somewhere inside the name
)

// Result is one match.
type Result struct {
	Kind   Kind
	Target string // ISO3 code (Country) or place id (Place)
	Text   string // what to show: the country's or place's display name
	// Matched is the name or code the query matched when it is not Text
	// ("Holland" for the Netherlands), else "".
	Matched string
	// Detail is a second line of context: a place's country name.
	Detail string
	Rank   Rank
}

// Hit is the map mark the result points at, for selecting it.
func (r Result) Hit() geo.Hit {
	if r.Kind == Place {
		return geo.Hit{Kind: geo.HitPlace, ID: r.Target}
	}
	return geo.Hit{Kind: geo.HitCountry, ID: r.Target}
}

// Label is the result as one line: "Netherlands — Holland", "Beijing, China".
func (r Result) Label() string {
	s := r.Text
	if r.Detail != "" {
		s += ", " + r.Detail
	}
	if r.Matched != "" {
		s += " — " + r.Matched
	}
	return s
}

// CountryNames is what the index knows of one country.
type CountryNames struct {
	ISO3    string
	Display string   // the name shown in results
	Names   []string // other names it is found by (the map's, aliases)
	Codes   []string // codes matched only whole: ISO3, ISO2
}

// term is one searchable string of an entry.
type term struct {
	folded string // Fold of the text
	text   string // as written, for Result.Matched
	code   bool   // a code: matched only whole
}

// entry is one country or place with the terms it is found by.
type entry struct {
	kind    Kind
	target  string
	display string
	detail  string
	terms   []term
}

// Index is a searchable set of countries and places. It is read-only after
// New and safe for concurrent use.
type Index struct {
	entries []entry
}

// New builds an index of the countries and the places; a place's detail is
// its country's display name from countries.
func New(countries []CountryNames, places []story.Place) *Index {
	idx := &Index{}
	display := map[string]string{}
	for _, c := range countries {
		display[c.ISO3] = c.Display
		e := entry{kind: Country, target: c.ISO3, display: c.Display}
		e.add(c.Display, false)
		for _, n := range c.Names {
			e.add(n, false)
		}
		for _, code := range c.Codes {
			e.add(code, true)
		}
		idx.entries = append(idx.entries, e)
	}
	for _, p := range places {
		e := entry{kind: Place, target: p.ID, display: p.Name, detail: display[p.ISO3]}
		e.add(p.Name, false)
		idx.entries = append(idx.entries, e)
	}
	return idx
}

// add adds text as a term, twice when it has an apostrophe: as written
// ("Xi'an" is found by "xi an") and without it (by "xian").
func (e *entry) add(text string, code bool) {
	e.addFolded(Fold(text), text, code)
	e.addFolded(Fold(apostrophes.Replace(text)), text, code)
}

// apostrophes removes the apostrophes that join the parts of a name.
var apostrophes = strings.NewReplacer("'", "", "’", "", "ʼ", "")

// addFolded adds a term unless the entry already has one that folds the same.
func (e *entry) addFolded(folded, text string, code bool) {
	if folded == "" {
		return
	}
	for _, t := range e.terms {
		if t.folded == folded {
			return
		}
	}
	e.terms = append(e.terms, term{folded: folded, text: text, code: code})
}

// Aliases is the decoded data/aliases.json: other names per ISO3 code, and
// the ISO 3166-1 alpha-2 codes.
type Aliases struct {
	Names map[string][]string // ISO3 → aliases
	ISO2  map[string]string   // ISO3 → alpha-2
}

// LoadAliases decodes data/aliases.json. Every alias must name an ISO3 code,
// at least one name and its source.
func LoadAliases(data []byte) (*Aliases, error) {
	var f struct {
		Aliases []struct {
			ISO3   string   `json:"iso_a3"`
			Names  []string `json:"names"`
			Source string   `json:"source"`
		} `json:"aliases"`
		ISO2 map[string]string `json:"iso_a2"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("search: aliases: %w", err)
	}
	a := &Aliases{Names: map[string][]string{}, ISO2: f.ISO2}
	for i, al := range f.Aliases {
		if len(al.ISO3) != 3 || len(al.Names) == 0 || al.Source == "" {
			return nil, fmt.Errorf("search: alias %d needs an iso_a3 code, names and a source", i)
		}
		a.Names[al.ISO3] = append(a.Names[al.ISO3], al.Names...)
	}
	return a, nil
}

// ForAtlas builds the index of every country of a's world at the finest
// level loaded so far (call it again once geo.World.FineReady is closed to
// include the countries only 1:50m has), with its display name (a.Name),
// the map's own name, the aliases and codes of al (nil: none), and the
// story's places. It may be called from any goroutine.
func ForAtlas(a *scene.Atlas, al *Aliases) *Index {
	cs, _ := a.World.Countries(geo.Fine)
	if al == nil {
		al = &Aliases{}
	}
	countries := make([]CountryNames, 0, len(cs.List))
	for _, c := range cs.List {
		cn := CountryNames{ISO3: c.ISO3, Display: a.Name(c.ISO3), Names: append([]string{c.Name}, al.Names[c.ISO3]...), Codes: []string{c.ISO3}}
		if iso2 := al.ISO2[c.ISO3]; iso2 != "" {
			cn.Codes = append(cn.Codes, iso2)
		}
		countries = append(countries, cn)
	}
	return New(countries, a.Story.Places)
}

// Search returns up to limit results for query, best first: by rank, then
// countries before places, then alphabetically. Each country or place comes
// once, with the best of its terms. A query of one character matches only
// the start of names; an empty query matches nothing.
func (idx *Index) Search(query string, limit int) []Result {
	q := Fold(query)
	if q == "" || limit <= 0 {
		return nil
	}
	var out []Result
	for i := range idx.entries {
		e := &idx.entries[i]
		best, bestTerm, found := Substring, "", false
		for _, t := range e.terms {
			r, ok := match(t, q)
			if ok && (!found || r < best) {
				best, bestTerm, found = r, t.text, true
			}
		}
		if !found {
			continue
		}
		res := Result{Kind: e.kind, Target: e.target, Text: e.display, Detail: e.detail, Rank: best}
		if Fold(bestTerm) != Fold(e.display) {
			res.Matched = bestTerm
		}
		out = append(out, res)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Rank != b.Rank {
			return a.Rank < b.Rank
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return Fold(a.Text) < Fold(b.Text)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// match ranks how the folded query q matches term t.
func match(t term, q string) (Rank, bool) {
	switch {
	case t.folded == q:
		return Exact, true
	case t.code:
		return 0, false
	case strings.HasPrefix(t.folded, q):
		return Prefix, true
	case strings.Contains(" "+t.folded, " "+q):
		return WordPrefix, true
	case len(q) > 1 && strings.Contains(t.folded, q):
		return Substring, true
	}
	return 0, false
}

// Fold is s as the index compares it: accents removed ("Côte" → "cote"),
// lower case, every run of characters other than letters and digits
// (spaces, apostrophes, dots, hyphens) made one space, trimmed.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if f, ok := unfoldable[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		default:
			space = true
		}
	}
	return b.String()
}

// unfoldable are the letters that carry no combining accent under NFD but
// that readers type as plain Latin letters.
var unfoldable = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i", 'þ': "th", 'Þ': "th",
}

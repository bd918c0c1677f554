// The gazetteer: the names the article uses, and what each stands for on the map.

package article

import (
	"encoding/json"
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"
)

// The kinds of thing a gazetteer name can stand for.
const (
	KindPlace       = "place"       // a place of data/story.json; Target is its id
	KindCountry     = "country"     // a country; Target is its ISO alpha-3 code
	KindDemonym     = "demonym"     // a demonym used as a name ("Russian president"); Target is the ISO3
	KindPerson      = "person"      // a traveller of the story; Target is "putin" or "xi"
	KindInstitution = "institution" // a court, company or programme; Target is its seat's place id or an ISO3
	KindEvent       = "event"       // an event held somewhere; Target is the host place's id
)

var kinds = map[string]bool{KindPlace: true, KindCountry: true, KindDemonym: true, KindPerson: true, KindInstitution: true, KindEvent: true}

// maxGazetteer bounds the gazetteer file: ours is 3 KB; anything past 1 MiB
// is not a gazetteer (and would make matching slow).
const maxGazetteer = 1 << 20

// Entry is one thing the article names, under one or more names.
type Entry struct {
	Names  []string `json:"names"`  // exact, case-sensitive surface forms; each starts and ends with a letter or digit
	Kind   string   `json:"kind"`   // one of the Kind constants
	Target string   `json:"target"` // a place id of data/story.json, an ISO3 code or a traveller id (see the Kind constants)
	ISO3   string   `json:"iso_a3"` // the country the map shows it in
}

// Gazetteer is the list of names the tokenizer looks for
// (data/gazetteer.json). It is read-only once built and safe for concurrent
// use.
type Gazetteer struct {
	Entries []Entry
}

// ParseGazetteer decodes and checks a gazetteer file: a JSON array of
// entries, each with a known kind, a target, an ISO alpha-3 code and names
// that start and end with a letter or digit, no name given twice.
func ParseGazetteer(b []byte) (*Gazetteer, error) {
	if len(b) > maxGazetteer {
		return nil, fmt.Errorf("article: gazetteer is %d bytes, more than %d", len(b), maxGazetteer)
	}
	var g Gazetteer
	if err := json.Unmarshal(b, &g.Entries); err != nil {
		return nil, fmt.Errorf("article: gazetteer: %w", err)
	}
	if _, err := g.index(); err != nil {
		return nil, err
	}
	return &g, nil
}

// name is one compiled gazetteer name.
type name struct {
	runes []rune
	entry *Entry
}

// index checks g and returns its names keyed by first rune, longest first,
// so that the first match at a position is the longest.
func (g *Gazetteer) index() (map[rune][]name, error) {
	if g == nil {
		return nil, fmt.Errorf("article: no gazetteer")
	}
	idx := map[rune][]name{}
	seen := map[string]bool{}
	for i := range g.Entries {
		e := &g.Entries[i]
		if !kinds[e.Kind] {
			return nil, fmt.Errorf("article: gazetteer entry %d: unknown kind %q", i, e.Kind)
		}
		if e.Target == "" || !isISO3(e.ISO3) {
			return nil, fmt.Errorf("article: gazetteer entry %d needs a target and an ISO alpha-3 code, has %q and %q", i, e.Target, e.ISO3)
		}
		if len(e.Names) == 0 {
			return nil, fmt.Errorf("article: gazetteer entry %d (%s) has no names", i, e.Target)
		}
		for _, n := range e.Names {
			if !utf8.ValidString(n) {
				return nil, fmt.Errorf("article: gazetteer name %q is not UTF-8", n)
			}
			r := []rune(n)
			if len(r) == 0 || !isWord(r[0]) || !isWord(r[len(r)-1]) {
				return nil, fmt.Errorf("article: gazetteer name %q must start and end with a letter or digit", n)
			}
			if seen[n] {
				return nil, fmt.Errorf("article: gazetteer name %q is given twice", n)
			}
			seen[n] = true
			idx[r[0]] = append(idx[r[0]], name{runes: r, entry: e})
		}
	}
	for _, ns := range idx {
		sort.SliceStable(ns, func(i, j int) bool { return len(ns[i].runes) > len(ns[j].runes) })
	}
	return idx, nil
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range []byte(s) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// isWord reports whether r belongs to a word: Unicode letters and digits do;
// spaces, punctuation and both apostrophes (' and ’) do not, so "Russia’s"
// holds the word "Russia".
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

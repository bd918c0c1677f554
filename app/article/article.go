// Package article is the source article as data: its paragraphs and the
// mentions in them of the places, countries, people, institutions and events
// the map can show, found with the gazetteer (data/gazetteer.json). It never
// imports Fyne.
package article

import (
	"fmt"
	"strings"

	"articleatlas/data"
	"articleatlas/seeds"
)

// Mention is one name of the gazetteer found in a paragraph.
type Mention struct {
	Start, End int    // rune offsets in the paragraph's Text, End exclusive
	Text       string // the paragraph's runes Start:End, as written ("Russia" in "Russia’s")
	Kind       string // the gazetteer entry's kind (KindPlace …)
	Target     string // the entry's target: a place id, ISO3 code or traveller id
	ISO3       string // the country the map shows it in
}

// Paragraph is one non-empty line of the article.
type Paragraph struct {
	Number   int    // from 1, in the order of the text
	Text     string // the line without its line ending and surrounding white space
	Mentions []Mention
}

// Article is the article split into paragraphs, with its mentions. It is
// read-only after Load and safe for concurrent use.
type Article struct {
	Paragraphs []Paragraph
}

// Occurrence is a mention together with the number of its paragraph.
type Occurrence struct {
	Paragraph int
	Mention
}

// Load splits text into paragraphs (its lines that are not blank, numbered
// from 1) and finds in each the names of g.
//
// Names match exactly, case included, on word boundaries: a match neither
// starts nor ends inside a word, words being runs of Unicode letters and
// digits. So "Russia’s" and "Russia's" hold "Russia" and "Indochinese" holds
// no "Chinese". At each word start the longest name wins ("Xi Jinping", not
// "Xi"); matches never overlap. Invalid UTF-8 is read as U+FFFD runes, one
// per bad byte, as []rune does.
func Load(text string, g *Gazetteer) (*Article, error) {
	idx, err := g.index()
	if err != nil {
		return nil, err
	}
	a := &Article{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p := Paragraph{Number: len(a.Paragraphs) + 1, Text: line}
		p.Mentions = find([]rune(line), idx)
		a.Paragraphs = append(a.Paragraphs, p)
	}
	return a, nil
}

// find returns the leftmost-longest, non-overlapping matches of idx's names
// in r, in order.
func find(r []rune, idx map[rune][]name) []Mention {
	var out []Mention
	for i := 0; i < len(r); {
		if i > 0 && isWord(r[i-1]) {
			i++
			continue
		}
		n := match(r, i, idx[r[i]])
		if n == nil {
			i++
			continue
		}
		end := i + len(n.runes)
		out = append(out, Mention{Start: i, End: end, Text: string(r[i:end]), Kind: n.entry.Kind, Target: n.entry.Target, ISO3: n.entry.ISO3})
		i = end
	}
	return out
}

// match returns the first of names (longest first) that is spelled at r[i:]
// and ends on a word boundary, or nil.
func match(r []rune, i int, names []name) *name {
	for k := range names {
		n := &names[k]
		end := i + len(n.runes)
		if end > len(r) || (end < len(r) && isWord(r[end])) {
			continue
		}
		if runesEqual(r[i:end], n.runes) {
			return n
		}
	}
	return nil
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Mentions lists every mention of the article in text order.
func (a *Article) Mentions() []Occurrence {
	var out []Occurrence
	for _, p := range a.Paragraphs {
		for _, m := range p.Mentions {
			out = append(out, Occurrence{Paragraph: p.Number, Mention: m})
		}
	}
	return out
}

// ByCountry lists the mentions shown in country iso3 (Mention.ISO3), in text
// order: what the side panel quotes for a country.
func (a *Article) ByCountry(iso3 string) []Occurrence {
	var out []Occurrence
	for _, o := range a.Mentions() {
		if o.ISO3 == iso3 {
			out = append(out, o)
		}
	}
	return out
}

// Default loads the embedded article (package seeds) with the embedded
// gazetteer (data/gazetteer.json).
func Default() (*Article, error) {
	g, err := ParseGazetteer(data.Gazetteer)
	if err != nil {
		return nil, fmt.Errorf("%w (data/gazetteer.json)", err)
	}
	return Load(seeds.Article(), g)
}

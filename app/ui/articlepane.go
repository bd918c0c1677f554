// The article pane: the whole article, its names linked to the map, and the
// story's dated events.
package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/article"
	"articleatlas/app/icc"
	"articleatlas/app/scene"
	"articleatlas/geo"
)

// ArticlePane is the side panel's Article tab: a line of the app's own
// saying what follows, every paragraph of the article with each mention a
// link that selects its country, then the story's trips and events in date
// order, each a link that selects it.
//
// Highlight marks the paragraphs that mention a country and scrolls to the
// first of them.
type ArticlePane struct {
	Intro      *widget.Label       // the app's words, in italics, before the article's
	Paragraphs []*widget.RichText  // every paragraph of the article, in order; empty if it failed to load
	Error      *widget.Label       // why the article could not be read, or ""
	Events     []*widget.Hyperlink // the story's trips and events in date order
	EventHits  []geo.Hit           // what each of Events selects
	Scroll     *container.Scroll   // the pane, scrolled to the highlighted paragraph

	// OnPick, if set, is called with what a link selects: the country of a
	// mention, a trip, or an event's place.
	OnPick func(h geo.Hit)

	art       *article.Article
	highlight string // the country whose mentions are marked, or ""
	marked    []bool // per paragraph: drawn as mentioning highlight
	box       *fyne.Container
}

func newArticlePane(a *scene.Atlas) *ArticlePane {
	p := &ArticlePane{
		Intro: widget.NewLabelWithStyle(fmt.Sprintf("Events reported on %s — the article's text follows, the places and people it names in bold; the dated events below it link to the map.",
			icc.FormatDate(icc.ArticleDate)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		Error: widget.NewLabel(""),
	}
	p.Intro.Importance = widget.LowImportance
	for _, l := range []*widget.Label{p.Intro, p.Error} {
		l.Wrapping = fyne.TextWrapWord
	}
	objs := []fyne.CanvasObject{p.Intro}
	art, err := article.Default()
	if err != nil {
		p.Error.SetText("The article could not be read: " + err.Error())
		objs = append(objs, p.Error)
	} else {
		p.Error.Hide()
		p.art = art
		p.marked = make([]bool, len(art.Paragraphs))
		for _, para := range art.Paragraphs {
			rt := widget.NewRichText(p.segments(para, false)...)
			rt.Wrapping = fyne.TextWrapWord
			p.Paragraphs = append(p.Paragraphs, rt)
			objs = append(objs, rt)
		}
	}

	objs = append(objs, widget.NewSeparator(), heading("Dated events"))
	p.addEvents(a)
	for _, l := range p.Events {
		objs = append(objs, l)
	}
	p.box = container.NewVBox(objs...)
	p.Scroll = container.NewVScroll(p.box)
	return p
}

// segments is paragraph para as rich-text segments: its number (after a
// bold "▶" if mark), then its text with every mention in bold. (Inline
// hyperlink segments break the word wrapping of Fyne 2.7's RichText — text
// after a link that reaches the line's end is laid out a letter per line —
// so the mentions are emphasised here and the map is reached through the
// dated events below and the details panel.)
func (p *ArticlePane) segments(para article.Paragraph, mark bool) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	if mark {
		segs = append(segs, &widget.TextSegment{Text: "▶ ", Style: widget.RichTextStyleStrong})
	}
	segs = append(segs, &widget.TextSegment{Text: fmt.Sprintf("¶%d  ", para.Number), Style: widget.RichTextStyleInline})
	r := []rune(para.Text)
	at := 0
	for _, m := range para.Mentions {
		if m.Start < at || m.End > len(r) {
			continue // not expected: Load's mentions are ordered and inside the text
		}
		// The space before a mention goes with it: a segment holding no
		// space would be broken letter by letter at the end of a line.
		start := m.Start
		if start > at && r[start-1] == ' ' {
			start--
		}
		if start > at {
			segs = append(segs, &widget.TextSegment{Text: string(r[at:start]), Style: widget.RichTextStyleInline})
		}
		segs = append(segs, &widget.TextSegment{Text: string(r[start:m.End]), Style: widget.RichTextStyleStrong})
		at = m.End
	}
	if at < len(r) {
		segs = append(segs, &widget.TextSegment{Text: string(r[at:]), Style: widget.RichTextStyleInline})
	}
	return segs
}

// addEvents makes a link for each of the story's trips and events, in date
// order: a trip selects the trip, an event its place.
func (p *ArticlePane) addEvents(a *scene.Atlas) {
	type dated struct {
		day   icc.Date
		title string
		hit   geo.Hit
	}
	var ds []dated
	st := a.Story
	for i := range st.Trips {
		t := &st.Trips[i]
		ds = append(ds, dated{t.Start, fmt.Sprintf("%s — %s: %s → %s", scene.DateRange(t.Start, t.End), t.Traveller.Name(), t.From.Name, t.To.Name),
			geo.Hit{Kind: geo.HitTrip, ID: t.ID}})
	}
	for i := range st.Events {
		e := &st.Events[i]
		var h geo.Hit
		if e.Place != nil {
			h = geo.Hit{Kind: geo.HitPlace, ID: e.Place.ID}
		}
		ds = append(ds, dated{e.Date, scene.DateRange(e.Date, e.Date) + " — " + e.Title, h})
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].day.Before(ds[j].day) })
	for _, d := range ds {
		l := widget.NewHyperlink(d.title, nil)
		l.Wrapping = fyne.TextWrapWord
		h := d.hit
		l.OnTapped = func() { p.pick(h) }
		p.Events = append(p.Events, l)
		p.EventHits = append(p.EventHits, h)
	}
}

func (p *ArticlePane) pick(h geo.Hit) {
	if h.Kind != geo.HitNone && p.OnPick != nil {
		p.OnPick(h)
	}
}

// Highlight marks with a bold "▶" the paragraphs that mention country iso3
// ("" marks none) and scrolls the pane to the first of them.
func (p *ArticlePane) Highlight(iso3 string) {
	if p.art == nil {
		return
	}
	p.highlight = iso3
	first := -1
	for i, para := range p.art.Paragraphs {
		mark := false
		for _, m := range para.Mentions {
			if iso3 != "" && m.ISO3 == iso3 {
				mark = true
				break
			}
		}
		if mark && first < 0 {
			first = i
		}
		if mark != p.marked[i] {
			p.marked[i] = mark
			p.Paragraphs[i].Segments = p.segments(para, mark)
			p.Paragraphs[i].Refresh()
		}
	}
	if first >= 0 {
		p.box.Refresh()
		p.Scroll.ScrollToOffset(fyne.NewPos(0, p.Paragraphs[first].Position().Y))
	}
}

// Highlighted is the country whose mentions are marked, or "".
func (p *ArticlePane) Highlighted() string { return p.highlight }

// Marked reports whether paragraph i (from 0) is marked as mentioning the
// highlighted country.
func (p *ArticlePane) Marked(i int) bool { return i >= 0 && i < len(p.marked) && p.marked[i] }

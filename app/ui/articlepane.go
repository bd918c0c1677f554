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
	Paragraphs []*LinkText         // every paragraph of the article, in order; empty if it failed to load
	Error      *widget.Label       // why the article could not be read, or ""
	Events     []*widget.Hyperlink // the story's trips and events in date order
	EventHits  []geo.Hit           // what each of Events selects
	Scroll     *container.Scroll   // the pane, scrolled to the highlighted paragraph

	// OnPick, if set, is called with what a link selects: the country of a
	// mention, a trip, or an event's place.
	OnPick func(h geo.Hit)

	art       *article.Article
	highlight string // the country whose mentions are marked, or ""
	box       *fyne.Container
}

func newArticlePane(a *scene.Atlas) *ArticlePane {
	p := &ArticlePane{
		Intro: widget.NewLabelWithStyle(fmt.Sprintf("Events reported on %s — the article's text follows; each place and person it names is a link to the map, and the dated events below it show on the map too.",
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
		for _, para := range art.Paragraphs {
			rt := NewLinkText(p.runs(para))
			rt.OnTap = p.pick
			rt.OnFocus = func() { p.Scroll.ScrollToOffset(fyne.NewPos(0, rt.Position().Y)) }
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

// runs is paragraph para as the runs of a LinkText: its number, then its
// text with every mention a link to its country.
func (p *ArticlePane) runs(para article.Paragraph) []TextRun {
	var out []TextRun
	out = append(out, TextRun{Text: fmt.Sprintf("¶%d  ", para.Number)})
	r := []rune(para.Text)
	at := 0
	for _, m := range para.Mentions {
		if m.Start < at || m.End > len(r) {
			continue // not expected: Load's mentions are ordered and inside the text
		}
		if m.Start > at {
			out = append(out, TextRun{Text: string(r[at:m.Start])})
		}
		run := TextRun{Text: string(r[m.Start:m.End])}
		if m.ISO3 != "" {
			run.Link = geo.Hit{Kind: geo.HitCountry, ID: m.ISO3}
		}
		out = append(out, run)
		at = m.End
	}
	if at < len(r) {
		out = append(out, TextRun{Text: string(r[at:])})
	}
	return out
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

// Highlight marks the paragraphs that mention country iso3 ("" marks none)
// with a bar in the margin, and scrolls the pane to the first of them.
func (p *ArticlePane) Highlight(iso3 string) {
	if p.art == nil {
		return
	}
	p.highlight = iso3
	for i, para := range p.art.Paragraphs {
		mark := false
		for _, m := range para.Mentions {
			if iso3 != "" && m.ISO3 == iso3 {
				mark = true
				break
			}
		}
		p.Paragraphs[i].SetMarked(mark)
	}
	p.ScrollToMarked()
}

// ScrollToMarked scrolls the pane to the first marked paragraph, if any. The
// UI calls it when the tab shows too: a hidden pane is not laid out at its
// width, so a scroll made while hidden may miss.
func (p *ArticlePane) ScrollToMarked() {
	for i := range p.Paragraphs {
		if p.Marked(i) {
			p.box.Refresh()
			p.Scroll.ScrollToOffset(fyne.NewPos(0, p.Paragraphs[i].Position().Y))
			return
		}
	}
}

// Highlighted is the country whose mentions are marked, or "".
func (p *ArticlePane) Highlighted() string { return p.highlight }

// Marked reports whether paragraph i (from 0) is marked as mentioning the
// highlighted country.
func (p *ArticlePane) Marked(i int) bool {
	return i >= 0 && i < len(p.Paragraphs) && p.Paragraphs[i].Marked()
}

// VisibleLink is the first link of the article inside the pane's scrolled
// view: its paragraph, what it selects, and the middle of its first word
// (dp, in the paragraph). ok is false when no link shows.
func (p *ArticlePane) VisibleLink() (para *LinkText, h geo.Hit, at fyne.Position, ok bool) {
	top, bottom := p.Scroll.Offset.Y, p.Scroll.Offset.Y+p.Scroll.Size().Height
	for _, rt := range p.Paragraphs {
		for _, r := range rt.Runs() {
			if r.Link.Kind == geo.HitNone {
				continue
			}
			if at, ok := rt.LinkPosition(r.Link); ok {
				// Clear of the pane's edges by a line, so a click there reaches it.
				if y := rt.Position().Y + at.Y; y > top+30 && y < bottom-30 {
					return rt, r.Link, at, true
				}
			}
		}
	}
	return nil, geo.Hit{}, fyne.Position{}, false
}

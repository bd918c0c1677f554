// The details panel: what the selection is, and for a country what the
// article says of it and its part in the story.
package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"articleatlas/app/article"
	"articleatlas/app/icc"
	"articleatlas/app/mapview"
	"articleatlas/app/scene"
	"articleatlas/app/story"
	"articleatlas/app/userlayer"
	"articleatlas/geo"
)

// Details is the side panel describing the selection: a country, or a
// place, trip, corridor or energy link.
//
// For a country it also quotes the article's paragraphs that mention it,
// with the mentions in bold, lists its roles in the story, and links to
// Putin's trips to it and the corridors and energy links through it. Fyne
// 2.7's labels and rich text cannot be selected, so the Copy button puts
// all of the panel's text on the clipboard.
type Details struct {
	Name   *widget.Label
	Status *widget.Label
	Code   *widget.Label
	Note   *widget.Label
	Hint   *widget.Label
	Copy   *widget.Button // copies Text to the clipboard

	// For a country; empty otherwise.
	Paragraphs []*widget.RichText  // the article's paragraphs that mention it, in text order
	NoMention  *widget.Label       // "The article does not mention …", or ""
	Roles      *widget.Label       // one role a line, or "No role in the story."
	Trips      []*widget.Hyperlink // Putin's trips to it, titled scene.TripTitle
	Routes     []*widget.Hyperlink // the corridors and energy links through it

	// OnSelectMark, if set, is called when a trip or route link is tapped;
	// it should select the mark and show it (UI selects it on the map). If
	// nil the panel just shows the mark.
	OnSelectMark func(h geo.Hit)
	// UserLayers, if set, returns the layers the reader opened, whose
	// features the panel describes.
	UserLayers func() []*userlayer.Layer

	atlas   *scene.Atlas
	world   *geo.World
	art     *article.Article // nil if the embedded article failed to load
	artErr  error
	swatch  *canvas.Rectangle
	mark    *fyne.Container // holds swatch; hidden for a mark or no selection, so Status lines up with Name
	status  *fyne.Container // mark, then Status
	country *fyne.Container // the country's article, roles, trips and routes
	shown   string          // the country whose article, roles, trips and routes country holds
	box     *fyne.Container
}

func newDetails(a *scene.Atlas) *Details {
	d := &Details{
		atlas:     a,
		world:     a.World,
		Name:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		Status:    widget.NewLabel(""),
		Code:      widget.NewLabel(""),
		Note:      widget.NewLabel(""),
		Hint:      widget.NewLabel(""),
		NoMention: widget.NewLabel(""),
		Roles:     widget.NewLabel(""),
		swatch:    canvas.NewRectangle(color.Transparent),
		country:   container.NewVBox(),
	}
	d.art, d.artErr = article.Default()
	d.Name.SizeName = theme.SizeNameSubHeadingText
	// Every line wraps: a long name (a corridor's, a trip's) must not widen
	// the panel, which would push the window wider and the map narrower.
	for _, l := range []*widget.Label{d.Name, d.Status, d.Code, d.Note, d.Hint, d.NoMention, d.Roles} {
		l.Wrapping = fyne.TextWrapWord
	}
	d.Hint.Importance = widget.LowImportance
	d.swatch.SetMinSize(fyne.NewSize(14, 14))
	d.swatch.CornerRadius = 3
	d.Copy = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(d.Text())
	})
	d.Copy.Importance = widget.LowImportance
	// The swatch starts where the labels' text does, inside their padding.
	d.mark = container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), container.NewCenter(d.swatch))
	d.status = container.NewBorder(nil, nil, d.mark, nil, d.Status)
	d.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(d.Copy), d.Name), d.status, d.Code, d.Note, d.Hint,
		d.country)
	d.Show("", icc.ArticleDate)
	return d
}

// ShowMark fills the panel for mark h on date day: a country's status, or a
// place's, trip's, corridor's or link's details; a zero Hit shows the empty state.
func (d *Details) ShowMark(h geo.Hit, day icc.Date) {
	if h.Kind == geo.HitNone || h.Kind == geo.HitCountry {
		d.Show(h.ID, day)
		return
	}
	info, ok := d.atlas.Details(h, day)
	if h.Kind == geo.HitUser && d.UserLayers != nil {
		info, ok = scene.UserDetails(d.UserLayers(), h)
	}
	if !ok {
		d.Show("", day)
		return
	}
	d.Name.SetText(info.Title)
	d.Status.SetText(info.Subtitle)
	d.Code.SetText("")
	d.Note.SetText(strings.Join(info.Lines, "\n\n"))
	d.Hint.SetText("")
	d.mark.Hide()
	d.showCountry("")
	d.showFilled()
}

// Show fills the panel for country iso3 on date day; "" shows the empty state.
func (d *Details) Show(iso3 string, day icc.Date) {
	if iso3 == "" {
		d.Name.SetText("No country selected")
		d.Status.SetText("")
		d.Code.SetText("")
		d.Note.SetText("")
		d.Hint.SetText("Click a country to see its status under the Rome Statute of the International Criminal Court, or a trip, corridor or place to read about it. Double-click to zoom to a country; drag to pan; scroll to zoom.")
		d.mark.Hide()
		d.showCountry("")
		d.showFilled()
		return
	}
	name := d.atlas.Name(iso3)
	si := d.atlas.ICC.StatusOn(iso3, day)
	st := mapview.ThemeStyle(fyne.CurrentApp().Settings().Theme())
	d.Name.SetText(name)
	d.Status.SetText(si.Describe())
	d.Code.SetText("ISO code " + iso3)
	note := ""
	if si.M != nil {
		note = si.M.Note
	}
	d.Note.SetText(note)
	d.Hint.SetText(fmt.Sprintf("Status on %s.", icc.FormatDate(day)))
	d.swatch.FillColor = st.Fill[si.Status]
	d.mark.Show()
	d.swatch.Refresh()
	d.showCountry(iso3)
	d.showFilled()
}

// Text is the panel's text as shown, one block a line: the name, status,
// code and note, the quoted paragraphs, the roles, and the trips and routes.
func (d *Details) Text() string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	for _, l := range []*widget.Label{d.Name, d.Status, d.Code, d.Note} {
		add(l.Text)
	}
	if d.country.Visible() {
		add("In the article:")
		for _, p := range d.Paragraphs {
			add(p.String())
		}
		add(d.NoMention.Text)
		add("Role in the story:")
		add(d.Roles.Text)
		for _, l := range append(append([]*widget.Hyperlink{}, d.Trips...), d.Routes...) {
			add(l.Text)
		}
	}
	return strings.Join(out, "\n")
}

// showFilled hides the labels that have no text, so the panel has no gaps,
// and lays out the status line again for its swatch, shown or hidden.
func (d *Details) showFilled() {
	for _, l := range []*widget.Label{d.Status, d.Code, d.Note} {
		if l.Text == "" {
			l.Hide()
		} else {
			l.Show()
		}
	}
	d.status.Refresh()
}

// showCountry rebuilds the country part of the panel for iso3: the
// article's paragraphs that mention it, its roles, Putin's trips to it and
// the routes through it. "" empties it.
func (d *Details) showCountry(iso3 string) {
	if iso3 == d.shown && (iso3 == "" || d.country.Visible()) {
		return // already built: none of it changes with the date
	}
	d.shown = iso3
	d.Paragraphs, d.Trips, d.Routes = nil, nil, nil
	d.NoMention.SetText("")
	d.Roles.SetText("")
	if iso3 == "" {
		d.country.Objects = nil
		d.country.Hide()
		d.box.Refresh()
		return
	}
	objs := []fyne.CanvasObject{widget.NewSeparator(), heading("In the article")}
	switch {
	case d.art == nil:
		d.NoMention.SetText("The article could not be read: " + d.artErr.Error())
		objs = append(objs, d.NoMention)
	default:
		d.Paragraphs = paragraphs(d.art, iso3)
		for _, p := range d.Paragraphs {
			objs = append(objs, p)
		}
		if len(d.Paragraphs) == 0 {
			d.NoMention.SetText("The article does not mention " + d.atlas.Name(iso3) + ".")
			objs = append(objs, d.NoMention)
		}
	}

	roles := article.Roles(iso3, d.atlas.Story, d.art)
	if len(roles) == 0 {
		d.Roles.SetText("No role in the story.")
	} else {
		d.Roles.SetText(strings.Join(roles, "\n"))
	}
	objs = append(objs, heading("Role in the story"), d.Roles)

	st := d.atlas.Story
	for i := range st.Trips {
		if t := &st.Trips[i]; t.Traveller == story.Putin && t.To.ISO3 == iso3 {
			d.Trips = append(d.Trips, d.link(scene.TripTitle(t), geo.Hit{Kind: geo.HitTrip, ID: t.ID}))
		}
	}
	if len(d.Trips) > 0 {
		objs = append(objs, heading("Putin's trips here"))
		for _, l := range d.Trips {
			objs = append(objs, l)
		}
	}
	for i := range st.Corridors {
		c := &st.Corridors[i]
		if !slices.Contains(c.Countries, iso3) {
			continue
		}
		kind := geo.HitCorridor
		if c.IsLink() {
			kind = geo.HitLink
		}
		d.Routes = append(d.Routes, d.link(c.Name, geo.Hit{Kind: kind, ID: c.ID}))
	}
	if len(d.Routes) > 0 {
		objs = append(objs, heading("Corridors and energy links through it"))
		for _, l := range d.Routes {
			objs = append(objs, l)
		}
	}
	d.country.Objects = objs
	d.country.Show()
	d.box.Refresh() // lays the new rows out at the panel's width
}

// link is a wrapping link titled text that selects h when tapped.
func (d *Details) link(text string, h geo.Hit) *widget.Hyperlink {
	l := widget.NewHyperlink(text, nil)
	l.Wrapping = fyne.TextWrapWord
	l.OnTapped = func() {
		if d.OnSelectMark != nil {
			d.OnSelectMark(h)
			return
		}
		d.ShowMark(h, icc.ArticleDate)
	}
	return l
}

// paragraphs renders the paragraphs of a that mention country iso3, in
// text order, each a wrapping RichText with the mentions of iso3 in bold.
func paragraphs(a *article.Article, iso3 string) []*widget.RichText {
	var out []*widget.RichText
	occ := a.ByCountry(iso3)
	for i := 0; i < len(occ); {
		n := occ[i].Paragraph
		var ms []article.Mention
		for ; i < len(occ) && occ[i].Paragraph == n; i++ {
			ms = append(ms, occ[i].Mention)
		}
		out = append(out, paragraph(a.Paragraphs[n-1], ms))
	}
	return out
}

// paragraph is p's text as a wrapping RichText, preceded by its number,
// with the mentions ms (in order, not overlapping) in bold.
func paragraph(p article.Paragraph, ms []article.Mention) *widget.RichText {
	r := []rune(p.Text)
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: fmt.Sprintf("¶%d  ", p.Number), Style: widget.RichTextStyleInline}}
	plain := func(s string) {
		if s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline})
		}
	}
	at := 0
	for _, m := range ms {
		if m.Start < at || m.End > len(r) {
			continue // not expected: ByCountry's mentions are ordered and inside the text
		}
		// The space before a mention goes with it: a segment that holds no
		// space cannot be wrapped as a word, and would be broken letter by
		// letter at the end of a line.
		start := m.Start
		if start > at && r[start-1] == ' ' {
			start--
		}
		plain(string(r[at:start]))
		segs = append(segs, &widget.TextSegment{Text: string(r[start:m.End]), Style: widget.RichTextStyleStrong})
		at = m.End
	}
	plain(string(r[at:]))
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// heading is a section title of the panel.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}
